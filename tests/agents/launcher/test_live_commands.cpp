// keygen, monitor and inject against a standalone clusterscope-hub: keys written as pyzmq
// reads them, a controller key the hub does not list refused with a plain message (CURVE, ZAP),
// a wrong hub key and an empty port told apart, bad input refused with exit 2.

#include <sys/stat.h>

#include <QFile>
#include <QRegularExpression>

#include "launch_test_support.h"

using namespace clusterscope::testing;

namespace {

int mode(const QString& path) {
  struct stat st {};
  return ::stat(path.toLocal8Bit().constData(), &st) == 0 ? int(st.st_mode & 0777) : -1;
}

// clusterscope-hub --keys DIR in the background; its endpoint from the banner.
class Hub {
 public:
  explicit Hub(const QString& keys) {
    process_.start(CLUSTERSCOPE_HUB_PATH, {"--keys", keys, "--no-connection-file"});
    QString banner;
    const auto end = std::chrono::steady_clock::now() + 10s;
    while (!banner.contains("listening on") && std::chrono::steady_clock::now() < end) {
      process_.waitForReadyRead(100);
      banner += QString::fromUtf8(process_.readAllStandardOutput());
    }
    endpoint_ = QRegularExpression(R"(listening on (tcp://\S+))").match(banner).captured(1);
  }
  ~Hub() {
    process_.terminate();
    if (!process_.waitForFinished(5000)) process_.kill();
  }
  const QString& endpoint() const { return endpoint_; }

 private:
  QProcess process_;
  QString endpoint_;
};

}  // namespace

class TestLiveCommands : public QObject {
  Q_OBJECT

 private slots:
  void keygenWritesPrivateKeysOnce() {
    QTemporaryDir tmp;
    const QString dir = tmp.path() + "/keys";
    CliRun r = runCli({"keygen", dir});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.out.contains("clusterscope-hub --keys"));
    for (const char* name : {"hub", "agent", "controller"}) {
      QCOMPARE(mode(dir + "/" + name + ".key_secret"), 0600);
      QVERIFY(QFile::exists(dir + "/" + name + ".key"));
    }
    QCOMPARE(mode(dir), 0700);
    QFile secret(dir + "/hub.key_secret");
    QVERIFY(secret.open(QIODevice::ReadOnly));
    const QByteArray first = secret.readAll();
    QVERIFY(first.contains("secret-key = \""));

