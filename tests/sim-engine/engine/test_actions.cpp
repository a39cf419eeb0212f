// The effect of every action, applied at once through Simulation::applyAction or from a
// scenario's timeline, and the replay of a recorded session.

#include <QtTest>

#include "interval_recorder.h"
#include "scenario_run.h"
#include "simulation.h"
#include "summary_json.h"
#include "test_scenarios.h"

using namespace clusterscope::engine;
using namespace clusterscope::model;
using namespace clusterscope::testing;

namespace {

// front (3 replicas, 2 workers, 5 ms) -> back (2 replicas, 4 workers, 10 ms), sync, 100 rps,
// spread over two nodes.
Scenario twoTier(double durationS = 60) {
  Scenario s = chain({"front", "back"}, CallMode::Sync, 100, 5, 3, 2, durationS);
  s.services[1].replicas = 2;
  s.services[1].workers = 4;
  s.services[1].serviceTimeMs = DistributionSpec::exponential(10);
  s.services[0].calls[0].timeoutMs = 1000;
  s.nodes = {NodeSpec{"n1", 8}, NodeSpec{"n2", 8}};
  return s;
}

// The same with front publishing to back through the broker.
Scenario asyncTwoTier() {
  Scenario s = twoTier();
  s.services[0].calls[0].mode = CallMode::Async;
  return s;
}

int countState(const ClusterSnapshot& s, int d, ReplicaState state) {
  int n = 0;
  for (const auto& r : s.deployments[d].replicas) n += r.state == state ? 1 : 0;
  return n;
}

}  // namespace

class ActionsTest : public QObject {
  Q_OBJECT

 private slots:
  void killAndRestartReplica() {
    Scenario s = twoTier();
    s.services[1].startupS = 2;
    Simulation sim(s);
    sim.runUntil(secondsToSim(10));
    QCOMPARE(sim.applyAction(makeAction(ActionKind::KillReplica, "back", 1)), std::string());
    auto snap = sim.snapshot();
    QCOMPARE(snap.deployments[1].replicas[1].state, ReplicaState::Down);
    QCOMPARE(countState(snap, 1, ReplicaState::Ready), 1);
    QCOMPARE(sim.applyAction(makeAction(ActionKind::RestartReplica, "back", 1)), std::string());
    QCOMPARE(sim.snapshot().deployments[1].replicas[1].state, ReplicaState::Starting);
    sim.runUntil(secondsToSim(12.5));
    QCOMPARE(sim.snapshot().deployments[1].replicas[1].state, ReplicaState::Ready);
    // Restarting a replica that is not down says so.
    QVERIFY(!sim.applyAction(makeAction(ActionKind::RestartReplica, "back", 1)).empty());
  }

  void killFailsWhatTheReplicaHeld() {
    Scenario s = twoTier();
    s.services[1].serviceTimeMs = DistributionSpec::constant(200);  // work piles up
    Simulation sim(s);
    IntervalRecorder rec;
    sim.addObserver(&rec);
    sim.runUntil(secondsToSim(10.5));
    sim.applyAction(makeAction(ActionKind::KillReplica, "back", 0));
    sim.runUntil(secondsToSim(12));
    const auto back = rec.componentBetween(1, 10, 11);
    QVERIFY(back.failures[FailureCause::Crashed] > 0);
    QVERIFY(rec.requestsBetween(10, 11).failures[FailureCause::Crashed] > 0);
  }

  void crashAndRestartService() {
    Simulation sim(twoTier());
    IntervalRecorder rec;
    sim.addObserver(&rec);
    sim.runUntil(secondsToSim(10));
    sim.applyAction(makeAction(ActionKind::CrashService, "back"));
    QCOMPARE(countState(sim.snapshot(), 1, ReplicaState::Down), 2);
    sim.runUntil(secondsToSim(20));
    sim.applyAction(makeAction(ActionKind::RestartService, "back"));
    sim.runUntil(secondsToSim(30));
    const auto down = rec.requestsBetween(11, 20);
    QCOMPARE(down.completed, 0ULL);
    QCOMPARE(down.failures[FailureCause::NoReplica], down.failed);
    QCOMPARE(rec.requestsBetween(21, 30).failed, 0ULL);
  }

