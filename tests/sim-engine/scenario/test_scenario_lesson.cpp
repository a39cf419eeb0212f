// Lesson steps: texts in several languages, and "predict, then run" questions (their windows,
// choices, answer and metric), with the loader's errors for each mistake.

#include <QtTest>

#include "scenario_test_helpers.h"

using namespace clusterscope::engine;
using namespace clusterscope::model;
using namespace clusterscope::engine::testing;

namespace {

// A scenario (services web -> catalog -> payment, 200 s) whose one lesson step, at 80 s, has
// `question` as its question. The question's members start on line 8.
std::string withQuestion(std::string_view question, std::string_view title = "\"Step\"") {
  std::string text =
      "{\n"
      "  \"format\": 1, \"name\": \"t\", \"duration_s\": 200,\n"
      "  \"services\": [{\"name\": \"web\", \"service_time_ms\": 1, \"calls\": [{\"to\": "
      "\"catalog\"}]},\n"
      "               {\"name\": \"catalog\", \"service_time_ms\": 1}],\n"
      "  \"workload\": {\"entry\": \"web\", \"rate_rps\": 10},\n"
      "  \"lesson\": [{\"at_s\": 80, \"title\": ";
  text += title;
  text += ",\n    \"question\": {\n";
  text += question;
  text += "\n}}]\n}\n";
  return text;
}

// `text` with its first `what` replaced by `with`.
std::string replaced(std::string text, std::string_view what, std::string_view with) {
  const auto at = text.find(what);
  if (at == std::string::npos) qFatal("no \"%s\" in the text", std::string(what).c_str());
  return text.replace(at, what.size(), with);
}

// The members of a valid question, with `replace` put in place of `what` (one occurrence).
std::string question(std::string_view what = {}, std::string_view replace = {}) {
  std::string q =
      "  \"text\": {\"en\": \"What happens?\", \"fr\": \"Que se passe-t-il ?\"},\n"
      "  \"metric\": \"services.catalog.latency_ms.p95\",\n"
      "  \"before_s\": [60, 90], \"between_s\": [100, 130],\n"
      "  \"choices\": [{\"text\": \"A\", \"max\": 50}, {\"text\": \"B\", \"min\": 50, \"max\": "
      "1000}, {\"text\": \"C\", \"min\": 1000}],\n"
      "  \"answer\": 2";
  return what.empty() ? q : replaced(q, what, replace);
}

}  // namespace

class ScenarioLessonTest : public QObject {
  Q_OBJECT

 private slots:
  void theExampleLoadsWithItsLanguagesAndQuestion() {
    const LoadResult r = loadScenarioFile(dataFile("lesson_question.json"));
    QVERIFY2(r.ok(), qPrintable(errorLines(r).join('\n')));
    const auto& lesson = r.scenario->lesson;
    QCOMPARE(lesson.size(), std::size_t{2});
    QVERIFY(lesson[0].title.plain());
    QCOMPARE(lesson[0].title.in("fr"), std::string("A plain title"));
    QVERIFY(!lesson[0].question);
    const LessonStep& s = lesson[1];
    QVERIFY(!s.title.plain());
    QCOMPARE(s.title.in("fr"), std::string("Le paiement ralentit"));
    QCOMPARE(s.title.in("en"), std::string("Payment slows down"));
    QCOMPARE(s.title.in("de"), std::string("Payment slows down"));  // falls back to English
    QVERIFY(s.text.plain());
    QVERIFY(s.question.has_value());
    const LessonQuestion& q = *s.question;
    QCOMPARE(q.metric, std::string("services.catalog.latency_ms.p95"));
    QVERIFY(q.beforeS == std::make_pair(60.0, 90.0));
    QVERIFY(q.betweenS == std::make_pair(100.0, 130.0));
    QCOMPARE(q.choices.size(), std::size_t{3});
    QCOMPARE(q.answer, 2);
    QCOMPARE(q.choices[1].text.in("fr"), std::string("Entre 50 ms et 1 s"));
    // min <= v < max: the ranges tile.
    QVERIFY(q.choices[0].matches(49.9) && !q.choices[0].matches(50));
    QVERIFY(q.choices[1].matches(50) && !q.choices[1].matches(1000));
    QVERIFY(q.choices[2].matches(1000));
  }

  void aTextWithoutEnglishFallsBackToTheFirstGiven() {
    const LoadResult r = load(withQuestion(question(), "{\"fr\": \"Bonjour\", \"de\": \"Hallo\"}"));
    QVERIFY2(r.ok(), qPrintable(errorLines(r).join('\n')));
    const LocalText& t = r.scenario->lesson[0].title;
    QCOMPARE(t.in("de"), std::string("Hallo"));
    QCOMPARE(t.in("it"), std::string("Bonjour"));
  }

