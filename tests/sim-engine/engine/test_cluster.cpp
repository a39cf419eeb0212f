// The cluster as a whole: placement over nodes, the autoscaler, monoliths, the broker's
// at-least-once delivery, closed workloads and client timeouts, rate stages, determinism.

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

// shop: a monolith whose modules catalog -> cart -> payment call each other in-process.
Scenario monolith() {
  Scenario s;
  s.name = "monolith";
  s.durationS = 60;
  s.network.latencyMs = DistributionSpec::constant(1);
  ServiceSpec shop;
  shop.name = "shop";
  shop.replicas = 2;
  shop.workers = 8;
  for (const char* name : {"catalog", "cart", "payment"}) {
    ModuleSpec m;
    m.name = name;
    m.serviceTimeMs = DistributionSpec::constant(2);
    shop.modules.push_back(m);
  }
  shop.modules[0].calls.push_back(CallSpec{.to = "cart"});
  shop.modules[1].calls.push_back(CallSpec{.to = "payment"});
  s.services.push_back(shop);
  s.workload.entry = "catalog";
  s.workload.rateRps = 50;
  return s;
}

}  // namespace

class ClusterTest : public QObject {
  Q_OBJECT

 private slots:
  void replicasSpreadOverNodes() {
    Scenario s = singleQueue(10, DistributionSpec::constant(1), 1, 5);
    s.services[0].replicas = 6;
    s.services[0].cpu = 2;
    s.nodes = {NodeSpec{"a", 8}, NodeSpec{"b", 8}, NodeSpec{"c", 4}};
    Simulation sim(s);
    const auto snap = sim.snapshot();
    std::vector<int> perNode(3, 0);
    for (const auto& r : snap.deployments[0].replicas) ++perNode[r.node];
    // Each replica goes to the node with the largest share of its cores free.
    QCOMPARE(perNode, (std::vector<int>{3, 2, 1}));
    QCOMPARE(snap.nodes[0].usedCores, 6.0);
    QCOMPARE(snap.cores, 12.0);
  }

  void autoscalerFollowsTheLoad() {
    Scenario s = singleQueue(50, DistributionSpec::exponential(20), 2, 600);
    s.services[0].replicas = 1;
    s.services[0].startupS = 5;
    AutoscaleSpec as;
    as.minReplicas = 1;
    as.maxReplicas = 20;
    as.targetUtilization = 0.5;
    as.periodS = 10;
    as.stabilizationS = 60;
    s.services[0].autoscale = as;
    s.workload.stages = {RateStage{100, 400}, RateStage{300, 50}};
    Simulation sim(s);
    // Between two ticks of the autoscaler: at 290 s itself, runUntil stops before its tick.
    sim.runUntil(secondsToSim(295));
    // 400 rps * 20 ms = 8 busy workers; at 50 % target that is 16 workers, 8 replicas.
    const int atPeak = sim.snapshot().deployments[0].desiredReplicas;
    QVERIFY2(atPeak >= 7 && atPeak <= 10, qPrintable(QString::number(atPeak)));
    sim.runUntil(secondsToSim(335));
    // The stabilisation window keeps the peak size for a minute after the load drops.
    QCOMPARE(sim.snapshot().deployments[0].desiredReplicas, atPeak);
    sim.runToEnd();
    const int after = sim.snapshot().deployments[0].desiredReplicas;
    QVERIFY2(after <= 2, qPrintable(QString::number(after)));
    Action off;
    off.kind = ActionKind::SetAutoscaler;
    off.enabled = false;
    QCOMPARE(sim.applyAction(off), std::string());
    QVERIFY(!sim.snapshot().deployments[0].autoscalerOn);
  }

  void aTinyTargetScalesToTheMaximum() {
    // Any load over a target of 1e-10 asks for billions of replicas: the autoscaler must
    // clamp that to max before it becomes an int (it used to wrap round to the minimum).
    Scenario s = singleQueue(100, DistributionSpec::constant(10), 4, 30);
    AutoscaleSpec as;
    as.minReplicas = 1;
    as.maxReplicas = 10;
    as.targetUtilization = 1e-10;
    as.periodS = 5;
    s.services[0].autoscale = as;
    Simulation sim(s);
    sim.runUntil(secondsToSim(6));
    QCOMPARE(sim.snapshot().deployments[0].desiredReplicas, 10);
  }

  void monolithModulesRunInProcess() {
    const auto out = runScenario(monolith()).summary;
    // Three modules of 2 ms and only the client's two hops of 1 ms: no hop between modules.
    QVERIFY(std::abs(out.requests.latencyMs.mean - 8.0) < 0.01);
    QCOMPARE(static_cast<int>(out.services.size()), 3);
    QCOMPARE(out.services[2].host, std::string("shop"));
    QVERIFY(out.services[2].isModule);
    QCOMPARE(out.services[2].traffic.completed, out.services[0].traffic.completed);
    // One worker runs the whole chain: 50 rps * 6 ms over 16 workers.
    QVERIFY(std::abs(out.services[0].utilization - 50 * 0.006 / 16) < 0.003);
  }

