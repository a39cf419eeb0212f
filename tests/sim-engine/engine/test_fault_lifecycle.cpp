// The faults that act on processes and on their own lifetime (docs/scenario-format.md,
// "Faults"): pause freezes replicas and they recover, fail_first fails exactly its count (per
// replica), duration_s ends a fault, reset_faults ends them all with the disturbances in
// force, and a fault covers only the processes running when it was applied.

#include "fault_test_helpers.h"

using namespace clusterscope::engine;
using namespace clusterscope::model;
using namespace clusterscope::testing;

namespace {

bool anyFault(const ClusterSnapshot& s, int d) {
  for (const ReplicaView& r : s.deployments[d].replicas) {
    if (r.faults.any()) return true;
  }
  return false;
}

unsigned long long ull(std::uint64_t v) { return static_cast<unsigned long long>(v); }

}  // namespace

class FaultLifecycleTest : public QObject {
  Q_OBJECT

 private slots:
  void pauseFreezesThenRecovers() {
    // No timeout: front waits for back as long as it takes.
    Action pause = makeAction(ActionKind::Pause, "back");
    pause.durationS = 5;
    Simulation sim(frontBack());
    IntervalRecorder rec;
    sim.addObserver(&rec);
    sim.runUntil(secondsToSim(20));
    QCOMPARE(sim.applyAction(pause), std::string());
    sim.runUntil(secondsToSim(22));
    const auto during = sim.snapshot();  // the loop must not outlive the snapshot
    for (const ReplicaView& r : during.deployments[kBack].replicas) QVERIFY(r.faults.paused);
    sim.runUntil(secondsToSim(26));
    QVERIFY(!anyFault(sim.snapshot(), kBack));
    sim.runToEnd();
    const RecordedScope paused = rec.requestsBetween(20, 25);
    const RecordedScope resumed = rec.requestsBetween(25, 26);
    qInfo(
        "paused: %llu completed by back, %llu requests; first second after: %llu requests, "
        "mean %.0f ms",
        ull(rec.componentBetween(kBack, 20, 25).completed), ull(paused.completed),
        ull(resumed.completed), resumed.meanMs);
    // Requests reaching it wait unread: not even arrivals until it resumes.
    QCOMPARE(rec.componentBetween(kBack, 20, 25).arrivals, 0ULL);
    QCOMPARE(rec.componentBetween(kBack, 20, 25).completed, 0ULL);
    QCOMPARE(paused.completed, 0ULL);
    // What waited completes at once: about 500 requests held for up to 5 s, and the new ones.
    QVERIFY(resumed.completed > 550);
    QVERIFY(resumed.meanMs > 2000);
    const RecordedScope after = rec.requestsBetween(27, 60);
    QCOMPARE(after.failed, 0ULL);
    QVERIFY(std::abs(after.meanMs - 3) < 0.01);
    QCOMPARE(rec.requestsBetween(0, 60).failed, 0ULL);  // nothing lost, only late
  }

  void aPausedConsumerPullsNothingFromTheBroker() {
    Scenario s = frontBack();
    s.services[kFront].calls[0].mode = CallMode::Async;
    Action pause = makeAction(ActionKind::Pause, "back");
    pause.durationS = 5;
    Simulation sim(s);
    IntervalRecorder rec;
    sim.addObserver(&rec);
    sim.runUntil(secondsToSim(20));
    QCOMPARE(sim.applyAction(pause), std::string());
    sim.runUntil(secondsToSim(24.5));
    const std::uint64_t held = sim.snapshot().brokerBacklog;
    sim.runUntil(secondsToSim(26));
    qInfo("backlog %llu after 4.5 s of pause, %llu a second after it", ull(held),
          ull(sim.snapshot().brokerBacklog));
    QVERIFY(held > 400);
    QVERIFY(sim.snapshot().brokerBacklog < 5);
    QCOMPARE(rec.componentBetween(kBack, 20, 25).completed, 0ULL);
    QVERIFY(rec.componentBetween(kBack, 25, 26).completed > 500);
  }