  void failNodeReschedulesItsReplicas() {
    Scenario s = twoTier(80);
    s.cluster.rescheduleDelayS = 5;
    s.services[1].startupS = 1;
    Simulation sim(s);
    sim.runUntil(secondsToSim(10));
    Action fail = makeAction(ActionKind::FailNode);
    fail.node = "n2";
    QCOMPARE(sim.applyAction(fail), std::string());
    auto snap = sim.snapshot();
    QVERIFY(!snap.nodes[1].up);
    QCOMPARE(snap.nodes[1].usedCores, 0.0);
    int down = countState(snap, 0, ReplicaState::Down) + countState(snap, 1, ReplicaState::Down);
    QVERIFY(down >= 2);  // replicas were spread, so n2 held some
    sim.runUntil(secondsToSim(16.5));
    snap = sim.snapshot();
    for (int d = 0; d < 2; ++d) {
      for (const auto& r : snap.deployments[d].replicas) {
        QCOMPARE(r.state, ReplicaState::Ready);
        QCOMPARE(r.node, 0);  // moved to the node that is left
      }
    }
    Action recover = makeAction(ActionKind::RecoverNode);
    recover.node = "n2";
    QCOMPARE(sim.applyAction(recover), std::string());
    QVERIFY(sim.snapshot().nodes[1].up);
  }

  void pendingReplicasWaitForCapacity() {
    Scenario s = twoTier();
    s.nodes = {NodeSpec{"n1", 3}, NodeSpec{"n2", 2}};  // exactly the 5 replicas
    s.cluster.rescheduleDelayS = 1;
    Simulation sim(s);
    sim.runUntil(secondsToSim(5));
    Action fail = makeAction(ActionKind::FailNode);
    fail.node = "n2";
    sim.applyAction(fail);
    sim.runUntil(secondsToSim(10));
    auto snap = sim.snapshot();
    QCOMPARE(
        countState(snap, 0, ReplicaState::Pending) + countState(snap, 1, ReplicaState::Pending), 2);
    Action recover = makeAction(ActionKind::RecoverNode);
    recover.node = "n2";
    sim.applyAction(recover);
    snap = sim.snapshot();
    QCOMPARE(
        countState(snap, 0, ReplicaState::Pending) + countState(snap, 1, ReplicaState::Pending), 0);
  }

  void slowReplicaAndSlowService() {
    auto meanWith = [](const Action* a) {
      Scenario s = singleQueue(20, DistributionSpec::constant(10), 4, 100);
      s.services[0].replicas = 2;
      if (a) s.timeline.push_back({0.0, *a});
      return runScenario(s).summary.requests.latencyMs.mean;
    };
    Action slowOne = makeAction(ActionKind::SlowReplica, "server", 0);
    slowOne.factor = 3;
    Action slowAll = makeAction(ActionKind::SlowService, "server");
    slowAll.factor = 3;
    QVERIFY(std::abs(meanWith(nullptr) - 10.0) < 0.1);
    QVERIFY(std::abs(meanWith(&slowOne) - 20.0) < 0.5);  // half the requests take 30 ms
    QVERIFY(std::abs(meanWith(&slowAll) - 30.0) < 0.5);
  }

  void errorRate() {
    Scenario s = twoTier(200);
    Action a = makeAction(ActionKind::SetErrorRate, "back");
    a.rate = 0.2;
    s.timeline.push_back({0.0, a});
    const auto out = runScenario(s).summary;
    QVERIFY(std::abs(out.requests.failedRatio - 0.2) < 0.02);
    QCOMPARE(out.requests.failures[FailureCause::Error], out.requests.failed);
  }

