// What monitors see: a SNAPSHOT of every peer, then UPDATE, PEER_STATE and CLUSTER in one
// unbroken sequence; a monitor that fell behind (the hub dropped its messages at the
// high-water mark) finds the gap and subscribes again; the launcher's CLUSTER reaches monitors
// and the routes; the telemetry PUB speaks PlotJuggler's layout.

#include "hub_test_support.h"
#include "telemetry_pub.h"

using namespace clusterscope::testing;
using clusterscope::model::ReplicaState;

namespace {

p::ClusterPlan planWith(const std::string& service, std::size_t descriptionBytes = 0) {
  p::ClusterPlan plan;
  plan.description.name = "test";
  plan.description.description = std::string(descriptionBytes, 'd');
  clusterscope::model::ComponentInfo component;
  component.name = service;
  plan.layout.components.push_back(component);
  clusterscope::model::DeploymentInfo deployment;
  deployment.name = service;
  deployment.components = {0};
  plan.layout.deployments.push_back(deployment);
  plan.replicas = {2};
  return plan;
}

}  // namespace

class TestHubStream : public QObject {
  Q_OBJECT

  Keys keys_;
  zmq::context_t context_;

  // Three replicas of orders, started, reporting ten times a second.
  std::vector<std::unique_ptr<Peer>> threeOrdersAgents(EventLoop& loop, HubThread& hub) {
    std::vector<std::unique_ptr<Peer>> agents;
    for (int r = 0; r < 3; ++r) {
      agents.push_back(std::make_unique<Peer>(
          loop, context_, keys_.connection(hub.endpoint(), keys_.keys.agent),
          agentHello("orders", r, "tcp://127.0.0.1:" + std::to_string(2 + r))));
      agents.back()->client->start();
    }
    return agents;
  }

 private slots:
  void aSnapshotThenUpdatesInSequence() {
    HubThread hub(keys_.hubOptions());
    hub.start();
    EventLoop loop;
    const auto agents = threeOrdersAgents(loop, hub);
    QVERIFY(runUntil(loop, [&] {
      return hub.call([](agents::Hub& h) {
        std::size_t reported = 0;
        for (const auto& [i, peer] : h.peers().peers()) reported += peer.report ? 1 : 0;
        return reported;
      }) == 3;
    }));
    Peer monitor(loop, context_, keys_.connection(hub.endpoint(), keys_.keys.controller),
                 roleHello(p::PeerRole::Monitor, "monitor@test:1"), true);
    monitor.client->start();
    QVERIFY(runUntil(loop, [&] { return !monitor.snapshots.empty(); }));
    const agents::HubSnapshot& snapshot = monitor.snapshots.front();
    QCOMPARE(snapshot.peers.size(), std::size_t{4});  // the agents and the monitor itself
    for (const auto& peer : snapshot.peers) {
      QCOMPARE(peer.liveness, p::Liveness::Joined);
      if (peer.hello.role == p::PeerRole::Agent) QVERIFY(peer.report.has_value());
    }
    QVERIFY(!snapshot.cluster.has_value());

    // A second of the stream: every sequence number once, in order, each peer's reports in
    // their own order, about ten a second.
    runFor(loop, 1000ms);
    std::vector<std::uint64_t> seqs;
    for (const auto& u : monitor.updates) seqs.push_back(u.seq);
    for (const auto& s : monitor.states) seqs.push_back(s.seq);
    std::sort(seqs.begin(), seqs.end());
    QVERIFY(!seqs.empty());
    QCOMPARE(seqs.front(), snapshot.seq + 1);
    for (std::size_t i = 1; i < seqs.size(); ++i) QCOMPARE(seqs[i], seqs[i - 1] + 1);
    std::map<std::string, std::vector<std::uint64_t>> reports;
    for (const auto& u : monitor.updates) reports[u.instance].push_back(u.report.seq);
    QCOMPARE(reports.size(), std::size_t{4});  // monitors report too: it is their heartbeat
    for (const auto& [instance, order] : reports) {
      QVERIFY2(order.size() >= 7 && order.size() <= 13, instance.c_str());
      QVERIFY(std::is_sorted(order.begin(), order.end()));
    }
    QCOMPARE(monitor.client->stats().streamGaps, std::uint64_t{0});
  }

