// The estimate of what a run will cost, behind the warning a run that would take days of CPU
// starts with: right within an order of magnitude, measured against real runs.

#include <QtTest>

#include "run_cost.h"
#include "scenario_run.h"
#include "test_scenarios.h"

using namespace clusterscope::engine;
using namespace clusterscope::model;
using namespace clusterscope::testing;

class RunCostTest : public QObject {
  Q_OBJECT

 private slots:
  void estimatesMatchRealRunsWithinAnOrderOfMagnitude_data() {
    QTest::addColumn<int>("which");
    QTest::newRow("single queue") << 0;
    QTest::newRow("sync chain with stages") << 1;
    QTest::newRow("large cluster") << 2;
    QTest::newRow("closed users") << 3;
  }
  void estimatesMatchRealRunsWithinAnOrderOfMagnitude() {
    QFETCH(int, which);
    Scenario s;
    switch (which) {
      case 0:
        s = singleQueue(2000, DistributionSpec::exponential(0.4), 1, 30);
        break;
      case 1:
        s = chain({"a", "b", "c"}, CallMode::Sync, 500, 1, 2, 4, 30);
        s.workload.stages = {RateStage{10, 2000}, RateStage{20, 100}};
        break;
      case 2:
        s = largeCluster(50, 2, 2000, 10);
        break;
      default:
        s = singleQueue(0, DistributionSpec::exponential(2), 8, 30);
        s.workload.arrival = ArrivalKind::Closed;
        s.workload.users = 20;
        s.workload.thinkTimeMs = DistributionSpec::constant(5);
    }
    const RunCost cost = estimateRunCost(s);
    const RunOutcome run = runScenario(s);
    const double events = static_cast<double>(run.summary.events);
    qInfo("estimated %.3g events, ran %.3g", cost.events, events);
    QVERIFY2(cost.events > events / 4 && cost.events < events * 4,
             qPrintable(QString("estimated %1 events, ran %2").arg(cost.events).arg(events)));
    QVERIFY(runCostWarning(s).empty());
  }

  void daysOfCpuAreAnnounced() {
    // 10 million requests a second for 10^6 simulated seconds.
    Scenario s = singleQueue(1e7, DistributionSpec::constant(0.0001), 10000, 1e6);
    const std::string warning = runCostWarning(s);
    QVERIFY2(warning.find("days of CPU time") != std::string::npos, warning.c_str());
    QVERIFY(warning.find("shorten duration_s") != std::string::npos);
    QVERIFY(warning.find('\n') == std::string::npos);
    // Users who wait a nanosecond between requests that take a nanosecond.
    Scenario users = singleQueue(0, DistributionSpec::constant(1e-6), 1000, 3600);
    users.workload.arrival = ArrivalKind::Closed;
    users.workload.users = 1000;
    users.workload.thinkTimeMs = DistributionSpec::constant(1e-6);
    QVERIFY(!runCostWarning(users).empty());
  }
};

QTEST_GUILESS_MAIN(RunCostTest)
#include "test_run_cost.moc"
