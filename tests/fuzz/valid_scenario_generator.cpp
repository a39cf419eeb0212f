#include "valid_scenario_generator.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <vector>

namespace clusterscope::fuzz {

namespace {

using Json = nlohmann::ordered_json;

// The ends of every range (docs/scenario-format.md), and a few ordinary values between.
constexpr double kPositiveMs[] = {1e-6, 1e-3, 0.5, 5, 100, 1e9};
constexpr double kMs[] = {0, 1e-7, 1e-6, 0.5, 5, 100, 1e9};
constexpr double kRates[] = {0, 1e-20, 1e-12, 0.5, 10, 1000, 1e5, 1e7};
constexpr double kDurations[] = {0.001, 0.05, 1, 60, 3600, 1e6};
constexpr double kIntervals[] = {0.001, 0.01, 1, 3600};
constexpr double kSeconds[] = {0, 1e-9, 2, 60, 1e6};
constexpr int kReplicas[] = {0, 1, 1, 2, 3, 50, 10000};
constexpr int kWorkers[] = {1, 1, 2, 16, 10000};
constexpr int kUsers[] = {1, 3, 50, 1000, 1000000};
constexpr double kFactors[] = {1e-9, 0.5, 1, 3, 1e6};
constexpr double kRatios[] = {0, 0.3, 1};
constexpr double kFaultSeconds[] = {1e-9, 2, 60, 1e6};
constexpr int kFaultCounts[] = {1, 3, 1000000000};
constexpr int kRetries[] = {0, 1, 3, 100};
constexpr int kWindows[] = {1, 20, 1000000};
constexpr const char* kLbs[] = {"round_robin", "random", "least_outstanding", "power_of_two"};

template <typename T, std::size_t N>
T pick(Splitmix& r, const T (&values)[N]) {
  return values[r.below(N)];
}

Json distribution(Splitmix& r) {
  switch (r.below(5)) {
    case 0:
      return pick(r, kMs);  // a bare number: a constant
    case 1:
      return Json{{"dist", "constant"}, {"value", pick(r, kMs)}};
    case 2:
      return Json{{"dist", "exponential"}, {"mean", pick(r, kPositiveMs)}};
    case 3: {
      double a = pick(r, kMs), b = pick(r, kMs);
      if (a > b) std::swap(a, b);
      return Json{{"dist", "uniform"}, {"min", a}, {"max", b}};
    }
    default:
      return Json{{"dist", "lognormal"}, {"mean", pick(r, kPositiveMs)}, {"stddev", pick(r, kMs)}};
  }
}

struct Shape {
  std::vector<std::string> services;    // every service
  std::vector<std::string> components;  // what can be called: services without modules, modules
  std::vector<std::pair<std::string, std::string>> calls;
  std::vector<std::string> autoscaled;
  std::vector<std::string> nodes;
  bool open = true;
};

Json call(Splitmix& r, const std::string& to, bool sync) {
  Json c{{"to", to}, {"mode", sync ? "sync" : "async"}};
  if (r.chance(50)) c["timeout_ms"] = pick(r, kPositiveMs);
  if (r.chance(40)) c["retries"] = pick(r, kRetries);
  if (r.chance(30)) c["backoff_ms"] = pick(r, kMs);
  if (r.chance(40)) c["probability"] = pick(r, kRatios);
  if (r.chance(20)) c["required"] = r.chance(50);
  if (r.chance(20)) c["bulkhead"] = pick(r, kWindows);
  if (r.chance(25)) {
    const int window = pick(r, kWindows);
    c["circuit_breaker"] = Json{{"failure_ratio", r.chance(50) ? 1.0 : 0.01},
                                {"min_calls", std::min(window, pick(r, kWindows))},
                                {"window", window},
                                {"open_s", pick(r, kSeconds) + 1e-9},
                                {"half_open_calls", pick(r, kWindows)}};
  }
  return c;
}

// Calls from component `from` (index in shape.components): sync only to later components,
// so that sync calls never form a cycle; async to any other, cycles included.
Json calls(Splitmix& r, Shape& shape, std::size_t from) {
  Json list = Json::array();
  const std::size_t n = r.below(4);
  for (std::size_t k = 0; k < n && shape.components.size() > 1; ++k) {
    std::size_t to = r.below(shape.components.size());
    if (to == from) continue;
    const bool sync = to > from && r.chance(60);
    list.push_back(call(r, shape.components[to], sync));
    shape.calls.emplace_back(shape.components[from], shape.components[to]);
  }
  return list;
}

Json services(Splitmix& r, Shape& shape, double& coresNeeded, double& largestCpu) {
  const std::size_t count = 1 + r.below(6);
  std::vector<int> modules(count, 0);
  for (std::size_t i = 0; i < count; ++i) {
    const std::string name = "s" + std::to_string(i);
    shape.services.push_back(name);
    if (r.chance(20)) modules[i] = 2;
    if (modules[i] == 0) shape.components.push_back(name);
    for (int m = 0; m < modules[i]; ++m) shape.components.push_back(name + "m" + std::to_string(m));
  }
  Json list = Json::array();
  std::size_t component = 0;
  for (std::size_t i = 0; i < count; ++i) {
    Json s{{"name", shape.services[i]}};
    const int replicas = pick(r, kReplicas);
    const double cpu = r.chance(70) ? 1.0 : 0.5;
    s["replicas"] = replicas;
    s["workers"] = pick(r, kWorkers);
    if (r.chance(40)) s["queue_capacity"] = r.chance(50) ? 0 : (r.chance(50) ? 1 : 1000000000);
    s["lb"] = pick(r, kLbs);
    s["cpu"] = cpu;
    if (r.chance(30)) s["startup_s"] = pick(r, kSeconds);
    if (r.chance(20)) {
      const int max = r.chance(50) ? 10 : 10000;
      s["autoscale"] = Json{{"min", 1},
                            {"max", max},
                            {"target_utilization", r.chance(50) ? 1e-10 : 0.7},
                            {"period_s", r.chance(50) ? 0.001 : 15.0},
                            {"stabilization_s", pick(r, kSeconds)}};
      shape.autoscaled.push_back(shape.services[i]);
    }
    coresNeeded += replicas * cpu;
    largestCpu = std::max(largestCpu, cpu);
    if (modules[i] == 0) {
      s["service_time_ms"] = distribution(r);
      s["calls"] = calls(r, shape, component);
      if (r.chance(20)) s["error_rate"] = pick(r, kRatios);
      ++component;
    } else {
      Json mods = Json::array();
      for (int m = 0; m < modules[i]; ++m, ++component) {
        mods.push_back(Json{{"name", shape.components[component]},
                            {"service_time_ms", distribution(r)},
                            {"calls", calls(r, shape, component)}});
      }
      s["modules"] = mods;
    }
    list.push_back(s);
  }
  return list;
}

Json workload(Splitmix& r, Shape& shape, double duration) {
  Json w{{"entry", shape.components[r.below(shape.components.size())]}};
  shape.open = r.chance(70);
  if (shape.open) {
    w["arrival"] = r.chance(50) ? "poisson" : "constant";
    w["rate_rps"] = pick(r, kRates);
    if (r.chance(30)) {
      w["stages"] = Json::array({Json{{"at_s", duration / 3}, {"rate_rps", pick(r, kRates)}},
                                 Json{{"at_s", duration / 2}, {"rate_rps", pick(r, kRates)}}});
    }
  } else {
    w["arrival"] = "closed";
    w["users"] = pick(r, kUsers);
    if (r.chance(60)) w["think_time_ms"] = distribution(r);
  }
  if (r.chance(40)) w["timeout_ms"] = pick(r, kPositiveMs);
  return w;
}

Json merged(Json a, const Json& fields) {
  a.update(fields);
  return a;
}

// What a fault acts on: a process (a replica of it, sometimes) or a call the scenario has;
// pause acts on processes only.
Json faultScope(Splitmix& r, const Shape& shape, bool edgeAllowed) {
  if (edgeAllowed && !shape.calls.empty() && r.chance(40)) {
    const auto& [from, to] = shape.calls[r.below(shape.calls.size())];
    return Json{{"from", from}, {"to", to}};
  }
  Json j{{"service", shape.services[r.below(shape.services.size())]}};
  if (r.chance(30)) j["replica"] = 0;
  return j;
}

// One of the faults (docs/scenario-format.md, "Faults"), or their reset.
Json faultAction(Splitmix& r, const Shape& shape, Json a) {
  const std::size_t kind = r.below(6);
  if (kind == 5) return merged(a, Json{{"action", "reset_faults"}});
  a.update(faultScope(r, shape, kind != 3));
  if (r.chance(50)) a["duration_s"] = pick(r, kFaultSeconds);
  switch (kind) {
    case 0:
      a["action"] = "add_latency";
      a["latency_ms"] = pick(r, kPositiveMs);
      if (r.chance(50)) a["jitter_ms"] = pick(r, kMs);
      break;
    case 1:
      a["action"] = "drop_messages";
      a["rate"] = pick(r, kRatios);
      break;
    case 2:
      a["action"] = "blackhole";
      break;
    case 3:
      a["action"] = "pause";
      break;
    default:
      a["action"] = "fail_first";
      a["count"] = pick(r, kFaultCounts);
      break;
  }
  return a;
}

Json action(Splitmix& r, const Shape& shape, double at) {
  const auto service = [&] { return shape.services[r.below(shape.services.size())]; };
  const auto node = [&] { return shape.nodes[r.below(shape.nodes.size())]; };
  Json a{{"at_s", at}};
  switch (r.below(18)) {
    case 0:
      return merged(a, Json{{"action", "kill_replica"}, {"service", service()}, {"replica", 0}});
    case 1:
      return merged(a, Json{{"action", "restart_replica"}, {"service", service()}, {"replica", 0}});
    case 2:
      return merged(a, Json{{"action", "crash_service"}, {"service", service()}});
    case 3:
      return merged(a, Json{{"action", "restart_service"}, {"service", service()}});
    case 4:
      return merged(
          a,
          Json{{"action", "slow_service"}, {"service", service()}, {"factor", pick(r, kFactors)}});
    case 5:
      return merged(
          a,
          Json{{"action", "set_error_rate"}, {"service", service()}, {"rate", pick(r, kRatios)}});
    case 6:
      return merged(a, Json{{"action", "broker_outage"}, {"duration_s", pick(r, kSeconds)}});
    case 7:
      return merged(a, Json{{"action", "broker_recover"}});
    case 8:
      return merged(
          a,
          Json{{"action", "set_replicas"}, {"service", service()}, {"count", pick(r, kReplicas)}});
    case 9:
      return merged(a,
                    Json{{"action", "set_call_mode"}, {"mode", r.chance(50) ? "sync" : "async"}});
    case 10:
      if (!shape.open) break;
      return merged(a, Json{{"action", "set_arrival_rate"}, {"rate_rps", pick(r, kRates)}});
    case 11:
      return merged(a, Json{{"action", "rolling_update"},
                            {"service", service()},
                            {"factor", pick(r, kFactors)}});
    case 12:
      return merged(a, Json{{"action", "set_resilience"}, {"timeouts", r.chance(50)}});
    case 13:
      if (shape.nodes.empty()) break;
      return merged(
          a, Json{{"action", r.chance(50) ? "fail_node" : "recover_node"}, {"node", node()}});
    case 14:
      if (shape.nodes.size() < 2) break;
      return merged(a, Json{{"action", r.chance(50) ? "partition" : "heal_partition"},
                            {"nodes", Json::array({shape.nodes[0], shape.nodes[1]})}});
    case 15:
    case 16:
      return faultAction(r, shape, a);
    default:
      if (shape.autoscaled.empty()) break;
      return merged(a, Json{{"action", "set_autoscaler"}, {"enabled", r.chance(50)}});
  }
  return merged(a, Json{{"action", "broker_recover"}});
}

}  // namespace

std::string generateScenario(std::uint64_t seed) {
  Splitmix r(seed);
  Shape shape;
  const double duration = pick(r, kDurations);
  Json doc{{"format", 1}, {"name", "generated " + std::to_string(seed)}, {"seed", r.next()}};
  doc["duration_s"] = duration;
  if (r.chance(20)) doc["warmup_s"] = duration / 2;
  doc["interval_s"] = std::min(pick(r, kIntervals), 3600.0);
  if (r.chance(40)) doc["network"] = Json{{"latency_ms", distribution(r)}};
  double coresNeeded = 0, largestCpu = 0;
  doc["services"] = services(r, shape, coresNeeded, largestCpu);
  if (r.chance(30)) {
    Json nodes = Json::array();
    const int count = 2 + static_cast<int>(r.below(2));
    for (int n = 0; n < count; ++n) {
      shape.nodes.push_back("n" + std::to_string(n));
      const double cores = std::max(largestCpu, coresNeeded / count) + 1;
      nodes.push_back(Json{{"name", shape.nodes.back()}, {"cores", std::min(cores, 1e6)}});
    }
    doc["nodes"] = nodes;
  }
  if (r.chance(30)) {
    doc["broker"] = Json{{"delivery_latency_ms", distribution(r)}};
    if (r.chance(50)) doc["broker"]["capacity"] = r.chance(50) ? 1 : 1000000000;
  }
  if (r.chance(20)) doc["cluster"] = Json{{"reschedule_delay_s", pick(r, kSeconds)}};
  doc["workload"] = workload(r, shape, duration);
  Json timeline = Json::array();
  const std::size_t actions = r.below(7);
  for (std::size_t k = 0; k < actions; ++k) {
    timeline.push_back(action(r, shape, duration * static_cast<double>(r.below(101)) / 100.0));
  }
  doc["timeline"] = timeline;
  return doc.dump();
}

}  // namespace clusterscope::fuzz
