// A scenario's `expect` claims: windows, bounds, and each family of metric names, checked
// against values recomputed from the raw intervals of the same run.

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "claim_tracker.h"
#include "interval_copier.h"
#include "qtest_std_string.h"
#include "run_summary.h"
#include "simulation.h"
#include "test_scenarios.h"
#include "text_report.h"

using namespace clusterscope::engine;
using namespace clusterscope::model;
using namespace clusterscope::testing;

namespace {

ExpectClaim claim(const std::string& metric, std::optional<double> min, std::optional<double> max,
                  std::optional<std::pair<double, double>> between = std::nullopt) {
  ExpectClaim c;
  c.metric = metric;
  c.min = min;
  c.max = max;
  c.betweenS = between;
  return c;
}

struct Run {
  std::vector<ClaimResult> results;
  bool allPassed = false;
  std::vector<RecordedInterval> intervals;
  RunSummary summary;  // over the same default window: warm-up to end
};

Run run(const Scenario& s) {
  Simulation sim(s);
  ClaimTracker tracker(s);
  IntervalCopier recorder;
  SummaryCollector collector(secondsToSim(s.warmupS));
  sim.addObserver(&tracker);
  sim.addObserver(&recorder);
  sim.addObserver(&collector);
  sim.runToEnd();
  return {tracker.results(), tracker.allPassed(), recorder.intervals, collector.summary()};
}

// Sums over the recorded intervals that lie wholly in [from, to] seconds.
template <typename F>
double sumOver(const std::vector<RecordedInterval>& in, double from, double to, F f) {
  double total = 0;
  for (const auto& i : in) {
    if (i.start >= secondsToSim(from) && i.end <= secondsToSim(to)) total += f(i);
  }
  return total;
}

const ClaimResult& find(const std::vector<ClaimResult>& results, const std::string& metric) {
  for (const auto& r : results) {
    if (r.claim.metric == metric) return r;
  }
  static const ClaimResult none;
  QTest::qFail(qPrintable(QString("no result for %1").arg(metric.c_str())), __FILE__, __LINE__);
  return none;
}

double valueOf(const ClaimResult& r) {
  if (!r.value) {
    QTest::qFail(
        qPrintable(QString("%1 has no value: %2").arg(r.claim.metric.c_str(), r.problem.c_str())),
        __FILE__, __LINE__);
    return std::nan("");
  }
  return *r.value;
}

}  // namespace

class ClaimTrackerTest : public QObject {
  Q_OBJECT

 private slots:
  void requestClaimsAndWindows() {
    // M/M/1 at rho 0.5: 100 rps, 5 ms. Warm-up 5 s of 20.
    Scenario s = singleQueue(100, DistributionSpec::exponential(5), 1, 20, 5, 9);
    s.expect = {
        claim("requests.throughput_rps", 80, 120),
        claim("requests.latency_ms.p99", std::nullopt, 0.001),  // cannot hold: 1 us
        claim("requests.completed", std::nullopt, std::nullopt, std::pair{2.0, 4.0}),
        claim("requests.sent", 1, std::nullopt, std::pair{2.2, 2.8}),  // holds no interval
        claim("requests.failed_ratio", std::nullopt, 0.0),
    };
    const Run r = run(s);
    QCOMPARE(r.results.size(), s.expect.size());

    const ClaimResult& tput = find(r.results, "requests.throughput_rps");
    QCOMPARE(tput.fromS, 5.0);  // default window: warm-up to end
    QCOMPARE(tput.toS, 20.0);
    QVERIFY2(tput.passed, tput.describe().c_str());
    QCOMPARE(valueOf(tput), r.summary.requests.throughputRps);

    const ClaimResult& p99 = find(r.results, "requests.latency_ms.p99");
    QVERIFY2(!p99.passed && p99.value && *p99.value > 0.001, p99.describe().c_str());
    QCOMPARE(valueOf(p99), r.summary.requests.latencyMs.p99);
    QVERIFY2(p99.describe().find("FAILED") != std::string::npos, p99.describe().c_str());

    const ClaimResult& between = find(r.results, "requests.completed");
    QCOMPARE(between.fromS, 2.0);
    QCOMPARE(between.toS, 4.0);
    const double expected = sumOver(
        r.intervals, 2, 4, [](const RecordedInterval& i) { return double(i.requests.completed); });
    QVERIFY(expected > 0);
    QCOMPARE(valueOf(between), expected);
    QVERIFY2(between.passed, "no bounds: any value passes");

    const ClaimResult& empty = find(r.results, "requests.sent");
    QVERIFY2(!empty.value && !empty.passed && !empty.problem.empty(), empty.describe().c_str());
    QVERIFY(empty.describe().find(empty.problem) != std::string::npos);

    const ClaimResult& ratio = find(r.results, "requests.failed_ratio");
    QVERIFY2(ratio.passed && ratio.value == 0.0, ratio.describe().c_str());
    QVERIFY(!r.allPassed);
  }

