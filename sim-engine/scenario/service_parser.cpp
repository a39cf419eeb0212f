#include "internal/scenario_parts.h"

// Services, their monolith modules, their calls and the policies attached to them.

namespace clusterscope::engine::loader {

namespace {

using limits::kMaxCount;
using limits::kMaxReplicas;
using limits::kMaxWindow;

const std::vector<std::string> kAgentNames = {"native", "python"};
const std::vector<std::string> kLbNames = {"round_robin", "random", "least_outstanding",
                                           "power_of_two"};
const std::vector<std::string> kModeNames = {"sync", "async"};

// Adds ", the default" when the bound a value is compared against was not written in the file.
std::string shown(double value, bool given) {
  if (given) return formatNumber(value);
  return text::format(text::translate("ScenarioLoader", "%1, the default"), {formatNumber(value)});
}

CircuitBreakerSpec parseCircuitBreaker(Problems& p, const Json& v, const std::string& pointer) {
  CircuitBreakerSpec cb;
  ObjectReader r(p, v, pointer);
  cb.failureRatio = r.number("failure_ratio", Range::aboveAtMost(0, 1)).value_or(cb.failureRatio);
  const auto minCalls = r.integer("min_calls", 1, kMaxWindow);
  const auto window = r.integer("window", 1, kMaxWindow);
  cb.openS = r.number("open_s", Range::positiveSeconds()).value_or(cb.openS);
  cb.halfOpenCalls =
      static_cast<int>(r.integer("half_open_calls", 1, kMaxCount).value_or(cb.halfOpenCalls));
  if (minCalls) cb.minCalls = static_cast<int>(*minCalls);
  if (window) cb.window = static_cast<int>(*window);
  // Compare only values that were valid or defaulted; a bad one was reported already.
  const bool comparable =
      window.has_value() == r.has("window") && minCalls.has_value() == r.has("min_calls");
  if (comparable && cb.window < cb.minCalls) {
    p.add(r.pointerOf(window ? "window" : "min_calls"),
          text::format(
              text::translate("ScenarioLoader", "\"window\" (%1) is less than \"min_calls\" (%2)"),
              {shown(cb.window, window.has_value()), shown(cb.minCalls, minCalls.has_value())}));
  }
  r.finish();
  return cb;
}

AutoscaleSpec parseAutoscale(Problems& p, const Json& v, const std::string& pointer) {
  AutoscaleSpec a;
  ObjectReader r(p, v, pointer);
  const auto lo = r.integer("min", 1, kMaxReplicas);
  const auto hi = r.integer("max", 1, kMaxReplicas);
  a.targetUtilization =
      r.number("target_utilization", Range::aboveAtMost(0, 1)).value_or(a.targetUtilization);
  a.periodS = r.number("period_s", Range::period()).value_or(a.periodS);
  a.stabilizationS = r.number("stabilization_s", Range::seconds()).value_or(a.stabilizationS);
  if (lo) a.minReplicas = static_cast<int>(*lo);
  if (hi) a.maxReplicas = static_cast<int>(*hi);
  const bool comparable = lo.has_value() == r.has("min") && hi.has_value() == r.has("max");
  if (comparable && a.minReplicas > a.maxReplicas) {
    p.add(
        r.pointerOf(hi ? "max" : "min"),
        text::format(text::translate("ScenarioLoader", "\"max\" (%1) is less than \"min\" (%2)"),
                     {shown(a.maxReplicas, hi.has_value()), shown(a.minReplicas, lo.has_value())}));
  }
  r.finish();
  return a;
}

CallSpec parseCall(Problems& p, const Json& v, const std::string& pointer) {
  CallSpec c;
  ObjectReader r(p, v, pointer);
  c.to = r.name("to", Need::Required).value_or("");
  if (const auto mode =
          r.choice("mode", kModeNames, text::translate("ScenarioLoader", "unknown call mode %1"))) {
    c.mode = static_cast<model::CallMode>(*mode);
  }
  c.timeoutMs = r.number("timeout_ms", Range::positiveMs());
  c.retries = static_cast<int>(r.integer("retries", 0, limits::kMaxRetries).value_or(c.retries));
  c.backoffMs = r.number("backoff_ms", Range::ms()).value_or(c.backoffMs);
  c.probability = r.number("probability", Range::between(0, 1)).value_or(c.probability);
  c.required = r.boolean("required").value_or(c.required);
  if (const auto bulkhead = r.integer("bulkhead", 1, kMaxCount)) {
    c.bulkhead = static_cast<int>(*bulkhead);
  }
  if (const Json* cb = r.value("circuit_breaker")) {
    c.circuitBreaker = parseCircuitBreaker(p, *cb, r.pointerOf("circuit_breaker"));
  }
  r.finish();
  return c;
}

std::vector<CallSpec> parseCalls(ObjectReader& r) {
  std::vector<CallSpec> calls;
  if (const Json* array = r.array("calls")) {
    const std::string pointer = r.pointerOf("calls");
    for (std::size_t i = 0; i < array->size(); ++i) {
      calls.push_back(parseCall(r.problems(), (*array)[i], childPointer(pointer, i)));
    }
  }
  return calls;
}

ModuleSpec parseModule(Problems& p, const Json& v, const std::string& pointer, ParseNotes& notes) {
  ModuleSpec m;
  ObjectReader r(p, v, pointer);
  const auto name = r.name("name", Need::Required);
  if (!name) notes.serviceNamesValid = false;
  m.name = name.value_or("");
  m.serviceTimeMs = r.distribution("service_time_ms", Need::Required).value_or(m.serviceTimeMs);
  m.calls = parseCalls(r);
  m.errorRate = r.number("error_rate", Range::between(0, 1)).value_or(m.errorRate);
  r.finish();
  return m;
}

}  // namespace

ServiceSpec parseService(Problems& p, const Json& v, const std::string& pointer,
                         ParseNotes& notes) {
  ServiceSpec s;
  ObjectReader r(p, v, pointer);
  const auto name = r.name("name", Need::Required);
  if (!name) notes.serviceNamesValid = false;
  s.name = name.value_or("");

  const auto replicas = r.integer("replicas", 0, kMaxReplicas);
  notes.replicasValid.push_back(replicas.has_value() || !r.has("replicas"));
  s.replicas = static_cast<int>(replicas.value_or(s.replicas));
  s.workers = static_cast<int>(r.integer("workers", 1, kMaxReplicas).value_or(s.workers));
  if (const auto capacity = r.integer("queue_capacity", 0, kMaxCount)) {
    s.queueCapacity = static_cast<int>(*capacity);
  }
  if (const auto lb =
          r.choice("lb", kLbNames, text::translate("ScenarioLoader", "unknown lb policy %1")))
    s.lb = static_cast<LbPolicy>(*lb);
  s.cpu = r.number("cpu", Range::factor()).value_or(s.cpu);
  s.startupS = r.number("startup_s", Range::seconds()).value_or(s.startupS);
  if (const Json* autoscale = r.value("autoscale")) {
    s.autoscale = parseAutoscale(p, *autoscale, r.pointerOf("autoscale"));
  }
  s.language = r.string("language").value_or("");
  if (const auto agent =
          r.choice("agent", kAgentNames, text::translate("ScenarioLoader", "unknown agent %1"))) {
    s.agent = static_cast<AgentProgram>(*agent);
  }

  if (const Json* modules = r.array("modules")) {
    const std::string modulesPointer = r.pointerOf("modules");
    for (std::size_t i = 0; i < modules->size(); ++i) {
      s.modules.push_back(parseModule(p, (*modules)[i], childPointer(modulesPointer, i), notes));
    }
  }
  if (!s.modules.empty()) {
    // A monolith's work and calls belong to its modules; the host only runs them.
    r.notApplicable("service_time_ms",
                    text::translate("ScenarioLoader",
                                    "\"service_time_ms\" does not apply to a service with modules: "
                                    "give each module its own"));
    r.notApplicable("calls", text::translate("ScenarioLoader",
                                             "\"calls\" does not apply to a service with modules: "
                                             "its modules make the calls"));
    r.notApplicable("error_rate",
                    text::translate("ScenarioLoader",
                                    "\"error_rate\" does not apply to a service with modules: set "
                                    "it on its modules"));
  } else {
    s.serviceTimeMs = r.distribution("service_time_ms", Need::Required).value_or(s.serviceTimeMs);
    s.calls = parseCalls(r);
    s.errorRate = r.number("error_rate", Range::between(0, 1)).value_or(s.errorRate);
  }
  r.finish();
  return s;
}

}  // namespace clusterscope::engine::loader