  void aModuleCrashTakesItsHostDown() {
    Scenario s = monolith();
    Action crash;
    crash.kind = ActionKind::CrashService;
    crash.service = "payment";  // a module: its whole process goes
    s.timeline.push_back({30.0, crash});
    Simulation sim(s);
    IntervalRecorder rec;
    sim.addObserver(&rec);
    sim.runToEnd();
    const auto snap = sim.snapshot();
    for (const auto& r : snap.deployments[0].replicas) QCOMPARE(r.state, ReplicaState::Down);
    const auto after = rec.requestsBetween(31, 60);
    QCOMPARE(after.completed, 0ULL);  // catalog, which did not crash, is gone too
  }

  void killedConsumerGivesItsMessageBack() {
    Scenario s = chain({"api", "worker"}, CallMode::Async, 20, 1, 1, 1, 30);
    s.services[1].replicas = 2;
    s.services[1].serviceTimeMs = DistributionSpec::constant(500);
    Simulation sim(s);
    IntervalRecorder rec;
    sim.addObserver(&rec);
    sim.runUntil(secondsToSim(10.2));
    Action kill;
    kill.kind = ActionKind::KillReplica;
    kill.service = "worker";
    kill.replica = 0;
    sim.applyAction(kill);
    sim.runUntil(secondsToSim(11));
    std::uint64_t redelivered = 0;
    for (const auto& i : rec.intervals) redelivered += i.broker.redelivered;
    QCOMPARE(redelivered, 1ULL);  // the one it was working on: at-least-once
    // The worker never failed anything: the message went back, not away.
    QCOMPARE(rec.componentBetween(1, 0, 11).failed, 0ULL);
  }

  void closedWorkloadFollowsTheResponseTimeLaw() {
    Scenario s = singleQueue(0, DistributionSpec::exponential(10), 2, 2000, 100);
    s.workload.arrival = ArrivalKind::Closed;
    s.workload.users = 20;
    s.workload.thinkTimeMs = DistributionSpec::exponential(100);
    const auto out = runScenario(s).summary.requests;
    // Interactive response time law: X = N / (R + Z).
    const double expected = 20.0 / ((out.latencyMs.mean + 100.0) / 1000.0);
    QVERIFY2(std::abs(out.throughputRps - expected) / expected < 0.01,
             qPrintable(QString("%1 vs %2").arg(out.throughputRps).arg(expected)));
  }

  void clientTimeoutCountsAsFailure() {
    Scenario s = singleQueue(50, DistributionSpec::constant(100), 10, 60);
    s.workload.timeoutMs = 50;
    const auto out = runScenario(s).summary;
    QCOMPARE(out.requests.completed, 0ULL);
    QCOMPARE(out.requests.failures[FailureCause::Timeout], out.requests.failed);
    // The server still did the work nobody waited for.
    QVERIFY(out.services[0].traffic.completed > 2900);
  }

  void sameSeedSameRunOtherSeedOtherRun() {
    Scenario s = largeCluster(30, 3, 300, 30);
    auto json = [](const Scenario& sc) { return summaryToJson(runScenario(sc).summary, false); };
    const std::string a = json(s);
    QCOMPARE(json(s), a);
    s.seed = 2;
    QVERIFY(json(s) != a);
  }

  void eventFingerprint() {
    // Pins the exact event sequence of a small, feature-rich run: any change to the order of
    // events or to the random streams shows up here and must be explained in the commit.
    Scenario s = largeCluster(15, 2, 200, 20);
    s.services[3].errorRate = 0.1;
    s.services[1].calls[0].retries = 2;
    Simulation sim(s);
    sim.runToEnd();
    const auto out = runScenario(s).summary;
    qInfo("events %llu, completed %llu, failed %llu",
          static_cast<unsigned long long>(sim.eventsProcessed()),
          static_cast<unsigned long long>(out.requests.completed),
          static_cast<unsigned long long>(out.requests.failed));
    QCOMPARE(sim.eventsProcessed(), 41085ULL);
    QCOMPARE(out.requests.completed, 4064ULL);
    QVERIFY(out.services[3].traffic.failures[FailureCause::Error] > 0);
  }

  void snapshotOfALargeClusterIsComplete() {
    Simulation sim(largeCluster(200, 10, 1000, 5));
    sim.runUntil(secondsToSim(2));
    const auto snap = sim.snapshot();
    std::size_t replicas = 0;
    for (const auto& d : snap.deployments) replicas += d.replicas.size();
    QCOMPARE(replicas, std::size_t{2000});
    QCOMPARE(snap.components.size(), std::size_t{200});
    QCOMPARE(snap.edges.size(), sim.layout().edges.size());
    QVERIFY(snap.throughputRps > 900 && snap.throughputRps < 1100);
  }
};

QTEST_APPLESS_MAIN(ClusterTest)
#include "test_cluster.moc"
