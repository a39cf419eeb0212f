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

  // The live commands' own messages, as far as they go without a hub: no connection file,
  // keygen's report and its refusal, and the errors of option values.
  void liveCommandsFollowTheLocale() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    // The default connection file is under XDG_RUNTIME_DIR: none there.
    const QStringList noCluster = {"XDG_RUNTIME_DIR=" + tmp.path()};
    const QString nbsp = QString(QChar(0x00a0));
    for (const char* command : {"monitor", "inject"}) {
      QStringList args = {command};
      if (QString(command) == "inject") args << "reset_faults";
      const auto fr = runCliProcess(args, "fr_FR.UTF-8", noCluster);
      QCOMPARE(fr.exitCode, 1);
      QVERIFY2(fr.err.startsWith("clusterscope-cli: aucun fichier de connexion à " + tmp.path() +
                                 "/clusterscope/connection.json" + nbsp +
                                 ": lancez une grappe (clusterscope-cli launch)"),
               qPrintable(fr.err));
      const auto en = runCliProcess(args, "C.UTF-8", noCluster);
      QCOMPARE(en.exitCode, 1);
      QVERIFY2(en.err.startsWith("clusterscope-cli: no connection file at " + tmp.path()),
               qPrintable(en.err));
    }

    const QString keys = tmp.path() + "/keys";
    auto fr = runCliProcess({"keygen", keys}, "fr_FR.UTF-8");
    QCOMPARE(fr.exitCode, 0);
    QVERIFY2(fr.out.startsWith("paires de clés d'une grappe écrites dans " + keys + nbsp + ":\n"),
             qPrintable(fr.out));
    QVERIFY2(fr.out.contains("ne distribuez que les fichiers .key"), qPrintable(fr.out));
    fr = runCliProcess({"keygen", keys}, "fr_FR.UTF-8");
    QCOMPARE(fr.exitCode, 2);
    QVERIFY2(fr.err.contains(keys + " contient déjà des clés (hub.key_secret)" + nbsp +
                             ": --force les remplace"),
             qPrintable(fr.err));
    const auto en = runCliProcess({"keygen", keys}, "C.UTF-8");
    QCOMPARE(en.exitCode, 2);
    QVERIFY2(en.err.contains(keys + " already holds keys (hub.key_secret): --force replaces them"),
             qPrintable(en.err));

    // Option values, checked before anything runs.
    const struct {
      QStringList args;
      QString french, english;
    } values[] = {
        {{"monitor", "--count", "0"},
         "--count" + nbsp + ": «" + nbsp + "0" + nbsp +
             "» n'est pas un nombre entier de 1 à 1000000",
         "--count: \"0\" is not a whole number from 1 to 1000000"},
        {{"run", scenario("mm1.json"), "--duration", "x"},
         "--duration" + nbsp + ": «" + nbsp + "x" + nbsp +
             "» n'est pas un nombre de secondes de 0.001 à 1000000",
         "--duration: \"x\" is not a number of seconds from 0.001 to 1000000"},
        {{"inject", "kill_replica", "orders"},
         "«" + nbsp + "orders" + nbsp + "» n'est pas de la forme CHAMP=VALEUR",
         "\"orders\" is not FIELD=VALUE"},
    };
    for (const auto& v : values) {
      const auto f = runCliProcess(v.args, "fr_FR.UTF-8", noCluster);
      QCOMPARE(f.exitCode, 2);
      QVERIFY2(f.err.startsWith("clusterscope-cli: " + v.french + "\n"), qPrintable(f.err));
      const auto e = runCliProcess(v.args, "C.UTF-8", noCluster);
      QCOMPARE(e.exitCode, 2);
      QVERIFY2(e.err.startsWith("clusterscope-cli: " + v.english + "\n"), qPrintable(e.err));
    }
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
