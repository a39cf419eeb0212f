// A run of synthetic reports through the report library's observers, unchanged: the summary
// JSON, the claims and the CSV of a live cluster, as `launch` will produce them.

#include <QtTest>
#include <nlohmann/json.hpp>
#include <sstream>

#include "claim_tracker.h"
#include "hub_stream.h"
#include "interval_csv.h"
#include "run_summary.h"
#include "summary_json.h"

using namespace clusterscope;
using namespace clusterscope::testing;
using model::FailureCause;

namespace {

double ms(std::int64_t ns) { return static_cast<double>(ns) / 1e6; }

engine::ExpectClaim claim(std::string metric, std::optional<double> min, std::optional<double> max,
                          std::optional<std::pair<double, double>> between = std::nullopt) {
  engine::ExpectClaim c;
  c.metric = std::move(metric);
  c.min = min;
  c.max = max;
  c.betweenS = between;
  return c;
}

}  // namespace

class TestClusterViewSummary : public QObject {
  Q_OBJECT

 private slots:
  void syntheticRunThroughTheReportObservers() {
    engine::Scenario scenario;
    scenario.warmupS = 2;
    scenario.durationS = 10;
    scenario.expect = {
        claim("requests.failed_ratio", std::nullopt, 0.05),                  // 1 %: ok
        claim("requests.latency_ms.p95", std::nullopt, 1.0),                 // ~14 ms: fails
        claim("services.backend.utilization", 0.45, 0.55),                   // 0.5: ok
        claim("requests.throughput_rps", 99.0, 101.0, std::pair{4.0, 8.0}),  // 100: ok
        claim("services.frontend.completed", 800.0, 800.0),                  // ok
    };
    engine::SummaryCollector collector(engine::secondsToSim(scenario.warmupS));
    engine::ClaimTracker claims(scenario);
    std::ostringstream csvText;
    engine::IntervalCsvWriter csv(csvText);

    cv::ClusterView view;
    HubStream hub(view);
    hub.welcome();
    hub.cluster(twoServicePlan());
    std::vector<FakeProcess> procs;
    procs.emplace_back(agentHello("frontend", 0, 1));
    procs.emplace_back(agentHello("frontend", 1, 2));
    procs.emplace_back(agentHello("backend", 0, 3));
    procs.emplace_back(loadgenHello("frontend"));
    for (FakeProcess& p : procs) {
      hub.joined(p.hello());
      hub.update(p);
    }
    FakeProcess &f0 = procs[0], &f1 = procs[1], &b0 = procs[2], &load = procs[3];
    b0.setGauges(2, 0, 4);
    view.restartClock(hub.now());  // the run starts: cluster time 0

    engine::LatencyHistogram measured, backendMeasured;
    std::uint64_t step = 0;
    for (int second = 0; second < 10; ++second) {
      for (int tick = 0; tick < 10; ++tick, ++step) {
        for (int i = 0; i < 10; ++i) {
          const std::int64_t v =
              4'000'000 + static_cast<std::int64_t>((step * 7 + i * 13) % 100) * 100'000;
          load.request(v);
          FakeProcess& front = i % 2 == 0 ? f0 : f1;
          front.serve(v - 500'000);
          front.call("backend", v / 2);
          b0.serve(v / 2 - 200'000);
          if (second >= 2) {
            measured.record(v);
            backendMeasured.record(v / 2 - 200'000);
          }
        }
        if (tick == 0) load.requestFailed(FailureCause::Timeout);
        for (FakeProcess& p : procs) hub.update(p);
        hub.advance(100ms);
      }
      const cv::LiveInterval* iv = view.closeInterval(hub.now());
      QVERIFY(iv != nullptr);
      collector.onIntervalClosed(iv->report);
      claims.onIntervalClosed(iv->report);
      csv.onIntervalClosed(iv->report);
    }

    const engine::RunSummary summary = collector.summary();
    QCOMPARE(summary.measuredS, 8.0);
    QCOMPARE(summary.requests.completed, std::uint64_t{800});
    QCOMPARE(summary.requests.failed, std::uint64_t{8});
    QCOMPARE(summary.requests.throughputRps, 100.0);
    QCOMPARE(summary.requests.failedRatio, 8.0 / 808.0);
    QCOMPARE(summary.requests.latencyMs.p50, ms(measured.percentileNs(50)));
    QCOMPARE(summary.requests.latencyMs.p95, ms(measured.percentileNs(95)));
    QCOMPARE(summary.requests.latencyMs.p99, ms(measured.percentileNs(99)));
    QCOMPARE(summary.requests.latencyMs.mean, measured.meanNs() / 1e6);
    QCOMPARE(summary.requests.failures[FailureCause::Timeout], std::uint64_t{8});
    QCOMPARE(summary.services.size(), std::size_t{2});
    QCOMPARE(summary.services[0].name, std::string("frontend"));
    QCOMPARE(summary.services[0].traffic.completed, std::uint64_t{800});
    QCOMPARE(summary.services[1].traffic.latencyMs.p95, ms(backendMeasured.percentileNs(95)));
    QCOMPARE(summary.services[1].utilization, 0.5);
    QCOMPARE(summary.edges.size(), std::size_t{1});
    QCOMPARE(summary.edges[0].traffic.arrivals, std::uint64_t{800});

    const auto json = nlohmann::json::parse(engine::summaryToJson(summary, false));
    QCOMPARE(json["requests"]["throughput_rps"].get<double>(), 100.0);
    QCOMPARE(json["requests"]["completed"].get<std::uint64_t>(), std::uint64_t{800});
    QCOMPARE(json["requests"]["failures"]["timeout"].get<std::uint64_t>(), std::uint64_t{8});
    QVERIFY(std::abs(json["requests"]["latency_ms"]["p95"].get<double>() -
                     ms(measured.percentileNs(95))) < 1e-4);
    QCOMPARE(json["services"]["backend"]["utilization"].get<double>(), 0.5);
    QCOMPARE(json["edges"][0]["from"].get<std::string>(), std::string("frontend"));

    const auto results = claims.results();
    QCOMPARE(results.size(), std::size_t{5});
    QVERIFY2(results[0].passed, results[0].describe().c_str());
    QVERIFY2(!results[1].passed, results[1].describe().c_str());
    QCOMPARE(*results[1].value, ms(measured.percentileNs(95)));
    QVERIFY2(results[2].passed, results[2].describe().c_str());
    QVERIFY2(results[3].passed, results[3].describe().c_str());
    QCOMPARE(results[3].toS - results[3].fromS, 4.0);
    QVERIFY2(results[4].passed, results[4].describe().c_str());
    QVERIFY(!claims.allPassed());

    // One row per scope per interval: requests, both services, the broker; after the header.
    std::istringstream rows(csvText.str());
    std::string line;
    int lines = 0, frontendRows = 0;
    while (std::getline(rows, line)) {
      ++lines;
      if (line.find(",frontend,") != std::string::npos) ++frontendRows;
    }
    QCOMPARE(lines, 1 + 10 * 4);
    QCOMPARE(frontendRows, 10);
  }
};

QTEST_GUILESS_MAIN(TestClusterViewSummary)
#include "test_cluster_view_summary.moc"
