// Lesson questions in the GUI with a real SimulationBackend: the run pauses at the question's
// step, goes on with Continue, and the panel states the measured answer (the figures the CLI
// gives) with a marker on the charts; a lesson without questions runs as before.

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

#include "charts_panel.h"
#include "lesson_panel.h"
#include "scenario_loader.h"
#include "scenario_run.h"
#include "simulation_backend.h"

using namespace clusterscope::app;
using namespace clusterscope::engine;
using namespace clusterscope::model;

namespace {

// front calls back; back slows down 20x at 20 s. The step at 15 s asks what front's p95 does
// over 25-35 s: it goes from 7 ms to 102 ms, choice B.
// (data/lesson-question.json)
Scenario lessonScenario() {
  auto r = loadScenarioFile(CLUSTERSCOPE_PANELS_DATA "/lesson-question.json");
  if (!r.ok()) qFatal("%s", r.errors.front().format().c_str());
  return *r.scenario;
}

double simSeconds(const SimulationBackend& b) {
  return b.lastSnapshot() ? toSeconds(b.lastSnapshot()->time) : -1;
}

QPushButton* button(const QWidget& panel, const char* name) {
  auto* b = panel.findChild<QPushButton*>(name);
  if (!b) qFatal("no %s", name);
  return b;
}

// Shown when the panel is (the test does not show it on screen).
bool shown(const QWidget& panel, const char* name) {
  return button(panel, name)->isVisibleTo(&panel);
}

// Loads `s` and, once it is loaded (paused at 0 s), runs it at `speed`; false when it did not
// load in time.
bool loadAndStart(SimulationBackend& b, const Scenario& s, double speed) {
  b.load(s);
  if (!QTest::qWaitFor([&] { return b.hasScenario() && b.runState() == RunState::Paused; }, 5000)) {
    return false;
  }
  b.setSpeed(speed);
  b.start();
  return true;
}

}  // namespace

class LessonQuestionsTest : public QObject {
  Q_OBJECT

