// Calls between services: what sync and async do to workers and latency, and each
// resilience mechanism (timeouts, retries, circuit breaker, bulkhead, optional calls).

#include <QtTest>
#include <cstdio>

#ifdef __linux__
#include <unistd.h>
#endif

#include "interval_recorder.h"
#include "scenario_run.h"
#include "simulation.h"
#include "test_scenarios.h"

using namespace clusterscope::engine;
using namespace clusterscope::model;
using namespace clusterscope::testing;

namespace {

// api (1 ms, 4 workers) calls db (constant 50 ms, 100 workers) at 40 requests per second.
Scenario apiAndDb(CallMode mode) {
  Scenario s = chain({"api", "db"}, mode, 40, 1, 1, 4, 200);
  s.services[1].workers = 100;
  s.services[1].serviceTimeMs = DistributionSpec::constant(50);
  return s;
}

CallSpec& theCall(Scenario& s) { return s.services[0].calls[0]; }

const ServiceSummary& service(const RunSummary& s, const std::string& name) {
  for (const auto& svc : s.services) {
    if (svc.name == name) return svc;
  }
  qFatal("no service %s", name.c_str());
}

}  // namespace

class CallsTest : public QObject {
  Q_OBJECT

 private slots:
  void syncCallHoldsTheCallersWorker() {
    const auto sync = runScenario(apiAndDb(CallMode::Sync)).summary;
    const auto async = runScenario(apiAndDb(CallMode::Async)).summary;
    // Sync: each request holds an api worker ~51 ms: 40 rps * 0.051 s / 4 workers = 0.51.
    QVERIFY2(std::abs(service(sync, "api").utilization - 0.51) < 0.03,
             qPrintable(QString::number(service(sync, "api").utilization)));
    // Async: only api's own 1 ms of work.
    QVERIFY(service(async, "api").utilization < 0.02);
    QVERIFY(sync.requests.latencyMs.mean > 50.0);
    QVERIFY(async.requests.latencyMs.mean < 3.0);
  }

  void asyncWorkIsStillDoneAndMeasured() {
    const auto async = runScenario(apiAndDb(CallMode::Async)).summary;
    const auto& db = service(async, "db");
    QVERIFY(db.traffic.completed > 7000);
    // Its latency counts from publication, and the broker adds no delay by default.
    QVERIFY(std::abs(db.traffic.latencyMs.mean - 50.0) < 0.5);
    QCOMPARE(async.broker.published, async.broker.delivered);
  }

  void timeoutFailsTheCallerButNotTheCallee() {
    Scenario s = apiAndDb(CallMode::Sync);
    theCall(s).timeoutMs = 10;
    const auto out = runScenario(s).summary;
    QCOMPARE(out.requests.completed, 0ULL);
    QCOMPARE(out.requests.failures[FailureCause::Timeout], out.requests.failed);
    // The orphaned work downstream goes on: db still completes what it received.
    QVERIFY(service(out, "db").traffic.completed > 7000);
    QVERIFY(std::abs(out.requests.latencyMs.max) < 1e-9);  // no request completed
  }

  void retriesMultiplyAttemptsWithBackoff() {
    Scenario s = apiAndDb(CallMode::Sync);
    s.services[0].workers = 20;  // three 50 ms attempts per request must fit
    s.services[1].errorRate = 1.0;
    theCall(s).retries = 2;
    theCall(s).backoffMs = 5;
    const auto out = runScenario(s).summary;
    QCOMPARE(out.requests.completed, 0ULL);
    // Three attempts each (a few requests at the end of the run have not made all three).
    const double perRequest = static_cast<double>(out.edges[0].traffic.arrivals) /
                              static_cast<double>(out.requests.arrivals);
    QVERIFY2(perRequest > 2.99 && perRequest <= 3.0, qPrintable(QString::number(perRequest)));
    QCOMPARE(out.requests.failures[FailureCause::Error], out.requests.failed);
  }

