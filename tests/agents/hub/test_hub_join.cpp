// Joining the hub and staying known: HELLO, WELCOME and ROUTES; a ready replica enters the
// routes; a second process under a live instance is refused until the first is gone; a silent
// peer turns suspect then down within 2 s and rejoins when it speaks again; BYE and a
// launcher's exit notice; peers re-join a hub restarted on the same endpoint.

#include "hub_test_support.h"

using namespace clusterscope::testing;
using clusterscope::model::ReplicaState;

namespace {

const p::ServiceRoutes* findService(const p::Routes& routes, const std::string& name) {
  for (const auto& s : routes.services)
    if (s.service == name) return &s;
  return nullptr;
}

std::size_t readyReplicas(const Peer& peer, const std::string& service) {
  if (peer.routes.empty()) return 0;
  const p::ServiceRoutes* s = findService(peer.routes.back(), service);
  return s ? s->replicas.size() : 0;
}

// The liveness a monitor holds for `instance`.
std::optional<p::Liveness> lastState(const Peer& monitor, const std::string& instance) {
  return monitor.liveness(instance);
}

}  // namespace

class TestHubJoin : public QObject {
  Q_OBJECT

  Keys keys_;
  zmq::context_t context_;

  agents::HubConnection agentKey(const HubThread& hub) const {
    return keys_.connection(hub.endpoint(), keys_.keys.agent);
  }
  agents::HubConnection controllerKey(const HubThread& hub) const {
    return keys_.connection(hub.endpoint(), keys_.keys.controller);
  }

 private slots:
  void joinWelcomeAndRoutes() {
    HubThread hub(keys_.hubOptions());
    hub.start();
    QVERIFY(hub.endpoint().rfind("tcp://127.0.0.1:", 0) == 0);
    EventLoop loop;
    Peer broker(loop, context_, agentKey(hub), roleHello(p::PeerRole::Broker, "broker"));
    Peer orders(loop, context_, agentKey(hub), agentHello("orders", 0, "tcp://127.0.0.1:2"));
    Peer loadgen(loop, context_, agentKey(hub), roleHello(p::PeerRole::Loadgen, "loadgen"));
    orders.state = ReplicaState::Starting;
    broker.client->start();
    orders.client->start();
    loadgen.client->start();
    QVERIFY(runUntil(loop, [&] { return orders.welcomed() && loadgen.welcomed(); }));
    const p::Welcome& w = orders.welcomes.front();
    QCOMPARE(w.hub, hub.hubId());
    QCOMPARE(w.reportIntervalMs, std::int64_t{100});
    QCOMPARE(w.suspectAfterMs, std::int64_t{500});
    QCOMPARE(w.downAfterMs, std::int64_t{1000});
    // ROUTES follow the WELCOME; a starting replica is not in them, the service is.
    QVERIFY(runUntil(loop, [&] {
      return !orders.routes.empty() && findService(orders.routes.back(), "orders") &&
             orders.routes.back().broker == "tcp://127.0.0.1:1";
    }));
    QCOMPARE(readyReplicas(orders, "orders"), std::size_t{0});
    QVERIFY(broker.routes.empty());  // only agents and load generators need them

    orders.state = ReplicaState::Ready;
    orders.client->reportNow();
    QVERIFY(runUntil(loop, [&] { return readyReplicas(loadgen, "orders") == 1; }));
    const p::RouteReplica& r = findService(loadgen.routes.back(), "orders")->replicas.front();
    QCOMPARE(r.instance, std::string("orders#0"));
    QCOMPARE(r.endpoint, std::string("tcp://127.0.0.1:2"));
    // Versions only grow.
    for (std::size_t i = 1; i < loadgen.routes.size(); ++i) {
      QVERIFY(loadgen.routes[i].version > loadgen.routes[i - 1].version);
    }
    // Draining leaves the routes.
    orders.state = ReplicaState::Draining;
    orders.client->reportNow();
    QVERIFY(runUntil(loop, [&] { return readyReplicas(loadgen, "orders") == 0; }));
  }

