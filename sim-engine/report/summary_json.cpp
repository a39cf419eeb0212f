#include "summary_json.h"

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace clusterscope::engine {

namespace {

using Json = nlohmann::ordered_json;

double round6(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return std::strtod(buf, nullptr);
}

Json latencyJson(const LatencySummary& l, bool withMax) {
  Json j;
  j["mean"] = round6(l.mean);
  j["p50"] = round6(l.p50);
  j["p95"] = round6(l.p95);
  j["p99"] = round6(l.p99);
  if (withMax) j["max"] = round6(l.max);
  return j;
}

Json failuresJson(const model::FailureCounts& f) {
  Json j = Json::object();
  for (int c = 1; c < model::kFailureCauseCount; ++c) {
    const auto cause = static_cast<model::FailureCause>(c);
    if (f[cause] > 0) j[model::failureCauseName(cause)] = f[cause];
  }
  return j;
}

Json windowJson(const std::pair<double, double>& w) {
  return Json::array({round6(w.first), round6(w.second)});
}

// Choices as 0-based indexes, as in the scenario file; null where there is none.
Json questionsJson(const std::vector<model::QuestionOutcome>& questions) {
  Json all = Json::array();
  for (const model::QuestionOutcome& q : questions) {
    Json o;
    o["step"] = q.step;
    o["at_s"] = round6(q.askedAtS);
    o["metric"] = q.metric;
    if (q.beforeWindowS) {
      o["before_s"] = windowJson(*q.beforeWindowS);
      o["before"] = q.before ? Json(round6(*q.before)) : Json();
    }
    o["between_s"] = windowJson(q.windowS);
    o["value"] = q.value ? Json(round6(*q.value)) : Json();
    o["measured_choice"] = q.matching ? Json(*q.matching) : Json();
    o["answer"] = q.answer;
    o["correct"] = q.correct;
    all.push_back(std::move(o));
  }
  return all;
}

Json summaryJson(const RunSummary& s, bool includeWallTime) {
  Json j;
  j["scenario"] = s.scenario;
  j["seed"] = s.seed;
  if (!s.mode.empty()) j["mode"] = s.mode;
  j["sim_time_s"] = round6(s.simTimeS);
  j["measured_s"] = round6(s.measuredS);
  if (includeWallTime) j["wall_time_s"] = round6(s.wallTimeS);
  j["events"] = s.events;
  if (!s.stopReason.empty()) j["stopped_early"] = s.stopReason;
  Json req;
  req["sent"] = s.requests.arrivals;
  req["completed"] = s.requests.completed;
  req["failed"] = s.requests.failed;
  req["failed_ratio"] = round6(s.requests.failedRatio);
  req["throughput_rps"] = round6(s.requests.throughputRps);
  req["latency_ms"] = latencyJson(s.requests.latencyMs, true);
  req["failures"] = failuresJson(s.requests.failures);
  req["mean_in_system"] = round6(s.meanRequestsInSystem);
  j["requests"] = req;
  Json services = Json::object();
  for (const auto& svc : s.services) {
    Json o;
    if (svc.isModule) o["module_of"] = svc.host;
    o["arrivals"] = svc.traffic.arrivals;
    o["completed"] = svc.traffic.completed;
    o["failed"] = svc.traffic.failed;
    o["utilization"] = round6(svc.utilization);
    o["mean_queue"] = round6(svc.meanQueue);
    o["throughput_rps"] = round6(svc.traffic.throughputRps);
    o["latency_ms"] = latencyJson(svc.traffic.latencyMs, true);
    o["failures"] = failuresJson(svc.traffic.failures);
    services[svc.name] = o;
  }
  j["services"] = services;
  Json edges = Json::array();
  for (const auto& e : s.edges) {
    Json o;
    o["from"] = e.from;
    o["to"] = e.to;
    o["mode"] = model::callModeName(e.mode);
    o["calls"] = e.traffic.arrivals;
    o["completed"] = e.traffic.completed;
    o["failed"] = e.traffic.failed;
    o["latency_ms"] = latencyJson(e.traffic.latencyMs, false);
    o["failures"] = failuresJson(e.traffic.failures);
    edges.push_back(o);
  }
  j["edges"] = edges;
  Json broker;
  broker["published"] = s.broker.published;
  broker["delivered"] = s.broker.delivered;
  broker["rejected"] = s.broker.rejected;
  broker["redelivered"] = s.broker.redelivered;
  broker["max_backlog"] = s.broker.maxBacklog;
  broker["max_lag_ms"] = round6(s.broker.maxLagMs);
  j["broker"] = broker;
  j["cost"] = Json{{"cores_mean", round6(s.meanCores)}};
  if (!s.questions.empty()) j["questions"] = questionsJson(s.questions);
  return j;
}

}  // namespace

std::string summaryToJson(const RunSummary& s, bool includeWallTime) {
  return summaryJson(s, includeWallTime).dump(2) + "\n";
}

std::string comparisonToJson(const RunSummary& a, const std::string& labelA, const RunSummary& b,
                             const std::string& labelB, bool includeWallTime) {
  Json j;
  j[labelA] = summaryJson(a, includeWallTime);
  j[labelB] = summaryJson(b, includeWallTime);
  return j.dump(2) + "\n";
}

}  // namespace clusterscope::engine