  void retriesRecoverTransientErrors() {
    Scenario s = apiAndDb(CallMode::Sync);
    s.services[1].errorRate = 0.5;
    theCall(s).retries = 3;
    const auto out = runScenario(s).summary;
    // Four independent attempts: success with probability 1 - 0.5^4.
    QVERIFY2(std::abs(1.0 - out.requests.failedRatio - 0.9375) < 0.01,
             qPrintable(QString::number(out.requests.failedRatio)));
  }

  void circuitBreakerOpensThenRecovers() {
    Scenario s = apiAndDb(CallMode::Sync);
    s.durationS = 40;
    s.services[1].errorRate = 1.0;
    CircuitBreakerSpec cb;
    cb.minCalls = 10;
    cb.window = 20;
    cb.failureRatio = 0.5;
    cb.openS = 1.0;
    cb.halfOpenCalls = 2;
    theCall(s).circuitBreaker = cb;
    Action heal;
    heal.kind = ActionKind::SetErrorRate;
    heal.service = "db";
    heal.rate = 0.0;
    s.timeline.push_back({20.0, heal});
    Simulation sim(s);
    IntervalRecorder rec;
    sim.addObserver(&rec);
    sim.runToEnd();
    const auto broken = rec.requestsBetween(0, 20);
    // Open most of the time: the caller fails fast and the callee is spared.
    QVERIFY(broken.failures[FailureCause::CircuitOpen] > broken.failed * 8 / 10);
    QVERIFY(rec.componentBetween(1, 0, 20).arrivals < broken.arrivals / 5);
    // After the fix, a half-open trial succeeds and it closes: no failure at all.
    const auto healed = rec.requestsBetween(25, 40);
    QVERIFY(healed.completed > 500);
    QCOMPARE(healed.failed, 0ULL);
  }

  void aHugeBreakerWindowCostsOnlyTheCallsMade() {
#ifndef __linux__
    QSKIP("reads the resident size from /proc");
#else
    // A window of 10^8 calls on each of 10 edges used to be allocated at once (1 GB); the
    // window now fills as calls are made.
    auto residentBytes = [] {
      long pages = 0, resident = 0;
      if (FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        std::fclose(f);
      }
      return resident * sysconf(_SC_PAGESIZE);
    };
    Scenario s = apiAndDb(CallMode::Sync);
    s.durationS = 10;
    CircuitBreakerSpec cb;
    cb.window = 100'000'000;
    theCall(s).circuitBreaker = cb;
    for (int i = 0; i < 9; ++i) s.services[0].calls.push_back(theCall(s));
    const long before = residentBytes();
    Simulation sim(s);
    sim.runToEnd();
    const long grown = residentBytes() - before;
    QVERIFY2(grown < 50'000'000, qPrintable(QString("grew by %1 bytes").arg(grown)));
#endif
  }

  void bulkheadCapsCallsInFlight() {
    Scenario s = apiAndDb(CallMode::Sync);
    s.services[0].workers = 50;
    s.services[1].serviceTimeMs = DistributionSpec::constant(100);
    theCall(s).bulkhead = 2;
    s.durationS = 20;
    Simulation sim(s);
    int maxInFlight = 0;
    while (sim.runEvents(50) > 0)
      maxInFlight = std::max(maxInFlight, sim.snapshot().edges[0].inFlight);
    QCOMPARE(maxInFlight, 2);
    const auto out = runScenario(s).summary;
    QVERIFY(out.requests.failures[FailureCause::BulkheadFull] > out.requests.completed);
    // 2 calls at a time, 100 ms each: at most 20 per second get through (fewer, since a freed
    // slot waits for the next arrival).
    QVERIFY2(out.requests.throughputRps <= 20.0 && out.requests.throughputRps > 14.0,
             qPrintable(QString::number(out.requests.throughputRps)));
  }

