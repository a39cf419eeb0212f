// CURVE and the ZAP allowlist on the control plane: a client with an unlisted key and a client
// without keys get nothing through; an `agent` key may join and report but not command,
// describe the cluster, watch or join as a launcher; a `controller` key may; a hub without
// CURVE is read-only.

#include "hub_test_support.h"

using namespace clusterscope::testing;
using clusterscope::model::Action;
using clusterscope::model::ActionKind;

namespace {

p::Command killReplica() {
  Action a;
  a.kind = ActionKind::KillReplica;
  a.service = "orders";
  a.replica = 0;
  p::Command c;
  c.what = a;
  return c;
}

}  // namespace

class TestHubSecurity : public QObject {
  Q_OBJECT

  Keys keys_;
  zmq::context_t context_;

 private slots:
  void strangersGetNothingThrough() {
    HubThread hub(keys_.hubOptions());
    hub.start();
    EventLoop loop;
    // An unlisted key that knows the hub's public key: libzmq alone would let it in.
    Peer stranger(loop, context_, keys_.connection(hub.endpoint(), agents::generateCertificate()),
                  roleHello(p::PeerRole::Monitor, "monitor@stranger:1"), true);
    stranger.client->start();
    // No key at all, raw: HELLO, then a COMMAND.
    zmq::socket_t plain = rawDealer(context_, hub.endpoint());
    agents::sendFrames(plain, {}, p::encodeControl(roleHello(p::PeerRole::Monitor, "m@x:1")));
    agents::sendFrames(plain, {}, p::encodeControl(killReplica()));
    runFor(loop, 1500ms);
    QVERIFY(stranger.welcomes.empty() && stranger.errors.empty() && stranger.snapshots.empty());
    QVERIFY(!receiveControl(plain, 100ms).has_value());
    const auto stats = hub.call([](agents::Hub& h) { return h.stats(); });
    QVERIFY(stats.zap.refused >= 1);  // the stranger's handshakes, again and again
    QCOMPARE(stats.zap.accepted, std::uint64_t{0});
    std::uint64_t received = 0;
    for (auto n : stats.received) received += n;
    QCOMPARE(received, std::uint64_t{0});  // not one message reached the hub
    QCOMPARE(stats.drops(), std::uint64_t{0});
    QCOMPARE(hub.call([](agents::Hub& h) { return h.peers().size(); }), std::size_t{0});
  }

  void anAgentKeyMayJoinButNotCommand() {
    HubThread hub(keys_.hubOptions());
    hub.start();
    EventLoop loop;
    const auto agentKey = keys_.connection(hub.endpoint(), keys_.keys.agent);
    Peer launcher(loop, context_, keys_.connection(hub.endpoint(), keys_.keys.controller),
                  roleHello(p::PeerRole::Launcher, "launcher"));
    Peer agent(loop, context_, agentKey, agentHello("orders", 0, "tcp://127.0.0.1:2"));
    launcher.client->start();
    agent.client->start();
    QVERIFY(runUntil(loop, [&] { return agent.welcomed() && launcher.welcomed(); }));

    std::optional<p::CommandResult> result;
    agent.client->sendCommand(
        killReplica(), [&](const p::CommandResult& r) { result = r; }, 1500ms);
    QVERIFY(runUntil(loop, [&] { return agent.hasError("not_allowed"); }));
    agent.errors.clear();
    agent.client->setClusterPlan(p::ClusterPlan{});
    // One ERROR per connection per second: the second refusal is counted, not answered.
    QVERIFY(runUntil(loop, [&] { return result.has_value(); }));
    QCOMPARE(result->error, std::string("timeout"));  // the hub never took it
    QVERIFY(launcher.commands.empty());
    auto stats = hub.call([](agents::Hub& h) { return h.stats(); });
    QCOMPARE(stats.hubDrop(agents::HubDrop::NotAllowed), std::uint64_t{2});
    QCOMPARE(stats.received[static_cast<std::size_t>(p::ControlType::Command)], std::uint64_t{1});

    // Nor join as a launcher or a monitor, nor subscribe.
    Peer fakeLauncher(loop, context_, agentKey, roleHello(p::PeerRole::Launcher, "launcher2"));
    Peer watcher(loop, context_, agentKey, roleHello(p::PeerRole::Monitor, "monitor@a:1"));
    fakeLauncher.client->start();
    watcher.client->start();
    QVERIFY(runUntil(loop, [&] {
      return fakeLauncher.hasError("not_allowed") && watcher.hasError("not_allowed");
    }));
    QVERIFY(fakeLauncher.welcomes.empty() && watcher.welcomes.empty());
    zmq::socket_t raw =
        rawDealer(context_, hub.endpoint(), keys_.keys.hub.publicKey, keys_.keys.agent);
    agents::sendFrames(raw, {}, p::encodeControl(agentHello("orders", 1, "tcp://127.0.0.1:3")));
    QVERIFY(receiveControl(raw, 2000ms).has_value());  // WELCOME
    agents::sendFrames(raw, {}, p::encodeControl(p::Subscribe{}));
    bool refused = false;
    for (int i = 0; i < 5 && !refused; ++i) {
      const auto m = receiveControl(raw, 1000ms);
      if (m) refused = std::holds_alternative<p::ErrorMessage>(*m);
    }
    QVERIFY(refused);
    QCOMPARE(hub.call([](agents::Hub& h) { return h.subscribers(); }), std::size_t{0});
  }

