// SummaryCollector: what a run produced after its warm-up, recomputed from the raw intervals
// of the same run; and summarizeTraffic's unit conversions.

#include <QtTest>
#include <cmath>

#include "interval_copier.h"
#include "qtest_std_string.h"
#include "run_summary.h"
#include "simulation.h"
#include "test_scenarios.h"

using namespace clusterscope::engine;
using namespace clusterscope::model;
using namespace clusterscope::testing;

namespace {

struct Observed {
  RunSummary summary;
  std::vector<RecordedInterval> intervals;
};

Observed observe(const Scenario& s) {
  Simulation sim(s);
  SummaryCollector collector(secondsToSim(s.warmupS));
  IntervalCopier recorder;
  sim.addObserver(&collector);
  sim.addObserver(&recorder);
  sim.runToEnd();
  return {collector.summary(), recorder.intervals};
}

}  // namespace

class RunSummaryTest : public QObject {
  Q_OBJECT

 private slots:
  void summarizeTrafficConvertsUnits() {
    TrafficStats t;
    t.arrivals = 12;
    t.completed = 10;
    t.failures.add(FailureCause::Timeout, 2);
    for (int i = 1; i <= 10; ++i) t.latency.record(i * 1'000'000LL / 8);  // 0.125 .. 1.25 ms
    const TrafficSummary s = summarizeTraffic(t, 4.0);
    QCOMPARE(s.arrivals, 12ULL);
    QCOMPARE(s.completed, 10ULL);
    QCOMPARE(s.failed, 2ULL);
    QCOMPARE(s.failures[FailureCause::Timeout], 2ULL);
    QCOMPARE(s.failedRatio, 2.0 / 12.0);
    QCOMPARE(s.throughputRps, 2.5);
    QCOMPARE(s.latencyMs.mean, 0.6875);
    QCOMPARE(s.latencyMs.max, 1.25);
    QVERIFY2(std::abs(s.latencyMs.p50 - 0.625) <= 0.625 * 0.008,
             qPrintable(QString("p50 %1 ms, exact 0.625").arg(s.latencyMs.p50)));
    QVERIFY(s.latencyMs.p50 <= s.latencyMs.p95 && s.latencyMs.p95 <= s.latencyMs.p99);
    QVERIFY(s.latencyMs.p99 <= s.latencyMs.max);
    QCOMPARE(summarizeTraffic(t, 0.0).throughputRps, 0.0);  // no time measured: no rate
  }

  void collectorWithoutIntervalsIsEmpty() {
    const SummaryCollector c(0);
    const RunSummary s = c.summary();
    QCOMPARE(s.measuredS, 0.0);
    QCOMPARE(s.requests.arrivals, 0ULL);
    QVERIFY(s.services.empty());
    QVERIFY(s.edges.empty());
    QCOMPARE(s.meanCores, 0.0);
  }

  // The engine closes an interval on the warm-up's end, so whole intervals are left out.
  void intervalsBeforeWarmupAreLeftOut() {
    Scenario s = singleQueue(200, DistributionSpec::exponential(2), 1, 10, 2.5, 4);
    const Observed o = observe(s);
    const SimTime warmup = secondsToSim(2.5);
    bool boundaryAtWarmup = false;
    std::uint64_t arrivals = 0, completed = 0, warmupArrivals = 0;
    for (const auto& i : o.intervals) {
      QVERIFY2(i.start >= warmup || i.end <= warmup,
               qPrintable(QString("interval [%1, %2) straddles the warm-up end")
                              .arg(simToSeconds(i.start))
                              .arg(simToSeconds(i.end))));
      boundaryAtWarmup |= i.end == warmup;
      if (i.start >= warmup) {
        arrivals += i.requests.arrivals;
        completed += i.requests.completed;
      } else {
        warmupArrivals += i.requests.arrivals;
      }
    }
    QVERIFY(boundaryAtWarmup);
    QVERIFY2(warmupArrivals > 300, "the warm-up should have had traffic to leave out");
    QCOMPARE(o.summary.requests.arrivals, arrivals);
    QCOMPARE(o.summary.requests.completed, completed);
    QCOMPARE(o.summary.measuredS, 7.5);
    QCOMPARE(o.summary.simTimeS, 10.0);
    QCOMPARE(o.summary.requests.throughputRps, static_cast<double>(completed) / 7.5);
  }

  void warmupShorterThanOneInterval() {
    Scenario s = singleQueue(100, DistributionSpec::constant(1), 1, 5, 0.3, 2);
    const Observed o = observe(s);
    QCOMPARE(o.intervals.front().end, secondsToSim(0.3));
    QCOMPARE(o.intervals[1].end, secondsToSim(1.3));  // the grid restarts at the warm-up end
    QCOMPARE(o.summary.measuredS, 4.7);
  }

