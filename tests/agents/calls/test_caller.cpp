// calls::Caller against real ROUTER servers on 127.0.0.1 (ports chosen by the system), all on
// the test's own EventLoop: replies and headers, timeouts within the budget, retries with the
// retry flag and backoff (none after a local refusal), the circuit breaker opening, probing and
// closing, the bulkhead and the depth limit, every lb policy, partitions, edge faults, ROUTES
// opening and closing connections, and answers it must refuse.

#include <QtTest>
#include <functional>
#include <map>
#include <optional>
#include <vector>
#include <zmq.hpp>

#include "caller.h"
#include "message_io.h"
#include "request_frames.h"
#include "socket_setup.h"

using namespace clusterscope;
using namespace clusterscope::agents;
using namespace clusterscope::agents::calls;
using model::FailureCause;
using namespace std::chrono_literals;

namespace {

// A callee: a ROUTER answering each REQUEST as `act` says (a cause, or nothing: held).
struct Server {
  struct Seen {
    std::string routingId;
    protocol::RequestHeader header;  // target copied into `target`
    std::string target;
    Clock::time_point at;
  };
  // Returns the answer (None: REPLY) or nothing to hold the request.
  std::function<std::optional<FailureCause>(const Seen&)> act = [](const Seen&) {
    return std::optional(FailureCause::None);
  };
  zmq::socket_t socket;
  std::string endpoint;
  std::vector<Seen> seen;
  std::vector<Seen> held;
  EventLoop& loop;
  ReceivedMessage message;

  Server(EventLoop& l, zmq::context_t& context)
      : socket(makeSocket(context, SocketKind::RequestServer)), loop(l) {
    endpoint = bindTcp(socket, "127.0.0.1");
    loop.watch(socket, [this] { read(); });
  }
  ~Server() { loop.unwatch(socket); }

  void read() {
    while (receiveMessage(socket, message, 1, 2) != ReceiveStatus::Nothing) {
      auto decoded = protocol::decodeRequest(message.frames());
      if (!decoded) continue;
      Seen s{std::string(message.routingId()), decoded->header, std::string(decoded->header.target),
             Clock::now()};
      s.header.target = {};
      seen.push_back(s);
      if (const auto cause = act(s)) {
        answer(s, *cause);
      } else {
        held.push_back(s);
      }
    }
  }
  void answer(const Seen& s, FailureCause cause) {
    sendFrames(socket, s.routingId,
               protocol::encodeRequest(protocol::answerTo(s.header, 1, cause)));
  }
  void releaseHeld(FailureCause cause = FailureCause::None) {
    for (const auto& s : held) answer(s, cause);
    held.clear();
  }
};

struct Replica {
  const Server* server;
  std::string node;
};

protocol::Routes routesOf(const std::string& service, const std::vector<Replica>& replicas,
                          std::vector<std::string> modules = {}) {
  protocol::ServiceRoutes s;
  s.service = service;
  s.modules = std::move(modules);
  int i = 0;
  for (const auto& r : replicas) {
    s.replicas.push_back({service + "#" + std::to_string(i), i, r.node, r.server->endpoint});
    ++i;
  }
  protocol::Routes routes;
  routes.version = 1;
  routes.services.push_back(s);
  return routes;
}

bool runUntil(EventLoop& loop, const std::function<bool()>& done,
              std::chrono::milliseconds timeout = 3000ms) {
  const auto end = Clock::now() + timeout;
  while (!done()) {
    if (Clock::now() >= end) return false;
    loop.runOnce(5ms);
  }
  return true;
}

void runFor(EventLoop& loop, std::chrono::milliseconds d) {
  runUntil(
      loop, [] { return false; }, d);
}

CallPolicy policy(std::optional<std::chrono::milliseconds> timeout = std::nullopt, int retries = 0,
                  engine::LbPolicy lb = engine::LbPolicy::RoundRobin) {
  CallPolicy p;
  if (timeout) p.timeout = *timeout;
  p.retries = retries;
  p.backoff = 20ms;
  p.lb = lb;
  return p;
}

}  // namespace

class TestCaller : public QObject {
  Q_OBJECT

  zmq::context_t context_;