  // SUBSCRIBE update_interval_ms: reports merged to about two a second per peer, the stream
  // still unbroken; a change of state comes at once; the hub relays as seldom as its most
  // demanding subscriber allows.
  void aMonitorMayAskForFewerUpdates() {
    HubThread hub(keys_.hubOptions());
    hub.start();
    EventLoop loop;
    const auto agents = threeOrdersAgents(loop, hub);
    Peer slow(loop, context_, keys_.connection(hub.endpoint(), keys_.keys.controller),
              roleHello(p::PeerRole::Monitor, "monitor@test:1"), true, 500ms);
    slow.client->start();
    QVERIFY(runUntil(loop, [&] { return !slow.snapshots.empty(); }));
    const auto updatesPerAgent = [&](const Peer& monitor, std::size_t from) {
      std::map<std::string, std::vector<std::uint64_t>> seqs;
      for (std::size_t i = from; i < monitor.updates.size(); ++i) {
        const p::Update& u = monitor.updates[i];
        if (u.instance.rfind("orders#", 0) == 0) seqs[u.instance].push_back(u.report.seq);
      }
      return seqs;
    };

    // Two seconds: about four UPDATEs per agent (twenty reports each), later reports each
    // time, no gap in the stream.
    std::size_t from = slow.updates.size();
    runFor(loop, 2000ms);
    auto seen = updatesPerAgent(slow, from);
    QCOMPARE(seen.size(), std::size_t{3});
    for (const auto& [instance, seqs] : seen) {
      QVERIFY2(seqs.size() >= 3 && seqs.size() <= 6, instance.c_str());
      QVERIFY(std::is_sorted(seqs.begin(), seqs.end()));
      QVERIFY2(seqs.back() - seqs.front() >= 10, instance.c_str());  // reports were merged
    }
    QCOMPARE(slow.client->stats().streamGaps, std::uint64_t{0});

    // A change of state is not held for the interval: five flips, each seen well under the
    // half second an ordinary report may wait.
    for (int flip = 0; flip < 5; ++flip) {
      const auto wanted = flip % 2 == 0 ? ReplicaState::Draining : ReplicaState::Ready;
      const std::size_t before = slow.updates.size();
      const auto start = std::chrono::steady_clock::now();
      agents[0]->state = wanted;
      QVERIFY(runUntil(loop, [&] {
        for (std::size_t i = before; i < slow.updates.size(); ++i) {
          if (slow.updates[i].instance == "orders#0" && slow.updates[i].report.state == wanted)
            return true;
        }
        return false;
      }));
      const auto took = std::chrono::steady_clock::now() - start;
      QVERIFY2(took < 300ms, std::to_string(took / 1ms).c_str());
      runFor(loop, 150ms);
    }

    // A second monitor wanting every report: both get about ten a second; once it leaves, two.
    {
      Peer eager(loop, context_, keys_.connection(hub.endpoint(), keys_.keys.controller),
                 roleHello(p::PeerRole::Monitor, "monitor@test:2"), true);
      eager.client->start();
      QVERIFY(runUntil(loop, [&] { return !eager.snapshots.empty(); }));
      from = slow.updates.size();
      runFor(loop, 1000ms);
      for (const auto& [instance, seqs] : updatesPerAgent(slow, from)) {
        QVERIFY2(seqs.size() >= 7, instance.c_str());
      }
      eager.client->stop();
    }
    QVERIFY(runUntil(
        loop, [&] { return hub.call([](agents::Hub& h) { return h.subscribers(); }) == 1; }));
    from = slow.updates.size();
    runFor(loop, 2000ms);
    for (const auto& [instance, seqs] : updatesPerAgent(slow, from)) {
      QVERIFY2(seqs.size() <= 6, instance.c_str());
    }
    QCOMPARE(slow.client->stats().streamGaps, std::uint64_t{0});
  }

  void aMonitorThatFellBehindSubscribesAgain() {
    HubThread hub(keys_.hubOptions());
    hub.start();
    EventLoop loop;
    Peer monitor(loop, context_, keys_.connection(hub.endpoint(), keys_.keys.controller),
                 roleHello(p::PeerRole::Monitor, "monitor@test:1"), true);
    monitor.client->start();
    QVERIFY(runUntil(loop, [&] { return monitor.snapshots.size() == 1; }));

    // The monitor stops reading while a launcher sends plan after plan: 20000 messages of 4 KiB
    // are more than the hub's send queue, the monitor's receive queue and the kernel hold.
    zmq::socket_t launcher =
        rawDealer(context_, hub.endpoint(), keys_.keys.hub.publicKey, keys_.keys.controller);
    launcher.set(zmq::sockopt::sndtimeo, 5000);
    agents::sendFrames(launcher, {}, p::encodeControl(roleHello(p::PeerRole::Launcher, "l")));
    QVERIFY(receiveControl(launcher, 3000ms).has_value());
    const p::Frames plan = p::encodeControl(p::Cluster{planWith("orders", 4096), 0});
    for (int i = 0; i < 20000; ++i) {
      QVERIFY(launcher.send(zmq::buffer(plan[0]), zmq::send_flags::sndmore));
      QVERIFY(launcher.send(zmq::buffer(plan[1]), zmq::send_flags::none));
    }
    QVERIFY(runUntil(
        {}, [&] { return hub.call([](agents::Hub& h) { return h.stats().sends.wouldBlock; }) > 0; },
        10000ms));
    // Reading again, it finds the gap and starts over from a fresh snapshot.
    QVERIFY(runUntil(
        loop,
        [&] { return monitor.client->stats().streamGaps >= 1 && monitor.snapshots.size() >= 2; },
        20000ms));
    QVERIFY(monitor.snapshots.back().cluster.has_value());
    const std::size_t clusters = monitor.clusters.size();
    QVERIFY(clusters < 20000);
    // From there the stream is whole again.
    Peer late(loop, context_, keys_.connection(hub.endpoint(), keys_.keys.agent),
              agentHello("orders", 0, "tcp://127.0.0.1:2"));
    late.client->start();
    QVERIFY(runUntil(
        loop, [&] { return monitor.liveness("orders#0") == p::Liveness::Joined; }, 10000ms));
  }

