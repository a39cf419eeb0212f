// The files `run` writes: checked before the run (never the scenario itself, never anything
// but a regular file, never two outputs in one place, a directory it can write), never left
// half-written, and a run the engine stops early still reports what it did.

#include <sys/stat.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_process.h"
#include "output_files.h"

using namespace clusterscope::cli;
using clusterscope::testing::cliData;
using clusterscope::testing::runCliProcess;

namespace {

QByteArray contents(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class CliOutputsTest : public QObject {
  Q_OBJECT

 private slots:
  void theScenarioIsNeverOverwritten_data() {
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("alias");
    QTest::newRow("--csv, same name") << "--csv"
                                      << "scenario.json";
    QTest::newRow("--summary, other spelling") << "--summary"
                                               << "./sub/../scenario.json";
    QTest::newRow("--csv, a symbolic link") << "--csv"
                                            << "link.json";
    QTest::newRow("--summary, a hard link") << "--summary"
                                            << "hard.json";
  }
  void theScenarioIsNeverOverwritten() {
    QFETCH(QString, option);
    QFETCH(QString, alias);
    QTemporaryDir dir;
    const QString scenario = dir.filePath("scenario.json");
    QVERIFY(QFile::copy(cliData("small-chain.json"), scenario));
    QVERIFY(QDir(dir.path()).mkdir("sub"));
    QVERIFY(QFile::link(scenario, dir.filePath("link.json")));
    QCOMPARE(::link(qPrintable(scenario), qPrintable(dir.filePath("hard.json"))), 0);
    const QByteArray before = contents(scenario);
    QDir::setCurrent(dir.path());
    const auto r = runCliProcess({"run", scenario, option, alias, "--quiet"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("that is the scenario being run"), qPrintable(r.err));
    QCOMPARE(contents(scenario), before);
  }

  void outputsAreCheckedBeforeTheRun() {
    // The overloaded scenario would run for a while: each refusal comes at once.
    QTemporaryDir dir;
    QVERIFY(::mkfifo(qPrintable(dir.filePath("pipe.csv")), 0600) == 0);
    const QString run = cliData("overloaded.json");
    const struct {
      QStringList args;
      const char* message;
    } cases[] = {
        {{"--csv", dir.path()}, "not a regular file (a directory)"},
        {{"--csv", dir.filePath("pipe.csv")}, "not a regular file (a pipe or device)"},
        {{"--summary", dir.filePath("missing/out.json")}, "cannot write"},
        {{"--csv", dir.filePath("same"), "--summary", dir.filePath("same")},
         "another output is written there too"},
    };
    for (const auto& c : cases) {
      QElapsedTimer wall;
      wall.start();
      const auto r = runCliProcess(QStringList{"run", run, "--quiet"} + c.args);
      QCOMPARE(r.exitCode, 2);
      QVERIFY2(r.err.contains(c.message), qPrintable(r.err));
      QVERIFY2(wall.elapsed() < 5000, "the output was checked only after the run");
    }
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::NoDotAndDotDot).size(), 0);
  }

  void aRunStoppedEarlyReportsWhatItDid() {
    QTemporaryDir dir;
    const QString summary = dir.filePath("out.json");
    const QString csv = dir.filePath("out.csv");
    const auto r =
        runCliProcess({"run", cliData("overloaded.json"), "--summary", summary, "--csv", csv});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("overloaded.json: the run stopped at"), qPrintable(r.err));
    QVERIFY2(r.err.contains("\"only\" (/services/0): give it a \"queue_capacity\""),
             qPrintable(r.err));
    QVERIFY(r.out.contains("STOPPED EARLY"));
    const QJsonObject j = QJsonDocument::fromJson(contents(summary)).object();
    QVERIFY(j["stopped_early"].toString().contains("queue_capacity"));
    QVERIFY(j["sim_time_s"].toDouble() < 3600);
    QVERIFY(!contents(csv).isEmpty());
    QVERIFY(!QFile::exists(csv + ".part") && !QFile::exists(summary + ".part"));
  }

  void anInterruptedRunLeavesNoPartFile() {
    QTemporaryDir dir;
    const QString csv = dir.filePath("out.csv");
    QProcess p;
    p.start(CLUSTERSCOPE_CLI_PATH, {"run", cliData("long-run.json"), "--csv", csv, "--quiet"});
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(csv + ".part"), 10000);
    QTest::qWait(200);
    p.terminate();  // SIGTERM, as a user's kill or a CI timeout sends
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitStatus(), QProcess::CrashExit);  // ended by the signal, as it asked
    QVERIFY(!QFile::exists(csv + ".part"));
    QVERIFY(!QFile::exists(csv));
    // It had said what it was about to write.
    QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains("the CSV will take about"));
  }

  void aFailedCommitLeavesNoPartFile() {
    QTemporaryDir dir;
    const QString target = dir.filePath("out.json");
    {
      PendingOutput out(target.toStdString());
      QVERIFY(out.error().empty());
      out.stream() << "data";
      QVERIFY(QFile::exists(target + ".part"));
      // Something takes the target's place meanwhile: the rename fails.
      QVERIFY(QDir(dir.path()).mkdir("out.json"));
      QVERIFY(QFile::copy(cliData("small-chain.json"), target + "/keep"));
      QVERIFY(!out.commit());
      QVERIFY2(out.error().find("cannot write") == 0, out.error().c_str());
    }
    QVERIFY(!QFile::exists(target + ".part"));
  }

  void anAbandonedOutputLeavesNoPartFile() {
    QTemporaryDir dir;
    const QString target = dir.filePath("out.csv");
    { PendingOutput out(target.toStdString()); }
    QVERIFY(!QFile::exists(target + ".part"));
    QVERIFY(!QFile::exists(target));
  }
};

QTEST_GUILESS_MAIN(CliOutputsTest)
#include "test_cli_outputs.moc"