  void brokerOutageRejectsAndKeepsTheBacklog() {
    Simulation sim(asyncTwoTier());
    IntervalRecorder rec;
    sim.addObserver(&rec);
    sim.runUntil(secondsToSim(10));
    // Consumers down: messages wait in the broker.
    sim.applyAction(makeAction(ActionKind::CrashService, "back"));
    sim.runUntil(secondsToSim(20));
    QVERIFY(sim.snapshot().brokerBacklog > 900);
    QVERIFY(sim.snapshot().brokerLagMs > 9000);
    // The broker goes down for 5 s: publishes are refused, the backlog is kept.
    Action outage = makeAction(ActionKind::BrokerOutage);
    outage.durationS = 5;
    sim.applyAction(outage);
    const auto kept = sim.snapshot().brokerBacklog;
    sim.runUntil(secondsToSim(24));
    QVERIFY(!sim.snapshot().brokerUp);
    QCOMPARE(sim.snapshot().brokerBacklog, kept);
    sim.runUntil(secondsToSim(26));
    QVERIFY(sim.snapshot().brokerUp);
    QVERIFY(rec.edgeBetween(0, 20, 25).failures[FailureCause::BrokerRejected] > 300);
    // Consumers back: the backlog drains.
    sim.applyAction(makeAction(ActionKind::RestartService, "back"));
    sim.runUntil(secondsToSim(60));
    QVERIFY(sim.snapshot().brokerBacklog < 10);
    // The front end never noticed any of it.
    QCOMPARE(rec.requestsBetween(0, 60).failed, 0ULL);
  }

  void brokerOutageUntilRecovered() {
    Simulation sim(asyncTwoTier());
    IntervalRecorder rec;
    sim.addObserver(&rec);
    sim.runUntil(secondsToSim(10));
    sim.applyAction(makeAction(ActionKind::BrokerOutage));  // no duration: down until recovered
    sim.runUntil(secondsToSim(40));
    QVERIFY(!sim.snapshot().brokerUp);
    QCOMPARE(rec.edgeBetween(0, 11, 40).completed, 0ULL);
    QCOMPARE(sim.applyAction(makeAction(ActionKind::BrokerRecover)), std::string());
    QVERIFY(sim.snapshot().brokerUp);
    sim.runUntil(secondsToSim(60));
    const auto after = rec.edgeBetween(0, 41, 60);
    QVERIFY(after.completed > 1500);
    QCOMPARE(after.failures[FailureCause::BrokerRejected], 0ULL);
  }

  void setReplicasScalesUpAndDrainsDown() {
    Simulation sim(twoTier());
    sim.runUntil(secondsToSim(5));
    Action up = makeAction(ActionKind::SetReplicas, "back");
    up.count = 5;
    sim.applyAction(up);
    QCOMPARE(countState(sim.snapshot(), 1, ReplicaState::Ready), 5);
    Action down = up;
    down.count = 1;
    sim.applyAction(down);
    sim.runUntil(secondsToSim(6));
    const auto snap = sim.snapshot();
    QCOMPARE(static_cast<int>(snap.deployments[1].replicas.size()), 1);
    QCOMPARE(snap.deployments[1].desiredReplicas, 1);
  }

  void callModeOnOneEdgeAndOnAll() {
    Scenario s = chain({"a", "b", "c"}, CallMode::Sync, 10, 1, 1, 2, 10);
    Simulation sim(s);
    Action one = makeAction(ActionKind::SetCallMode);
    one.from = "a";
    one.to = "b";
    one.mode = CallMode::Async;
    QCOMPARE(sim.applyAction(one), std::string());
    QCOMPARE(sim.layout().edges[0].mode, CallMode::Async);
    QCOMPARE(sim.layout().edges[1].mode, CallMode::Sync);
    Action all = makeAction(ActionKind::SetCallMode);
    all.mode = CallMode::Async;
    sim.applyAction(all);
    QCOMPARE(sim.snapshot().edges[1].mode, CallMode::Async);
    Action none = one;
    none.from = "c";
    QVERIFY(!sim.applyAction(none).empty());  // c does not call b
  }

  void arrivalRateChanges() {
    Scenario s = twoTier(40);
    Action a = makeAction(ActionKind::SetArrivalRate);
    a.rate = 300;
    s.timeline.push_back({20.0, a});
    Simulation sim(s);
    IntervalRecorder rec;
    sim.addObserver(&rec);
    sim.runToEnd();
    QVERIFY(std::abs(static_cast<double>(rec.requestsBetween(0, 20).arrivals) / 20 - 100) < 10);
    QVERIFY(std::abs(static_cast<double>(rec.requestsBetween(20, 40).arrivals) / 20 - 300) < 20);
    QCOMPARE(sim.snapshot().arrivalRateRps, 300.0);
  }

