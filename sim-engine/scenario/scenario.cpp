#include "scenario.h"

#include <algorithm>

namespace clusterscope::engine {

const char* lbPolicyName(LbPolicy policy) {
  switch (policy) {
    case LbPolicy::RoundRobin:
      return "round_robin";
    case LbPolicy::Random:
      return "random";
    case LbPolicy::LeastOutstanding:
      return "least_outstanding";
    case LbPolicy::PowerOfTwo:
      return "power_of_two";
  }
  return "?";
}

const char* arrivalKindName(ArrivalKind kind) {
  switch (kind) {
    case ArrivalKind::Poisson:
      return "poisson";
    case ArrivalKind::Constant:
      return "constant";
    case ArrivalKind::Closed:
      return "closed";
  }
  return "?";
}

model::ClusterDescription describeScenario(const Scenario& scenario) {
  model::ClusterDescription d;
  d.name = scenario.name;
  d.description = scenario.description;
  d.lesson = scenario.lesson;
  d.nominalRateRps =
      scenario.workload.arrival == ArrivalKind::Closed ? 0.0 : scenario.workload.rateRps;
  d.durationS = scenario.durationS;
  return d;
}

Scenario withActions(Scenario scenario, const std::vector<model::TimelineEntry>& actions) {
  scenario.timeline.insert(scenario.timeline.end(), actions.begin(), actions.end());
  std::stable_sort(scenario.timeline.begin(), scenario.timeline.end(),
                   [](const auto& a, const auto& b) { return a.atS < b.atS; });
  return scenario;
}

}  // namespace clusterscope::engine
