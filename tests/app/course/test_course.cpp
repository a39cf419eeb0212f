// The course: the bundled list of lessons loads and every lesson in it validates, speaks
// English and French, and opens; a broken course file is reported with the place of each
// problem; the dialog lists the lessons in teaching order and picks up where the class left
// off; the Lesson toolbar's keys drive the lesson panel.

#include <QAction>
#include <QApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolBar>
#include <QTreeWidget>
#include <QtTest>

#include "comparison_window.h"
#include "course.h"
#include "lesson_panel.h"
#include "lessons_dialog.h"
#include "main_window.h"
#include "scenario_session.h"

using namespace clusterscope;
using namespace clusterscope::app;

namespace {

const QString kScenarioDir = QStringLiteral(CLUSTERSCOPE_SCENARIO_DIR);

QString writeCourse(const QTemporaryDir& dir, const QByteArray& json) {
  const QString path = dir.filePath("course.json");
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) return {};
  f.write(json);
  return path;
}

bool hasLanguage(const model::LocalText& text, const std::string& language) {
  const auto& v = text.variants();
  return std::any_of(v.begin(), v.end(), [&](const auto& t) { return t.language == language; });
}

long comparisonWindows() {
  const QWidgetList windows = QApplication::topLevelWidgets();
  return std::count_if(windows.begin(), windows.end(), [](QWidget* widget) {
    return qobject_cast<ComparisonWindow*>(widget) != nullptr && widget->isVisible();
  });
}

QStringList lessonTitles(const LessonsDialog& d) {
  QStringList out;
  for (QTreeWidgetItemIterator it(d.list()); *it; ++it) {
    if (!(*it)->data(0, Qt::UserRole).toString().isEmpty()) out << (*it)->text(0);
  }
  return out;
}

}  // namespace

class CourseTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName("ClusterScopeTests");
  }
  void init() { QSettings().clear(); }

  // The file in the source tree and its bundled copy are the same course, and every lesson of
  // it is a valid scenario with its texts in both languages.
  void bundledCourseIsCompleteInBothLanguages() {
    const CourseLoad fromSource = loadCourse(kScenarioDir + "/course/course.json", kScenarioDir);
    QVERIFY2(fromSource.ok(), qPrintable(fromSource.errors.join('\n')));
    const CourseLoad bundled = bundledCourse();
    QVERIFY2(bundled.ok(), qPrintable(bundled.errors.join('\n')));
    QCOMPARE(bundled.course.lessons().size(), fromSource.course.lessons().size());
    QVERIFY(bundled.course.parts.size() >= 3);
    for (const CoursePart& part : bundled.course.parts) {
      QVERIFY(hasLanguage(part.title, "fr"));
      QVERIFY(part.title.in("fr") != part.title.in("en"));
    }
    for (const CourseLesson* lesson : bundled.course.lessons()) {
      for (const model::LocalText* text : {&lesson->title, &lesson->shows}) {
        QVERIFY2(hasLanguage(*text, "en") && hasLanguage(*text, "fr"), qPrintable(lesson->id));
      }
      QVERIFY2(lesson->durationS > 0, qPrintable(lesson->id));
    }
  }

  void textsFallBackToEnglishThenToTheFirstLanguage() {
    const auto both = model::LocalText::translated({{"en", "Cache"}, {"fr", "Cache (fr)"}});
    QCOMPARE(courseText(both, "fr"), QString("Cache (fr)"));
    QCOMPARE(courseText(both, "de"), QString("Cache"));
    QCOMPARE(courseText(model::LocalText::translated({{"fr", "Seulement"}}), "en"),
             QString("Seulement"));
  }

  void brokenCourseFilesSayWhereAndWhy() {
    QTemporaryDir dir;
    struct Case {
      QByteArray json;
      QString expected;
    };
    const QList<Case> cases = {
        {"not json", "offset"},
        {R"({"parts": []})", "/parts: a course needs at least one part"},
        {R"({"parts": [{"title": "P", "lessons": []}]})", "/parts/0/lessons: a part needs"},
        {R"({"parts": [{"title": "P", "lessons": [{"file": "nowhere.json", "title": "T",
            "shows": "S"}]}]})",
         "/parts/0/lessons/0/file: no such scenario"},
        {R"({"parts": [{"title": "P", "lessons": [{"file": "mm1.json", "title": {},
            "shows": "S"}]}]})",
         "/parts/0/lessons/0/title: expected a text"},
        {R"({"parts": [{"title": "P", "lessons": [{"file": "mm1.json", "title": "T",
            "shows": "S", "open": "teleport"}]}]})",
         "/parts/0/lessons/0/open: expected"},
        {R"({"parts": [{"title": "P", "lessons": [{"file": "mm1.json", "title": "T",
            "shows": "S"}, {"file": "mm1.json", "title": "T", "shows": "S"}]}]})",
         "/parts/0/lessons/1/file: listed twice"},
        {R"({"parts": [{"title": "P", "lessons": [{"file": "schema.json", "title": "T",
            "shows": "S"}]}]})",
         "does not validate"},
    };
    for (const Case& c : cases) {
      const CourseLoad r = loadCourse(writeCourse(dir, c.json), kScenarioDir);
      QVERIFY2(!r.ok(), c.json.constData());
      QVERIFY2(r.errors.join('\n').contains(c.expected), qPrintable(r.errors.join('\n')));
    }
  }

  void dialogListsTheLessonsInOrderAndResumesAfterTheLastOpened() {
    const CourseLoad& course = bundledCourse();
    QVERIFY(course.ok());
    const auto all = course.course.lessons();
    QVERIFY(all.size() >= 3);
    {
      LessonsDialog d(course.course, "en");
      const QStringList titles = lessonTitles(d);
      QCOMPARE(titles.size(), static_cast<qsizetype>(all.size()));
      QCOMPARE(titles.front(), "1. " + courseText(all.front()->title, "en"));
      QCOMPARE(d.selectedLesson(), all.front()->id);
    }
    LessonsDialog::rememberOpened(all[1]->id);
    LessonsDialog fr(course.course, "fr");
    QCOMPARE(fr.selectedLesson(), all[2]->id);
    QCOMPARE(lessonTitles(fr).at(2), "3. " + courseText(all[2]->title, "fr"));
    QSignalSpy chosen(&fr, &LessonsDialog::lessonChosen);
    QTest::keyClick(fr.list(), Qt::Key_Return);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.front().front().toString(), all[2]->id);
    QCOMPARE(LessonsDialog::lastOpenedLesson(), all[2]->id);
  }

  // Every simulated lesson of the course opens in the window, a pair with its comparison.
  void everySimulatedLessonOpens() {
    MainWindow w;
    w.setScenarioSession(new ScenarioSession(&w));
    w.show();
    const CourseLoad& course = bundledCourse();
    for (const CourseLesson* lesson : course.course.lessons()) {
      if (lesson->opening != CourseLesson::Opening::Simulate) continue;
      const auto comparisonsBefore = comparisonWindows();
      QVERIFY2(w.openLesson(lesson->id), qPrintable(lesson->id));
      QCOMPARE(w.currentFile(), lesson->file);
      const auto comparisons = comparisonWindows();
      QCOMPARE(comparisons - comparisonsBefore, lesson->compareWith.isEmpty() ? 0L : 1L);
      for (QWidget* widget : QApplication::topLevelWidgets()) {
        if (qobject_cast<ComparisonWindow*>(widget)) widget->close();
      }
      QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
    QVERIFY(!w.openLesson("no-such-lesson"));
  }

  // A pair opened from the course has the lesson beside both clusters: a question holds both
  // and Next lets both go on, so that they stay in step.
  void aPairsQuestionHoldsBothSides() {
    MainWindow w;
    w.setScenarioSession(new ScenarioSession(&w));
    w.show();
    QVERIFY(w.openLesson("scaling-monolith"));
    ComparisonWindow* pair = nullptr;
    for (QWidget* widget : QApplication::topLevelWidgets()) {
      if (auto* c = qobject_cast<ComparisonWindow*>(widget); c && c->isVisible()) pair = c;
    }
    QVERIFY(pair);
    // Each side is its own file's scenario.
    QTRY_VERIFY(pair->backendA()->description() && pair->backendB()->description());
    QCOMPARE(pair->backendA()->description()->name,
             std::string("Scaling the monolith: copy the whole server"));
    QTRY_VERIFY(pair->lesson()->stepCount() > 0);
    pair->setSpeed(40);
    pair->run();
    QTRY_VERIFY_WITH_TIMEOUT(pair->lesson()->waitingForRoom(), 20000);
    QTRY_COMPARE(pair->backendA()->runState(), RunState::Paused);
    QTRY_COMPARE(pair->backendB()->runState(), RunState::Paused);
    pair->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(pair));
    QTest::keyClick(pair, Qt::Key_PageDown);  // the clicker: the room has answered
    QVERIFY(!pair->lesson()->waitingForRoom());
    QTRY_VERIFY(pair->backendA()->runState() != RunState::Paused);
    QTRY_VERIFY(pair->backendB()->runState() != RunState::Paused);
    pair->close();
  }

  void lessonToolBarAndClickerKeysMoveThroughSteps() {
    MainWindow w;
    w.setScenarioSession(new ScenarioSession(&w));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.openScenario(":/scenarios/lesson-microservices.json"));
    QVERIFY(w.lessonToolBar());
    QTRY_VERIFY(w.lesson()->stepCount() > 2);
    QTRY_COMPARE(w.lesson()->currentStep(), 0);
    QTest::keyClick(&w, Qt::Key_PageDown);
    QCOMPARE(w.lesson()->currentStep(), 1);
    QTest::keyClick(&w, Qt::Key_PageDown);
    QTest::keyClick(&w, Qt::Key_PageUp);
    QCOMPARE(w.lesson()->currentStep(), 1);
    QVERIFY(w.showLessons());
  }
};

QTEST_MAIN(CourseTest)
#include "test_course.moc"
