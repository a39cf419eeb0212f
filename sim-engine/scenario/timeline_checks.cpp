#include <algorithm>
#include <numeric>

#include "internal/scenario_parts.h"

// Cross-checks of the timeline (every reference exists when the action runs) and of the
// expect claims (metric names and the components they name).

namespace clusterscope::engine::loader {

namespace {

const std::vector<std::string> kFixedMetrics = {
    "requests.sent",           "requests.completed",      "requests.failed",
    "requests.failed_ratio",   "requests.throughput_rps", "requests.latency_ms.mean",
    "requests.latency_ms.p50", "requests.latency_ms.p95", "requests.latency_ms.p99",
    "requests.latency_ms.max", "broker.published",        "broker.delivered",
    "broker.rejected",         "broker.backlog.max",      "broker.lag_ms.max",
    "cost.cores.mean",
};

const std::vector<std::string> kServiceMetrics = {
    "arrivals",       "completed",      "failed",          "failed_ratio",
    "throughput_rps", "utilization",    "latency_ms.mean", "latency_ms.p50",
    "latency_ms.p95", "latency_ms.p99", "latency_ms.max",
};

const std::string kServicesPrefix = "services.";

std::string indexes(int count) {
  if (count == 1) return " (0)";
  return count > 1 ? " (0.." + std::to_string(count - 1) + ")" : std::string();
}

// `peak`: the most replicas asked for by then; `rolled`: a rolling update has started, whose
// replacements take indexes of their own while the replicas they replace drain.
std::string replicaRange(const std::string& service, int peak, bool upTo, bool rolled, double atS) {
  const std::string count = std::to_string(peak), at = formatNumber(atS);
  // One sentence per case, so that a translation may agree in number and order its words.
  if (rolled) {
    const std::string twice = std::to_string(2 * peak) + indexes(2 * peak);
    const std::string pattern =
        peak == 1 ? (upTo ? text::translate("ScenarioLoader",
                                            "%1 has at most %2 replica, %3 with the replacements "
                                            "of a rolling update, at %4 s")
                          : text::translate("ScenarioLoader",
                                            "%1 has %2 replica, %3 with the replacements of a "
                                            "rolling update, at %4 s"))
                  : (upTo ? text::translate("ScenarioLoader",
                                            "%1 has at most %2 replicas, %3 with the replacements "
                                            "of a rolling update, at %4 s")
                          : text::translate("ScenarioLoader",
                                            "%1 has %2 replicas, %3 with the replacements of a "
                                            "rolling update, at %4 s"));
    return text::format(pattern, {service, count, twice, at});
  }
  const std::string pattern =
      peak == 1 ? (upTo ? text::translate("ScenarioLoader", "%1 has at most %2 replica%3 at %4 s")
                        : text::translate("ScenarioLoader", "%1 has %2 replica%3 at %4 s"))
                : (upTo ? text::translate("ScenarioLoader", "%1 has at most %2 replicas%3 at %4 s")
                        : text::translate("ScenarioLoader", "%1 has %2 replicas%3 at %4 s"));
  return text::format(pattern, {service, count, indexes(peak), at});
}

void checkNodeRef(Problems& p, const NameTable& names, const ParseNotes& notes,
                  const std::string& pointer, const std::string& node) {
  if (node.empty() || names.nodeIndex(node) >= 0) return;
  if (names.nodes.empty()) {
    p.add(pointer,
          text::format(text::translate("ScenarioLoader",
                                       "unknown node \"%1\": the scenario declares no nodes"),
                       {node}));
  } else if (notes.nodeNamesValid) {
    reportUnknown(p, pointer, node, names.nodes,
                  text::translate("ScenarioLoader", "unknown node %1"));
  }
}

// The calls made by a component (service without modules, or module); null for others.
const std::vector<CallSpec>* callsOf(const NameTable& names, const std::string& component) {
  const NameTable::Entry* entry = names.find(component);
  if (entry == nullptr) return nullptr;
  const ServiceSpec& service = names.scenario.services[static_cast<std::size_t>(entry->service)];
  if (entry->module >= 0) return &service.modules[static_cast<std::size_t>(entry->module)].calls;
  return service.modules.empty() ? &service.calls : nullptr;
}

// An edge named by `from` and `to` (both given, or nothing to check): a call the scenario has.
void checkEdgeRef(Problems& p, const NameTable& names, const ParseNotes& notes,
                  const std::string& pointer, const model::Action& a) {
  if (a.from.empty() || a.to.empty()) return;
  const std::string host = text::translate(
      "ScenarioLoader", "\"%1\" is a service with modules: name one of its modules (%2)");
  const bool fromOk = checkComponentRef(p, names, notes, pointer + "/from", a.from, host);
  const bool toOk = checkComponentRef(p, names, notes, pointer + "/to", a.to, host);
  if (!fromOk || !toOk) return;
  const std::vector<CallSpec>* calls = callsOf(names, a.from);
  const bool exists =
      calls != nullptr &&
      std::any_of(calls->begin(), calls->end(), [&](const CallSpec& c) { return c.to == a.to; });
  if (!exists) {
    p.add(pointer + "/to",
          text::format(text::translate("ScenarioLoader", "there is no call from \"%1\" to \"%2\""),
                       {a.from, a.to}));
  }
}

}  // namespace

void checkTimeline(Problems& p, const Scenario& s, const ParseNotes& notes) {
  const NameTable names(s);
  // A replica index must be one the engine can have given out by then (core_cluster.cpp):
  // below the most replicas asked for so far (the initial count, the autoscaler's maximum,
  // each set_replicas: a scale-down leaves replicas draining, still there), twice that once a
  // rolling update has started. Anything the engine accepted in a session loads again.
  std::vector<int> peak(s.services.size(), 0);
  std::vector<bool> rolled(s.services.size(), false);
  std::vector<bool> countKnown(s.services.size(), false);
  for (std::size_t i = 0; i < s.services.size(); ++i) {
    peak[i] = s.services[i].replicas;
    if (s.services[i].autoscale) peak[i] = std::max(peak[i], s.services[i].autoscale->maxReplicas);
    countKnown[i] = i < notes.replicasValid.size() && notes.replicasValid[i];
  }
  // Replica indexes depend on earlier set_replicas actions: visit in time order (stable, so
  // actions at the same time apply in file order, as the engine applies them).
  std::vector<std::size_t> order(s.timeline.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return s.timeline[a].atS < s.timeline[b].atS;
  });
  for (std::size_t k : order) {
    if (k >= notes.actionKnown.size() || !notes.actionKnown[k]) continue;
    const model::Action& a = s.timeline[k].action;
    const std::string at = "/timeline/" + std::to_string(k);
    const std::string service = at + "/service";
    // The service exists and, when one is named, so does the replica by then.
    const auto checkReplica = [&] {
      const int i = checkServiceRef(p, names, notes, service, a.service);
      if (i < 0 || a.replica < 0 || !countKnown[static_cast<std::size_t>(i)]) return;
      const auto at_i = static_cast<std::size_t>(i);
      const ServiceSpec& spec = s.services[at_i];
      const int limit = peak[at_i] * (rolled[at_i] ? 2 : 1);
      if (a.replica >= limit) {
        p.add(at + "/replica",
              text::format(text::translate("ScenarioLoader", "replica %1 does not exist: %2"),
                           {std::to_string(a.replica),
                            replicaRange(spec.name, peak[at_i], spec.autoscale.has_value(),
                                         rolled[at_i], s.timeline[k].atS)}));
      }
    };
    switch (a.kind) {
      case model::ActionKind::KillReplica:
      case model::ActionKind::RestartReplica:
      case model::ActionKind::SlowReplica:
      case model::ActionKind::Pause:
        checkReplica();
        break;
      case model::ActionKind::AddLatency:
      case model::ActionKind::DropMessages:
      case model::ActionKind::Blackhole:
      case model::ActionKind::FailFirst:
        // A process or an edge (the parser reported a fault that names both or neither).
        if (!a.service.empty()) {
          checkReplica();
        } else {
          checkEdgeRef(p, names, notes, at, a);
        }
        break;
      case model::ActionKind::CrashService:
      case model::ActionKind::RestartService:
      case model::ActionKind::SlowService:
      case model::ActionKind::SetErrorRate:
        checkServiceRef(p, names, notes, service, a.service);
        break;
      case model::ActionKind::RollingUpdate:
        if (const int i = checkServiceRef(p, names, notes, service, a.service); i >= 0) {
          rolled[static_cast<std::size_t>(i)] = true;
        }
        break;
      case model::ActionKind::SetReplicas:
        if (const int i = checkServiceRef(p, names, notes, service, a.service); i >= 0) {
          peak[static_cast<std::size_t>(i)] = std::max(peak[static_cast<std::size_t>(i)], a.count);
        }
        break;
      case model::ActionKind::FailNode:
      case model::ActionKind::RecoverNode:
        checkNodeRef(p, names, notes, at + "/node", a.node);
        break;
      case model::ActionKind::Partition:
      case model::ActionKind::HealPartition:
        checkNodeRef(p, names, notes, at + "/nodes/0", a.node);
        checkNodeRef(p, names, notes, at + "/nodes/1", a.otherNode);
        break;
      case model::ActionKind::SetCallMode:
        checkEdgeRef(p, names, notes, at, a);
        break;
      case model::ActionKind::SetArrivalRate:
        if (s.workload.arrival == ArrivalKind::Closed) {
          p.add(at + "/action",
                text::translate("ScenarioLoader",
                                "set_arrival_rate needs an open workload; this one is closed"));
        }
        break;
      case model::ActionKind::SetAutoscaler:
        if (a.service.empty()) {
          if (std::none_of(s.services.begin(), s.services.end(),
                           [](const ServiceSpec& x) { return x.autoscale.has_value(); })) {
            p.add(at + "/action",
                  text::translate("ScenarioLoader",
                                  "set_autoscaler: no service has autoscale settings"));
          }
        } else if (const int i = checkServiceRef(p, names, notes, service, a.service);
                   i >= 0 && !s.services[static_cast<std::size_t>(i)].autoscale) {
          p.add(service,
                text::format(text::translate("ScenarioLoader", "\"%1\" has no autoscale settings"),
                             {a.service}));
        }
        break;
      case model::ActionKind::BrokerOutage:
      case model::ActionKind::BrokerRecover:
      case model::ActionKind::SetResilience:
      case model::ActionKind::ResetFaults:
        break;
    }
  }
}