  void failFirstFailsExactlyItsCount() {
    Action first = makeAction(ActionKind::FailFirst, "back");
    first.count = 7;
    // Random routing: one replica spends its count while the other has some left.
    Scenario s = frontBack();
    s.services[kBack].lb = LbPolicy::Random;
    Simulation sim(s);
    IntervalRecorder rec;
    sim.addObserver(&rec);
    sim.runUntil(secondsToSim(20));
    QCOMPARE(sim.applyAction(first), std::string());
    sim.runToEnd();
    // Count per replica: back has 2.
    const RecordedScope back = rec.componentBetween(kBack, 0, 60);
    qInfo("back: %llu errors; requests failed: %llu", ull(back.failures[FailureCause::Error]),
          ull(rec.requestsBetween(0, 60).failed));
    QCOMPARE(back.failures[FailureCause::Error], 14ULL);
    QCOMPARE(rec.requestsBetween(0, 60).failed, 14ULL);
    QVERIFY(!anyFault(sim.snapshot(), kBack));  // spent, it ends
  }

  void failFirstOnAnEdgeCountsPerCallerReplica() {
    Action first = onEdge(ActionKind::FailFirst);
    first.count = 4;
    const IntervalRecorder rec = runWith(frontBack(), 20, {first});
    const RecordedScope call = rec.edgeBetween(kCall, 0, 60);
    QCOMPARE(call.failures[FailureCause::Error], 8ULL);  // front has 2 replicas
    QCOMPARE(call.failed, 8ULL);
    // Failed at the caller: back never saw them.
    QCOMPARE(rec.componentBetween(kBack, 0, 60).failed, 0ULL);
  }

  void durationEndsAFault() {
    Action first = makeAction(ActionKind::FailFirst, "back");
    first.count = 1000000000;
    first.durationS = 2;
    const IntervalRecorder rec = runWith(frontBack(), 20, {first});
    const RecordedScope during = rec.requestsBetween(20, 22);
    qInfo("errors in [20, 22]: %llu of %llu; after: %llu", ull(during.failed), ull(during.arrivals),
          ull(rec.requestsBetween(22, 60).failed));
    QCOMPARE(during.completed, 0ULL);
    QVERIFY(during.failed > 180);
    QCOMPARE(rec.requestsBetween(22, 60).failed, 0ULL);
  }

  void resetFaultsEndsEveryFaultAndDisturbance() {
    Scenario s = frontBack(100);
    s.nodes = {NodeSpec{"n1", 64}, NodeSpec{"n2", 64}};
    s.services[kBack].errorRate = 0.1;  // the scenario's: what reset goes back to
    Simulation sim(s);
    IntervalRecorder rec;
    sim.addObserver(&rec);
    sim.runUntil(secondsToSim(20));
    Action slow = makeAction(ActionKind::SlowService, "back");
    slow.factor = 3;
    Action errors = makeAction(ActionKind::SetErrorRate, "back");
    errors.rate = 0.5;
    Action cut = makeAction(ActionKind::Partition);
    cut.node = "n1";
    cut.otherNode = "n2";
    Action latency = makeAction(ActionKind::AddLatency, "back");
    latency.latencyMs = 50;
    Action loss = onEdge(ActionKind::DropMessages);
    loss.rate = 0.3;
    for (const Action& a : {slow, errors, cut, latency, loss, makeAction(ActionKind::BrokerOutage),
                            makeAction(ActionKind::KillReplica, "back", 1),
                            makeAction(ActionKind::Pause, "front", 0)}) {
      QCOMPARE(sim.applyAction(a), std::string());
    }
    sim.runUntil(secondsToSim(30));
    QVERIFY(anyFault(sim.snapshot(), kBack) && !sim.snapshot().brokerUp);
    QCOMPARE(sim.applyAction(makeAction(ActionKind::ResetFaults)), std::string());
    const ClusterSnapshot snap = sim.snapshot();
    QVERIFY(!anyFault(snap, kFront) && !anyFault(snap, kBack));
    QVERIFY(snap.partitions.empty());
    QVERIFY(snap.brokerUp);
    QCOMPARE(snap.deployments[kBack].replicas[0].slowFactor, 1.0);
    QCOMPARE(snap.deployments[kBack].replicas[1].state, ReplicaState::Down);  // kills stay
    sim.runToEnd();
    const RecordedScope back = rec.componentBetween(kBack, 31, 60);
    const double errorRatio = static_cast<double>(back.failures[FailureCause::Error]) /
                              static_cast<double>(back.arrivals);
    const RecordedScope requests = rec.requestsBetween(31, 60);
    qInfo("after reset: back error ratio %.3f (scenario 0.1), request mean %.3f ms, %llu timeouts",
          errorRatio, requests.meanMs, ull(requests.failures[FailureCause::Timeout]));
    QVERIFY(std::abs(errorRatio - 0.1) < 0.03);
    QVERIFY(std::abs(requests.meanMs - 3) < 0.01);
    QCOMPARE(requests.failures[FailureCause::Timeout], 0ULL);
    QCOMPARE(back.arrivals, rec.edgeBetween(kCall, 31, 60).arrivals);
  }