  void servicesEdgesAndUtilization() {
    // Two services, two replicas of two workers each: store has rho 400 x 4 ms / 4 = 0.4.
    Scenario s = chain({"web", "store"}, CallMode::Sync, 400, 4.0, 2, 2, 30);
    s.warmupS = 5;
    const Observed o = observe(s);
    const RunSummary& r = o.summary;
    QCOMPARE(r.services.size(), std::size_t{2});
    QCOMPARE(r.services[0].name, std::string("web"));
    QCOMPARE(r.services[1].name, std::string("store"));
    QCOMPARE(r.services[1].host, std::string("store"));
    QVERIFY(!r.services[1].isModule);
    const double storeUtil = r.services[1].utilization;
    QVERIFY2(std::abs(storeUtil - 0.4) < 0.03,
             qPrintable(QString("store utilization %1, expected 0.4").arg(storeUtil)));
    // A sync call holds the caller's worker until the reply: web's workers are busy for its
    // own 4 ms plus store's response time.
    const double webExpected = 400 * (4.0 + r.services[1].traffic.latencyMs.mean) / 1000 / 4;
    QVERIFY2(std::abs(r.services[0].utilization - webExpected) < 0.05 * webExpected,
             qPrintable(QString("web utilization %1, expected %2")
                            .arg(r.services[0].utilization)
                            .arg(webExpected)));
    QVERIFY(r.services[0].meanQueue >= 0 && r.services[1].meanQueue >= 0);
    QCOMPARE(r.edges.size(), std::size_t{1});
    QCOMPARE(r.edges[0].from, std::string("web"));
    QCOMPARE(r.edges[0].to, std::string("store"));
    QCOMPARE(r.edges[0].mode, CallMode::Sync);
    // Each sync call is one task at the callee: no retries, no failures.
    QCOMPARE(r.edges[0].traffic.arrivals, r.services[1].traffic.arrivals);
    QCOMPARE(r.requests.failed, 0ULL);
    // The caller's latency includes the callee's.
    QVERIFY(r.services[0].traffic.latencyMs.mean > r.services[1].traffic.latencyMs.mean);
    QVERIFY(std::abs(r.meanCores - 4.0) < 1e-9);  // 4 one-core replicas
    // Little's law over the measured span: L = lambda W.
    const double lw = r.requests.throughputRps * r.requests.latencyMs.mean / 1000;
    QVERIFY2(std::abs(r.meanRequestsInSystem - lw) < 0.05 * lw,
             qPrintable(QString("L %1, lambda W %2").arg(r.meanRequestsInSystem).arg(lw)));
  }

  // IntervalReport's pointers are valid only during the callback; a summary read after the
  // run must not reach back into the destroyed engine. Another simulation built in the
  // meantime reuses the freed memory, so a dangling layout shows as the wrong names (or as
  // an AddressSanitizer report).
  void summaryOutlivesTheSimulation() {
    SummaryCollector collector(0);
    {
      Simulation sim(chain({"alpha", "beta"}, CallMode::Sync, 50, 1.0, 1, 1, 3));
      sim.addObserver(&collector);
      sim.runToEnd();
    }
    Simulation later(
        chain({"gamma-service", "delta-service", "epsilon"}, CallMode::Async, 50, 1.0, 1, 1, 3));
    const RunSummary s = collector.summary();
    QCOMPARE(s.services.size(), std::size_t{2});
    QCOMPARE(s.services[0].name, std::string("alpha"));
    QCOMPARE(s.services[1].name, std::string("beta"));
    QCOMPARE(s.edges.size(), std::size_t{1});
    QCOMPARE(s.edges[0].to, std::string("beta"));
    QCOMPARE(s.edges[0].mode, CallMode::Sync);
  }

  void brokerTotalsAfterWarmup() {
    Scenario s = chain({"producer", "consumer"}, CallMode::Async, 100, 1.0, 1, 1, 12);
    s.warmupS = 2;
    const Observed o = observe(s);
    std::uint64_t published = 0, delivered = 0;
    for (const auto& i : o.intervals) {
      if (i.start < secondsToSim(2)) continue;
      published += i.broker.published;
      delivered += i.broker.delivered;
    }
    QVERIFY(published > 0);
    QCOMPARE(o.summary.broker.published, published);
    QCOMPARE(o.summary.broker.delivered, delivered);
    QCOMPARE(o.summary.edges.at(0).mode, CallMode::Async);
  }
};

QTEST_APPLESS_MAIN(RunSummaryTest)
#include "test_run_summary.moc"
