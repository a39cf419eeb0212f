// Text-level problems: malformed JSON, size and depth limits, duplicate keys, positions in
// UTF-8 text, files that cannot be read, and how many errors one load reports.

#include <QDir>
#include <QtTest>

#include "scenario_test_helpers.h"

using namespace clusterscope::engine;
using namespace clusterscope::model;
using namespace clusterscope::engine::testing;

class ScenarioSyntaxTest : public QObject {
  Q_OBJECT

 private slots:
  void malformedJsonPointsAtTheFault() {
    QCOMPARE(errorsOf("{\"format\": 1,}"),
             QStringList{"1:14: /: invalid JSON: syntax error while parsing object key - "
                         "unexpected '}'; expected string literal"});
  }

  void malformedLiteralPointsAtItsStart() {
    QCOMPARE(errorsOf("{\n  \"format\": 1,\n  \"name\": tru\n}"),
             QStringList{"3:11: /: invalid JSON: syntax error while parsing value - "
                         "invalid literal"});
  }

  void truncatedDocument() {
    QCOMPARE(errorsOf("{\"services\": [1, 2"),
             QStringList{"1:19: /: invalid JSON: syntax error while parsing array - unexpected "
                         "end of input; expected ']'"});
    QCOMPARE(errorsOf(""), QStringList{"1:1: /: invalid JSON: syntax error while parsing value - "
                                       "unexpected end of input; expected '[', '{', or a literal"});
  }

  void controlCharacterInString() {
    QCOMPARE(
        errorsOf("{\"name\": \"a\tb\"}"),
        QStringList{"1:12: /: invalid JSON: syntax error while parsing value - invalid "
                    "string: control character U+0009 (HT) must be escaped to \\u0009 or \\t"});
  }

  void numberTooLargeForADouble() {
    QCOMPARE(errorsOf("{\"format\": 1,\n \"seed\": -2e400}"),
             QStringList{"2:10: /: number too large for a double"});
  }

  void nestingDeeperThan64IsRefusedBeforeParsing() {
    const std::string deep = "{\"a\":" + std::string(64, '[') + std::string(64, ']') + "}";
    QCOMPARE(errorsOf(deep), QStringList{"1:69: /: nesting deeper than 64 levels"});
    // Brackets inside strings do not count.
    const std::string inString = "{\"name\": \"" + std::string(100, '[') + "\"}";
    QVERIFY(!errorsOf(inString).join(' ').contains("nesting"));
    // 64 levels are parsed (and then rejected for what they are).
    const std::string ok = std::string(64, '[') + std::string(64, ']');
    QCOMPARE(errorsOf(ok), QStringList{"1:1: /: expected an object, got an array"});
  }

  void filesOver16MiBAreRefused() {
    const std::string huge(kMaxScenarioBytes + 1, ' ');
    QCOMPARE(errorsOf(huge),
             QStringList{"1:1: /: the file is larger than 16 MiB (16777217 bytes)"});
  }

  void duplicateKeyIsReportedAtTheSecondKey() {
    const std::string text = withServices(
        "    {\"name\": \"api\", \"replicas\": 1, \"service_time_ms\": 1, \"replicas\": 2}");
    QCOMPARE(errorsOf(text), QStringList{"7:58: /services/0/replicas: duplicate key \"replicas\""});
  }

  void duplicateKeyWithEscapes() {
    // Keys compare after unescaping; the pointer escapes "/" and "~" (RFC 6901).
    QVERIFY(errorsOf("{\"a/b~\": 1, \"a\\/b\\u007e\": 2}")
                .contains("1:13: /a~1b~0: duplicate key \"a/b~\""));
  }

  void columnsCountCodePoints() {
    // "é", "ü" and "€" are 2, 2 and 3 bytes: the key is at byte 44 but code point 40.
    const std::string text = withServices(
        "    {\"name\": \"api\", \"language\": \"éü€\", \"bogus\": 1, \"service_time_ms\": 1}");
    QCOMPARE(errorsOf(text), QStringList{"7:40: /services/0/bogus: unknown key \"bogus\""});
  }

  void byteOrderMarkIsSkipped() {
    const std::string text = "\xEF\xBB\xBF" + withServices("    {\"name\": \"api\"}");
    QCOMPARE(errorsOf(text),
             QStringList{"7:5: /services/0: missing required key \"service_time_ms\""});
  }

  void topLevelMustBeAnObject() {
    QCOMPARE(errorsOf("  [1, 2]"), QStringList{"1:3: /: expected an object, got an array"});
    QCOMPARE(errorsOf("42"), QStringList{"1:1: /: expected an object, got a number"});
  }

  void emptyObjectListsEveryMissingKey() {
    QCOMPARE(errorsOf("{}"), (QStringList{
                                 "1:1: /: missing required key \"format\"",
                                 "1:1: /: missing required key \"name\"",
                                 "1:1: /: missing required key \"duration_s\"",
                                 "1:1: /: missing required key \"services\"",
                                 "1:1: /: missing required key \"workload\"",
                             }));
  }