  void faultsTheLoaderWouldRefuseAreRefused() {
    // The GUI and a live session apply actions without the loader: the engine checks the same.
    Simulation sim(frontBack());
    Action both = makeAction(ActionKind::Blackhole, "back");
    both.from = "front";
    both.to = "back";
    Action pause = onEdge(ActionKind::Pause);
    Action still = makeAction(ActionKind::AddLatency, "back");
    Action none = makeAction(ActionKind::FailFirst, "back");
    Action tooLong = makeAction(ActionKind::Blackhole, "back");
    tooLong.durationS = 2e6;
    Action noEdge = onEdge(ActionKind::Blackhole, "back", "front");
    const std::pair<Action, std::string> refused[] = {
        {both, "a fault acts on a service or on an edge (from and to): one of the two"},
        {pause, "pause acts on processes, not edges"},
        {still, "added latency must be between 0.000001 and 1e9 ms"},
        {none, "fail_first's count must be between 1 and 1000000000"},
        {tooLong, "a fault lasts from 1e-9 to 1000000 seconds, or until reset_faults (0)"},
        {noEdge, "no call from \"back\" to \"front\""},
    };
    for (const auto& [a, why] : refused) QCOMPARE(sim.applyAction(a), why);
    QVERIFY(sim.appliedActions().empty());
  }

  void aFaultCoversTheProcessesRunningWhenApplied() {
    Simulation sim(frontBack());
    sim.runUntil(secondsToSim(10));
    sim.applyAction(makeAction(ActionKind::CrashService, "back"));
    // No process to act on: the fault is skipped, saying why.
    QCOMPARE(sim.applyAction(makeAction(ActionKind::Blackhole, "back")),
             std::string("no replica of \"back\" is running"));
    QCOMPARE(sim.applyAction(makeAction(ActionKind::Blackhole, "back", 0)),
             std::string("back#0 is not running"));
    sim.applyAction(makeAction(ActionKind::RestartService, "back"));
    sim.runUntil(secondsToSim(20));
    Action loss = makeAction(ActionKind::DropMessages, "back", 0);
    loss.rate = 1;
    QCOMPARE(sim.applyAction(loss), std::string());
    QVERIFY(sim.snapshot().deployments[kBack].replicas[0].faults.loss);
    // A replica that restarts is a new process, free of it.
    sim.applyAction(makeAction(ActionKind::KillReplica, "back", 0));
    sim.applyAction(makeAction(ActionKind::RestartReplica, "back", 0));
    sim.runUntil(secondsToSim(30));
    QCOMPARE(sim.snapshot().deployments[kBack].replicas[0].state, ReplicaState::Ready);
    QVERIFY(!anyFault(sim.snapshot(), kBack));
  }
};

QTEST_APPLESS_MAIN(FaultLifecycleTest)
#include "test_fault_lifecycle.moc"
