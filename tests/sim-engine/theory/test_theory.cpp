// The theory library: textbook values, the conditions under which it refuses to predict, the
// load in force read from a running simulation, and its predictions against the engine's
// measurements on the bundled M/M/1, M/M/4 and M/D/1 scenarios.

#include <QtTest>

#include "queue_formulas.h"
#include "scenario_loader.h"
#include "scenario_run.h"
#include "service_theory.h"
#include "simulation.h"
#include "test_scenarios.h"
#include "theory_text.h"

using namespace clusterscope;
using namespace clusterscope::engine;
using namespace clusterscope::theory;
using model::NoTheoryReason;
using model::QueueModel;

namespace {

model::ComponentTheory only(const Scenario& s) { return predictServices(s, nominalLoad(s)).at(0); }

Scenario bundled(const char* file) {
  const LoadResult r = loadScenarioFile(std::string(CLUSTERSCOPE_SCENARIO_DIR) + "/" + file);
  if (!r.scenario) qFatal("cannot load %s", file);
  return *r.scenario;
}

// A caller that calls `callee` in `mode`: the caller's reason and the callee's arrivals.
Scenario callerAndCallee(model::CallMode mode) {
  Scenario s = testing::singleQueue(20, DistributionSpec::exponential(5), 1, 10);
  s.services[0].name = "front";
  s.workload.entry = "front";
  ServiceSpec back = s.services[0];
  back.name = "back";
  s.services[0].calls.push_back(CallSpec{});
  s.services[0].calls[0].to = "back";
  s.services[0].calls[0].mode = mode;
  s.services[0].calls[0].probability = 0.5;
  s.services.push_back(back);
  return s;
}

}  // namespace

class TheoryTest : public QObject {
  Q_OBJECT

 private slots:
  void textbookValues() {
    // M/M/1, lambda 25, mu 50: W = 1 / (mu - lambda) = 40 ms, Wq = rho / (mu - lambda) = 20 ms.
    const auto t = only(testing::singleQueue(25, DistributionSpec::exponential(20), 1, 10));
    QCOMPARE(t.model, QueueModel::MM1);
    QCOMPARE(modelName(t), std::string("M/M/1"));
    QVERIFY(std::abs(t.meanResponseMs - 40.0) < 1e-9);
    QVERIFY(std::abs(t.meanWaitMs - 20.0) < 1e-9);
    QVERIFY(std::abs(t.utilization - 0.5) < 1e-12);
    // Exponential(mu - lambda = 25/s): median ln 2 / 25 s, p99 ln 100 / 25 s.
    QVERIFY(std::abs(t.p50Ms - 27.7259) < 1e-3);
    QVERIFY(std::abs(t.p99Ms - 184.2068) < 1e-3);
    QVERIFY(!t.approximate);

    // Erlang C from the tables: 2 servers at a = 1 wait with chance 1/3; 5 at a = 4, 0.5541.
    QVERIFY(std::abs(erlangC(2, 1.0) - 1.0 / 3.0) < 1e-12);
    QVERIFY(std::abs(erlangC(5, 4.0) - 0.5541) < 1e-4);
    // M/M/4 at 80 % (mmc.json): C = 0.5964, W = 10 + C * 10 / (4 - 3.2) = 17.455 ms.
    const auto c4 = only(testing::singleQueue(320, DistributionSpec::exponential(10), 4, 10));
    QCOMPARE(modelName(c4), std::string("M/M/4"));
    QVERIFY(std::abs(c4.meanResponseMs - 17.4553) < 1e-3);
    QCOMPARE(c4.p99Ms, 0.0);  // no closed-form percentiles for c > 1

    // M/D/1, D = 10 ms, rho 0.7: Wq = rho / (2 mu (1 - rho)) = 11.667 ms.
    const auto d = only(testing::singleQueue(70, DistributionSpec::constant(10), 1, 10));
    QCOMPARE(d.model, QueueModel::MD1);
    QVERIFY(std::abs(d.meanWaitMs - 0.7 * 10 / (2 * 0.3)) < 1e-9);
    // M/G/1 with the variance of an exponential is M/M/1's mean; a uniform(0, 20) has
    // variance 400/12: Wq = lambda E[S^2] / (2 (1 - rho)) = 50 * (1/3 + 1) 1e-4 / 1 s.
    QVERIFY(std::abs(mg1(25, 0.02, 0.0004).response - 0.04) < 1e-12);
    const auto g = only(testing::singleQueue(25, DistributionSpec::uniform(0, 20), 1, 10));
    QCOMPARE(g.model, QueueModel::MG1);
    QVERIFY(std::abs(g.meanWaitMs - 25 * (400.0 / 12 + 100) / 1000 / (2 * 0.75)) < 1e-9);
  }

