// The live back end on real processes: a clusterscope-hub and Python agents as children, on
// loopback with fresh keys. It shows what they announce, runs commands, refuses what only a
// launcher can do, sees a killed agent go down, a newcomer change the shape, and the hub lost
// and found again without losing the history.

#include <signal.h>
#include <sys/prctl.h>

#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <chrono>
#include <memory>

#include "control_codec.h"
#include "curve_keys.h"
#include "hub_connection.h"
#include "live_backend.h"
#include "message_io.h"
#include "socket_setup.h"

using namespace clusterscope;
using app::LiveBackend;
using app::RunState;
using namespace std::chrono_literals;

namespace {

// Children die with the test, whatever happens to it.
void dieWithParent(QProcess& p) {
  p.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
}

int readyReplicas(const LiveBackend& b, const std::string& service) {
  const auto layout = b.layout();
  const auto snapshot = b.lastSnapshot();
  if (!layout || !snapshot) return -1;
  const int d = layout->deploymentIndex(service);
  if (d < 0 || d >= static_cast<int>(snapshot->deployments.size())) return -1;
  int ready = 0;
  for (const auto& r : snapshot->deployments[d].replicas) {
    ready += r.state == model::ReplicaState::Ready ? 1 : 0;
  }
  return ready;
}

model::ReplicaState replicaState(const LiveBackend& b, const std::string& service, int replica) {
  const auto layout = b.layout();
  const auto snapshot = b.lastSnapshot();
  const int d = layout ? layout->deploymentIndex(service) : -1;
  if (d < 0 || !snapshot || d >= static_cast<int>(snapshot->deployments.size())) {
    return model::ReplicaState::Removed;
  }
  for (const auto& r : snapshot->deployments[d].replicas) {
    if (r.index == replica) return r.state;
  }
  return model::ReplicaState::Removed;
}

}  // namespace

class TestLiveBackend : public QObject {
  Q_OBJECT

  QTemporaryDir tmp_;
  QString connectionFile_;
  QString port_;
  std::unique_ptr<QProcess> hub_;
  std::vector<std::unique_ptr<QProcess>> agents_;

  // Starts the hub (on `port_` once it has one) and reads where it listens.
  bool startHub() {
    hub_ = std::make_unique<QProcess>();
    dieWithParent(*hub_);
    QStringList args{"--keys", tmp_.path() + "/keys", "--connection-file", connectionFile_};
    if (!port_.isEmpty()) args << "--port" << port_;
    hub_->start(CLUSTERSCOPE_HUB_PATH, args);
    if (!hub_->waitForStarted(5000)) return false;
    QString banner;
    const auto until = std::chrono::steady_clock::now() + 10s;
    while (!banner.contains("connection") && std::chrono::steady_clock::now() < until) {
      hub_->waitForReadyRead(200);
      banner += hub_->readAllStandardOutput();
    }
    const auto m = QRegularExpression(R"(listening on tcp://127\.0\.0\.1:(\d+))").match(banner);
    if (!m.hasMatch()) return false;
    port_ = m.captured(1);
    return true;
  }

  QProcess* startAgent(const QString& service, int replica, const QString& node) {
    auto p = std::make_unique<QProcess>();
    dieWithParent(*p);
    p->start("/usr/bin/python3",
             {CLUSTERSCOPE_PYTHON_AGENT, "--service", service, "--replica",
              QString::number(replica), "--node", node, "--connection", connectionFile_,
              "--workers", "2", "--service-time", R"({"dist": "constant", "value": 5})"});
    if (!p->waitForStarted(5000)) return nullptr;
    agents_.push_back(std::move(p));
    return agents_.back().get();
  }