  void rollingUpdateHasNoDowntime() {
    Scenario s = twoTier(120);
    s.services[1].startupS = 3;
    Action update = makeAction(ActionKind::RollingUpdate, "back");
    update.factor = 0.5;  // the new version is twice as fast
    s.timeline.push_back({30.0, update});
    Simulation sim(s);
    IntervalRecorder rec;
    sim.addObserver(&rec);
    sim.runUntil(secondsToSim(31));
    QCOMPARE(countState(sim.snapshot(), 1, ReplicaState::Starting), 1);  // one surge replica
    sim.runToEnd();
    QCOMPARE(rec.requestsBetween(0, 120).failed, 0ULL);
    const auto before = rec.componentBetween(1, 0, 30);
    const auto after = rec.componentBetween(1, 60, 120);
    QVERIFY(std::abs(after.meanMs / before.meanMs - 0.5) < 0.05);
    QCOMPARE(countState(sim.snapshot(), 1, ReplicaState::Ready), 2);
  }

  void resilienceSwitches() {
    Scenario s = twoTier(40);
    s.services[0].calls[0].timeoutMs = 5;  // most calls time out
    Simulation sim(s);
    IntervalRecorder rec;
    sim.addObserver(&rec);
    sim.runUntil(secondsToSim(20));
    Action off = makeAction(ActionKind::SetResilience);
    off.timeouts = false;
    sim.applyAction(off);
    QVERIFY(!sim.snapshot().timeoutsOn);
    QVERIFY(sim.snapshot().retriesOn);
    sim.runToEnd();
    QVERIFY(rec.requestsBetween(0, 20).failures[FailureCause::Timeout] > 500);
    QCOMPARE(rec.requestsBetween(21, 40).failed, 0ULL);
  }

  void unknownNamesAreRefused() {
    Simulation sim(twoTier());
    QVERIFY(sim.applyAction(makeAction(ActionKind::KillReplica, "nope", 0)).find("nope") !=
            std::string::npos);
    QVERIFY(sim.applyAction(makeAction(ActionKind::KillReplica, "back", 7)).find("7") !=
            std::string::npos);
    Action node = makeAction(ActionKind::FailNode);
    node.node = "n9";
    QVERIFY(!sim.applyAction(node).empty());
    QVERIFY(!sim.applyAction(makeAction(ActionKind::SetAutoscaler, "back")).empty());  // none there
    QVERIFY(sim.appliedActions().empty());
  }

  void recordedSessionReplaysExactly() {
    // What the GUI's "save session as scenario" relies on: actions applied by hand, written
    // as a timeline, give the same run.
    const Scenario base = twoTier(60);
    Simulation live(base);
    SummaryCollector liveSummary(0);
    live.addObserver(&liveSummary);
    live.runUntil(secondsToSim(12.25));
    live.applyAction(makeAction(ActionKind::KillReplica, "back", 0));
    live.runUntil(secondsToSim(30.5));
    Action rate = makeAction(ActionKind::SetArrivalRate);
    rate.rate = 180;
    live.applyAction(rate);
    live.runToEnd();
    QCOMPARE(static_cast<int>(live.appliedActions().size()), 2);

    Scenario replay = base;
    for (const auto& entry : live.appliedActions()) replay.timeline.push_back(entry);
    Simulation again(replay);
    SummaryCollector againSummary(0);
    again.addObserver(&againSummary);
    again.runToEnd();
    QCOMPARE(summaryToJson(againSummary.summary(), false),
             summaryToJson(liveSummary.summary(), false));
    // The same events, plus one timeline event per replayed action.
    QCOMPARE(again.eventsProcessed(), live.eventsProcessed() + 2);
  }
};

QTEST_APPLESS_MAIN(ActionsTest)
#include "test_actions.moc"