namespace {

// A metric as `expect` names it; an empty one was already reported as missing.
void checkMetric(Problems& p, const NameTable& names, const ParseNotes& notes,
                 const std::string& metric, const std::string& pointer) {
  if (metric.empty() ||
      std::find(kFixedMetrics.begin(), kFixedMetrics.end(), metric) != kFixedMetrics.end()) {
    return;
  }
  const std::string quotedMetric = quotedText(metric);
  if (metric.rfind(kServicesPrefix, 0) != 0) {
    std::string hint = p.detailed() ? didYouMean(metric, kFixedMetrics) : std::string();
    if (hint.empty())
      hint = " " +
             text::translate("ScenarioLoader", "(see the metric names in docs/scenario-format.md)");
    p.add(pointer,
          text::format(text::translate("ScenarioLoader", "unknown metric %1"), {quotedMetric}) +
              hint);
    return;
  }
  const std::string rest = metric.substr(kServicesPrefix.size());
  std::string name;
  for (const std::string& suffix : kServiceMetrics) {
    if (rest.size() > suffix.size() + 1 && rest.ends_with("." + suffix)) {
      name = rest.substr(0, rest.size() - suffix.size() - 1);
      break;
    }
  }
  if (!name.empty()) {
    if (names.find(name) == nullptr && notes.serviceNamesValid) {
      const std::string hint = p.detailed() ? didYouMean(name, names.all) : std::string();
      p.add(pointer,
            text::format(text::translate("ScenarioLoader", "unknown service %1 in metric %2"),
                         {quotedText(name), quotedMetric}) +
                hint);
    }
    return;
  }
  // The statistic is wrong: suggest the nearest one for the service the metric starts with.
  std::vector<std::string> candidates;
  for (const std::string& known : names.all) {
    if (rest.rfind(known + ".", 0) != 0) continue;
    for (const std::string& suffix : kServiceMetrics) {
      candidates.push_back(kServicesPrefix + known + "." + suffix);
    }
  }
  std::string hint = p.detailed() ? didYouMean(metric, candidates) : std::string();
  if (hint.empty()) {
    hint = " " +
           text::format(
               text::translate("ScenarioLoader", "(expected services.NAME.STAT, STAT one of %1)"),
               {quotedList(kServiceMetrics, text::translate("ScenarioLoader", "or"))});
  }
  p.add(
      pointer,
      text::format(text::translate("ScenarioLoader", "unknown metric %1"), {quotedMetric}) + hint);
}

}  // namespace

void checkExpect(Problems& p, const Scenario& s, const ParseNotes& notes) {
  const NameTable names(s);
  for (std::size_t k = 0; k < s.expect.size(); ++k) {
    checkMetric(p, names, notes, s.expect[k].metric, "/expect/" + std::to_string(k) + "/metric");
  }
}

void checkLessonMetrics(Problems& p, const Scenario& s, const ParseNotes& notes) {
  const NameTable names(s);
  for (std::size_t k = 0; k < s.lesson.size(); ++k) {
    if (!s.lesson[k].question) continue;
    checkMetric(p, names, notes, s.lesson[k].question->metric,
                "/lesson/" + std::to_string(k) + "/question/metric");
  }
}

}  // namespace clusterscope::engine::loader
