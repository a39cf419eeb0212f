// The JSON summary a run writes: the keys the brief specifies, values that agree with the
// RunSummary they come from, fixed key order and 6-digit rounding, and the wall-time switch.

#include <QtTest>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "qtest_std_string.h"
#include "scenario_run.h"
#include "summary_json.h"
#include "test_scenarios.h"

using namespace clusterscope::engine;
using namespace clusterscope::model;
using namespace clusterscope::testing;
using Json = nlohmann::json;

namespace {

// Two services, with both kinds of failure: a bounded queue in front, errors behind it.
Scenario failingChain() {
  Scenario s = chain({"front", "back"}, CallMode::Sync, 400, 2.0, 1, 1, 20);
  s.name = "failing chain";
  s.seed = 5;
  s.services[0].queueCapacity = 2;
  s.services[1].errorRate = 0.05;
  return s;
}

// Lookups that record a test failure instead of throwing: an exception would abort the
// whole QtTest run.
const Json* find(const Json& j, const std::string& pointer, const std::string& kind) {
  const Json::json_pointer p(pointer);
  if (!j.contains(p)) {
    QTest::qFail(qPrintable(QString("missing key %1").arg(pointer.c_str())), __FILE__, __LINE__);
    return nullptr;
  }
  const Json& v = j.at(p);
  const bool ok = kind == "string"   ? v.is_string()
                  : kind == "number" ? v.is_number()
                  : kind == "count"  ? v.is_number_unsigned()
                                     : v.is_object() || v.is_array();
  if (!ok) {
    QTest::qFail(
        qPrintable(
            QString("%1 is %2, not a %3").arg(pointer.c_str(), v.dump().c_str(), kind.c_str())),
        __FILE__, __LINE__);
    return nullptr;
  }
  return &v;
}

std::string str(const Json& j, const std::string& pointer) {
  const Json* v = find(j, pointer, "string");
  return v ? v->get<std::string>() : std::string("<missing>");
}

double num(const Json& j, const std::string& pointer) {
  const Json* v = find(j, pointer, "number");
  return v ? v->get<double>() : std::nan("");
}

std::uint64_t count(const Json& j, const std::string& pointer) {
  const Json* v = find(j, pointer, "count");
  return v ? v->get<std::uint64_t>() : ~0ULL;
}

std::size_t members(const Json& j, const std::string& pointer) {
  const Json* v = find(j, pointer, "container");
  return v ? v->size() : ~std::size_t{0};
}

bool nearlyEqual(double a, double b) {
  return std::abs(a - b) <= 1e-5 * std::max(1.0, std::abs(b));
}

void expectNumber(const Json& j, const std::string& pointer, double expected) {
  const double v = num(j, pointer);
  QVERIFY2(nearlyEqual(v, expected), qPrintable(QString("%1 = %2, summary has %3")
                                                    .arg(pointer.c_str())
                                                    .arg(v, 0, 'g', 10)
                                                    .arg(expected, 0, 'g', 10)));
}

void expectCount(const Json& j, const std::string& pointer, std::uint64_t expected) {
  const std::uint64_t v = count(j, pointer);
  QVERIFY2(
      v == expected,
      qPrintable(QString("%1 = %2, summary has %3").arg(pointer.c_str()).arg(v).arg(expected)));
}

}  // namespace

class SummaryJsonTest : public QObject {
  Q_OBJECT

 private:
  RunSummary run_;

 private slots:
  void initTestCase() {
    run_ = runScenario(failingChain()).summary;
    QVERIFY2(run_.requests.failures[FailureCause::QueueFull] > 0, "scenario made no queue_full");
    QVERIFY2(run_.requests.failures[FailureCause::Error] > 0, "scenario made no errors");
  }

  void briefKeysMatchTheSummary() {
    const Json j = Json::parse(summaryToJson(run_));
    QCOMPARE(str(j, "/scenario"), std::string("failing chain"));
    expectCount(j, "/seed", 5);
    expectNumber(j, "/sim_time_s", 20.0);
    QVERIFY(num(j, "/wall_time_s") >= 0.0);
    expectCount(j, "/events", run_.events);
    QVERIFY(run_.events > 0);
    const auto& r = run_.requests;
    expectCount(j, "/requests/sent", r.arrivals);
    expectCount(j, "/requests/completed", r.completed);
    expectCount(j, "/requests/failed", r.failed);
    expectNumber(j, "/requests/throughput_rps", r.throughputRps);
    expectNumber(j, "/requests/latency_ms/mean", r.latencyMs.mean);
    expectNumber(j, "/requests/latency_ms/p50", r.latencyMs.p50);
    expectNumber(j, "/requests/latency_ms/p95", r.latencyMs.p95);
    expectNumber(j, "/requests/latency_ms/p99", r.latencyMs.p99);
    expectNumber(j, "/requests/latency_ms/max", r.latencyMs.max);
    QCOMPARE(members(j, "/services"), run_.services.size());
    for (const auto& svc : run_.services) {
      const std::string base = "/services/" + svc.name;
      expectCount(j, base + "/arrivals", svc.traffic.arrivals);
      expectCount(j, base + "/completed", svc.traffic.completed);
      expectCount(j, base + "/failed", svc.traffic.failed);
      expectNumber(j, base + "/utilization", svc.utilization);
      expectNumber(j, base + "/latency_ms/mean", svc.traffic.latencyMs.mean);
      expectNumber(j, base + "/latency_ms/p50", svc.traffic.latencyMs.p50);
      expectNumber(j, base + "/latency_ms/p95", svc.traffic.latencyMs.p95);
      expectNumber(j, base + "/latency_ms/p99", svc.traffic.latencyMs.p99);
    }
  }