  void refusesWhereNoFormulaApplies() {
    Scenario closed = testing::singleQueue(25, DistributionSpec::exponential(20), 1, 10);
    closed.workload.arrival = ArrivalKind::Closed;
    closed.workload.users = 5;
    QCOMPARE(only(closed).reason, NoTheoryReason::ClosedWorkload);
    Scenario even = testing::singleQueue(25, DistributionSpec::exponential(20), 1, 10);
    even.workload.arrival = ArrivalKind::Constant;
    QCOMPARE(only(even).reason, NoTheoryReason::NonPoissonArrivals);
    const auto full = only(testing::singleQueue(60, DistributionSpec::exponential(20), 1, 10));
    QCOMPARE(full.reason, NoTheoryReason::Saturated);
    QVERIFY(std::abs(full.utilization - 1.2) < 1e-12);  // still said, to show how far past
    QVERIFY(describe(full).find("grows without bound") != std::string::npos);
    QCOMPARE(only(testing::singleQueue(70, DistributionSpec::constant(10), 2, 10)).reason,
             NoTheoryReason::ManyWorkersGeneral);
    Scenario small = testing::singleQueue(35, DistributionSpec::exponential(20), 1, 10);
    small.services[0].queueCapacity = 3;  // M/M/1 at 0.7: full with chance 0.7^4 = 24 %
    QCOMPARE(only(small).reason, NoTheoryReason::QueueFillsUp);
    small.services[0].queueCapacity = 30;  // 0.7^31: never in practice
    QVERIFY(only(small).applies());

    // A sync caller's time includes its callee's; its callee, a leaf, still fits (fed at half
    // the rate, and not truly Poisson: approximate). An async callee takes messages.
    auto sync = predictServices(callerAndCallee(model::CallMode::Sync),
                                nominalLoad(callerAndCallee(model::CallMode::Sync)));
    QCOMPARE(sync[0].reason, NoTheoryReason::MakesSyncCalls);
    QVERIFY(sync[1].applies());
    QVERIFY(sync[1].approximate);
    QVERIFY(std::abs(sync[1].arrivalRps - 10.0) < 1e-12);
    const Scenario async = callerAndCallee(model::CallMode::Async);
    auto a = predictServices(async, nominalLoad(async));
    QVERIFY(a[0].applies());
    QCOMPARE(a[1].reason, NoTheoryReason::ReceivesMessages);
    // The load in force can turn the call sync: then the caller no longer fits.
    LoadState turned = nominalLoad(async);
    turned.callModes[{"front", "back"}] = model::CallMode::Sync;
    QCOMPARE(predictServices(async, turned)[0].reason, NoTheoryReason::MakesSyncCalls);
  }

  void visitsFollowTheCallGraph() {
    Scenario s = callerAndCallee(model::CallMode::Async);
    ServiceSpec third = s.services[1];
    third.name = "third";
    s.services[1].calls.push_back(CallSpec{});
    s.services[1].calls[0].to = "third";
    s.services[1].calls[0].probability = 0.4;
    s.services[0].calls.push_back(CallSpec{});
    s.services[0].calls[1].to = "third";
    s.services.push_back(third);
    const auto v = expectedVisits(s);
    QCOMPARE(v.at("front"), 1.0);
    QCOMPARE(v.at("back"), 0.5);
    QVERIFY(std::abs(v.at("third") - (1.0 + 0.5 * 0.4)) < 1e-12);
  }