  // One call, run to its end; nothing if it never ended.
  std::optional<FailureCause> callOnce(EventLoop& loop, Caller& caller, Caller::EdgeId edge,
                                       CallContext context = {},
                                       std::chrono::milliseconds wait = 3000ms) {
    std::optional<FailureCause> result;
    caller.call(edge, context, [&](FailureCause c) { result = c; });
    QTest::qVerify(result == std::nullopt, "result", "Done ran inside call()", __FILE__, __LINE__);
    runUntil(
        loop, [&] { return result.has_value(); }, wait);
    return result;
  }

 private slots:
  void repliesCarryTheHeaderAndRoundRobinTurns() {
    EventLoop loop;
    Timers timers(loop);
    FaultBook faults;
    Server a(loop, context_), b(loop, context_), c(loop, context_);
    Caller caller(timers, context_, faults, {"shop", "", 1});
    const auto orders = caller.addEdge({"", "orders"}, policy());
    const auto cart = caller.addEdge({"", "cart"}, policy());
    protocol::Routes routes = routesOf("orders", {{&a, ""}, {&b, ""}, {&c, ""}});
    routes.services.push_back(routesOf("mono", {{&a, ""}}, {"cart"}).services[0]);
    caller.setRoutes(routes);
    QCOMPARE(caller.connectionCount(), std::size_t{3});
    QCOMPARE(caller.readyReplicas("orders"), std::size_t{3});
    CallContext ctx;
    ctx.depth = 3;
    ctx.originNs = 123456789;
    for (int i = 0; i < 6; ++i) QCOMPARE(callOnce(loop, caller, orders, ctx), FailureCause::None);
    QCOMPARE(a.seen.size(), std::size_t{2});
    QCOMPARE(b.seen.size(), std::size_t{2});
    QCOMPARE(c.seen.size(), std::size_t{2});
    QVERIFY(a.seen[0].at < b.seen[0].at && b.seen[0].at < c.seen[0].at &&
            c.seen[0].at < a.seen[1].at);
    const auto& h = a.seen[0].header;
    QCOMPARE(h.depth, 3);
    QCOMPARE(h.originNs, std::int64_t{123456789});
    QCOMPARE(h.timeoutNs, std::int64_t{0});  // no timeout, no budget: no limit
    QCOMPARE(h.flags, std::uint8_t{0});
    QCOMPARE(a.seen[0].target, std::string());
    // A module is called through its host's replicas, named in the header.
    QCOMPARE(callOnce(loop, caller, cart), FailureCause::None);
    QCOMPARE(a.seen.back().target, std::string("cart"));
    const EdgeStats& s = caller.edge(orders).stats;
    QCOMPARE(s.calls, std::uint64_t{6});
    QCOMPARE(s.completed, std::uint64_t{6});
    QCOMPARE(s.failed(), std::uint64_t{0});
    QCOMPARE(s.latency.count(), std::uint64_t{6});
    QCOMPARE(s.inFlight, std::int64_t{0});
  }

  void eachAttemptWaitsItsTimeoutButNeverBeyondTheBudget() {
    EventLoop loop;
    Timers timers(loop);
    FaultBook faults;
    Server s(loop, context_);
    s.act = [](const Server::Seen&) { return std::nullopt; };  // never answers
    Caller caller(timers, context_, faults, {});
    const auto edge = caller.addEdge({"", "orders"}, policy(200ms));
    caller.setRoutes(routesOf("orders", {{&s, ""}}));
    CallContext ctx;
    ctx.deadline = Clock::now() + 60ms;
    auto start = Clock::now();
    QCOMPARE(callOnce(loop, caller, edge, ctx), FailureCause::Timeout);
    const auto waited = Clock::now() - start;
    QVERIFY2(waited >= 55ms && waited < 150ms, "the budget, not the 200 ms timeout");
    QVERIFY(s.seen.back().header.timeoutNs <= 60'000'000 &&
            s.seen.back().header.timeoutNs > 40'000'000);
    // Without a budget, the call's own timeout.
    start = Clock::now();
    QCOMPARE(callOnce(loop, caller, edge), FailureCause::Timeout);
    QVERIFY(Clock::now() - start >= 195ms);
    QCOMPARE(s.seen.back().header.timeoutNs, std::int64_t{200'000'000});
    // Timeouts switched off (set_resilience): the budget still bounds the call.
    caller.resilience().timeouts = false;
    ctx.deadline = Clock::now() + 30ms;
    QCOMPARE(callOnce(loop, caller, edge, ctx), FailureCause::Timeout);
    // A budget already spent: failed at once, nothing sent.
    const auto before = s.seen.size();
    ctx.deadline = Clock::now() - 1ms;
    QCOMPARE(callOnce(loop, caller, edge, ctx), FailureCause::Timeout);
    QCOMPARE(s.seen.size(), before);
    // A late answer to a timed-out attempt is counted and dropped.
    s.releaseHeld();
    runFor(loop, 50ms);
    QVERIFY(caller.stats().late >= 3);
    QCOMPARE(caller.edge(edge).stats.failures[FailureCause::Timeout], std::uint64_t{4});
  }