  void aLiveInstanceIsNotTakenTwice() {
    HubThread hub(keys_.hubOptions());
    hub.start();
    EventLoop loop;
    Peer first(loop, context_, agentKey(hub), agentHello("orders", 0, "tcp://127.0.0.1:2"));
    first.client->start();
    QVERIFY(runUntil(loop, [&] { return first.welcomed(); }));
    auto hello = agentHello("orders", 0, "tcp://127.0.0.1:3");
    hello.pid = 4242;  // another process
    Peer second(loop, context_, agentKey(hub), hello);
    second.client->start();
    QVERIFY(runUntil(loop, [&] { return second.hasError("duplicate_instance"); }));
    QVERIFY(!second.welcomed());
    // Once the holder leaves, the newcomer's next HELLO takes the instance.
    first.client->stop("replaced");
    QVERIFY(runUntil(loop, [&] { return second.welcomed(); }));
    const auto peers = hub.call([](agents::Hub& h) { return h.peers().peers().size(); });
    QCOMPARE(peers, std::size_t{1});
    const auto endpoint = hub.call(
        [](agents::Hub& h) { return h.peers().byInstance("orders#0")->hello.endpoints.requests; });
    QCOMPARE(endpoint, std::string("tcp://127.0.0.1:3"));

    // The same process (same pid and node) over a new connection, as after its DEALER
    // reconnected, takes its instance back at once.
    zmq::socket_t before =
        rawDealer(context_, hub.endpoint(), keys_.keys.hub.publicKey, keys_.keys.agent);
    auto billing = agentHello("billing", 0, "tcp://127.0.0.1:4");
    billing.pid = 77;
    agents::sendFrames(before, {}, p::encodeControl(billing));
    QVERIFY(receiveControl(before, 2000ms).has_value());
    zmq::socket_t after =
        rawDealer(context_, hub.endpoint(), keys_.keys.hub.publicKey, keys_.keys.agent);
    agents::sendFrames(after, {}, p::encodeControl(billing));
    const auto answer = receiveControl(after, 2000ms);
    QVERIFY(answer && std::holds_alternative<p::Welcome>(*answer));
  }

  void aFullTableMakesRoomFromTheDeadOnly() {
    auto options = keys_.hubOptions();
    options.maxPeers = 2;
    HubThread hub(options);
    hub.start();
    EventLoop loop;
    Peer a(loop, context_, agentKey(hub), agentHello("a", 0, "tcp://127.0.0.1:2"));
    Peer b(loop, context_, agentKey(hub), agentHello("b", 0, "tcp://127.0.0.1:3"));
    Peer c(loop, context_, agentKey(hub), agentHello("c", 0, "tcp://127.0.0.1:4"));
    a.client->start();
    b.client->start();
    QVERIFY(runUntil(loop, [&] { return a.welcomed() && b.welcomed(); }));
    c.client->start();
    QVERIFY(runUntil(loop, [&] { return c.hasError("too_many_peers"); }));
    a.client->stop();  // left: its place may be taken
    QVERIFY(runUntil(loop, [&] { return c.welcomed(); }));
    QVERIFY(!hub.call([](agents::Hub& h) { return h.peers().byInstance("a#0") != nullptr; }));
  }

  void aSilentPeerIsSuspectThenDownAndRejoins() {
    HubThread hub(keys_.hubOptions());
    hub.start();
    EventLoop loop;
    EventLoop hung;  // the silent process's own loop: not run while it is "hung"
    Peer monitor(loop, context_, controllerKey(hub),
                 roleHello(p::PeerRole::Monitor, "monitor@test:1"), true);
    Peer orders(hung, context_, agentKey(hub), agentHello("orders", 0, "tcp://127.0.0.1:2"));
    monitor.client->start();
    orders.client->start();
    QVERIFY(runUntil({&loop, &hung}, [&] {
      return orders.welcomed() && !monitor.snapshots.empty() &&
             lastState(monitor, "orders#0") == p::Liveness::Joined;
    }));
    runFor({&loop, &hung}, 300ms);

    const auto silentFrom = EventLoop::Clock::now();
    std::optional<EventLoop::Clock::duration> suspectAt, downAt;
    QVERIFY(runUntil(
        loop,
        [&] {
          const auto state = lastState(monitor, "orders#0");
          if (state == p::Liveness::Suspect && !suspectAt) {
            suspectAt = EventLoop::Clock::now() - silentFrom;
          }
          if (state == p::Liveness::Down) downAt = EventLoop::Clock::now() - silentFrom;
          return downAt.has_value();
        },
        3000ms));
    QVERIFY(suspectAt.has_value());
    const auto ms = [](auto d) {
      return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
    };
    qInfo("suspect after %lld ms, down after %lld ms of silence",
          static_cast<long long>(ms(*suspectAt)), static_cast<long long>(ms(*downAt)));
    QVERIFY(*suspectAt >= 400ms && *suspectAt < 1000ms);
    QVERIFY(*downAt >= 900ms && *downAt < 2000ms);
    QCOMPARE(monitor.states.back().reason, std::string("silent for 1.0 s"));

    // It speaks again: joined, "reports resumed", and its reports flow again.
    QVERIFY(runUntil({&loop, &hung},
                     [&] { return lastState(monitor, "orders#0") == p::Liveness::Joined; }));
    QCOMPARE(monitor.states.back().reason, std::string("reports resumed"));
    const std::size_t updates = monitor.updates.size();
    QVERIFY(runUntil({&loop, &hung}, [&] { return monitor.updates.size() > updates + 2; }));
  }