  void serviceBrokerAndCostMetrics() {
    Scenario s = chain({"api", "api.v2", "db"}, CallMode::Async, 200, 2.0, 2, 1, 12);
    s.warmupS = 2;
    s.services[0].calls[0].probability = 0.5;  // so that api and api.v2 see different counts
    s.expect = {
        claim("services.api.arrivals", 1, std::nullopt),
        claim("services.api.v2.arrivals", 1, std::nullopt),  // longest name prefix wins
        claim("services.db.utilization", 0.07, 0.13),        // 100 rps x 2 ms on 2 workers
        claim("services.db.latency_ms.p95", 0, std::nullopt),
        claim("broker.published", 1, std::nullopt),
        claim("broker.delivered", 1, std::nullopt),
        claim("broker.rejected", std::nullopt, 0),
        claim("broker.backlog.max", 0, std::nullopt),
        claim("broker.lag_ms.max", 0, std::nullopt),
        claim("cost.cores.mean", 5.99, 6.01),  // three services, two one-core replicas each
    };
    const Run r = run(s);
    for (const auto& res : r.results) QVERIFY2(res.passed, res.describe().c_str());
    QVERIFY(r.allPassed);
    const auto& svcs = r.summary.services;
    QCOMPARE(valueOf(find(r.results, "services.api.arrivals")), double(svcs[0].traffic.arrivals));
    QCOMPARE(valueOf(find(r.results, "services.api.v2.arrivals")),
             double(svcs[1].traffic.arrivals));
    QVERIFY(svcs[0].traffic.arrivals != svcs[1].traffic.arrivals);  // tells the two apart
    QVERIFY(std::abs(valueOf(find(r.results, "services.db.utilization")) - svcs[2].utilization) <
            1e-12);
    QCOMPARE(valueOf(find(r.results, "services.db.latency_ms.p95")), svcs[2].traffic.latencyMs.p95);
    QCOMPARE(valueOf(find(r.results, "broker.published")), double(r.summary.broker.published));
    QCOMPARE(valueOf(find(r.results, "broker.delivered")), double(r.summary.broker.delivered));
    QCOMPARE(valueOf(find(r.results, "broker.backlog.max")), double(r.summary.broker.maxBacklog));
    QCOMPARE(valueOf(find(r.results, "broker.lag_ms.max")), r.summary.broker.maxLagMs);
    QVERIFY(std::abs(valueOf(find(r.results, "cost.cores.mean")) - r.summary.meanCores) < 1e-9);
  }

  void unknownMetricsHaveNoValue() {
    Scenario s = singleQueue(50, DistributionSpec::constant(1), 1, 5);
    s.expect = {claim("requests.bogus", std::nullopt, std::nullopt),
                claim("services.nosuch.arrivals", std::nullopt, std::nullopt),
                claim("services.server.bogus", std::nullopt, std::nullopt),
                claim("broker.bogus", std::nullopt, std::nullopt)};
    const Run r = run(s);
    for (const auto& res : r.results) {
      QVERIFY2(!res.value && !res.passed && res.problem == "unknown metric",
               res.describe().c_str());
    }
    QVERIFY(!r.allPassed);
  }

  void boundsAreInclusive() {
    Scenario s = singleQueue(50, DistributionSpec::constant(1), 1, 5);
    s.expect = {claim("cost.cores.mean", 1.0, 1.0), claim("services.server.failed", 0, 0)};
    const Run r = run(s);
    for (const auto& res : r.results) QVERIFY2(res.passed, res.describe().c_str());
    QVERIFY(r.allPassed);
    const std::string text = formatClaims(r.results);
    QVERIFY2(text.find("FAILED") == std::string::npos, text.c_str());
    QCOMPARE(std::count(text.begin(), text.end(), '\n'), 2L);
  }

  // As for SummaryCollector: results() read after the run must not use the engine's layout,
  // which the report lends only for the duration of the callback.
  void resultsOutliveTheSimulation() {
    Scenario s = chain({"alpha", "beta"}, CallMode::Sync, 50, 1.0, 1, 1, 3);
    s.expect = {claim("services.beta.arrivals", 1, std::nullopt)};
    ClaimTracker tracker(s);
    std::uint64_t betaArrivals = 0;
    {
      Simulation sim(s);
      SummaryCollector collector(0);
      sim.addObserver(&tracker);
      sim.addObserver(&collector);
      sim.runToEnd();
      betaArrivals = collector.summary().services[1].traffic.arrivals;
    }
    Simulation later(chain({"a-much-longer-name", "b"}, CallMode::Async, 50, 1.0, 1, 1, 3));
    const auto results = tracker.results();
    QCOMPARE(results.size(), std::size_t{1});
    QVERIFY2(results[0].passed, results[0].describe().c_str());
    QCOMPARE(valueOf(results[0]), double(betaArrivals));
  }

  void describeFormat() {
    ClaimResult r;
    r.claim = claim("requests.failed_ratio", std::nullopt, 0.01);
    r.fromS = 40;
    r.toS = 120;
    r.value = 0.0043;
    r.passed = true;
    QCOMPARE(r.describe(),
             std::string("requests.failed_ratio over 40-120 s = 0.0043 (max 0.01): ok"));
    r.claim.min = 0.005;
    r.passed = false;
    QCOMPARE(r.describe(), std::string("requests.failed_ratio over 40-120 s = 0.0043 "
                                       "(min 0.005, max 0.01): FAILED"));
  }

  void noClaimsAllPass() {
    const Run r = run(singleQueue(50, DistributionSpec::constant(1), 1, 3));
    QVERIFY(r.results.empty());
    QVERIFY(r.allPassed);
  }
};

QTEST_APPLESS_MAIN(ClaimTrackerTest)
#include "test_claim_tracker.moc"