  void retriesCarryTheFlagAndBackOff() {
    EventLoop loop;
    Timers timers(loop);
    FaultBook faults;
    Server s(loop, context_);
    int failuresLeft = 2;
    s.act = [&](const Server::Seen&) {
      return std::optional(failuresLeft-- > 0 ? FailureCause::Error : FailureCause::None);
    };
    Caller caller(timers, context_, faults, {});
    const auto edge = caller.addEdge({"", "orders"}, policy(std::nullopt, 3));
    caller.setRoutes(routesOf("orders", {{&s, ""}}));
    QCOMPARE(callOnce(loop, caller, edge), FailureCause::None);
    QCOMPARE(s.seen.size(), std::size_t{3});
    QCOMPARE(s.seen[0].header.flags, std::uint8_t{0});
    QCOMPARE(s.seen[1].header.flags, protocol::kRequestFlagRetry);
    QCOMPARE(s.seen[2].header.flags, protocol::kRequestFlagRetry);
    QVERIFY(s.seen[0].header.requestId != s.seen[1].header.requestId);
    QVERIFY(s.seen[1].at - s.seen[0].at >= 20ms);  // backoff
    QVERIFY(s.seen[2].at - s.seen[1].at >= 40ms);  // backoff * 2
    const EdgeStats& st = caller.edge(edge).stats;
    QCOMPARE(st.calls, std::uint64_t{3});
    QCOMPARE(st.failures[FailureCause::Error], std::uint64_t{2});
    QCOMPARE(st.completed, std::uint64_t{1});
    // Spent retries: the last attempt's cause.
    s.act = [](const Server::Seen&) { return std::optional(FailureCause::QueueFull); };
    s.seen.clear();
    QCOMPARE(callOnce(loop, caller, edge), FailureCause::QueueFull);
    QCOMPARE(s.seen.size(), std::size_t{4});
    // Retries switched off: one attempt.
    caller.resilience().retries = false;
    s.seen.clear();
    QCOMPARE(callOnce(loop, caller, edge), FailureCause::QueueFull);
    QCOMPARE(s.seen.size(), std::size_t{1});
    // A retry that could not start within the budget is not made.
    caller.resilience().retries = true;
    s.seen.clear();
    CallContext ctx;
    ctx.deadline = Clock::now() + 30ms;  // first backoff 20 ms, second 40 ms
    QCOMPARE(callOnce(loop, caller, edge, ctx), FailureCause::QueueFull);
    QCOMPARE(s.seen.size(), std::size_t{2});
  }

  void localRefusalsAreNeitherSentNorRetried() {
    EventLoop loop;
    Timers timers(loop);
    FaultBook faults;
    Server s(loop, context_);
    s.act = [](const Server::Seen&) { return std::nullopt; };
    Caller caller(timers, context_, faults, {});
    CallPolicy p = policy(std::nullopt, 3);
    p.bulkhead = 2;
    const auto edge = caller.addEdge({"", "orders"}, p);
    caller.setRoutes(routesOf("orders", {{&s, ""}}));
    std::vector<FailureCause> results;
    for (int i = 0; i < 3; ++i)
      caller.call(edge, {}, [&](FailureCause c) { results.push_back(c); });
    runUntil(loop, [&] { return !results.empty() && s.seen.size() == 2; });
    QCOMPARE(results, std::vector<FailureCause>{FailureCause::BulkheadFull});
    runFor(loop, 100ms);  // no retry of the refusal
    QCOMPARE(s.seen.size(), std::size_t{2});
    QCOMPARE(caller.edge(edge).stats.calls, std::uint64_t{3});
    QCOMPARE(caller.edge(edge).stats.inFlight, std::int64_t{2});
    s.releaseHeld();
    runUntil(loop, [&] { return results.size() == 3; });
    QCOMPARE(caller.edge(edge).stats.completed, std::uint64_t{2});
    // Deeper than 64: too_deep, not sent.
    CallContext deep;
    deep.depth = 65;
    QCOMPARE(callOnce(loop, caller, edge, deep), FailureCause::TooDeep);
    QCOMPARE(s.seen.size(), std::size_t{2});
    // Nothing ready: no_replica (a failure like any other: retried, then given up).
    caller.setRoutes(routesOf("orders", {}));
    QCOMPARE(callOnce(loop, caller, edge), FailureCause::NoReplica);
    QCOMPARE(caller.edge(edge).stats.failures[FailureCause::NoReplica], std::uint64_t{4});
  }