  void aControllerKeyMay() {
    HubThread hub(keys_.hubOptions());
    hub.start();
    EventLoop loop;
    const auto controllerKey = keys_.connection(hub.endpoint(), keys_.keys.controller);
    Peer launcher(loop, context_, controllerKey, roleHello(p::PeerRole::Launcher, "launcher"));
    Peer inject(loop, context_, controllerKey, roleHello(p::PeerRole::Monitor, "inject@h:1"));
    Peer monitor(loop, context_, controllerKey, roleHello(p::PeerRole::Monitor, "monitor@h:2"),
                 true);
    Peer agent(loop, context_, keys_.connection(hub.endpoint(), keys_.keys.agent),
               agentHello("orders", 0, "tcp://127.0.0.1:2"));
    for (Peer* peer : {&launcher, &inject, &monitor, &agent}) peer->client->start();
    QVERIFY(runUntil(loop, [&] {
      return launcher.welcomed() && inject.welcomed() && agent.welcomed() &&
             !monitor.snapshots.empty();
    }));
    std::optional<p::CommandResult> result;
    inject.client->sendCommand(killReplica(), [&](const p::CommandResult& r) { result = r; });
    QVERIFY(runUntil(loop, [&] { return result.has_value(); }));
    QVERIFY2(result->ok, result->error.c_str());
    QCOMPARE(launcher.commands.size(), std::size_t{1});
    launcher.client->setClusterPlan(p::ClusterPlan{});
    QVERIFY(runUntil(loop, [&] { return !monitor.clusters.empty(); }));
    QVERIFY(inject.errors.empty() && launcher.errors.empty());
  }

  void aHubWithoutCurveIsReadOnly() {
    HubOptions options;
    options.curve = false;
    HubThread hub(options);
    hub.start();
    EventLoop loop;
    const auto plain = agents::plainConnection(hub.endpoint());
    Peer monitor(loop, context_, plain, roleHello(p::PeerRole::Monitor, "monitor@h:1"), true);
    Peer launcher(loop, context_, plain, roleHello(p::PeerRole::Launcher, "launcher"));
    Peer agent(loop, context_, plain, agentHello("orders", 0, "tcp://127.0.0.1:2"));
    for (Peer* peer : {&monitor, &launcher, &agent}) peer->client->start();
    QVERIFY(runUntil(loop, [&] {
      return monitor.liveness("orders#0") == p::Liveness::Joined &&
             launcher.hasError("not_allowed");
    }));
    QVERIFY(launcher.welcomes.empty());  // nobody is a controller here
    std::optional<p::CommandResult> result;
    monitor.client->sendCommand(
        killReplica(), [&](const p::CommandResult& r) { result = r; }, 1000ms);
    QVERIFY(runUntil(loop, [&] { return monitor.hasError("not_allowed") && result; }));
    QCOMPARE(result->error, std::string("timeout"));
  }
};

QTEST_GUILESS_MAIN(TestHubSecurity)
#include "test_hub_security.moc"