  void followsTheLoadInForce() {
    // mmc.json's 4 workers at 80 %; one more replica halves each one's arrivals, a slow-down
    // by 1.2 brings rho to 0.48; a slow replica leaves the replicas uneven; stages set the
    // nominal rate.
    const Scenario s = bundled("mmc.json");
    Simulation sim(s);
    sim.runUntil(secondsToSim(5));
    auto now = [&] {
      return predictComponents(s, sim.layout(), loadFromSnapshot(sim.layout(), sim.snapshot()))
          .at(0);
    };
    QVERIFY(std::abs(now().utilization - 0.8) < 1e-9);
    model::Action scale = testing::makeAction(model::ActionKind::SetReplicas, "server");
    scale.count = 2;
    QVERIFY(sim.applyAction(scale).empty());
    sim.runUntil(secondsToSim(10));  // the new replica starts
    QVERIFY(std::abs(now().utilization - 0.4) < 1e-9);
    model::Action slow = testing::makeAction(model::ActionKind::SlowService, "server");
    slow.factor = 1.2;
    QVERIFY(sim.applyAction(slow).empty());
    const auto two = now();
    QVERIFY2(std::abs(two.utilization - 0.48) < 1e-9, qPrintable(QString::number(two.utilization)));
    QVERIFY(two.approximate);  // round robin over two replicas
    model::Action slowOne = testing::makeAction(model::ActionKind::SlowReplica, "server", 0);
    slowOne.factor = 2;
    QVERIFY(sim.applyAction(slowOne).empty());
    QCOMPARE(now().reason, NoTheoryReason::UnevenReplicas);
    // A rolling update to a version twice as slow, once done: rho 0.4 x 2 on both replicas.
    QVERIFY(sim.applyAction(testing::makeAction(model::ActionKind::ResetFaults)).empty());
    model::Action update = testing::makeAction(model::ActionKind::RollingUpdate, "server");
    update.factor = 2;
    QVERIFY(sim.applyAction(update).empty());
    sim.runUntil(secondsToSim(60));
    QVERIFY2(std::abs(now().utilization - 0.8) < 1e-9,
             qPrintable(QString::number(now().utilization)));

    Scenario staged = testing::singleQueue(10, DistributionSpec::exponential(20), 1, 100);
    staged.workload.stages = {RateStage{30, 40}, RateStage{60, 60}};
    QVERIFY(std::abs(predictServices(staged, nominalLoad(staged, 0))[0].utilization - 0.2) < 1e-12);
    QVERIFY(std::abs(predictServices(staged, nominalLoad(staged, 45))[0].utilization - 0.8) <
            1e-12);
    QCOMPARE(predictServices(staged, nominalLoad(staged, 60))[0].reason, NoTheoryReason::Saturated);
  }

  void agreesWithTheEngine_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("model");
    QTest::newRow("M/M/1") << "mm1.json"
                           << "M/M/1";
    QTest::newRow("M/M/4") << "mmc.json"
                           << "M/M/4";
    QTest::newRow("M/D/1") << "md1.json"
                           << "M/D/1";
  }

  void agreesWithTheEngine() {
    // About 300,000 requests each (the files run a million): the service's measured mean
    // latency and utilisation within 3 % of the prediction.
    QFETCH(QString, file);
    QFETCH(QString, model);
    const Scenario s = bundled(qPrintable(file));
    const auto t = only(s);
    QCOMPARE(QString::fromStdString(modelName(t)), model);
    RunOptions shorter;
    shorter.durationS = s.warmupS + 3e5 / s.workload.rateRps;
    const auto out = runScenario(s, shorter).summary.services.at(0);
    const double measured = out.traffic.latencyMs.mean;
    qInfo("%s: theory %.2f ms, measured %.2f ms; utilisation theory %.3f, measured %.3f",
          qPrintable(model), t.meanResponseMs, measured, t.utilization, out.utilization);
    QVERIFY(std::abs(measured - t.meanResponseMs) / t.meanResponseMs < 0.03);
    QVERIFY(std::abs(out.utilization - t.utilization) / t.utilization < 0.03);
  }
};

QTEST_GUILESS_MAIN(TheoryTest)
#include "test_theory.moc"