  void theBreakerOpensProbesAndCloses() {
    EventLoop loop;
    Timers timers(loop);
    FaultBook faults;
    Server s(loop, context_);
    bool healthy = false;
    s.act = [&](const Server::Seen&) {
      return std::optional(healthy ? FailureCause::None : FailureCause::Error);
    };
    Caller caller(timers, context_, faults, {});
    CallPolicy p = policy();
    engine::CircuitBreakerSpec cb;
    cb.failureRatio = 0.5;
    cb.minCalls = 4;
    cb.window = 4;
    cb.openS = 0.3;
    cb.halfOpenCalls = 2;
    p.breaker = cb;
    const auto edge = caller.addEdge({"", "orders"}, p);
    caller.setRoutes(routesOf("orders", {{&s, ""}}));
    QCOMPARE(caller.breakerState(edge), model::BreakerState::Closed);
    for (int i = 0; i < 4; ++i) QCOMPARE(callOnce(loop, caller, edge), FailureCause::Error);
    QCOMPARE(caller.breakerState(edge), model::BreakerState::Open);
    const auto openedAt = Clock::now();
    QCOMPARE(callOnce(loop, caller, edge), FailureCause::CircuitOpen);
    QCOMPARE(s.seen.size(), std::size_t{4});  // refused without being sent
    // Still failing when it probes: open again.
    runUntil(
        loop, [&] { return Clock::now() - openedAt > 320ms; }, 1000ms);
    QCOMPARE(callOnce(loop, caller, edge), FailureCause::Error);
    QCOMPARE(caller.breakerState(edge), model::BreakerState::Open);
    const auto reopenedAt = Clock::now();
    healthy = true;
    runUntil(
        loop, [&] { return Clock::now() - reopenedAt > 320ms; }, 1000ms);
    QCOMPARE(callOnce(loop, caller, edge), FailureCause::None);
    QCOMPARE(caller.breakerState(edge), model::BreakerState::HalfOpen);
    QCOMPARE(callOnce(loop, caller, edge), FailureCause::None);
    QCOMPARE(caller.breakerState(edge), model::BreakerState::Closed);
    // Switched off: shown as none, never consulted.
    caller.resilience().breakers = false;
    QCOMPARE(caller.breakerState(edge), model::BreakerState::None);
    QCOMPARE(caller.edge(edge).stats.failures[FailureCause::CircuitOpen], std::uint64_t{1});
  }

  void leastOutstandingAndPowerOfTwoAvoidTheBusyReplica() {
    for (const auto lb : {engine::LbPolicy::LeastOutstanding, engine::LbPolicy::PowerOfTwo}) {
      EventLoop loop;
      Timers timers(loop);
      FaultBook faults;
      Server busy(loop, context_), idle(loop, context_);
      busy.act = [](const Server::Seen&) { return std::nullopt; };  // holds every request
      Caller caller(timers, context_, faults, {"", "", 5});
      const auto edge = caller.addEdge({"", "orders"}, policy(std::nullopt, 0, lb));
      caller.setRoutes(routesOf("orders", {{&busy, ""}, {&idle, ""}}));
      int done = 0;
      for (int i = 0; i < 20; ++i) {
        caller.call(edge, {}, [&](FailureCause) { ++done; });
        runUntil(loop, [&] { return busy.seen.size() + idle.seen.size() == std::size_t(i + 1); });
        runUntil(loop, [&] { return done == static_cast<int>(idle.seen.size()); });
      }
      // Once the busy replica holds one call, every later one goes to the idle one.
      QVERIFY2(busy.seen.size() <= 1, qPrintable(QString::number(busy.seen.size())));
      busy.releaseHeld();
      runUntil(loop, [&] { return done == 20; });
    }
  }

