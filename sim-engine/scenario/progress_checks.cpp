#include <deque>
#include <unordered_map>

#include "internal/call_graph.h"
#include "internal/scenario_parts.h"

// Loops that take no simulated time would run at one instant for ever: the engine could never
// reach the end. Refused here, naming the loop; the engine also stops a run whose clock no
// longer moves, as a last line of defence.

namespace clusterscope::engine::loader {

namespace {

bool zeroMean(const DistributionSpec& d) { return !(d.expectedValue() > 0); }

struct Latencies {
  bool networkZero = true;
  bool brokerZero = true;
};

// Calls whose hop adds no time: in-process calls, or any call when the network (and, for
// async calls, the broker) has no latency.
bool hopTakesNoTime(const CallSpec& call, bool sameService, const Latencies& l) {
  if (sameService && call.mode == model::CallMode::Sync) return true;
  return l.networkZero && (call.mode == model::CallMode::Sync || l.brokerZero);
}

void checkZeroTimeCycles(Problems& p, const std::vector<CallSite>& sites, const Latencies& l) {
  const auto instant = [&](const CallSpec& call, std::size_t from, std::size_t to) {
    return call.probability > 0 && zeroMean(*sites[from].serviceTime) &&
           zeroMean(*sites[to].serviceTime) &&
           hopTakesNoTime(call, sites[from].service == sites[to].service, l);
  };
  for (const CallCycle& cycle : findCycles(sites, instant)) {
    p.add(
        sites[cycle.closingSite].pointer + "/calls/" + std::to_string(cycle.closingCall),
        text::format(text::translate(
                         "ScenarioLoader",
                         "calls loop in zero time: %1 (no service time on the way, no latency): "
                         "give one of them a service time, or the network or the broker a latency"),
                     {cyclePath(sites, cycle)}));
  }
}

// A closed workload's users send again as soon as their request is answered: if nothing on
// the way takes time, they loop at one instant. Only sync work counts: async calls do not
// delay the answer.
void checkZeroTimeUsers(Problems& p, const Scenario& s, const std::vector<CallSite>& sites,
                        const Latencies& l) {
  const WorkloadSpec& w = s.workload;
  if (w.arrival != ArrivalKind::Closed || !zeroMean(w.thinkTimeMs) || !l.networkZero) return;
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < sites.size(); ++i) index.emplace(sites[i].name, i);
  const auto entry = index.find(w.entry);
  if (entry == index.end()) return;
  // Which sites take time when called: those with work, then their sync callers, backwards.
  std::vector<std::vector<std::size_t>> callers(sites.size());
  std::vector<bool> takesTime(sites.size(), false);
  std::deque<std::size_t> queue;
  for (std::size_t i = 0; i < sites.size(); ++i) {
    for (const CallSpec& call : *sites[i].calls) {
      const auto to = index.find(call.to);
      if (to != index.end() && call.mode == model::CallMode::Sync && call.probability > 0) {
        callers[to->second].push_back(i);
      }
    }
    if (!zeroMean(*sites[i].serviceTime)) {
      takesTime[i] = true;
      queue.push_back(i);
    }
  }
  while (!queue.empty()) {
    const std::size_t callee = queue.front();
    queue.pop_front();
    for (std::size_t caller : callers[callee]) {
      if (!takesTime[caller]) {
        takesTime[caller] = true;
        queue.push_back(caller);
      }
    }
  }
  if (takesTime[entry->second]) return;
  p.add("/workload",
        text::format(
            text::translate("ScenarioLoader",
                            "the users would send requests in a loop that takes no time: \"%1\" "
                            "and what it calls in sync have no service time, and neither the think "
                            "time nor the network adds any: give one of them a positive mean"),
            {w.entry}));
}

}  // namespace

void checkProgress(Problems& p, const Scenario& s) {
  Latencies l;
  l.networkZero = !s.network.latencyMs || zeroMean(*s.network.latencyMs);
  l.brokerZero = zeroMean(s.broker.deliveryLatencyMs);
  const std::vector<CallSite> sites = callSites(s);
  checkZeroTimeCycles(p, sites, l);
  checkZeroTimeUsers(p, s, sites, l);
}

}  // namespace clusterscope::engine::loader