  void theLaunchersPlanReachesMonitorsAndRoutes() {
    HubThread hub(keys_.hubOptions());
    hub.start();
    EventLoop loop;
    Peer launcher(loop, context_, keys_.connection(hub.endpoint(), keys_.keys.controller),
                  roleHello(p::PeerRole::Launcher, "launcher"));
    Peer monitor(loop, context_, keys_.connection(hub.endpoint(), keys_.keys.controller),
                 roleHello(p::PeerRole::Monitor, "monitor@test:1"), true);
    Peer loadgen(loop, context_, keys_.connection(hub.endpoint(), keys_.keys.agent),
                 roleHello(p::PeerRole::Loadgen, "loadgen"));
    monitor.client->start();
    loadgen.client->start();
    QVERIFY(runUntil(loop, [&] { return !monitor.snapshots.empty() && loadgen.welcomed(); }));
    launcher.client->setClusterPlan(planWith("billing"));
    launcher.client->start();
    QVERIFY(runUntil(loop, [&] { return !monitor.clusters.empty(); }));
    QVERIFY(monitor.clusters.front().plan == planWith("billing"));
    QVERIFY(monitor.clusters.front().seq > monitor.snapshots.front().seq);
    // Planned services are routed before any replica joins: empty, so calls fail no_replica.
    QVERIFY(runUntil(loop, [&] {
      return !loadgen.routes.empty() && loadgen.routes.back().services.size() == 1 &&
             loadgen.routes.back().services[0].service == "billing";
    }));
    // A late monitor gets the plan in its snapshot.
    Peer late(loop, context_, keys_.connection(hub.endpoint(), keys_.keys.controller),
              roleHello(p::PeerRole::Monitor, "monitor@test:2"), true);
    late.client->start();
    QVERIFY(runUntil(loop, [&] { return !late.snapshots.empty(); }));
    QVERIFY(late.snapshots.front().cluster == planWith("billing"));
  }

  void theTelemetryPubSpeaksPlotJugglersLayout() {
    auto options = keys_.hubOptions();
    options.telemetryPub = true;
    HubThread hub(options);
    hub.start();
    QVERIFY(hub.telemetryEndpoint().rfind("tcp://127.0.0.1:", 0) == 0);
    zmq::socket_t sub(context_, zmq::socket_type::sub);
    sub.set(zmq::sockopt::linger, 0);
    sub.set(zmq::sockopt::subscribe, "clusterscope/");
    sub.connect(hub.telemetryEndpoint());
    EventLoop loop;
    Peer orders(loop, context_, keys_.connection(hub.endpoint(), keys_.keys.agent),
                agentHello("orders", 0, "tcp://127.0.0.1:2"));
    orders.client->start();
    QVERIFY(runUntil(loop, [&] { return orders.welcomed(); }));
    QVERIFY(orders.welcomes.front().capabilities == std::vector<std::string>{"telemetry_pub"});
    const auto work = loop.every(100ms, [&] { orders.completed += 10; });  // 100 per second
    std::vector<p::TelemetrySample> samples;
    agents::ReceivedMessage m;
    QVERIFY(runUntil(
        loop,
        [&] {
          while (agents::receiveMessage(sub, m, 0, 3) == agents::ReceiveStatus::Message) {
            auto d = p::decodeTelemetrySample(m.frames());
            if (d) samples.push_back(d.value());
          }
          return samples.size() >= 15;
        },
        5000ms));
    loop.cancel(work);
    const p::TelemetrySample& last = samples.back();
    QCOMPARE(last.topic, std::string("clusterscope/orders#0"));
    std::map<std::string, double> values(last.values.begin(), last.values.end());
    QCOMPARE(values.count("p95_ms"), std::size_t{1});
    QCOMPARE(values["workers"], 2.0);
    QVERIFY2(values["throughput_rps"] > 60 && values["throughput_rps"] < 140,
             std::to_string(values["throughput_rps"]).c_str());
    const double now =
        std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    QVERIFY(std::abs(last.unixTimeS - now) < 5);
  }
};

QTEST_GUILESS_MAIN(TestHubStream)
#include "test_hub_stream.moc"
