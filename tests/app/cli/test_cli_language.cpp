// clusterscope-cli speaks the locale's language: French when LANG says fr, English otherwise,
// in its help, its own messages and what the engine writes (the run's report, the scenario
// diagnostics); the engine's numbers keep their decimal point.

#include <QtTest>

#include "cli_process.h"

using clusterscope::testing::cliData;
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

  // The run's report comes from the engine: in the locale's language too, its numbers with a
  // decimal point (the CLI keeps the C locale).
  void runReportFollowsTheLocale() {
    const QStringList args{"run", cliData("failing-claim.json"), "--no-progress"};
    const auto fr = runCliProcess(args, "fr_FR.UTF-8");
    const auto en = runCliProcess(args, "C");
    QCOMPARE(fr.exitCode, 1);  // a claim fails, in any language
    QCOMPARE(en.exitCode, 1);
    for (const char* text :
         {"graine 1, 20 s simulées (20 s mesurées)", "requêtes  envoyées", "latence   moyenne",
          "coût      1.0 cœurs en moyenne", "arrivées", "affirmations\n",
          "requests.latency_ms.p50 sur 0-20 s = 10.03 (max 5)\u00a0: NON VÉRIFIÉE",
          "\n  ÉCHEC     requests.latency_ms.p50", "\n  vérifiée  requests.failed_ratio"}) {
      QVERIFY2(fr.out.contains(QString::fromUtf8(text)), qPrintable(text + ("\n" + fr.out)));
    }
    QVERIFY2(fr.err.contains(QString::fromUtf8("affirmation non vérifiée\u00a0: "
                                               "requests.latency_ms.p50 sur 0-20 s")),
             qPrintable(fr.err));
    QVERIFY2(!fr.out.contains("seed") && !fr.out.contains("latency "), qPrintable(fr.out));
    QVERIFY(fr.out.contains(QRegularExpression("\\d\\.\\d")));
    QVERIFY2(!fr.out.contains(QRegularExpression("\\d,\\d")), qPrintable(fr.out));
    // The English report is the one the other tests compare.
    QVERIFY2(
        en.out.contains("  FAILED  requests.latency_ms.p50 over 0-20 s = 10.03 (max 5): FAILED"),
        qPrintable(en.out));
    QVERIFY(!en.out.contains("graine"));
  }

  void questionsAndComparisonFollowTheLocale() {
    const auto lesson =
        runCliProcess({"run", cliData("lesson-question.json"), "--no-progress"}, "fr_FR.UTF-8");
    QCOMPARE(lesson.exitCode, 0);
    QVERIFY2(lesson.out.contains(QString::fromUtf8(
                 "\nquestions\n  Q1 à 15 s\u00a0: services.front.latency_ms.p95 est passé de 7 "
                 "(5-15 s) à 102 (25-40 s)\u00a0: réponse B, la bonne est B\u00a0: juste")),
             qPrintable(lesson.out));

    const auto compare =
        runCliProcess({"compare", cliData("small-chain.json"), "--duration", "5", "--no-progress"},
                      "fr_FR.UTF-8");
    QCOMPARE(compare.exitCode, 0);
    for (const char* text : {"(graine ", "débit (req/s)", "latence p95 (ms)", "synchrone",
                             "asynchrone", "écart", "taux d'utilisation (%)"}) {
      QVERIFY2(compare.out.contains(QString::fromUtf8(text)),
               qPrintable(text + ("\n" + compare.out)));
    }
    QVERIFY(!compare.out.contains("throughput"));
  }

  // The scenario loader's diagnostics: the same place, the problem said in French.
  void diagnosticsFollowTheLocale() {
    const auto fr = runCliProcess({"validate", cliData("invalid.json")}, "fr_FR.UTF-8");
    const auto en = runCliProcess({"validate", cliData("invalid.json")}, "C");
    QCOMPARE(fr.exitCode, 2);
    QCOMPARE(en.exitCode, 2);
    QVERIFY2(en.err.contains("invalid.json:6:36: /services/0/replicass: unknown key \"replicass\" "
                             "(did you mean \"replicas\"?)"),
             qPrintable(en.err));
    QVERIFY2(en.err.contains("invalid.json:9:45: /workload/rate_rps: must be between 0 and "
                             "10000000, got -50"),
             qPrintable(en.err));
    QVERIFY2(fr.err.contains(QString::fromUtf8(
                 "invalid.json:6:36: /services/0/replicass: clé \"replicass\" inconnue "
                 "(vouliez-vous dire \"replicas\"\u202f?)")),
             qPrintable(fr.err));
    QVERIFY2(fr.err.contains(QString::fromUtf8("invalid.json:9:45: /workload/rate_rps: doit être "
                                               "compris entre 0 et 10000000, pas -50")),
             qPrintable(fr.err));

    QTemporaryDir dir;
    const QString bad = dir.filePath("bad.json");
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"format": 1, "name": 5, "duration_s": 10, "services": [{"name": "a"}],
               "workload": {"entry": "b", "rate_rps": 1}})");
    f.close();
    const auto typed = runCliProcess({"validate", bad}, "fr_FR.UTF-8");
    QCOMPARE(typed.exitCode, 2);
    for (const char* text : {"/name: on attend une chaîne, pas un nombre",
                             "/services/0: clé obligatoire \"service_time_ms\" absente",
                             "/workload/entry: service \"b\" inconnu"}) {
      QVERIFY2(typed.err.contains(QString::fromUtf8(text)), qPrintable(text + ("\n" + typed.err)));
    }

    // A JSON syntax error: nlohmann_json's words are looked up too.
    const QString cut = dir.filePath("cut.json");
    QFile c(cut);
    QVERIFY(c.open(QIODevice::WriteOnly));
    c.write("{\"format\": 1,\n \"services\": [1, 2\n");
    c.close();
    const auto syntax = runCliProcess({"validate", cut}, "fr_FR.UTF-8");
    QCOMPARE(syntax.exitCode, 2);
    QVERIFY2(syntax.err.contains(QString::fromUtf8(
                 "cut.json:3:1: /: JSON invalide\u00a0: erreur de syntaxe dans un tableau - fin du "
                 "texte inattendue\u202f; on attendait ']'")),
             qPrintable(syntax.err));
    const auto syntaxEn = runCliProcess({"validate", cut}, "C");
    QVERIFY2(
        syntaxEn.err.contains("cut.json:3:1: /: invalid JSON: syntax error while parsing array - "
                              "unexpected end of input; expected ']'"),
        qPrintable(syntaxEn.err));

    const auto missing = runCliProcess({"validate", dir.filePath("none.json")}, "fr_FR.UTF-8");
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains(QString::fromUtf8(
                 "none.json: impossible de lire le fichier\u00a0: fichier ou dossier introuvable")),
             qPrintable(missing.err));
  }
};

QTEST_GUILESS_MAIN(CliLanguageTest)
#include "test_cli_language.moc"