  void theWriterKeepsTheFormOfEachText() {
    const LoadResult r = loadScenarioFile(dataFile("lesson_question.json"));
    QVERIFY(r.ok());
    const std::string written = scenarioToJson(*r.scenario);
    QVERIFY(written.find("\"title\": \"A plain title\"") != std::string::npos);
    QVERIFY(written.find("\"fr\": \"Le paiement ralentit\"") != std::string::npos);
    const LoadResult again = loadScenarioText(written, "written.json");
    QVERIFY2(again.ok(), qPrintable(errorLines(again).join('\n')));
    QVERIFY(*again.scenario == *r.scenario);
    QCOMPARE(QString::fromStdString(scenarioToJson(*again.scenario)),
             QString::fromStdString(written));
  }

  void mistakesGiveOneClearError_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    const auto row = [](const char* name, const std::string& text, const char* error) {
      QTest::newRow(name) << QString::fromStdString(text) << QString(error);
    };
    row("three choices is fine, five is not",
        withQuestion(question("{\"text\": \"C\", \"min\": 1000}]",
                              "{\"text\": \"C\", \"min\": 1000, \"max\": 2000}, {\"text\": "
                              "\"D\", \"min\": 2000, \"max\": 3000}, {\"text\": \"E\", \"min\": "
                              "3000}]")),
        "/lesson/0/question/choices: a question needs 2 to 4 choices, got 5");
    row("one choice",
        withQuestion(replaced(question("\"answer\": 2", "\"answer\": 0"),
                              ", {\"text\": \"B\", \"min\": 50, \"max\": 1000}, {\"text\": "
                              "\"C\", \"min\": 1000}",
                              "")),
        "/lesson/0/question/choices: a question needs 2 to 4 choices, got 1");
    row("overlapping ranges", withQuestion(question("\"min\": 1000}", "\"min\": 900}")),
        "/lesson/0/question/choices/2: choices 1 and 2 overlap: [50, 1000) and [900, inf) (a "
        "choice matches min <= value < max)");
    row("answer out of range", withQuestion(question("\"answer\": 2", "\"answer\": 3")),
        "/lesson/0/question/answer: answer 3 is not a choice: choices are numbered from 0 to 2");
    row("between_s before at_s",
        withQuestion(question("\"before_s\": [60, 90], \"between_s\": [100, 130]",
                              "\"between_s\": [70, 130]")),
        "/lesson/0/question/between_s/0: the question is settled after it is asked: between_s "
        "must start at or after the step's at_s (80 s), got 70 s");
    row("between_s past the end", withQuestion(question("[100, 130]", "[100, 230]")),
        "/lesson/0/question/between_s/1: must be between 0 and 200, got 230");
    row("before_s overlapping between_s", withQuestion(question("[60, 90]", "[60, 110]")),
        "/lesson/0/question/before_s/1: before_s must end by the start of between_s (100 s), got "
        "110 s");
    row("unknown metric", withQuestion(question("latency_ms.p95", "latency_ms.p96")),
        "/lesson/0/question/metric: unknown metric \"services.catalog.latency_ms.p96\" (did you "
        "mean \"services.catalog.latency_ms.p95\"?)");
    row("bad language key", withQuestion(question("\"fr\": \"Que", "\"FR\": \"Que")),
        "/lesson/0/question/text/FR: language \"FR\" is not a two-letter lower-case code (e.g. "
        "\"en\", \"fr\")");
    row("empty text object", withQuestion(question(), "{}"),
        "/lesson/0/title: a text object needs at least one language, e.g. {\"en\": \"...\"}");
    row("a text of the wrong type", withQuestion(question("{\"text\": \"A\"", "{\"text\": 4")),
        "/lesson/0/question/choices/0/text: expected a string or an object of texts by language "
        "(e.g. {\"en\": \"...\", \"fr\": \"...\"}), got a number");
    row("a choice without bounds",
        withQuestion(question("{\"text\": \"A\", \"max\": 50}", "{\"text\": \"A\"}")),
        "/lesson/0/question/choices/0: a choice needs \"min\", \"max\" or both (it matches min <= "
        "value < max)");
    row("an unknown key", withQuestion(question("\"answer\": 2", "\"answers\": 2, \"answer\": 2")),
        "/lesson/0/question/answers: unknown key \"answers\" in a question (did you mean "
        "\"answer\"?)");
  }

  void mistakesGiveOneClearError() {
    QFETCH(QString, text);
    QFETCH(QString, error);
    const QStringList errors = errorLines(load(text.toStdString()));
    QVERIFY2(errors.size() == 1, qPrintable(errors.join('\n')));
    // "LINE:COL: /pointer: message": the place is the loader's usual one, the rest is pinned.
    const QString withoutPlace = errors[0].section(": ", 1);
    QCOMPARE(withoutPlace, error);
    QVERIFY2(errors[0].contains(QRegularExpression("^\\d+:\\d+: ")), qPrintable(errors[0]));
  }
};

QTEST_APPLESS_MAIN(ScenarioLessonTest)
#include "test_scenario_lesson.moc"
