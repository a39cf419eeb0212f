#include <cmath>
#include <nlohmann/json.hpp>

#include "scenario_loader.h"

// The canonical writer. Keys keep the order of docs/scenario-format.md (ordered_json), and an
// optional key is written only when it differs from the default the loader would apply, so
// load(write(s)) == s for every scenario the loader accepts.

namespace clusterscope::engine {

namespace {

using Json = nlohmann::ordered_json;

// Integral values print without ".0"; a double holds integers up to 2^53 exactly.
Json number(double v) {
  if (v == std::floor(v) && std::fabs(v) < 9007199254740992.0) {
    return Json(static_cast<std::int64_t>(v));
  }
  return Json(v);
}

// A text in the form it was read: a plain string, or an object by language.
Json localTextJson(const model::LocalText& t) {
  if (t.plain() || t.variants().empty()) return t.text();
  Json j = Json::object();
  for (const auto& v : t.variants()) j[v.language] = v.text;
  return j;
}

Json windowJson(const std::pair<double, double>& w) {
  return Json::array({number(w.first), number(w.second)});
}

Json questionJson(const model::LessonQuestion& q) {
  Json j{{"text", localTextJson(q.text)}, {"metric", q.metric}};
  if (q.beforeS) j["before_s"] = windowJson(*q.beforeS);
  j["between_s"] = windowJson(q.betweenS);
  Json choices = Json::array();
  for (const model::QuestionChoice& c : q.choices) {
    Json choice{{"text", localTextJson(c.text)}};
    if (c.min) choice["min"] = number(*c.min);
    if (c.max) choice["max"] = number(*c.max);
    choices.push_back(std::move(choice));
  }
  j["choices"] = std::move(choices);
  j["answer"] = q.answer;
  return j;
}

Json lessonStepJson(const model::LessonStep& step) {
  Json item{{"at_s", number(step.atS)}, {"title", localTextJson(step.title)}};
  if (!step.text.empty()) item["text"] = localTextJson(step.text);
  if (step.question) item["question"] = questionJson(*step.question);
  return item;
}

Json distributionJson(const DistributionSpec& d) {
  Json j;
  j["dist"] = distributionKindName(d.kind);
  switch (d.kind) {
    case DistributionKind::Constant:
      j["value"] = number(d.value);
      break;
    case DistributionKind::Exponential:
      j["mean"] = number(d.mean);
      break;
    case DistributionKind::Uniform:
      j["min"] = number(d.min);
      j["max"] = number(d.max);
      break;
    case DistributionKind::Lognormal:
      j["mean"] = number(d.mean);
      j["stddev"] = number(d.stddev);
      break;
  }
  return j;
}

Json callJson(const CallSpec& c) {
  const CallSpec defaults;
  Json j;
  j["to"] = c.to;
  j["mode"] = model::callModeName(c.mode);
  if (c.timeoutMs) j["timeout_ms"] = number(*c.timeoutMs);
  if (c.retries != defaults.retries) j["retries"] = c.retries;
  if (c.backoffMs != defaults.backoffMs) j["backoff_ms"] = number(c.backoffMs);
  if (c.probability != defaults.probability) j["probability"] = number(c.probability);
  if (c.required != defaults.required) j["required"] = c.required;
  if (c.bulkhead) j["bulkhead"] = *c.bulkhead;
  if (c.circuitBreaker) {
    const CircuitBreakerSpec& cb = *c.circuitBreaker;
    j["circuit_breaker"] = Json{{"failure_ratio", number(cb.failureRatio)},
                                {"min_calls", cb.minCalls},
                                {"window", cb.window},
                                {"open_s", number(cb.openS)},
                                {"half_open_calls", cb.halfOpenCalls}};
  }
  return j;
}

Json callsJson(const std::vector<CallSpec>& list) {
  Json j = Json::array();
  for (const CallSpec& c : list) j.push_back(callJson(c));
  return j;
}

Json serviceJson(const ServiceSpec& s) {
  const ServiceSpec defaults;
  Json j;
  j["name"] = s.name;
  j["replicas"] = s.replicas;
  j["workers"] = s.workers;
  if (s.queueCapacity) j["queue_capacity"] = *s.queueCapacity;
  if (s.modules.empty()) j["service_time_ms"] = distributionJson(s.serviceTimeMs);
  j["lb"] = lbPolicyName(s.lb);
  if (s.modules.empty() && !s.calls.empty()) j["calls"] = callsJson(s.calls);
  if (!s.modules.empty()) {
    Json modules = Json::array();
    for (const ModuleSpec& m : s.modules) {
      Json module;
      module["name"] = m.name;
      module["service_time_ms"] = distributionJson(m.serviceTimeMs);
      if (!m.calls.empty()) module["calls"] = callsJson(m.calls);
      if (m.errorRate != 0.0) module["error_rate"] = number(m.errorRate);
      modules.push_back(std::move(module));
    }
    j["modules"] = std::move(modules);
  }
  if (s.cpu != defaults.cpu) j["cpu"] = number(s.cpu);
  if (s.startupS != defaults.startupS) j["startup_s"] = number(s.startupS);
  if (s.modules.empty() && s.errorRate != defaults.errorRate) {
    j["error_rate"] = number(s.errorRate);
  }
  if (s.autoscale) {
    const AutoscaleSpec& a = *s.autoscale;
    j["autoscale"] = Json{{"min", a.minReplicas},
                          {"max", a.maxReplicas},
                          {"target_utilization", number(a.targetUtilization)},
                          {"period_s", number(a.periodS)},
                          {"stabilization_s", number(a.stabilizationS)}};
  }
  if (!s.language.empty()) j["language"] = s.language;
  if (s.agent == AgentProgram::Python) j["agent"] = "python";
  return j;
}

Json workloadJson(const WorkloadSpec& w) {
  Json j;
  j["entry"] = w.entry;
  j["arrival"] = arrivalKindName(w.arrival);
  if (w.arrival == ArrivalKind::Closed) {
    j["users"] = w.users;
    if (w.thinkTimeMs != DistributionSpec{}) j["think_time_ms"] = distributionJson(w.thinkTimeMs);
  } else {
    j["rate_rps"] = number(w.rateRps);
    if (!w.stages.empty()) {
      Json stages = Json::array();
      for (const RateStage& st : w.stages) {
        stages.push_back(Json{{"at_s", number(st.atS)}, {"rate_rps", number(st.rateRps)}});
      }
      j["stages"] = std::move(stages);
    }
  }
  if (w.timeoutMs) j["timeout_ms"] = number(*w.timeoutMs);
  return j;
}

// The fields of one action, after whatever the caller put first (at_s).
// A process (service, replica when one) or an edge (from, to).
void faultScope(Json& j, const model::Action& a) {
  if (!a.service.empty() || a.from.empty()) {
    j["service"] = a.service;
    if (a.replica >= 0) j["replica"] = a.replica;
  } else {
    j["from"] = a.from;
    j["to"] = a.to;
  }
}

void actionFields(Json& j, const model::Action& a) {
  j["action"] = model::actionKindName(a.kind);
  const auto service = [&] { j["service"] = a.service; };
  switch (a.kind) {
    case model::ActionKind::KillReplica:
    case model::ActionKind::RestartReplica:
      service();
      j["replica"] = a.replica;
      break;
    case model::ActionKind::CrashService:
    case model::ActionKind::RestartService:
      service();
      break;
    case model::ActionKind::FailNode:
    case model::ActionKind::RecoverNode:
      j["node"] = a.node;
      break;
    case model::ActionKind::SlowReplica:
      service();
      j["replica"] = a.replica;
      j["factor"] = number(a.factor);
      break;
    case model::ActionKind::SlowService:
      service();
      j["factor"] = number(a.factor);
      break;
    case model::ActionKind::SetErrorRate:
      service();
      j["rate"] = number(a.rate);
      break;
    case model::ActionKind::Partition:
    case model::ActionKind::HealPartition:
      j["nodes"] = Json::array({a.node, a.otherNode});
      break;
    case model::ActionKind::BrokerOutage:
      if (a.durationS != 0.0) j["duration_s"] = number(a.durationS);
      break;
    case model::ActionKind::BrokerRecover:
      break;
    case model::ActionKind::SetReplicas:
      service();
      j["count"] = a.count;
      break;
    case model::ActionKind::SetCallMode:
      if (!a.from.empty() || !a.to.empty()) {
        j["from"] = a.from;
        j["to"] = a.to;
      }
      j["mode"] = model::callModeName(a.mode);
      break;
    case model::ActionKind::SetArrivalRate:
      j["rate_rps"] = number(a.rate);
      break;
    case model::ActionKind::RollingUpdate:
      service();
      if (a.factor != 1.0) j["factor"] = number(a.factor);
      break;
    case model::ActionKind::SetResilience:
      if (a.timeouts) j["timeouts"] = *a.timeouts;
      if (a.retries) j["retries"] = *a.retries;
      if (a.circuitBreaker) j["circuit_breaker"] = *a.circuitBreaker;
      break;
    case model::ActionKind::SetAutoscaler:
      if (!a.service.empty()) service();
      j["enabled"] = a.enabled;
      break;
    case model::ActionKind::AddLatency:
      faultScope(j, a);
      j["latency_ms"] = number(a.latencyMs);
      if (a.jitterMs != 0.0) j["jitter_ms"] = number(a.jitterMs);
      break;
    case model::ActionKind::DropMessages:
      faultScope(j, a);
      j["rate"] = number(a.rate);
      break;
    case model::ActionKind::Blackhole:
    case model::ActionKind::Pause:
      faultScope(j, a);
      break;
    case model::ActionKind::FailFirst:
      faultScope(j, a);
      j["count"] = a.count;
      break;
    case model::ActionKind::ResetFaults:
      break;
  }
  // A fault's duration: absent, it lasts until reset_faults.
  if (model::isFault(a.kind) && a.durationS != 0.0) j["duration_s"] = number(a.durationS);
}

std::string dump(const Json& j, int indent) {
  // Strings that are not UTF-8 can only come from code, not from a loaded file: replace
  // them rather than throw.
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

std::string actionToJson(const model::Action& action) {
  Json j = Json::object();
  actionFields(j, action);
  return dump(j, -1);
}

std::string scenarioToJson(const Scenario& s) {
  const Scenario defaults;
  Json j;
  j["format"] = s.format;
  j["name"] = s.name;
  if (!s.description.empty()) j["description"] = s.description;
  j["seed"] = s.seed;
  j["duration_s"] = number(s.durationS);
  if (s.warmupS != defaults.warmupS) j["warmup_s"] = number(s.warmupS);
  if (s.intervalS != defaults.intervalS) j["interval_s"] = number(s.intervalS);
  if (s.network.latencyMs)
    j["network"] = Json{{"latency_ms", distributionJson(*s.network.latencyMs)}};
  if (!s.nodes.empty()) {
    Json nodes = Json::array();
    for (const NodeSpec& n : s.nodes) {
      nodes.push_back(Json{{"name", n.name}, {"cores", number(n.cores)}});
    }
    j["nodes"] = std::move(nodes);
  }
  Json services = Json::array();
  for (const ServiceSpec& service : s.services) services.push_back(serviceJson(service));
  j["services"] = std::move(services);
  if (s.broker != defaults.broker) {
    Json broker;
    broker["delivery_latency_ms"] = distributionJson(s.broker.deliveryLatencyMs);
    if (s.broker.capacity) broker["capacity"] = *s.broker.capacity;
    j["broker"] = std::move(broker);
  }
  j["workload"] = workloadJson(s.workload);
  if (s.cluster != defaults.cluster) {
    j["cluster"] = Json{{"reschedule_delay_s", number(s.cluster.rescheduleDelayS)}};
  }
  if (!s.timeline.empty()) {
    Json timeline = Json::array();
    for (const model::TimelineEntry& e : s.timeline) {
      Json entry;
      entry["at_s"] = number(e.atS);
      actionFields(entry, e.action);
      timeline.push_back(std::move(entry));
    }
    j["timeline"] = std::move(timeline);
  }
  if (!s.lesson.empty()) {
    Json lesson = Json::array();
    for (const model::LessonStep& step : s.lesson) lesson.push_back(lessonStepJson(step));
    j["lesson"] = std::move(lesson);
  }
  if (!s.expect.empty()) {
    Json expect = Json::array();
    for (const ExpectClaim& c : s.expect) {
      Json claim{{"metric", c.metric}};
      if (c.betweenS) claim["between_s"] = windowJson(*c.betweenS);
      if (c.min) claim["min"] = number(*c.min);
      if (c.max) claim["max"] = number(*c.max);
      expect.push_back(std::move(claim));
    }
    j["expect"] = std::move(expect);
  }
  return dump(j, 2) + "\n";
}

}  // namespace clusterscope::engine