  void byeAndExitNotices() {
    HubThread hub(keys_.hubOptions());
    hub.start();
    EventLoop loop;
    Peer monitor(loop, context_, controllerKey(hub),
                 roleHello(p::PeerRole::Monitor, "monitor@test:1"), true);
    Peer launcher(loop, context_, controllerKey(hub), roleHello(p::PeerRole::Launcher, "launcher"));
    auto hello0 = agentHello("orders", 0, "tcp://127.0.0.1:2");
    hello0.pid = 1000;
    Peer orders0(loop, context_, agentKey(hub), hello0);
    Peer orders1(loop, context_, agentKey(hub), agentHello("orders", 1, "tcp://127.0.0.1:3"));
    for (Peer* peer : {&monitor, &launcher, &orders0, &orders1}) peer->client->start();
    QVERIFY(runUntil(loop, [&] {
      return orders0.welcomed() && orders1.welcomed() && launcher.welcomed() &&
             lastState(monitor, "orders#1") == p::Liveness::Joined &&
             lastState(monitor, "orders#0") == p::Liveness::Joined;
    }));

    orders1.client->stop("shutting down");
    QVERIFY(runUntil(loop, [&] { return lastState(monitor, "orders#1") == p::Liveness::Left; }));
    QCOMPARE(monitor.states.back().reason, std::string("bye: shutting down"));

    // A notice naming another pid is about an older process: ignored.
    QVERIFY(launcher.client->notifyExited("orders#0", 999, "process exited (signal 9)"));
    runFor(loop, 200ms);
    QCOMPARE(lastState(monitor, "orders#0"), std::optional(p::Liveness::Joined));
    const auto sent = EventLoop::Clock::now();
    QVERIFY(launcher.client->notifyExited("orders#0", 1000, "process exited (signal 9)"));
    QVERIFY(runUntil(loop, [&] { return lastState(monitor, "orders#0") == p::Liveness::Down; }));
    QVERIFY(EventLoop::Clock::now() - sent < 300ms);  // at once, not after a second of silence
    QCOMPARE(monitor.states.back().reason, std::string("process exited (signal 9)"));
    const auto ignored =
        hub.call([](agents::Hub& h) { return h.stats().hubDrop(agents::HubDrop::IgnoredNotice); });
    QCOMPARE(ignored, std::uint64_t{1});
    // Its connection is forgotten: what it still sends is from an unknown peer, and it joins
    // again (a process the launcher did not kill after all).
    QVERIFY(runUntil(loop, [&] { return orders0.welcomes.size() == 2; }));
    QVERIFY(orders0.hasError("unknown_peer"));

    // Only a launcher may say that a process exited.
    QVERIFY(orders1.client->started() == false);
    orders1.client->start();
    QVERIFY(runUntil(loop, [&] { return orders1.welcomed(); }));
    QVERIFY(orders1.client->notifyExited("orders#0", 0, "lies"));
    QVERIFY(runUntil(loop, [&] { return orders1.hasError("not_allowed"); }));
  }

  void peersRejoinARestartedHub() {
    auto options = keys_.hubOptions();
    auto first = std::make_unique<HubThread>(options);
    first->start();
    const std::string endpoint = first->endpoint();
    const std::string firstId = first->hubId();
    EventLoop loop;
    agents::HubConnection agent = keys_.connection(endpoint, keys_.keys.agent);
    agents::HubConnection controller = keys_.connection(endpoint, keys_.keys.controller);
    Peer monitor(loop, context_, controller, roleHello(p::PeerRole::Monitor, "monitor@test:1"),
                 true);
    Peer orders(loop, context_, agent, agentHello("orders", 0, "tcp://127.0.0.1:2"));
    monitor.client->start();
    orders.client->start();
    QVERIFY(runUntil(loop, [&] { return orders.welcomed() && monitor.snapshots.size() == 1; }));

    first.reset();  // the hub goes away
    runFor(loop, 300ms);
    options.port = std::stoi(endpoint.substr(endpoint.rfind(':') + 1));
    HubThread second(options);
    second.start();
    QCOMPARE(second.endpoint(), endpoint);
    QVERIFY(runUntil(
        loop,
        [&] {
          return orders.welcomes.size() >= 2 && monitor.welcomes.size() >= 2 &&
                 monitor.snapshots.size() >= 2 && !orders.routes.empty() &&
                 orders.routes.back().services.size() == 1 && readyReplicas(orders, "orders") == 1;
        },
        5000ms));
    QCOMPARE(orders.welcomes.back().hub, second.hubId());
    QVERIFY(orders.welcomes.back().hub != firstId);
    QCOMPARE(orders.client->stats().hubChanges, std::uint64_t{1});
    // The monitor's fresh snapshot has both processes.
    QVERIFY(runUntil(
        loop, [&] { return second.call([](agents::Hub& h) { return h.peers().size(); }) == 2; }));
  }
};

QTEST_GUILESS_MAIN(TestHubJoin)
#include "test_hub_join.moc"
