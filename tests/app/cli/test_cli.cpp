// clusterscope-cli as a user runs it: the real executable in a child process, its exit codes,
// its messages and the files it writes.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_process.h"

namespace {

using Result = clusterscope::testing::CliResult;

Result cli(const QStringList& args) { return clusterscope::testing::runCliProcess(args); }

QString data(const char* name) { return clusterscope::testing::cliData(name); }

QJsonObject readJson(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(f.readAll()).object();
}

}  // namespace

class CliTest : public QObject {
  Q_OBJECT

 private slots:
  void helpAndVersion() {
    auto r = cli({"--help"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("validate FILE"));
    QVERIFY(r.out.contains("exit status: 0 ok, 1 an expect claim or a lesson question failed"));
    QVERIFY(r.out.contains("2 invalid input or the run stopped early"));
    r = cli({"--version"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith("clusterscope-cli "));
    // Each command has its own help, with every option it takes and none it does not.
    r = cli({"run", "--help"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("Usage: clusterscope-cli run [OPTIONS] FILE"));
    for (const char* option : {"--seed N", "--duration S", "--mode sync|async",
                               "--summary OUT.json", "--csv OUT.csv", "--no-progress"}) {
      QVERIFY2(r.out.contains(option), option);
    }
    r = cli({"compare", "--help"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(!r.out.contains("--mode"));
    QCOMPARE(cli({"help"}).exitCode, 0);
  }

  void validateGoodAndBad() {
    auto r = cli({"validate", data("small-chain.json")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("small-chain.json: ok"));
    r = cli({"validate", data("small-chain.json"), data("invalid.json")});
    QCOMPARE(r.exitCode, 2);
    // FILE:LINE:COL: /json/pointer: message, for each problem.
    QVERIFY2(r.err.contains(data("invalid.json") + ":6:36: /services/0/replicass: unknown key"),
             qPrintable(r.err));
    QVERIFY2(r.err.contains(":9:45: /workload/rate_rps: must be between 0 and"), qPrintable(r.err));
    QVERIFY(r.err.contains("replicas"));  // the suggestion
  }

  void missingAndGarbageFiles() {
    auto r = cli({"validate", data("no-such-file.json")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("no-such-file.json"));
    QTemporaryDir dir;
    QFile garbage(dir.filePath("garbage.json"));
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write(QByteArray("\x00\xff{[\"\x01", 7));
    garbage.close();
    r = cli({"run", garbage.fileName()});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("garbage.json:1:"));
  }

  void runPrintsASummaryAndChecksClaims() {
    auto r = cli({"run", data("small-chain.json")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("Small chain"));
    QVERIFY(r.out.contains("front"));
    QVERIFY(r.out.contains("ok      services.back.utilization"));
    r = cli({"run", data("failing-claim.json")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("claim failed: requests.latency_ms.p50"), qPrintable(r.err));
    QVERIFY(!r.err.contains("claim failed: requests.failed_ratio"));  // that one holds
  }

  void lessonQuestionsAreCheckedLikeClaims() {
    // Back slows down at 20 s; front's p95 goes from 7 ms to 102 ms: choice B (50 ms to 1 s).
    auto r = cli({"run", data("lesson-question.json")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("\nquestions\n  Q1 at 15 s: services.front.latency_ms.p95 went from 7 "
                            "(5-15 s) to 102 (25-40 s): answer B, marked B: ok\n"),
             qPrintable(r.out));
    QVERIFY(!r.err.contains("question failed"));
    // The same lesson marking A is wrong: exit 1, like a failed claim.
    QTemporaryDir dir;
    const QString summary = dir.filePath("summary.json");
    r = cli({"run", data("lesson-question-wrong.json"), "--summary", summary});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("question failed: Q1 at 15 s: services.front.latency_ms.p95 went from "
                            "7 (5-15 s) to 102 (25-40 s): answer B, marked A: FAILED"),
             qPrintable(r.err));
    const QJsonArray questions = readJson(summary)["questions"].toArray();
    QCOMPARE(questions.size(), 1);
    const QJsonObject q = questions[0].toObject();
    QCOMPARE(q["step"].toInt(), 1);
    QCOMPARE(q["before"].toDouble(), 7.0);
    QCOMPARE(q["value"].toDouble(), 102.0);
    QCOMPARE(q["measured_choice"].toInt(), 1);
    QCOMPARE(q["answer"].toInt(), 0);
    QCOMPARE(q["correct"].toBool(), false);
  }

  void summaryAndCsvFiles() {
    QTemporaryDir dir;
    const QString summary = dir.filePath("out.json");
    const QString csv = dir.filePath("out.csv");
    auto r = cli({"run", data("small-chain.json"), "--seed", "9", "--duration=20", "--summary",
                  summary, "--csv", csv, "--quiet"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.isEmpty());
    const QJsonObject j = readJson(summary);
    QCOMPARE(j["seed"].toInt(), 9);
    QCOMPARE(j["sim_time_s"].toDouble(), 20.0);
    for (const char* key : {"sent", "completed", "failed", "throughput_rps", "latency_ms"}) {
      QVERIFY2(j["requests"].toObject().contains(key), key);
    }
    QVERIFY(j["services"].toObject()["back"].toObject().contains("utilization"));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
    // Header, then per 1 s interval: requests, front, back and broker.
    QCOMPARE(lines.size(), 1 + 20 * 4);
    QVERIFY(lines[0].startsWith("t_start_s,t_end_s,scope,"));
    QVERIFY(lines[2].contains(",front,"));
    QVERIFY(!QFile::exists(csv + ".part"));
  }

  void sameSeedSameBytes() {
    QTemporaryDir dir;
    QByteArray first;
    for (int i = 0; i < 2; ++i) {
      const QString path = dir.filePath(QString("run%1.json").arg(i));
      QCOMPARE(cli({"run", data("small-chain.json"), "--summary", path, "--quiet"}).exitCode, 0);
      QFile f(path);
      QVERIFY(f.open(QIODevice::ReadOnly));
      QByteArray bytes = f.readAll();
      // Everything but the wall time must match.
      const int at = bytes.indexOf("\"wall_time_s\"");
      QVERIFY(at > 0);
      bytes.remove(at, bytes.indexOf('\n', at) - at);
      if (i == 0) {
        first = bytes;
      } else {
        QCOMPARE(bytes, first);
      }
    }
  }

  void forcedModeAndCompare() {
    QTemporaryDir dir;
    const QString summary = dir.filePath("async.json");
    QCOMPARE(
        cli({"run", data("small-chain.json"), "--mode", "async", "--summary", summary, "--quiet"})
            .exitCode,
        0);
    const QJsonObject j = readJson(summary);
    QCOMPARE(j["mode"].toString(), QString("async"));
    QCOMPARE(j["edges"].toArray()[0].toObject()["mode"].toString(), QString("async"));
    const QString both = dir.filePath("compare.json");
    auto r = cli({"compare", data("small-chain.json"), "--summary", both});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("all sync"));
    QVERIFY(r.out.contains("all async"));
    const QJsonObject c = readJson(both);
    QVERIFY(c.contains("sync") && c.contains("async"));
    // Same seed, same clients: only the mode differs.
    QCOMPARE(c["sync"].toObject()["requests"].toObject()["sent"],
             c["async"].toObject()["requests"].toObject()["sent"]);
  }

  void badCommandLines_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString f = data("small-chain.json");
    QTest::newRow("no command") << QStringList{} << "no command";
    QTest::newRow("typo") << QStringList{"rnu", f} << "did you mean \"run\"";
    QTest::newRow("unknown option")
        << QStringList{"run", f, "--sed", "1"} << "did you mean \"--seed\"";
    QTest::newRow("bad seed") << QStringList{"run", f, "--seed", "-3"} << "--seed";
    QTest::newRow("huge seed") << QStringList{"run", f, "--seed", "99999999999999999999999"}
                               << "--seed";
    QTest::newRow("bad duration") << QStringList{"run", f, "--duration", "nan"} << "--duration";
    QTest::newRow("zero duration") << QStringList{"run", f, "--duration", "0"} << "--duration";
    QTest::newRow("bad mode") << QStringList{"run", f, "--mode", "both"} << "--mode";
    QTest::newRow("missing value") << QStringList{"run", f, "--seed"} << "needs a value";
    QTest::newRow("no file") << QStringList{"run"} << "needs a scenario file";
    QTest::newRow("two files") << QStringList{"run", f, f} << "takes one scenario file";
    QTest::newRow("wrong command")
        << QStringList{"validate", f, "--mode", "sync"} << "does not apply";
  }

  void badCommandLines() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const auto r = cli(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
  }

  void unwritableOutputKeepsWhatWasThere() {
    QTemporaryDir dir;
    const QString blocked = dir.filePath("no-such-dir/out.json");
    auto r = cli({"run", data("small-chain.json"), "--summary", blocked, "--quiet"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("cannot write"));
    // A failed run (invalid input) never touches an existing output file.
    const QString existing = dir.filePath("keep.json");
    QFile keep(existing);
    QVERIFY(keep.open(QIODevice::WriteOnly));
    keep.write("precious");
    keep.close();
    r = cli({"run", data("invalid.json"), "--summary", existing});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(keep.open(QIODevice::ReadOnly));
    QCOMPARE(keep.readAll(), QByteArray("precious"));
  }
};

QTEST_GUILESS_MAIN(CliTest)
#include "test_cli.moc"
