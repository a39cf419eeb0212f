// The engine's last lines of defence: a run that holds too much work at once, or whose clock
// stops moving, ends early with a message that names the place, instead of exhausting memory
// or spinning for ever. Limits are lowered here so that each case takes milliseconds.

#include <QtTest>

#include "interval_recorder.h"
#include "simulation.h"
#include "test_scenarios.h"

using namespace clusterscope::engine;
using namespace clusterscope::model;
using namespace clusterscope::testing;

namespace {

// a <-> b by async messages with no service time, no latency: each message makes the next at
// the same instant. The loader refuses this; built in code, it reaches the engine.
Scenario zeroTimeAsyncCycle() {
  Scenario s = chain({"a", "b"}, CallMode::Async, 10, 1, 1, 1, 10);
  for (auto& svc : s.services) svc.serviceTimeMs = DistributionSpec::constant(0);
  s.services[1].calls.push_back(CallSpec{.to = "a", .mode = CallMode::Async});
  return s;
}

void checkRunsToTheEnd(const Scenario& s, const SimulationLimits& limits) {
  Simulation sim(s, limits);
  sim.runToEnd();
  QVERIFY2(sim.stopReason().empty(), sim.stopReason().c_str());
  QCOMPARE(sim.now(), sim.endTime());
}

}  // namespace

class LimitsTest : public QObject {
  Q_OBJECT

 private slots:
  void overloadStopsWithTheServiceNamed() {
    // 1,000 rps into one 10 ms worker: the queue grows by 900 requests a second.
    Scenario s = singleQueue(1000, DistributionSpec::constant(10), 1, 3600);
    SimulationLimits limits;
    limits.maxWorkInFlight = 20'000;
    Simulation sim(s, limits);
    IntervalRecorder recorder;
    sim.addObserver(&recorder);
    sim.runToEnd();
    QVERIFY(sim.finished());
    QVERIFY2(sim.now() < secondsToSim(60), qPrintable(QString::number(simToSeconds(sim.now()))));
    const QString reason = QString::fromStdString(sim.stopReason());
    QVERIFY2(reason.contains("\"server\" (/services/0)"), qPrintable(reason));
    QVERIFY2(reason.contains("queue_capacity"), qPrintable(reason));
    QVERIFY2(!reason.contains('\n'), qPrintable(reason));
    // The partial last interval reached the observers: nothing of the run is lost.
    QVERIFY(!recorder.intervals.empty());
    QCOMPARE(recorder.intervals.back().endS, simToSeconds(sim.now()));
  }

  void aBoundedQueueRunsToTheEnd() {
    Scenario s = singleQueue(1000, DistributionSpec::constant(10), 1, 120);
    s.services[0].queueCapacity = 100;
    checkRunsToTheEnd(s, SimulationLimits{.maxWorkInFlight = 20'000});
  }

  void aBrokerBacklogNamesItsConsumer() {
    // Async messages to a consumer ten times too slow: the broker's backlog grows.
    Scenario s = chain({"front", "slow"}, CallMode::Async, 1000, 1, 1, 1, 3600);
    s.services[0].workers = 8;
    s.services[1].serviceTimeMs = DistributionSpec::constant(10);
    SimulationLimits limits;
    limits.maxWorkInFlight = 20'000;
    Simulation sim(s, limits);
    sim.runToEnd();
    const QString reason = QString::fromStdString(sim.stopReason());
    QVERIFY2(reason.contains("broker messages for \"slow\" (/services/1)"), qPrintable(reason));
  }

  void aClockThatStopsIsDetected() {
    SimulationLimits limits;
    limits.maxEventsAtOneInstant = 100'000;
    Simulation sim(zeroTimeAsyncCycle(), limits);
    QElapsedTimer wall;
    wall.start();
    sim.runToEnd();
    QVERIFY(wall.elapsed() < 10'000);
    QVERIFY(sim.finished());
    const QString reason = QString::fromStdString(sim.stopReason());
    QVERIFY2(reason.startsWith("the run is stuck at "), qPrintable(reason));
    QVERIFY2(reason.contains("without the clock moving"), qPrintable(reason));
  }

  void longTimeoutsDoNotPileUpInTheHeap() {
    // 5,000 rps, each request guarded by a client timeout and a call timeout of 11 days:
    // every answered request leaves two stale timers. They are purged as the heap grows, and
    // the run is the same as without the timers (they never fire).
    Scenario guarded = chain({"api", "db"}, CallMode::Sync, 5000, 0.5, 1, 16, 60);
    guarded.workload.timeoutMs = 1e9;
    guarded.services[0].calls[0].timeoutMs = 1e9;
    Simulation sim(guarded);
    IntervalRecorder withTimers;
    sim.addObserver(&withTimers);
    std::size_t mostPending = 0;
    while (sim.runEvents(10'000) > 0) mostPending = std::max(mostPending, sim.pendingEvents());
    QVERIFY2(mostPending < 200'000, qPrintable(QString::number(mostPending)));

    Scenario bare = guarded;
    bare.workload.timeoutMs.reset();
    bare.services[0].calls[0].timeoutMs.reset();
    Simulation plain(bare);
    IntervalRecorder withoutTimers;
    plain.addObserver(&withoutTimers);
    plain.runToEnd();
    const RecordedScope a = withTimers.requestsBetween(0, 60);
    const RecordedScope b = withoutTimers.requestsBetween(0, 60);
    QVERIFY(a.completed > 250'000);
    QCOMPARE(a.completed, b.completed);
    QCOMPARE(a.meanMs, b.meanMs);
    QCOMPARE(a.p95Ms, b.p95Ms);
  }

  void burstsAtOneInstantBelowTheLimitAreFine() {
    // 5,000 users all start at t = 0 with no think time: a legitimate burst.
    Scenario s = singleQueue(0, DistributionSpec::constant(1), 100, 5);
    s.workload.arrival = ArrivalKind::Closed;
    s.workload.users = 5000;
    checkRunsToTheEnd(s, SimulationLimits{.maxEventsAtOneInstant = 100'000});
  }
};

QTEST_GUILESS_MAIN(LimitsTest)
#include "test_limits.moc"