  void unreadableFileGivesOneDiagnosticWithoutPosition() {
    const LoadResult r = loadScenarioFile("/nonexistent/dir/x.json");
    QVERIFY(!r.ok());
    QCOMPARE(r.errors.size(), std::size_t{1});
    QCOMPARE(r.errors[0].line, 0);
    QCOMPARE(QString::fromStdString(r.errors[0].format()),
             QString("/nonexistent/dir/x.json: cannot read the file: No such file or directory"));
    const LoadResult dir = loadScenarioFile(CLUSTERSCOPE_TEST_DATA_DIR);
    QCOMPARE(dir.errors.size(), std::size_t{1});
    QVERIFY(dir.errors[0].message.find("directory") != std::string::npos);
  }

  void loadsFilesAndNamesThemInDiagnostics() {
    const LoadResult ok = loadScenarioFile(dataFile("minimal.json"));
    QVERIFY(ok.ok());
    QCOMPARE(ok.scenario->name, std::string("Minimal"));
    const LoadResult bad = loadScenarioFile(dataFile("invalid/unknown_key.json"));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.errors[0].file, dataFile("invalid/unknown_key.json"));
  }

  void diagnosticFormat() {
    const Diagnostic root{"f.json", 2, 5, "", "bad"};
    QCOMPARE(QString::fromStdString(root.format()), QString("f.json:2:5: /: bad"));
    const Diagnostic deep{"f.json", 3, 1, "/services/0/name", "bad"};
    QCOMPARE(QString::fromStdString(deep.format()), QString("f.json:3:1: /services/0/name: bad"));
    const Diagnostic nowhere{"f.json", 0, 0, "", "cannot read"};
    QCOMPARE(QString::fromStdString(nowhere.format()), QString("f.json: cannot read"));
  }

  void severalErrorsAreReportedInFileOrder() {
    // Found in a different order (parsing, then duplicate keys, then cross-checks): reported
    // sorted by position.
    const std::string text = withServices(
        "    {\"name\": \"api\", \"service_time_ms\": 1, \"calls\": [{\"to\": \"db\"}]},\n"
        "    {\"name\": \"db\", \"service_time_ms\": -1, \"calls\": [{\"to\": \"api\"}], "
        "\"name\": \"db\"}",
        "  \"seed\": \"x\"");
    QCOMPARE(errorsOf(text),
             (QStringList{
                 "8:39: /services/1/service_time_ms: must be between 0 and 1000000000, got -1",
                 "8:53: /services/1/calls/0: sync calls form a cycle: api -> db "
                 "-> api",
                 "8:69: /services/1/name: duplicate key \"name\"",
                 "10:11: /seed: expected an integer, got a string",
             }));
  }

  void errorListIsCappedWithACount() {
    std::string members;
    for (int i = 0; i < 150; ++i) members += ", \"k" + std::to_string(i) + "\": 0";
    const std::string text =
        "{\"format\": 1, \"name\": \"t\", \"duration_s\": 1, \"services\": [{\"name\": \"a\", "
        "\"service_time_ms\": 1}], \"workload\": {\"entry\": \"a\", \"rate_rps\": 1}" +
        members + "}";
    const LoadResult r = load(text);
    QCOMPARE(r.errors.size(), kMaxScenarioErrors + 1);
    QCOMPARE(QString::fromStdString(r.errors.back().format()),
             QString("test.json: 50 more errors not shown"));
    QCOMPARE(QString::fromStdString(r.errors.front().message), QString("unknown key \"k0\""));
  }

  void longArraysAreRefusedUnread() {
    std::string steps;
    for (int i = 0; i <= 100000; ++i) steps += i == 0 ? "{}" : ",{}";
    QCOMPARE(errorsOf(withServices("    {\"name\": \"api\", \"service_time_ms\": 1}",
                                   "  \"lesson\": [" + steps + "]")),
             QStringList{"9:13: /lesson: too many entries: 100001 (the limit is 100000)"});
  }

  void theEarliestErrorsAreShown() {
    // Discovered in another order (members are visited sorted by key): shown by position.
    std::string members;
    for (int i = 0; i < 150; ++i) members += ", \"z" + std::to_string(149 - i) + "\": 0";
    const LoadResult r = load("{\"format\": 1" + members + "}");
    QCOMPARE(r.errors.size(), kMaxScenarioErrors + 1);
    // Four missing keys at 1:1, then the unknown keys in file order.
    QCOMPARE(QString::fromStdString(r.errors[4].format()),
             QString("test.json:1:15: /z149: unknown key \"z149\""));
    QCOMPARE(QString::fromStdString(r.errors[99].format()),
             QString("test.json:1:1015: /z54: unknown key \"z54\""));
    QCOMPARE(QString::fromStdString(r.errors.back().message), QString("54 more errors not shown"));
  }

  void invalidExamplesAreRejected() {
    // The documents the schema test also rejects: the loader must agree.
    const QDir dir(QString(CLUSTERSCOPE_TEST_DATA_DIR) + "/invalid");
    const QStringList files = dir.entryList({"*.json"}, QDir::Files);
    QVERIFY(files.size() >= 4);
    for (const QString& file : files) {
      const LoadResult r = loadScenarioFile(dir.filePath(file).toStdString());
      QVERIFY2(!r.ok(), qPrintable(file));
    }
  }
};

QTEST_APPLESS_MAIN(ScenarioSyntaxTest)
#include "test_scenario_syntax.moc"