 private slots:
  void theRunPausesForTheRoomThenShowsTheMeasuredAnswer() {
    const Scenario s = lessonScenario();
    SimulationBackend b;
    LessonPanel panel;
    panel.setLanguage("fr");
    ChartsPanel charts;
    panel.setBackend(&b);
    charts.addSource(&b, "simulation");
    QSignalSpy settled(&b, &ClusterBackend::questionSettled);
    QSignalSpy revealPossible(&panel, &LessonPanel::revealPossibleChanged);
    QVERIFY(loadAndStart(b, s, 20));

    // Held at the question, a moment after 15 s, with the choices A-C offered.
    QTRY_VERIFY_WITH_TIMEOUT(panel.waitingForRoom(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(b.runState(), RunState::Paused, 5000);
    QCOMPARE(panel.currentStep(), 1);
    QCOMPARE(panel.currentTitle(), QString("back ralentit"));
    const double heldAt = simSeconds(b);
    QVERIFY2(heldAt >= 15 && heldAt < 20, qPrintable(QString::number(heldAt)));
    QVERIFY(shown(panel, "lessonChoiceA"));
    QCOMPARE(button(panel, "lessonChoiceA")->text(), QString("A   Il reste sous 50 ms"));
    QVERIFY(shown(panel, "lessonChoiceC"));
    QVERIFY(!shown(panel, "lessonChoiceD"));  // three choices only
    QVERIFY(shown(panel, "lessonContinue"));
    QVERIFY(panel.answerText().isEmpty());

    // The room picks A, then changes its mind to B (highlighted); the run stays held.
    button(panel, "lessonChoiceA")->click();
    button(panel, "lessonChoiceB")->click();
    QCOMPARE(panel.pickedChoice(), 1);
    QVERIFY(button(panel, "lessonChoiceB")->isChecked());
    QVERIFY(!button(panel, "lessonChoiceA")->isChecked());
    QTest::qWait(300);
    QCOMPARE(simSeconds(b), heldAt);

    button(panel, "lessonContinue")->click();
    QVERIFY(!panel.waitingForRoom());
    QTRY_COMPARE_WITH_TIMEOUT(b.runState(), RunState::Running, 5000);
    QVERIFY(!shown(panel, "lessonContinue"));

    // Settled at 35 s: the answer from the measured figures, in words.
    QTRY_COMPARE_WITH_TIMEOUT(settled.count(), 1, 10000);
    const auto outcome = settled[0][1].value<QuestionOutcome>();
    QCOMPARE(settled[0][0].toInt(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!panel.answerText().isEmpty(), 5000);
    QCOMPARE(panel.answerText(),
             QString("front p95 went from 7 ms to 102 ms: answer B\nThe room chose B: right."));
    QVERIFY(button(panel, "lessonChoiceB")->text().endsWith("✓"));
    QVERIFY(revealPossible.isEmpty());  // shown as it settled: nothing left to reveal
    QTRY_VERIFY_WITH_TIMEOUT(charts.markerLabels().contains("answer B"), 5000);

    // The same figures as `clusterscope-cli run`.
    const RunOutcome cli = runScenario(s);
    QCOMPARE(cli.summary.questions.size(), std::size_t{1});
    QVERIFY(cli.summary.questions[0] == outcome);
    QCOMPARE(*outcome.before, 7.0);
    QCOMPARE(*outcome.value, 102.0);
    QCOMPARE(outcome.matching, std::optional<int>(1));
    QVERIFY(outcome.correct);
  }

  void revealWaitsForTheTeacherWhenAsked() {
    SimulationBackend b;
    LessonPanel panel;
    panel.setRevealOnSettle(false);
    panel.setBackend(&b);
    QSignalSpy revealPossible(&panel, &LessonPanel::revealPossibleChanged);
    QVERIFY(loadAndStart(b, lessonScenario(), 40));
    QTRY_VERIFY_WITH_TIMEOUT(panel.waitingForRoom(), 10000);
    panel.reveal();  // not settled yet: nothing to show
    QVERIFY(panel.answerText().isEmpty());
    panel.pickChoice(0);
    panel.continueRun();
    QTRY_COMPARE_WITH_TIMEOUT(revealPossible.count(), 1, 10000);
    QCOMPARE(revealPossible[0][0].toBool(), true);
    QVERIFY(panel.canReveal());
    QVERIFY(panel.answerText().isEmpty());
    panel.reveal();
    QCOMPARE(panel.answerText(),
             QString("front p95 went from 7 ms to 102 ms: answer B\nThe room chose A: wrong."));
    QCOMPARE(revealPossible.count(), 2);
    QCOMPARE(revealPossible[1][0].toBool(), false);
  }

  // A question at 0 s is on screen before the run starts: starting the run holds it at once,
  // before the cluster moves on; Continue then lets it run.
  void aQuestionAtTheStartHoldsTheRunWhenItStarts() {
    Scenario s = lessonScenario();
    s.lesson[1].atS = 0;  // asked before anything happens; its window (25-35 s) is unchanged
    s.lesson[0].atS = 0;
    SimulationBackend b;
    LessonPanel panel;
    panel.setBackend(&b);
    b.load(s);
    QTRY_VERIFY_WITH_TIMEOUT(b.hasScenario() && b.runState() == RunState::Paused, 5000);
    QTRY_COMPARE(panel.currentStep(), 1);
    QVERIFY(!panel.waitingForRoom());  // nothing to hold yet: the run has not started
    b.setSpeed(40);
    b.start();
    QTRY_VERIFY_WITH_TIMEOUT(panel.waitingForRoom(), 5000);
    QTRY_COMPARE(b.runState(), RunState::Paused);
    QVERIFY(simSeconds(b) < 1.0);
    // The question is in view above its choices, apart from the step's text.
    auto* question = panel.findChild<QLabel*>("lessonQuestion");
    QVERIFY(question && question->isVisibleTo(&panel));
    QCOMPARE(question->text(), QString::fromStdString(s.lesson[1].question->text.in("en")));
    panel.continueRun();
    QTRY_COMPARE_WITH_TIMEOUT(b.runState(), RunState::Finished, 10000);
    QVERIFY(!panel.waitingForRoom());
    QVERIFY(panel.answerText().contains("answer B"));
  }

  // The lessons explain a question in the step after it: when the question settles there,
  // the answer shows on that step, under the question it answers.
  void anAnswerShowsOnTheStepThatExplainsIt() {
    Scenario s = lessonScenario();
    LessonStep explain;
    explain.atS = 22;
    explain.title = "Why";
    explain.text = "Every caller holds a worker while it waits.";
    s.lesson.push_back(explain);
    SimulationBackend b;
    LessonPanel panel;
    panel.setBackend(&b);
    QVERIFY(loadAndStart(b, s, 40));
    QTRY_VERIFY_WITH_TIMEOUT(panel.waitingForRoom(), 10000);
    panel.pickChoice(1);
    panel.continueRun();
    QTRY_COMPARE_WITH_TIMEOUT(b.runState(), RunState::Finished, 10000);
    QCOMPARE(panel.currentStep(), 2);
    QVERIFY2(panel.answerText().contains("front p95 went from 7 ms to 102 ms: answer B"),
             qPrintable(panel.answerText()));
    QVERIFY(panel.answerText().contains("The room chose B: right."));
  }

  // Two questions whose windows end together (bundled microservices.json: the failed share over
  // 61-90 s, asked at 60 s, and the p95 over 65-90 s, asked at 65 s): the steps after them,
  // which explain both, show both answers in question order, in presenter mode too. Held for
  // the teacher, one Reveal shows both.
  void answersThatSettleTogetherShowTogether() {
    const auto loaded = loadScenarioFile(CLUSTERSCOPE_SCENARIO_DIR "/microservices.json");
    QVERIFY(loaded.ok());
    const Scenario& s = *loaded.scenario;
    QCOMPARE(s.lesson.size(), std::size_t{5});
    QVERIFY(s.lesson[1].question && s.lesson[2].question);
    QCOMPARE(s.lesson[1].question->betweenS.second, 90.0);
    QCOMPARE(s.lesson[2].question->betweenS.second, 90.0);
    QCOMPARE(s.lesson[4].atS, 90.0);
    const QString first = QString::fromStdString(s.lesson[1].question->text.in("en"));
    const QString second = QString::fromStdString(s.lesson[2].question->text.in("en"));

    for (const bool revealOnSettle : {true, false}) {
      SimulationBackend b;
      LessonPanel panel;
      panel.setRevealOnSettle(revealOnSettle);
      panel.setBackend(&b);
      QSignalSpy settled(&b, &ClusterBackend::questionSettled);
      QVERIFY(loadAndStart(b, s, 40));
      // Each question holds the run; the room answers A to the first, B to the second.
      QTRY_VERIFY_WITH_TIMEOUT(panel.waitingForRoom(), 10000);
      QCOMPARE(panel.currentStep(), 1);
      panel.pickChoice(0);
      panel.continueRun();
      QTRY_VERIFY_WITH_TIMEOUT(panel.waitingForRoom(), 10000);
      QCOMPARE(panel.currentStep(), 2);
      panel.pickChoice(1);
      panel.continueRun();
      QTRY_COMPARE_WITH_TIMEOUT(b.runState(), RunState::Finished, 20000);
      QCOMPARE(settled.count(), 2);
      QCOMPARE(panel.currentStep(), 4);

      if (!revealOnSettle) {
        QVERIFY(panel.answerText().isEmpty());
        QVERIFY(panel.canReveal());
        panel.reveal();
        QVERIFY(!panel.canReveal());
      }
      const QString text = panel.answerText();
      QVERIFY2(text.contains(first) && text.contains(second), qPrintable(text));
      QVERIFY2(text.indexOf(first) < text.indexOf(second), qPrintable(text));
      QVERIFY2(text.count("answer A") == 2, qPrintable(text));  // both measured A
      QVERIFY2(
          text.contains("The room chose A: right.") && text.contains("The room chose B: wrong."),
          qPrintable(text));

      // The step between them and the explanation (75 s) shows both too; the second question's
      // own step shows only its own answer.
      panel.previous();
      QCOMPARE(panel.currentStep(), 3);
      QCOMPARE(panel.answerText(), text);
      panel.previous();
      QCOMPARE(panel.currentStep(), 2);
      QVERIFY2(panel.answerText().contains("The room chose B: wrong.") &&
                   !panel.answerText().contains("The room chose A"),
               qPrintable(panel.answerText()));
      panel.next();
      panel.next();
      QCOMPARE(panel.currentStep(), 4);

      // Presenter mode: the same answers, in large type, not cut.
      panel.setPresenterMode(true);
      panel.resize(600, 800);
      panel.QWidget::show();  // LessonPanel::show(int) shows a step
      QVERIFY(QTest::qWaitForWindowExposed(&panel));
      QCOMPARE(panel.answerText(), text);
      auto* answer = panel.findChild<QLabel*>("lessonAnswer");
      QVERIFY(answer && answer->isVisible());
      QVERIFY2(answer->height() >= answer->heightForWidth(answer->width()),
               qPrintable(QString("%1 < %2")
                              .arg(answer->height())
                              .arg(answer->heightForWidth(answer->width()))));
    }
  }

  void aLessonWithoutQuestionsRunsThrough() {
    Scenario s = lessonScenario();
    s.lesson[1].question.reset();
    SimulationBackend b;
    LessonPanel panel;
    panel.setBackend(&b);
    QSignalSpy settled(&b, &ClusterBackend::questionSettled);
    QVERIFY(loadAndStart(b, s, 40));
    QTRY_COMPARE_WITH_TIMEOUT(b.runState(), RunState::Finished, 10000);
    QCOMPARE(panel.currentStep(), 1);
    QVERIFY(!panel.waitingForRoom());
    QVERIFY(!shown(panel, "lessonChoiceA"));
    QVERIFY(!shown(panel, "lessonContinue"));
    QVERIFY(panel.answerText().isEmpty());
    QCOMPARE(settled.count(), 0);
  }
};

QTEST_MAIN(LessonQuestionsTest)
#include "test_lesson_questions.moc"
