// A session (a scenario and the actions a user applied to its run) saves as a scenario that
// the loader accepts and that replays to the same run. The engine refuses any action the
// loader would refuse in a timeline, and hands out replica indexes the loader allows.

#include <QtTest>
#include <cmath>

#include "run_summary.h"
#include "scenario_loader.h"
#include "simulation.h"
#include "summary_json.h"
#include "test_scenarios.h"

using namespace clusterscope::engine;
using namespace clusterscope::model;
using namespace clusterscope::testing;

namespace {

Action setReplicas(const std::string& service, int count) {
  Action a = makeAction(ActionKind::SetReplicas, service);
  a.count = count;
  return a;
}

// front -> orders (4 replicas of 2 workers, 40 ms, 2 s to start), sync, 250 rps: more than
// orders can serve, so that its replicas are always busy and a scale-down leaves them draining.
Scenario shop() {
  Scenario s = chain({"front", "orders"}, CallMode::Sync, 250, 1, 2, 8, 40);
  s.services[1].replicas = 4;
  s.services[1].workers = 2;
  s.services[1].startupS = 2;
  s.services[1].serviceTimeMs = DistributionSpec::constant(40);
  return s;
}

// Applies `action` at `atS` and checks that the engine took it.
void applyAt(Simulation& sim, double atS, const Action& action) {
  sim.runUntil(secondsToSim(atS));
  const std::string error = sim.applyAction(action);
  QVERIFY2(error.empty(), (describeAction(action) + ": " + error).c_str());
}

// What "save session" writes: the scenario with the applied actions in its timeline.
std::string savedSession(const Scenario& base, const Simulation& sim) {
  Scenario session = base;
  for (const auto& entry : sim.appliedActions()) session.timeline.push_back(entry);
  return scenarioToJson(session);
}

ReplicaState stateOf(const Simulation& sim, int deployment, int index) {
  const ClusterSnapshot now = sim.snapshot();
  for (const auto& r : now.deployments[deployment].replicas) {
    if (r.index == index) return r.state;
  }
  return ReplicaState::Removed;
}

std::string summaryOf(Simulation& sim) {
  SummaryCollector summary(0);
  sim.addObserver(&summary);
  sim.runToEnd();
  sim.removeObserver(&summary);
  return summaryToJson(summary.summary(), false);
}

}  // namespace

class SessionsTest : public QObject {
  Q_OBJECT

 private slots:
  void replicasOnTheirWayOutOrInStaySavable() {
    const Scenario base = shop();
    Simulation live(base);
    SummaryCollector liveSummary(0);
    live.addObserver(&liveSummary);
    // Scale down: replicas 2 and 3 drain, busy for up to 40 ms; kill one of them meanwhile.
    applyAt(live, 5, setReplicas("orders", 2));
    QCOMPARE(stateOf(live, 1, 3), ReplicaState::Draining);
    applyAt(live, 5.001, makeAction(ActionKind::KillReplica, "orders", 3));
    applyAt(live, 10, setReplicas("orders", 4));
    // A rolling update starts a fifth replica (index 4) before it retires an old one: kill
    // that replacement while it starts, as a user of the GUI can.
    applyAt(live, 15, makeAction(ActionKind::RollingUpdate, "orders"));
    QCOMPARE(stateOf(live, 1, 4), ReplicaState::Starting);
    applyAt(live, 15.5, makeAction(ActionKind::KillReplica, "orders", 4));
    applyAt(live, 16, makeAction(ActionKind::RestartReplica, "orders", 4));
    live.runToEnd();

    const std::string json = savedSession(base, live);
    const LoadResult loaded = loadScenarioText(json, "session.json");
    QVERIFY2(loaded.ok(), loaded.errors.empty() ? "" : loaded.errors.front().format().c_str());
    Simulation again(*loaded.scenario);
    QCOMPARE(summaryOf(again), summaryToJson(liveSummary.summary(), false));
  }

  void replicaIndexesStayWithinWhatTheLoaderAllows() {
    // Requests that take 11 days: replicas replaced by a rolling update never finish
    // draining, and every update adds four more that never will. Replacements still get
    // indexes below twice the replica count: when there is no room left, a draining replica
    // is stopped, as an orchestrator ends a pod's grace period.
    Scenario s = singleQueue(100, DistributionSpec::constant(1e9), 1, 30);
    s.services[0].replicas = 4;
    Simulation sim(s);
    int highest = 0;
    for (int round = 0; round < 5; ++round) {
      applyAt(sim, 1 + 2 * round, makeAction(ActionKind::RollingUpdate, "server"));
      sim.runUntil(secondsToSim(2 + 2 * round));
      const ClusterSnapshot now = sim.snapshot();
      int draining = 0;
      for (const auto& r : now.deployments[0].replicas) {
        highest = std::max(highest, r.index);
        draining += r.state == ReplicaState::Draining;
      }
      QVERIFY2(draining > 0, "nothing is left draining: the case is not exercised");
    }
    QVERIFY2(highest < 8, qPrintable(QString::number(highest)));
  }

  void actionsTheLoaderWouldRefuseAreRefused() {
    Simulation sim(shop());
    Action slow = makeAction(ActionKind::SlowService, "orders");
    slow.factor = 2e6;
    QVERIFY(!sim.applyAction(slow).empty());
    slow.factor = std::nan("");
    QVERIFY(!sim.applyAction(slow).empty());
    Action errors = makeAction(ActionKind::SetErrorRate, "orders");
    errors.rate = 1.5;
    QVERIFY(!sim.applyAction(errors).empty());
    Action outage = makeAction(ActionKind::BrokerOutage);
    outage.durationS = std::nan("");
    QVERIFY(!sim.applyAction(outage).empty());
    outage.durationS = -1;
    QVERIFY(!sim.applyAction(outage).empty());
    QVERIFY(!sim.applyAction(setReplicas("orders", 10001)).empty());
    Action rate = makeAction(ActionKind::SetArrivalRate);
    rate.rate = 2e7;
    QVERIFY(!sim.applyAction(rate).empty());
    // Nothing to switch, no autoscaled service, and no node a timeline could name.
    QVERIFY(!sim.applyAction(makeAction(ActionKind::SetResilience)).empty());
    QVERIFY(!sim.applyAction(makeAction(ActionKind::SetAutoscaler)).empty());
    Action fail = makeAction(ActionKind::FailNode);
    fail.node = sim.layout().nodes[0].name;
    QVERIFY(!sim.applyAction(fail).empty());
    QVERIFY(sim.appliedActions().empty());
  }

  void theClusterWideReplicaLimitHolds() {
    Scenario s = shop();
    for (int i = 0; i < 9; ++i) {
      ServiceSpec extra = s.services[1];
      extra.name = "extra" + std::to_string(i);
      s.services.push_back(extra);
    }
    Simulation sim(s);
    // 11 services: ten of them at 10,000 replicas reach the limit of 100,000...
    for (int i = 0; i < 9; ++i) {
      QCOMPARE(sim.applyAction(setReplicas("extra" + std::to_string(i), 10000)), std::string());
    }
    // ...and front (2) plus orders at 10,000 would pass it.
    const std::string error = sim.applyAction(setReplicas("orders", 10000));
    QVERIFY2(error.find("limit is 100000") != std::string::npos, error.c_str());
    QCOMPARE(sim.applyAction(setReplicas("orders", 9998)), std::string());
  }
};

QTEST_GUILESS_MAIN(SessionsTest)
#include "test_sessions.moc"