    r = runCli({"keygen", dir});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("--force"), qPrintable(r.err));
    r = runCli({"keygen", dir, "--force"});
    QCOMPARE(r.code, 0);
    secret.close();
    QVERIFY(secret.open(QIODevice::ReadOnly));
    QVERIFY(secret.readAll() != first);
    QCOMPARE(runCli({"keygen"}).code, 2);
  }

  void aKeyTheHubDoesNotListIsRefusedPlainly() {
    QTemporaryDir tmp;
    const QString keys = tmp.path() + "/keys", stranger = tmp.path() + "/stranger";
    QCOMPARE(runCli({"keygen", keys}).code, 0);
    QCOMPARE(runCli({"keygen", stranger}).code, 0);
    Hub hub(keys);
    QVERIFY(!hub.endpoint().isEmpty());

    // The hub's own keys: welcome, one JSON line.
    CliRun r = runCli({"monitor", hub.endpoint(), "--keys", keys, "--json", "--count", "1"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const auto line = nlohmann::json::parse(r.out.toStdString(), nullptr, false);
    QVERIFY2(!line.is_discarded() && line["hub"].is_string(), qPrintable(r.out));

    // The right hub key, a controller key it does not list: refused by its ZAP handler.
    QVERIFY(QFile::remove(stranger + "/hub.key"));
    QVERIFY(QFile::copy(keys + "/hub.key", stranger + "/hub.key"));
    r = runCli({"monitor", hub.endpoint(), "--keys", stranger, "--count", "1"});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("refused our key"), qPrintable(r.err));
    r = runCli({"inject", hub.endpoint(), "--keys", stranger, "reset_faults"});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("refused our key"), qPrintable(r.err));

    // Another hub's public key: the handshake never completes.
    QVERIFY(QFile::remove(stranger + "/hub.key"));
    QVERIFY(QFile::remove(stranger + "/hub.key_secret"));
    QCOMPARE(runCli({"keygen", tmp.path() + "/other"}).code, 0);
    QVERIFY(QFile::copy(tmp.path() + "/other/hub.key", stranger + "/hub.key"));
    r = runCli({"inject", hub.endpoint(), "--keys", stranger, "--timeout", "1", "reset_faults"});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("no CURVE handshake"), qPrintable(r.err));

    // Our keys, but nothing for the command to act on: the hub says why.
    r = runCli(
        {"inject", hub.endpoint(), "--keys", keys, "kill_replica", "service=orders", "replica=0"});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("unknown service \"orders\""), qPrintable(r.err));
  }

  // In French (LANG=fr_FR.UTF-8): monitor's table and messages, inject's answer and the hub
  // connection's errors; what the hub says and the JSON lines stay as they are.
  void monitorAndInjectSpeakTheLocalesLanguage() {
    const QString fr = "fr_FR.UTF-8";
    QTemporaryDir tmp;
    const QString keys = tmp.path() + "/keys";
    QCOMPARE(runCli({"keygen", keys}).code, 0);
    Hub hub(keys);
    QVERIFY(!hub.endpoint().isEmpty());

    CliRun r = runCli({"monitor", hub.endpoint(), "--keys", keys, "--count", "1"}, 30000, fr);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("SERVICE / RÉPLIQUE") && r.out.contains("ÉTAT") &&
                 r.out.contains("requêtes") && r.out.contains("(sans plan)"),
             qPrintable(r.out));
    QVERIFY2(r.err.startsWith("observation de " + hub.endpoint() + " (clés de " + keys + ")"),
             qPrintable(r.err));
    const CliRun en = runCli({"monitor", hub.endpoint(), "--keys", keys, "--count", "1"});
    QVERIFY2(en.out.contains("SERVICE / REPLICA") && en.out.contains("(no plan)"),
             qPrintable(en.out));
    QVERIFY2(en.err.startsWith("monitoring " + hub.endpoint()), qPrintable(en.err));

    r = runCli({"monitor", hub.endpoint(), "--keys", keys, "--json", "--count", "1"}, 30000, fr);
    QCOMPARE(r.code, 0);
    const auto line = nlohmann::json::parse(r.out.toStdString(), nullptr, false);
    QVERIFY2(!line.is_discarded() && line.contains("services") && line.contains("requests"),
             qPrintable(r.out));

    // The hub's reason stays its own; the answer around it is French.
    r = runCli(
        {"inject", hub.endpoint(), "--keys", keys, "kill_replica", "service=orders", "replica=0"},
        30000, fr);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QString::fromUtf8("\u00a0: refus\u00a0: unknown service \"orders\"")),
             qPrintable(r.err));
    r = runCli({"monitor", "tcp://127.0.0.1:1", "--timeout", "0.5"}, 30000, fr);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("rien ne répond à tcp://127.0.0.1:1"), qPrintable(r.err));
  }

  void nothingListeningIsNotAHang() {
    const CliRun r = runCli({"monitor", "tcp://127.0.0.1:1", "--timeout", "0.5"});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("nothing answers at tcp://127.0.0.1:1"), qPrintable(r.err));
  }

  void badInputIsRefusedBeforeAnyConnection() {
    QTemporaryDir tmp;
    const QString file = tmp.path() + "/none.json";
    struct Case {
      QStringList args;
      const char* says;
    };
    const Case cases[] = {
        {{"inject"}, "inject needs an action"},
        {{"inject", "kill_replica", "service"}, "is not FIELD=VALUE"},
        {{"inject", "kill_replica", "service=orders"}, "missing required key \"replica\""},
        {{"inject", "kill_replica", "service=orders", "replica=0", "colour=red"}, "colour"},
        {{"inject", "explode"}, "explode"},
        {{"inject", "latency", "service=a", "ms=-1"}, "/fault/ms"},
        {{"inject", "{\"action\": 3"}, "not a JSON object"},
        {{"monitor", "orders"}, "is not an endpoint"},
        {{"monitor", "--count", "0"}, "--count"},
        {{"monitor", "--keys", tmp.path()}, "--keys goes with ENDPOINT"},
        {{"monitor", "tcp://127.0.0.1:1", "--connection", file}, "not both"},
        {{"monitor", "--timeout", "x"}, "--timeout"},
    };
    for (const Case& c : cases) {
      const CliRun r = runCli(c.args);
      QVERIFY2(r.code == 2, qPrintable(c.args.join(' ') + ": " + r.err));
      QVERIFY2(r.err.contains(c.says), qPrintable(c.args.join(' ') + ": " + r.err));
    }
    // A connection file that is not there is not a hub: exit 1, saying where it looked.
    const CliRun r = runCli({"monitor", "--connection", file});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(file), qPrintable(r.err));
  }
};

QTEST_GUILESS_MAIN(TestLiveCommands)
#include "test_live_commands.moc"