 private slots:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    agents::makeClusterKeys(tmp_.path().toStdString() + "/keys");
    connectionFile_ = tmp_.path() + "/run/connection.json";
  }

  void cleanupTestCase() {
    for (auto& a : agents_) {
      a->kill();
      a->waitForFinished(5000);
    }
    if (hub_) {
      hub_->kill();
      hub_->waitForFinished(5000);
    }
  }

  void followsACommandsAndSurvivesItsHub() {
    QVERIFY(startHub());
    QVERIFY(startAgent("orders", 0, "node-a"));
    QProcess* second = startAgent("orders", 1, "node-b");
    QVERIFY(second);

    LiveBackend b(agents::connectionFromFile(connectionFile_.toStdString(),
                                             agents::protocol::KeyRole::Controller));
    QSignalSpy resets(&b, &app::ClusterBackend::clusterReset);
    QSignalSpy shapes(&b, &app::ClusterBackend::layoutChanged);
    QSignalSpy samples(&b, &app::ClusterBackend::samplesReady);
    QSignalSpy applied(&b, &app::ClusterBackend::actionApplied);
    QSignalSpy refused(&b, &app::ClusterBackend::actionRejected);
    QSignalSpy problems(&b, &app::ClusterBackend::problem);

    // What the agents announce, they are: two ready replicas of orders on two nodes.
    QTRY_COMPARE_WITH_TIMEOUT(readyReplicas(b, "orders"), 2, 20000);
    QCOMPARE(b.runState(), RunState::Running);
    QCOMPARE(resets.count(), 1);
    QCOMPARE(b.layout()->nodes.size(), std::size_t{2});
    QTRY_VERIFY_WITH_TIMEOUT(samples.count() >= 2, 5000);  // one a second of wall time

    // A live cluster has no run controls; without a launcher, no process actions.
    const auto caps = b.capabilities();
    QVERIFY(!caps.pause && !caps.step && !caps.reset && !caps.speed);
    QVERIFY(!caps.supports(model::ActionKind::KillReplica));
    QVERIFY(
        QString::fromStdString(caps.whyNot(model::ActionKind::KillReplica)).contains("launcher"));
    model::Action kill;
    kill.kind = model::ActionKind::KillReplica;
    kill.service = "orders";
    kill.replica = 0;
    b.applyAction(kill);
    QCOMPARE(refused.count(), 1);
    // No broker among these processes: switching calls to asynchronous is refused before it is
    // tried, with the reason.
    QVERIFY(!caps.supports(model::ActionKind::SetCallMode));
    QVERIFY(QString::fromStdString(caps.whyNot(model::ActionKind::SetCallMode)).contains("broker"));
    QVERIFY(caps.supports(model::ActionKind::SlowService));

    // A command reaches the real processes and the snapshot shows it.
    model::Action slow;
    slow.kind = model::ActionKind::SlowService;
    slow.service = "orders";
    slow.factor = 3;
    b.applyAction(slow);
    QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, 10000);
    QCOMPARE(applied[0][2].toString(), QString::fromStdString(model::describeAction(slow)));
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
          const auto s = b.lastSnapshot();
          const int d = b.layout()->deploymentIndex("orders");
          return s && !s->deployments[d].replicas.empty() &&
                 s->deployments[d].replicas[0].slowFactor == 3.0;
        }(),
        5000);

    // A killed agent is shown down within 2 s of its death.
    const auto killedAt = std::chrono::steady_clock::now();
    ::kill(static_cast<pid_t>(second->processId()), SIGKILL);
    QTRY_COMPARE_WITH_TIMEOUT(replicaState(b, "orders", 1), model::ReplicaState::Down, 5000);
    const double downAfter =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - killedAt).count();
    qInfo("a killed agent was shown down after %.2f s", downAfter);
    QVERIFY2(downAfter < 2.0, qPrintable(QString::number(downAfter)));
    QCOMPARE(replicaState(b, "orders", 0), model::ReplicaState::Ready);

    // An agent of a service nobody announced changes the shape, not the cluster.
    QVERIFY(startAgent("audit", 0, "node-a"));
    QTRY_VERIFY_WITH_TIMEOUT(b.layout()->deploymentIndex("audit") >= 0, 15000);
    QVERIFY(shapes.count() >= 1);
    QCOMPARE(resets.count(), 1);

    // The hub is lost: said plainly; then it comes back on its port and the history goes on.
    const double before = model::toSeconds(b.lastSnapshot()->time);
    hub_->terminate();
    QVERIFY(hub_->waitForFinished(5000));
    QTRY_COMPARE_WITH_TIMEOUT(b.runState(), RunState::Paused, 8000);
    QVERIFY(!b.reachable());
    QVERIFY(std::any_of(problems.begin(), problems.end(), [](const QList<QVariant>& p) {
      return p[0].toString().contains("no news from the hub");
    }));
    QVERIFY(startHub());
    QTRY_COMPARE_WITH_TIMEOUT(b.runState(), RunState::Running, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(readyReplicas(b, "orders"), 1, 20000);
    QCOMPARE(resets.count(), 1);  // the same cluster, continued
    QVERIFY(model::toSeconds(b.lastSnapshot()->time) > before);
  }

  // The scenario a launcher's plan carries is untrusted text: an invalid one is said plainly
  // and left out (the cluster still shows, without questions); a valid one brings its lesson.
  void aPlanCarriesItsScenarioFileUntrusted() {
    if (!hub_ || hub_->state() != QProcess::Running) QVERIFY(startHub());
    const agents::HubConnection connection = agents::connectionFromFile(
        connectionFile_.toStdString(), agents::protocol::KeyRole::Controller);
    LiveBackend b(connection);
    QSignalSpy problems(&b, &app::ClusterBackend::problem);

    // A launcher that says HELLO, then announces plans.
    zmq::context_t context;
    zmq::socket_t launcher = agents::makeSocket(context, agents::SocketKind::ControlClient);
    agents::makeCurveClient(launcher, connection.certificate, connection.hubPublicKey);
    launcher.connect(connection.endpoint);
    namespace p = agents::protocol;
    p::Hello hello;
    hello.role = p::PeerRole::Launcher;
    hello.instance = "test-launcher";
    QCOMPARE(agents::sendFrames(launcher, {}, p::encodeControl(hello)), agents::SendStatus::Sent);
    const auto announce = [&](const std::string& scenario) {
      p::Cluster cluster;
      cluster.plan.description.name = "planned";
      model::ComponentInfo component;
      component.name = "orders";
      cluster.plan.layout.components.push_back(component);
      model::DeploymentInfo deployment;
      deployment.name = "orders";
      deployment.components = {0};
      cluster.plan.layout.deployments.push_back(deployment);
      cluster.plan.replicas = {1};
      cluster.plan.scenario = scenario;
      return agents::sendFrames(launcher, {}, p::encodeControl(cluster));
    };
    QTest::qWait(500);  // the WELCOME: a CLUSTER before it would be from an unknown peer
    QCOMPARE(announce(R"({"format": 1, "name": 5})"), agents::SendStatus::Sent);
    QTRY_VERIFY_WITH_TIMEOUT(
        std::any_of(problems.begin(), problems.end(),
                    [](const QList<QVariant>& p) { return p[0].toString().contains("not valid"); }),
        10000);
    QVERIFY(!b.capabilities().questions);
    QTRY_VERIFY_WITH_TIMEOUT(b.layout() && b.layout()->deploymentIndex("orders") >= 0, 10000);

    const std::string valid = R"({"format": 1, "name": "planned", "duration_s": 60,
      "services": [{"name": "orders", "replicas": 1, "service_time_ms": 5}],
      "workload": {"entry": "orders", "rate_rps": 10},
      "lesson": [{"at_s": 0, "title": {"en": "Orders", "fr": "Commandes"}},
                 {"at_s": 5, "title": "Asked",
                  "question": {"text": "p50?", "metric": "services.orders.latency_ms.p50",
                               "between_s": [5, 10], "answer": 0,
                               "choices": [{"text": "low", "max": 50},
                                           {"text": "high", "min": 50}]}}]})";
    QCOMPARE(announce(valid), agents::SendStatus::Sent);
    QTRY_VERIFY_WITH_TIMEOUT(b.capabilities().questions, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(b.description() && b.description()->lesson.size() == 2, 10000);
    QCOMPARE(b.description()->lesson[0].title.in("fr"), std::string("Commandes"));
  }
};

QTEST_GUILESS_MAIN(TestLiveBackend)
#include "test_live_backend.moc"
