// What a diagnostic may show: each one is a single line that cannot drive a terminal
// (control characters from the file escaped), of bounded length (long keys and values cut),
// at its own place (each repeated key), about a file that can be read without blocking.

#include <sys/stat.h>

#include <QTemporaryDir>
#include <QtTest>

#include "printable_text.h"
#include "scenario_test_helpers.h"

using namespace clusterscope::engine;
using namespace clusterscope::engine::testing;

namespace {

bool isOneSafeLine(const QString& line) {
  for (const QChar c : line) {
    const char16_t u = c.unicode();
    if (u < 0x20 || (u >= 0x7F && u <= 0x9F) || u == 0x2028 || u == 0x2029) return false;
  }
  return true;
}

}  // namespace

class ScenarioMessagesTest : public QObject {
  Q_OBJECT

 private slots:
  void printableTextEscapesWhatATerminalWouldObey() {
    QCOMPARE(printableText("a\nb\tc\rd"), std::string("a\\nb\\tc\\rd"));
    QCOMPARE(printableText(std::string("esc\x1b[31m bel\x07 nul", 17) + std::string(1, '\0')),
             std::string("esc\\u001b[31m bel\\u0007 nul\\u0000"));
    QCOMPARE(printableText("del\x7f c1\xc2\x9b sep\xe2\x80\xa8"),
             std::string("del\\u007f c1\\u009b sep\\u2028"));
    // Not UTF-8: the 8-bit CSI byte alone, a truncated sequence, an overlong "/".
    QCOMPARE(printableText("\x9b \xe2\x82 \xc0\xaf"), std::string("\\x9b \\xe2\\x82 \\xc0\\xaf"));
    // Any other UTF-8 stays as it is.
    QCOMPARE(printableText("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x9a\x80"),
             std::string("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x9a\x80"));
  }

  void shortenedTextCutsOnACharacter() {
    QCOMPARE(shortenedText("abc", 3), std::string("abc"));
    QCOMPARE(shortenedText("abcd", 3), std::string("abc..."));
    QCOMPARE(shortenedText("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 2),
             std::string("\xc3\xa9\xc3\xa9..."));
  }

  void controlCharactersFromTheFileAreEscaped() {
    const std::string text = withServices(
        "    {\"name\": \"api\", \"service_time_ms\": 1, \"bad\\u001b[2Jkey\\n\": 1,\n"
        "     \"lb\": \"round\\u0007robin\"}");
    const QStringList errors = errorsOf(text);
    QCOMPARE(errors,
             (QStringList{
                 "7:43: /services/0/bad\\u001b[2Jkey\\n: unknown key \"bad\\u001b[2Jkey\\n\"",
                 "8:12: /services/0/lb: unknown lb policy \"round\\u0007robin\" (did you mean "
                 "\"round_robin\"?)",
             }));
    for (const QString& e : errors) QVERIFY2(isOneSafeLine(e), qPrintable(e));
  }

  void aFileNameIsEscapedToo() {
    const LoadResult r = loadScenarioFile("/nonexistent/\x1b]0;title\x07.json");
    QCOMPARE(QString::fromStdString(r.errors.at(0).format()),
             QString("/nonexistent/\\u001b]0;title\\u0007.json: cannot read the file: No such file "
                     "or directory"));
  }

  void eachRepeatedKeyAtItsOwnPlace() {
    const std::string text = withServices("    {\"name\": \"api\", \"service_time_ms\": 1}",
                                          "  \"x\": 1,\n  \"x\": 2,\n  \"x\": 3");
    QCOMPARE(errorsOf(text), (QStringList{
                                 "10:3: /x: duplicate key \"x\"",
                                 "11:3: /x: duplicate key \"x\"",
                                 "11:3: /x: unknown key \"x\"",
                             }));
  }

  void longKeysAndValuesAreCut() {
    // A 1 MB key used to be printed in full twice (in the pointer and in the message).
    const std::string key(1'000'000, 'k');
    const std::string metric(100'000, 'm');
    const std::string text = withServices(
        "    {\"name\": \"api\", \"service_time_ms\": 1}",
        "  \"" + key + "\": 1,\n  \"expect\": [{\"metric\": \"" + metric + "\", \"max\": 1}]");
    const QStringList errors = errorsOf(text);
    QCOMPARE(errors.size(), 2);
    const std::string cut = std::string(64, 'k') + "...";
    QCOMPARE(errors[0], QString::fromStdString("9:3: /" + cut + ": unknown key \"" + cut + "\""));
    QVERIFY2(errors[1].size() < 300, qPrintable(errors[1].left(300)));
    QVERIFY(errors[1].contains("unknown metric \"" + QString(64, 'm') + "...\""));
  }

  void onlyRegularFilesAreRead() {
    QTemporaryDir dir;
    const std::string fifo = dir.filePath("pipe.json").toStdString();
    QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
    QElapsedTimer wall;
    wall.start();
    // Nobody writes to it: opening it for reading used to block for ever.
    const LoadResult r = loadScenarioFile(fifo);
    QVERIFY(wall.elapsed() < 5000);
    QCOMPARE(QString::fromStdString(r.errors.at(0).format()),
             QString::fromStdString(fifo + ": cannot read the file: it is a pipe, not a regular "
                                           "file"));
    const LoadResult device = loadScenarioFile("/dev/zero");
    QCOMPARE(device.errors.at(0).message,
             std::string("cannot read the file: it is a device, not a regular file"));
  }
};

QTEST_GUILESS_MAIN(ScenarioMessagesTest)
#include "test_scenario_messages.moc"