  void randomSpreadsTheCalls() {
    EventLoop loop;
    Timers timers(loop);
    FaultBook faults;
    Server a(loop, context_), b(loop, context_), c(loop, context_);
    Caller caller(timers, context_, faults, {"", "", 9});
    const auto edge =
        caller.addEdge({"", "orders"}, policy(std::nullopt, 0, engine::LbPolicy::Random));
    caller.setRoutes(routesOf("orders", {{&a, ""}, {&b, ""}, {&c, ""}}));
    int done = 0;
    for (int i = 0; i < 300; ++i) caller.call(edge, {}, [&](FailureCause) { ++done; });
    QVERIFY(runUntil(loop, [&] { return done == 300; }));
    for (const Server* s : {&a, &b, &c}) {
      QVERIFY2(s->seen.size() > 60 && s->seen.size() < 140,
               qPrintable(QString::number(s->seen.size())));
    }
  }

  void aPartitionLosesTheRequestsAcrossIt() {
    EventLoop loop;
    Timers timers(loop);
    FaultBook faults;
    Server far(loop, context_), near(loop, context_);
    Caller caller(timers, context_, faults, {"api", "node-a", 1});
    const auto edge = caller.addEdge({"", "orders"}, policy(50ms));
    caller.setRoutes(routesOf("orders", {{&far, "node-b"}, {&near, "node-a"}}));
    faults.partition("node-a", "node-b");
    std::map<FailureCause, int> results;
    for (int i = 0; i < 6; ++i) ++results[*callOnce(loop, caller, edge)];
    // The balancer still picks the replica across the partition (as the simulation does); the
    // request is lost and the caller learns by its timeout.
    QCOMPARE(results[FailureCause::Timeout], 3);
    QCOMPARE(results[FailureCause::None], 3);
    QCOMPARE(far.seen.size(), std::size_t{0});
    faults.heal("node-b", "node-a");
    for (int i = 0; i < 2; ++i) QCOMPARE(callOnce(loop, caller, edge), FailureCause::None);
    QCOMPARE(far.seen.size(), std::size_t{1});
    // A caller without a node ignores partitions.
    Caller nowhere(timers, context_, faults, {"api", "", 1});
    const auto e2 = nowhere.addEdge({"", "orders"}, policy(50ms));
    nowhere.setRoutes(routesOf("orders", {{&far, "node-b"}}));
    faults.partition("node-a", "node-b");
    QCOMPARE(callOnce(loop, nowhere, e2), FailureCause::None);
  }

  void edgeFaultsDelayLoseAndFail() {
    EventLoop loop;
    Timers timers(loop);
    FaultBook faults;
    Server s(loop, context_);
    Caller caller(timers, context_, faults, {"api", "", 1});
    const auto edge = caller.addEdge({"", "orders"}, policy(100ms));
    caller.setRoutes(routesOf("orders", {{&s, ""}}));
    auto fault = [](protocol::FaultKind kind) {
      protocol::Fault f;
      f.kind = kind;
      f.from = "api";
      f.to = "orders";
      return f;
    };
    // Latency with jitter: every send delayed by 30 +- 10 ms.
    protocol::Fault latency = fault(protocol::FaultKind::Latency);
    latency.latencyMs = 30;
    latency.jitterMs = 10;
    faults.add(latency, Clock::now());
    const auto start = Clock::now();
    QCOMPARE(callOnce(loop, caller, edge), FailureCause::None);
    QVERIFY(s.seen.back().at - start >= 19ms);
    // A fault on another edge changes nothing here.
    faults.reset();
    protocol::Fault other = fault(protocol::FaultKind::Blackhole);
    other.to = "billing";
    faults.add(other, Clock::now());
    QCOMPARE(callOnce(loop, caller, edge), FailureCause::None);
    // fail_first: the next 2 attempts fail `error` here, never sent.
    faults.reset();
    protocol::Fault failFirst = fault(protocol::FaultKind::FailFirst);
    failFirst.count = 2;
    faults.add(failFirst, Clock::now());
    const auto seen = s.seen.size();
    QCOMPARE(callOnce(loop, caller, edge), FailureCause::Error);
    QCOMPARE(faults.inForce(Clock::now()).at(0).fault.count, std::uint64_t{1});
    QCOMPARE(callOnce(loop, caller, edge), FailureCause::Error);
    QCOMPARE(callOnce(loop, caller, edge), FailureCause::None);
    QCOMPARE(s.seen.size(), seen + 1);
    // Loss at rate 1 and blackhole: lost on the way, the caller times out.
    for (const auto kind : {protocol::FaultKind::Loss, protocol::FaultKind::Blackhole}) {
      faults.reset();
      protocol::Fault f = fault(kind);
      f.rate = 1.0;
      f.durationS = 10;
      faults.add(f, Clock::now());
      QVERIFY(faults.inForce(Clock::now()).at(0).remainingS > 9.9);
      QCOMPARE(callOnce(loop, caller, edge), FailureCause::Timeout);
    }
    QCOMPARE(s.seen.size(), seen + 1);
    QCOMPARE(caller.stats().lostToFaults, std::uint64_t{2});
    // A fault with a duration ends by itself.
    faults.reset();
    protocol::Fault brief = fault(protocol::FaultKind::Blackhole);
    brief.durationS = 0.05;
    faults.add(brief, Clock::now());
    runFor(loop, 60ms);
    QCOMPARE(callOnce(loop, caller, edge), FailureCause::None);
  }

