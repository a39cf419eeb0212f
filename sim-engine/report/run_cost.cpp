#include "run_cost.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <unordered_map>
#include <vector>

#include "engine_text.h"

namespace clusterscope::engine {

namespace {

constexpr double kEventsPerSecond = 5e6;  // the engine's floor on the M/M/c benchmark
constexpr double kMaxVisits = 1e9;        // an async loop that never ends: capped
constexpr int kMaxDepth = 64;             // as deep as calls go (the engine's call depth)

struct Component {
  double serviceMs = 0;
  std::vector<const CallSpec*> calls;
};

std::unordered_map<std::string, Component> components(const Scenario& s) {
  std::unordered_map<std::string, Component> out;
  for (const ServiceSpec& svc : s.services) {
    if (svc.modules.empty()) {
      Component& c = out[svc.name];
      c.serviceMs = svc.serviceTimeMs.expectedValue();
      for (const CallSpec& call : svc.calls) c.calls.push_back(&call);
    }
    for (const ModuleSpec& m : svc.modules) {
      Component& c = out[m.name];
      c.serviceMs = m.serviceTimeMs.expectedValue();
      for (const CallSpec& call : m.calls) c.calls.push_back(&call);
    }
  }
  return out;
}

// Visits per request, spread along the calls level by level; and the time the sync part of
// a request takes, for closed users' cycles.
struct PerRequest {
  double visits = 1;
  double syncMs = 0;
};

PerRequest perRequest(const Scenario& s) {
  const auto comps = components(s);
  const double networkMs = s.network.latencyMs ? s.network.latencyMs->expectedValue() : 0.0;
  PerRequest out;
  std::map<std::string, double> level{{s.workload.entry, 1.0}};
  std::map<std::string, double> syncLevel{{s.workload.entry, 1.0}};
  out.syncMs = 2 * networkMs;
  for (int depth = 0; depth < kMaxDepth && !level.empty(); ++depth) {
    std::map<std::string, double> next, syncNext;
    for (const auto& [name, visits] : level) {
      const auto it = comps.find(name);
      if (it == comps.end()) continue;
      const double sync = syncLevel.count(name) ? syncLevel.at(name) : 0.0;
      out.syncMs += sync * it->second.serviceMs;
      for (const CallSpec* call : it->second.calls) {
        const double made = visits * call->probability;
        next[call->to] = std::min(kMaxVisits, next[call->to] + made);
        out.visits = std::min(kMaxVisits, out.visits + made);
        if (call->mode == model::CallMode::Sync && sync > 0) {
          syncNext[call->to] += sync * call->probability;
          out.syncMs += sync * call->probability * 2 * networkMs;
        }
      }
    }
    level = std::move(next);
    syncLevel = std::move(syncNext);
  }
  return out;
}

// Requests an open workload sends: its rate integrated over the run, following the stages
// and the timeline's rate changes.
double openRequests(const Scenario& s) {
  std::vector<std::pair<double, double>> changes;  // (at_s, rate)
  for (const RateStage& st : s.workload.stages) changes.emplace_back(st.atS, st.rateRps);
  for (const auto& e : s.timeline) {
    if (e.action.kind == model::ActionKind::SetArrivalRate) {
      changes.emplace_back(e.atS, e.action.rate);
    }
  }
  std::stable_sort(changes.begin(), changes.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  double total = 0, at = 0, rate = s.workload.rateRps;
  for (const auto& [when, r] : changes) {
    const double until = std::min(when, s.durationS);
    if (until > at) total += rate * (until - at);
    at = std::max(at, until);
    rate = r;
  }
  return total + rate * std::max(0.0, s.durationS - at);
}

std::string readable(double seconds) {
  char buf[32];
  if (seconds < 3600) {
    std::snprintf(buf, sizeof buf, "%.0f", seconds / 60);
    return text::format(text::translate("RunCost", "%1 minutes"), {buf});
  }
  if (seconds < 2 * 86400) {
    std::snprintf(buf, sizeof buf, "%.1f", seconds / 3600);
    return text::format(text::translate("RunCost", "%1 hours"), {buf});
  }
  if (seconds < 2 * 365 * 86400.0) {
    std::snprintf(buf, sizeof buf, "%.0f", seconds / 86400);
    return text::format(text::translate("RunCost", "%1 days"), {buf});
  }
  std::snprintf(buf, sizeof buf, "%.2g", seconds / (365 * 86400.0));
  return text::format(text::translate("RunCost", "%1 years"), {buf});
}

}  // namespace

RunCost estimateRunCost(const Scenario& s) {
  const PerRequest per = perRequest(s);
  RunCost cost;
  if (s.workload.arrival == ArrivalKind::Closed) {
    // Each user waits for its answer, then thinks; a failing request still takes 1 ms.
    const double cycleMs = std::max(1e-6, s.workload.thinkTimeMs.expectedValue() + per.syncMs);
    cost.requests = s.workload.users * s.durationS * 1000.0 / cycleMs;
  } else {
    cost.requests = openRequests(s);
  }
  double components = 0, replicas = 0;
  for (const ServiceSpec& svc : s.services) {
    components += static_cast<double>(std::max<std::size_t>(1, svc.modules.size()));
    replicas += std::max(svc.replicas, svc.autoscale ? svc.autoscale->maxReplicas : 0);
  }
  const double intervals = s.durationS / s.intervalS;
  // About three events per visit (arrival, completion, reply) and two per request; closing
  // an interval costs about as much as an event per ten components and per hundred replicas
  // (it reports each component and counts each deployment's replicas).
  cost.events =
      cost.requests * (2 + 3 * per.visits) + intervals * (1 + components / 10 + replicas / 100);
  cost.cpuSeconds = cost.events / kEventsPerSecond;
  return cost;
}

std::string runCostWarning(const Scenario& s, double thresholdS) {
  const RunCost cost = estimateRunCost(s);
  if (!(cost.cpuSeconds > thresholdS)) return {};
  char events[32];
  std::snprintf(events, sizeof events, "%.2g", cost.events);
  return text::format(text::translate("RunCost",
                                      "this run may take about %1 of CPU time (about %2 events): "
                                      "shorten duration_s, lower the load, or watch it in the GUI "
                                      "at a paced speed"),
                      {readable(cost.cpuSeconds), events});
}

}  // namespace clusterscope::engine
