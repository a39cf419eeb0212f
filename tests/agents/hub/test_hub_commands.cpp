// COMMAND through the hub: each action, fault and reset goes to the processes the protocol's
// table names (or to `target`), with ids of the hub's own; references are checked against
// what the hub knows; the answers are aggregated into one COMMAND_RESULT, the first error
// wins, an executor may answer later, and a missing answer is "timeout" after 5 s.

#include "hub_test_support.h"

using namespace clusterscope::testing;
using clusterscope::model::Action;
using clusterscope::model::ActionKind;

namespace {

Action action(ActionKind kind, const std::string& service = {}, int replica = -1) {
  Action a;
  a.kind = kind;
  a.service = service;
  a.replica = replica;
  if (kind == ActionKind::SlowService || kind == ActionKind::SlowReplica) a.factor = 2;
  if (kind == ActionKind::SetErrorRate) a.rate = 0.5;
  if (kind == ActionKind::SetArrivalRate) a.rate = 50;
  if (kind == ActionKind::SetReplicas) a.count = 3;
  return a;
}

p::Command command(std::variant<Action, p::Fault, p::ResetFaults> what,
                   const std::string& target = {}) {
  p::Command c;
  c.what = std::move(what);
  c.target = target;
  return c;
}

}  // namespace

class TestHubCommands : public QObject {
  Q_OBJECT

  Keys keys_;
  zmq::context_t context_;
  std::unique_ptr<HubThread> hub_;
  EventLoop loop_;
  std::map<std::string, std::unique_ptr<Peer>> peers_;

  Peer& add(const std::string& name, p::Hello hello, const p::Certificate& key) {
    auto peer = std::make_unique<Peer>(loop_, context_, keys_.connection(hub_->endpoint(), key),
                                       std::move(hello));
    peer->client->start();
    return *(peers_[name] = std::move(peer));
  }

  p::Hello agent(const std::string& service, int replica, const std::string& node) {
    p::Hello h = agentHello(service, replica, "tcp://127.0.0.1:" + std::to_string(3 + replica));
    h.node = node;
    return h;
  }

  // Sends `c` from the controller; the result, or nothing within `timeout`.
  std::optional<p::CommandResult> send(p::Command c, std::chrono::milliseconds timeout = 3000ms) {
    std::optional<p::CommandResult> result;
    peers_.at("controller")
        ->client->sendCommand(
            std::move(c), [&](const p::CommandResult& r) { result = r; }, timeout + 1000ms);
    runUntil(
        loop_, [&] { return result.has_value(); }, timeout);
    return result;
  }

  // Who received commands since the last call, by peer name.
  std::vector<std::string> executors() {
    std::vector<std::string> out;
    for (auto& [name, peer] : peers_) {
      if (!peer->commands.empty()) out.push_back(name);
      peer->commands.clear();
    }
    return out;
  }

  void expectRouted(p::Command c, std::vector<std::string> expected) {
    const auto result = send(std::move(c));
    QVERIFY(result.has_value());
    QVERIFY2(result->ok, result->error.c_str());
    QCOMPARE(executors(), expected);
  }

 private slots:
  void init() {
    hub_ = std::make_unique<HubThread>(keys_.hubOptions());
    hub_->start();
    const auto& k = keys_.keys;
    add("controller", roleHello(p::PeerRole::Monitor, "inject@test:1"), k.controller);
    add("launcher", roleHello(p::PeerRole::Launcher, "launcher"), k.controller);
    add("orders0", agent("orders", 0, "node-a"), k.agent);
    add("orders1", agent("orders", 1, "node-b"), k.agent);
    auto billing = agent("billing", 0, "node-b");
    billing.calls = {{"", "stock", clusterscope::model::CallMode::Sync}};
    add("billing0", billing, k.agent);
    add("broker", roleHello(p::PeerRole::Broker, "broker"), k.agent);
    add("loadgen", roleHello(p::PeerRole::Loadgen, "loadgen"), k.agent);
    QVERIFY(runUntil(loop_, [&] {
      for (auto& [name, peer] : peers_)
        if (!peer->welcomed()) return false;
      return true;
    }));
  }

  void cleanup() {
    peers_.clear();
    hub_.reset();
  }