  void failuresListedByCause() {
    const Json j = Json::parse(summaryToJson(run_));
    QVERIFY(members(j, "/requests/failures") > 0);
    std::uint64_t sum = 0;
    for (const auto& [name, n] : j["requests"]["failures"].items()) {
      QVERIFY2(n.is_number_unsigned() && n.get<std::uint64_t>() > 0,
               qPrintable(QString("cause %1 listed as %2").arg(name.c_str(), n.dump().c_str())));
      sum += n.get<std::uint64_t>();
    }
    QCOMPARE(sum, run_.requests.failed);
    expectCount(j, "/requests/failures/queue_full",
                run_.requests.failures[FailureCause::QueueFull]);
    expectCount(j, "/requests/failures/error", run_.requests.failures[FailureCause::Error]);
    expectNumber(j, "/requests/failed_ratio", run_.requests.failedRatio);
  }

  void topLevelKeyOrderIsFixed() {
    const auto j = nlohmann::ordered_json::parse(summaryToJson(run_));
    std::vector<std::string> keys;
    for (const auto& [k, v] : j.items()) keys.push_back(k);
    const std::vector<std::string> expected{"scenario",    "seed",   "sim_time_s", "measured_s",
                                            "wall_time_s", "events", "requests",   "services",
                                            "edges",       "broker", "cost"};
    QCOMPARE(keys, expected);
    // Services in layout order, not sorted by name.
    std::vector<std::string> services;
    for (const auto& [k, v] : j["services"].items()) services.push_back(k);
    QCOMPARE(services, (std::vector<std::string>{"front", "back"}));
  }

  void aRunStoppedEarlySaysWhy() {
    QVERIFY2(summaryToJson(run_).find("stopped_early") == std::string::npos,
             "a complete run has no stopped_early key");
    RunSummary stopped = run_;
    stopped.stopReason = "the run stopped at 3 s: too much";
    const auto j = nlohmann::ordered_json::parse(summaryToJson(stopped));
    QCOMPARE(j.value("stopped_early", std::string()), stopped.stopReason);
  }

  void wallTimeCanBeLeftOut() {
    const std::string with = summaryToJson(run_, true);
    const std::string without = summaryToJson(run_, false);
    QVERIFY2(without.find("wall_time_s") == std::string::npos, "wall_time_s still written");
    Json a = Json::parse(with);
    a.erase("wall_time_s");
    QVERIFY2(a == Json::parse(without), "leaving out wall time changed other keys");
    // Wall time is the only difference: two different wall times give the same bytes.
    RunSummary other = run_;
    other.wallTimeS = run_.wallTimeS + 12.5;
    QCOMPARE(summaryToJson(other, false), without);
    QVERIFY(summaryToJson(other, true) != with);
  }

  void handMadeSummaryRoundsAndLabels() {
    RunSummary s;
    s.scenario = "hand \"made\"";
    s.seed = 18446744073709551615ULL;  // the whole uint64 range survives
    s.mode = "async";
    s.requests.throughputRps = 123.4567891;
    s.requests.latencyMs.p50 = 0.000123456789;
    ServiceSummary mod;
    mod.name = "billing";
    mod.host = "monolith";
    mod.isModule = true;
    mod.utilization = 2.0 / 3.0;
    s.services.push_back(mod);
    EdgeSummary e;
    e.from = "monolith";
    e.to = "billing";
    e.mode = CallMode::Async;
    e.traffic.arrivals = 9;
    s.edges.push_back(e);
    s.meanCores = 3.25;
    const Json j = Json::parse(summaryToJson(s));
    QCOMPARE(str(j, "/scenario"), s.scenario);
    QCOMPARE(count(j, "/seed"), s.seed);
    QCOMPARE(str(j, "/mode"), std::string("async"));
    QCOMPARE(num(j, "/requests/throughput_rps"), 123.457);
    QCOMPARE(num(j, "/requests/latency_ms/p50"), 0.000123457);
    QCOMPARE(str(j, "/services/billing/module_of"), std::string("monolith"));
    QCOMPARE(num(j, "/services/billing/utilization"), 0.666667);
    QVERIFY2(members(j, "/services/billing/failures") == 0, "no failures: an empty object");
    QCOMPARE(str(j, "/edges/0/mode"), std::string("async"));
    QCOMPARE(count(j, "/edges/0/calls"), 9ULL);
    QCOMPARE(num(j, "/cost/cores_mean"), 3.25);
    // No mode forced: no mode key.
    s.mode.clear();
    QVERIFY(!Json::parse(summaryToJson(s)).contains("mode"));
  }

  void comparisonHoldsBothUnderTheirLabels() {
    RunSummary b = run_;
    b.scenario = "other";
    const Json j = Json::parse(comparisonToJson(run_, "sync", b, "async", false));
    QCOMPARE(j.size(), std::size_t{2});
    QVERIFY2(j.value("sync", Json()) == Json::parse(summaryToJson(run_, false)), "sync differs");
    QVERIFY2(j.value("async", Json()) == Json::parse(summaryToJson(b, false)), "async differs");
  }
};

QTEST_APPLESS_MAIN(SummaryJsonTest)
#include "test_summary_json.moc"