  void routesOpenAndCloseConnectionsAsReplicasComeAndGo() {
    EventLoop loop;
    Timers timers(loop);
    FaultBook faults;
    Server a(loop, context_), b(loop, context_);
    Caller caller(timers, context_, faults, {});
    const auto edge = caller.addEdge({"", "orders"}, policy());
    caller.setRoutes(routesOf("orders", {{&a, ""}, {&b, ""}}));
    QCOMPARE(caller.connectionCount(), std::size_t{2});
    // A service nobody calls gets no connection.
    caller.setRoutes(routesOf("billing", {{&a, ""}}));
    runFor(loop, 20ms);
    QCOMPARE(caller.connectionCount(), std::size_t{0});
    caller.setRoutes(routesOf("orders", {{&a, ""}, {&b, ""}}));
    // b holds a call when it leaves ROUTES: its connection stays until the answer comes.
    b.act = [](const Server::Seen&) { return std::nullopt; };
    std::vector<FailureCause> results;
    caller.call(edge, {}, [&](FailureCause c) { results.push_back(c); });
    caller.call(edge, {}, [&](FailureCause c) { results.push_back(c); });
    runUntil(loop, [&] { return results.size() == 1 && b.held.size() == 1; });
    caller.setRoutes(routesOf("orders", {{&a, ""}}));
    runFor(loop, 20ms);
    QCOMPARE(caller.connectionCount(), std::size_t{2});
    b.releaseHeld();
    runUntil(loop, [&] { return results.size() == 2; });
    runFor(loop, 20ms);
    QCOMPARE(caller.connectionCount(), std::size_t{1});
    QCOMPARE(results, (std::vector<FailureCause>{FailureCause::None, FailureCause::None}));
    // An endpoint ZeroMQ cannot dial is skipped.
    protocol::Routes odd = routesOf("orders", {{&a, ""}});
    odd.services[0].replicas.push_back({"orders#9", 9, "", "http://127.0.0.1:1/metrics"});
    caller.setRoutes(odd);
    QCOMPARE(caller.readyReplicas("orders"), std::size_t{1});
    QCOMPARE(caller.stats().connectFailures, std::uint64_t{1});
  }

  void malformedAnswersAreCountedAndDropped() {
    EventLoop loop;
    Timers timers(loop);
    FaultBook faults;
    Server s(loop, context_);
    s.act = [&](const Server::Seen& seen) {
      // Garbage first, then a REQUEST (no business on a caller's socket), then the answer.
      sendFrames(s.socket, seen.routingId, {"not a header"});
      sendFrames(s.socket, seen.routingId, {"a", "b", "c", "d"});
      protocol::RequestHeader request = seen.header;
      sendFrames(s.socket, seen.routingId, protocol::encodeRequest(request));
      return std::optional(FailureCause::None);
    };
    Caller caller(timers, context_, faults, {});
    const auto edge = caller.addEdge({"", "orders"}, policy());
    caller.setRoutes(routesOf("orders", {{&s, ""}}));
    QCOMPARE(callOnce(loop, caller, edge), FailureCause::None);
    runFor(loop, 20ms);
    const auto& st = caller.stats();
    QCOMPARE(st.decodeErrors[static_cast<int>(protocol::DecodeReason::FrameSize)],
             std::uint64_t{1});
    QCOMPARE(st.decodeErrors[static_cast<int>(protocol::DecodeReason::FrameCount)],
             std::uint64_t{1});
    QCOMPARE(st.unexpected, std::uint64_t{1});
  }
};

QTEST_GUILESS_MAIN(TestCaller)
#include "test_caller.moc"