  void eachCommandGoesToItsExecutors() {
    expectRouted(command(action(ActionKind::KillReplica, "orders", 1)), {"launcher"});
    expectRouted(command(action(ActionKind::SetReplicas, "orders")), {"launcher"});
    expectRouted(command(action(ActionKind::SlowService, "orders")), {"orders0", "orders1"});
    expectRouted(command(action(ActionKind::SlowReplica, "orders", 1)), {"orders1"});
    expectRouted(command(action(ActionKind::SetErrorRate, "billing")), {"billing0"});
    Action partition = action(ActionKind::Partition);
    partition.node = "node-a";
    partition.otherNode = "node-b";
    // The agents drop the traffic; the launcher cuts routes when its nodes are namespaces.
    expectRouted(command(partition), {"billing0", "launcher", "orders0", "orders1"});
    expectRouted(command(action(ActionKind::BrokerOutage)), {"broker"});
    expectRouted(command(action(ActionKind::SetArrivalRate)), {"loadgen"});
    Action mode = action(ActionKind::SetCallMode);
    mode.from = "billing";
    mode.to = "stock";  // known from billing's HELLO calls
    expectRouted(command(mode), {"billing0"});
    p::Fault edge;
    edge.kind = p::FaultKind::Latency;
    edge.from = "orders";
    edge.to = "billing";
    edge.latencyMs = 20;
    expectRouted(command(edge), {"orders0", "orders1"});
    p::Fault failFirst;
    failFirst.kind = p::FaultKind::FailFirst;
    failFirst.service = "orders";
    failFirst.replica = 0;
    failFirst.count = 3;
    expectRouted(command(failFirst), {"orders0"});
    p::Fault pause;
    pause.kind = p::FaultKind::Pause;
    pause.service = "orders";
    expectRouted(command(pause), {"launcher"});  // SIGSTOP is the launcher's
    expectRouted(command(p::ResetFaults{}),
                 {"billing0", "broker", "launcher", "loadgen", "orders0", "orders1"});
  }

  void faultsGivenAsActionsGoWhereTheirFaultsGo() {
    // The GUI and a recorded session hold faults as model::Actions: routed as the protocol's.
    Action latency = action(ActionKind::AddLatency);
    latency.from = "orders";
    latency.to = "billing";
    latency.latencyMs = 20;
    const auto result = send(command(latency));
    QVERIFY(result && result->ok);
    // The executors receive the protocol form, whatever the controller held.
    const auto& received = peers_.at("orders0")->commands;
    QCOMPARE(received.size(), std::size_t{1});
    const auto* fault = std::get_if<p::Fault>(&received[0].what);
    QVERIFY(fault != nullptr);
    QCOMPARE(fault->kind, p::FaultKind::Latency);
    QCOMPARE(fault->latencyMs, 20.0);
    QCOMPARE(executors(), (std::vector<std::string>{"orders0", "orders1"}));
    Action first = action(ActionKind::FailFirst, "orders", 1);
    first.count = 2;
    expectRouted(command(first), {"orders1"});
    expectRouted(command(action(ActionKind::Blackhole, "billing")), {"billing0"});
    expectRouted(command(action(ActionKind::Pause, "orders", 0)), {"launcher"});
    expectRouted(command(action(ActionKind::ResetFaults)),
                 {"billing0", "broker", "launcher", "loadgen", "orders0", "orders1"});
    // Their references are checked as a fault's are.
    const auto unknown = send(command(action(ActionKind::Blackhole, "nope")));
    QVERIFY(unknown && !unknown->ok);
    QCOMPARE(unknown->error, std::string("unknown service \"nope\""));
    QVERIFY(executors().empty());
  }

  void theTargetOverridesTheTable() {
    expectRouted(command(action(ActionKind::SlowService, "orders"), "orders#1"), {"orders1"});
    // Executors see an id of the hub's, not the controller's.
    std::uint64_t seen = 0;
    peers_.at("orders0")->answer = [&](const p::Command& c, agents::CommandReply reply) {
      seen = c.id;
      QVERIFY(c.target.empty());
      reply(true);
    };
    const auto result = send(command(action(ActionKind::SlowReplica, "orders", 0)));
    QVERIFY(result && result->ok);
    QVERIFY(seen != 0 && seen != result->id);
  }

  void referencesAreChecked() {
    const std::pair<p::Command, std::string> refused[] = {
        {command(action(ActionKind::KillReplica, "nope", 0)), "unknown service \"nope\""},
        {command(action(ActionKind::KillReplica, "orders", 7)),
         "service \"orders\" has no replica 7"},
        {command([] {
           Action a = action(ActionKind::FailNode);
           a.node = "node-z";
           return a;
         }()),
         "unknown node \"node-z\""},
        {command(action(ActionKind::SlowService, "orders"), "ghost#0"),
         "unknown target \"ghost#0\""},
    };
    for (const auto& [c, error] : refused) {
      const auto result = send(c);
      QVERIFY(result.has_value());
      QVERIFY(!result->ok);
      QCOMPARE(result->error, error);
    }
    QVERIFY(executors().empty());
    peers_.erase("launcher");  // destroyed without BYE: it goes down after a second of silence
    peers_.at("controller")->client->stop();  // (and back, to show a restarted controller works)
    peers_.at("controller")->client->start();
    QVERIFY(runUntil(loop_, [&] { return peers_.at("controller")->welcomed(); }));
    QVERIFY(runUntil(
        loop_,
        [&] {
          const auto r = send(command(action(ActionKind::KillReplica, "orders", 0)), 500ms);
          return r && !r->ok && r->error == "no live launcher to carry out kill_replica";
        },
        4000ms));
  }

