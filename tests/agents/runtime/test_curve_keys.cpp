// CURVE keys and their files: fresh pairs, modes 0600 / 0644 in a 0700 directory (the format
// itself, and pyzmq reading it, is test_connection_file's), atomic replacement, the connection file
// with relative certificate paths; the ZAP handler lets in a listed key with its role as User-Id
// and refuses an unlisted one.

#include <sys/stat.h>

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>
#include <chrono>
#include <thread>

#include "curve_keys.h"
#include "hub_connection.h"
#include "message_io.h"
#include "private_files.h"
#include "socket_setup.h"
#include "zap_handler.h"

using namespace clusterscope::agents;
using namespace std::chrono_literals;
namespace p = clusterscope::agents::protocol;

namespace {

unsigned modeOf(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return 0;
  return st.st_mode & 07777;
}

}  // namespace

class TestCurveKeys : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QVERIFY(curveAvailable()); }

  void certificatesRoundTripWithTheirModes() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString() + "/keys";
    const ClusterKeys keys = makeClusterKeys(dir);
    QVERIFY(keys.hub.publicKey != keys.agent.publicKey);
    QVERIFY(p::isZ85Key(keys.controller.secretKey));
    QCOMPARE(modeOf(dir), 0700u);
    for (const char* name : {"hub", "agent", "controller"}) {
      QCOMPARE(modeOf(dir + "/" + name + ".key_secret"), 0600u);
      QCOMPARE(modeOf(dir + "/" + name + ".key"), 0644u);
    }
    QVERIFY(readSecretCertificateFile(dir + "/agent.key_secret") == keys.agent);
    QCOMPARE(readCertificateFile(dir + "/agent.key").publicKey, keys.agent.publicKey);
    QVERIFY(readCertificateFile(dir + "/agent.key").secretKey.empty());
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, readSecretCertificateFile(dir + "/agent.key"));
    // Replaced atomically: no temporary file is left beside them.
    makeClusterKeys(dir);
    QCOMPARE(QDir(QString::fromStdString(dir)).entryList(QDir::Files).size(), 6);
    QVERIFY(readSecretCertificateFile(dir + "/agent.key_secret") != keys.agent);
  }

  void badFilesAreRefusedWithTheirName() {
    QTemporaryDir tmp;
    const std::string path = tmp.path().toStdString() + "/bad.key";
    writeFileAtomically(path, "public-key = \"short\"\n", 0600);
    try {
      readCertificateFile(path);
      QFAIL("a malformed key was read");
    } catch (const std::runtime_error& e) {
      QVERIFY(std::string(e.what()).find(path) != std::string::npos);
    }
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, readCertificateFile(path + ".missing"));
    writeFileAtomically(path, std::string(70000, '#'), 0600);
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, readCertificateFile(path));
    // A file where the private directory should be.
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, makePrivateDirectory(path));
  }

  void connectionFilesResolveRelativePaths() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString() + "/run";
    const ClusterKeys keys = makeClusterKeys(dir + "/keys");
    p::ConnectionInfo info;
    info.hub = "tcp://127.0.0.1:40000";
    info.hubPublicKey = keys.hub.publicKey;
    info.controllerCertificate = "keys/controller.key_secret";
    info.agentCertificate = "keys/agent.key_secret";
    const std::string file = dir + "/connection.json";
    writeConnectionFile(file, info);
    QCOMPARE(modeOf(file), 0600u);
    QCOMPARE(modeOf(dir), 0700u);
    const p::ConnectionInfo read = readConnectionFile(file);
    QCOMPARE(read.controllerCertificate, dir + "/keys/controller.key_secret");
    const HubConnection controller = connectionFromFile(file, p::KeyRole::Controller);
    QCOMPARE(controller.endpoint, info.hub);
    QVERIFY(controller.certificate == keys.controller);
    QVERIFY(connectionFromFile(file, p::KeyRole::Agent).certificate == keys.agent);
    // Without a key the hub runs plain; with a key but no certificate for the role: refused.
    info.agentCertificate.clear();
    writeConnectionFile(file, info);
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, connectionFromFile(file, p::KeyRole::Agent));
    info.hubPublicKey.clear();
    writeConnectionFile(file, info);
    QVERIFY(!connectionFromFile(file, p::KeyRole::Agent).curve());
    QVERIFY(defaultConnectionFilePath().find("/clusterscope") != std::string::npos);
  }

  void theZapHandlerLetsInListedKeysOnly() {
    zmq::context_t context;
    const p::Certificate server = generateCertificate();
    const p::Certificate agent = generateCertificate();
    const p::Certificate controller = generateCertificate();
    ZapHandler zap(context);
    QVERIFY(zap.allow(agent.publicKey, p::KeyRole::Agent));
    QVERIFY(zap.allow(controller.publicKey, p::KeyRole::Controller));
    QVERIFY(!zap.allow("not a key", p::KeyRole::Agent));
    zmq::socket_t router = makeSocket(context, SocketKind::HubControl);
    makeCurveServer(router, server, kControlZapDomain);
    const std::string endpoint = bindTcp(router, "127.0.0.1");

    auto client = [&](const p::Certificate& key) {
      zmq::socket_t s = makeSocket(context, SocketKind::ControlClient);
      makeCurveClient(s, key, server.publicKey);
      s.connect(endpoint);
      sendFrames(s, {}, {"hello"});
      return s;
    };
    zmq::socket_t a = client(agent);
    zmq::socket_t c = client(controller);
    zmq::socket_t stranger = client(generateCertificate());
    std::vector<std::string> userIds;
    ReceivedMessage m;
    const auto end = std::chrono::steady_clock::now() + 3s;
    while (std::chrono::steady_clock::now() < end &&
           (userIds.size() < 2 || zap.stats().refused < 1)) {
      zap.handlePending();
      if (receiveMessage(router, m, 1, 2) == ReceiveStatus::Message) {
        userIds.push_back(m.userId());
      }
      std::this_thread::sleep_for(1ms);
    }
    std::sort(userIds.begin(), userIds.end());
    QCOMPARE(userIds, (std::vector<std::string>{"agent", "controller"}));
    QCOMPARE(zap.stats().accepted, std::uint64_t{2});
    QVERIFY(zap.stats().refused >= 1);
    // The stranger's message never arrives, however long we wait.
    for (int i = 0; i < 30; ++i) {
      zap.handlePending();
      QCOMPARE(receiveMessage(router, m, 1, 2), ReceiveStatus::Nothing);
      std::this_thread::sleep_for(10ms);
    }
  }
};

QTEST_GUILESS_MAIN(TestCurveKeys)
#include "test_curve_keys.moc"