  void optionalCallDegradesInsteadOfFailing() {
    Scenario s = apiAndDb(CallMode::Sync);
    s.services[1].replicas = 0;  // db is gone
    auto required = runScenario(s).summary;
    QCOMPARE(required.requests.completed, 0ULL);
    QCOMPARE(required.requests.failures[FailureCause::NoReplica], required.requests.failed);
    theCall(s).required = false;
    auto optional = runScenario(s).summary;
    QCOMPARE(optional.requests.failed, 0ULL);
    QVERIFY(optional.requests.latencyMs.mean < 3.0);
  }

  void probabilityRoutesAShare() {
    Scenario s = apiAndDb(CallMode::Sync);
    theCall(s).probability = 0.3;
    const auto out = runScenario(s).summary;
    const double share = static_cast<double>(service(out, "db").traffic.arrivals) /
                         static_cast<double>(out.requests.arrivals);
    QVERIFY2(std::abs(share - 0.3) < 0.015, qPrintable(QString::number(share)));
  }

  void boundedQueueRejects() {
    Scenario s = singleQueue(200, DistributionSpec::constant(10), 1, 50);
    s.services[0].queueCapacity = 2;
    Simulation sim(s);
    int maxQueued = 0;
    while (sim.runEvents(20) > 0) {
      maxQueued = std::max(maxQueued, sim.snapshot().deployments[0].replicas[0].queued);
    }
    QCOMPARE(maxQueued, 2);
    const auto out = runScenario(s).summary;
    QVERIFY(out.requests.failures[FailureCause::QueueFull] > out.requests.completed);
    QVERIFY(std::abs(out.requests.throughputRps - 100.0) < 2.0);  // one worker, 10 ms
  }

  void leastOutstandingAvoidsASlowReplica() {
    auto p95With = [](LbPolicy lb) {
      Scenario s = singleQueue(150, DistributionSpec::exponential(10), 2, 300, 20);
      s.services[0].replicas = 4;
      s.services[0].lb = lb;
      Action slow;
      slow.kind = ActionKind::SlowReplica;
      slow.service = "server";
      slow.replica = 0;
      slow.factor = 8.0;
      s.timeline.push_back({0.0, slow});
      return runScenario(s).summary.requests.latencyMs.p95;
    };
    const double rr = p95With(LbPolicy::RoundRobin);
    const double random = p95With(LbPolicy::Random);
    const double least = p95With(LbPolicy::LeastOutstanding);
    const double p2c = p95With(LbPolicy::PowerOfTwo);
    qInfo("p95: round robin %.1f, random %.1f, least outstanding %.1f, power of two %.1f", rr,
          random, least, p2c);
    QVERIFY(least < rr / 2);
    QVERIFY(p2c < rr / 2);
    QVERIFY(random > least);
  }

  void partitionNeedsATimeout() {
    Scenario s = apiAndDb(CallMode::Sync);
    s.nodes = {NodeSpec{"n1", 8}, NodeSpec{"n2", 8}};
    theCall(s).timeoutMs = 200;
    Action cut;
    cut.kind = ActionKind::Partition;
    cut.node = "n1";
    cut.otherNode = "n2";
    Action heal = cut;
    heal.kind = ActionKind::HealPartition;
    s.timeline = {{50.0, cut}, {100.0, heal}};
    Simulation sim(s);
    IntervalRecorder rec;
    sim.addObserver(&rec);
    sim.runToEnd();
    // api and db were spread over the two nodes, so the cut separates them.
    const auto snap = sim.snapshot();
    QVERIFY(snap.deployments[0].replicas[0].node != snap.deployments[1].replicas[0].node);
    QCOMPARE(rec.requestsBetween(0, 50).failed, 0ULL);
    const auto cutOff = rec.requestsBetween(51, 100);
    QCOMPARE(cutOff.completed, 0ULL);
    QCOMPARE(cutOff.failures[FailureCause::Timeout], cutOff.failed);
    QCOMPARE(rec.requestsBetween(101, 200).failed, 0ULL);
  }
};

QTEST_APPLESS_MAIN(CallsTest)
#include "test_calls.moc"