  void aCommandRefusedForItsContentIsAnsweredAtOnce() {
    zmq::socket_t raw =
        rawDealer(context_, hub_->endpoint(), keys_.keys.hub.publicKey, keys_.keys.controller);
    agents::sendFrames(raw, {}, p::encodeControl(roleHello(p::PeerRole::Monitor, "raw@t:1")));
    QVERIFY(receiveControl(raw, 2000ms).has_value());  // WELCOME
    const p::Frames misspelt = {p::encodeControl(p::Command{})[0],
                                R"({"id":7,"action":{"action":"kill_replica","servce":"x"}})"};
    agents::sendFrames(raw, {}, misspelt);
    std::optional<p::CommandResult> result;
    for (int i = 0; i < 5 && !result; ++i) {
      if (auto m = receiveControl(raw, 1000ms)) {
        if (auto* r = std::get_if<p::CommandResult>(&*m)) result = *r;
      }
    }
    QVERIFY(result.has_value());
    QCOMPARE(result->id, std::uint64_t{7});
    QVERIFY(!result->ok);
    QVERIFY2(result->error.rfind("bad_action: ", 0) == 0, result->error.c_str());
    QVERIFY(executors().empty());
  }

  void answersAreAggregated() {
    std::vector<agents::CommandReply> later;
    peers_.at("orders0")->answer = [&](const p::Command&, agents::CommandReply reply) {
      later.push_back(reply);  // answered later, from a timer
    };
    const auto timer = loop_.after(300ms, [&] {
      for (auto& reply : later) reply(true);
    });
    const auto start = EventLoop::Clock::now();
    auto result = send(command(action(ActionKind::SlowService, "orders")));
    QVERIFY(result && result->ok);
    QVERIFY(EventLoop::Clock::now() - start >= 290ms);
    loop_.cancel(timer);

    peers_.at("orders0")->answer = [](const p::Command&, agents::CommandReply reply) {
      reply(true);
    };
    peers_.at("orders1")->answer = [](const p::Command&, agents::CommandReply reply) {
      reply(false, "unsupported");
      reply(true);  // a second answer is ignored
    };
    result = send(command(action(ActionKind::SlowService, "orders")));
    QVERIFY(result && !result->ok);
    QCOMPARE(result->error, std::string("unsupported"));
    const auto stats = hub_->call([](agents::Hub& h) { return h.stats(); });
    QCOMPARE(stats.commandsOk, std::uint64_t{1});
    QCOMPARE(stats.commandsFailed, std::uint64_t{1});
    QCOMPARE(hub_->call([](agents::Hub& h) { return h.commandsInFlight(); }), std::size_t{0});
  }

  void aMissingAnswerIsATimeoutAfterFiveSeconds() {
    std::vector<agents::CommandReply> never;
    peers_.at("orders1")->answer = [&](const p::Command&, agents::CommandReply reply) {
      never.push_back(reply);
    };
    const auto start = EventLoop::Clock::now();
    const auto result = send(command(action(ActionKind::SlowService, "orders")), 8000ms);
    const auto waited = EventLoop::Clock::now() - start;
    QVERIFY(result.has_value());
    QVERIFY(!result->ok);
    QCOMPARE(result->error, std::string("timeout"));
    qInfo("answered after %lld ms",
          static_cast<long long>(
              std::chrono::duration_cast<std::chrono::milliseconds>(waited).count()));
    QVERIFY(waited >= 4900ms && waited < 6500ms);
    // The late answer finds nothing waiting: counted, dropped.
    never.front()(true);
    QVERIFY(runUntil(loop_, [&] {
      return hub_->call([](agents::Hub& h) {
        return h.stats().hubDrop(agents::HubDrop::UnexpectedResult);
      }) == 1;
    }));
    QCOMPARE(hub_->call([](agents::Hub& h) { return h.stats().commandsTimedOut; }),
             std::uint64_t{1});
  }
};

QTEST_GUILESS_MAIN(TestHubCommands)
#include "test_hub_commands.moc"
