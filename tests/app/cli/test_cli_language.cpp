// clusterscope-cli speaks the locale's language: French when LANG says fr, English otherwise,
// in its help and in its own messages; the engine's numbers keep their decimal point.

#include <QtTest>

#include "cli_process.h"

using clusterscope::testing::runCliProcess;

namespace {
QString scenario(const char* name) { return QString(CLUSTERSCOPE_SCENARIO_DIR) + "/" + name; }
}  // namespace

class CliLanguageTest : public QObject {
  Q_OBJECT

 private slots:
  void helpFollowsTheLocale() {
    const auto fr = runCliProcess({"--help"}, "fr_FR.UTF-8");
    QCOMPARE(fr.exitCode, 0);
    QVERIFY2(fr.out.contains("Voir une grappe de microservices à l'œuvre, sans fenêtre."),
             qPrintable(fr.out));
    QVERIFY2(fr.out.contains("Utilisation"), qPrintable(fr.out));
    const auto en = runCliProcess({"--help"}, "C");
    QVERIFY2(en.out.contains("See a cluster of microservices at work, without a window."),
             qPrintable(en.out));
    QVERIFY(!en.out.contains("grappe"));
  }

  void messagesFollowTheLocale() {
    const auto fr = runCliProcess({"validate", scenario("mm1.json")}, "fr_FR.UTF-8");
    QCOMPARE(fr.exitCode, 0);
    QVERIFY2(fr.out.contains(QString::fromUtf8("mm1.json\u00a0: valide")), qPrintable(fr.out));
    const auto en = runCliProcess({"validate", scenario("mm1.json")}, "C");
    QVERIFY2(en.out.trimmed().endsWith("mm1.json: ok"), qPrintable(en.out));

    const auto wrong = runCliProcess({"bogus"}, "fr_FR.UTF-8");
    QCOMPARE(wrong.exitCode, 2);
    QVERIFY2(wrong.err.contains("commande inconnue"), qPrintable(wrong.err));
    // LANGUAGE, as GNU gettext reads it, comes before LANG.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QProcess p;
    env.remove("LC_ALL");
    env.insert("LANG", "C");
    env.insert("LANGUAGE", "fr");
    p.setProcessEnvironment(env);
    p.start(CLUSTERSCOPE_CLI_PATH, {"bogus"});
    QVERIFY(p.waitForFinished(30000));
    QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains("commande inconnue"));
  }

  // The run's summary comes from the engine, in English, with decimal points in French too.
  void numbersKeepTheirDecimalPoint() {
    const auto fr = runCliProcess({"run", scenario("mm1.json"), "--duration", "5", "--no-progress"},
                                  "fr_FR.UTF-8");
    const auto en =
        runCliProcess({"run", scenario("mm1.json"), "--duration", "5", "--no-progress"}, "C");
    QCOMPARE(fr.exitCode, en.exitCode);
    QCOMPARE(fr.out, en.out);
    QVERIFY(en.out.contains(QRegularExpression("\\d\\.\\d")));
  }
};

QTEST_GUILESS_MAIN(CliLanguageTest)
#include "test_cli_language.moc"
