#include "interval_stats.h"

namespace clusterscope::agents::cluster_view {

void IntervalStats::fit(const model::ClusterLayout& layout) {
  // resize() value-initialises only the new elements: what was counted stays.
  if (components.size() < layout.components.size()) components.resize(layout.components.size());
  if (edges.size() < layout.edges.size()) edges.resize(layout.edges.size());
  if (deployments.size() < layout.deployments.size()) {
    deployments.resize(layout.deployments.size());
  }
}

void IntervalStats::clear() {
  requests.clear();
  for (auto& s : components) s.clear();
  for (auto& s : edges) s.clear();
  for (auto& d : deployments) d = {};
  broker = {};
  requestSeconds = 0.0;
  requestsInFlight = 0;
}

void addGaugeArea(IntervalStats& stats, int deployment, const Gauges& g, double seconds) {
  if (seconds <= 0.0) return;
  stats.requestSeconds += g.inFlight * seconds;
  if (deployment < 0 || static_cast<std::size_t>(deployment) >= stats.deployments.size()) return;
  engine::DeploymentIntervalStats& d = stats.deployments[static_cast<std::size_t>(deployment)];
  d.busyWorkerSeconds += g.busy * seconds;
  d.capacityWorkerSeconds += g.capacity * seconds;
  d.queuedTaskSeconds += g.queued * seconds;
}

void deriveModuleFigures(IntervalStats& stats, const model::ClusterLayout& layout,
                         const std::vector<int>& ownComponent) {
  const auto derived = [&](int c) {
    const auto d =
        static_cast<std::size_t>(layout.components[static_cast<std::size_t>(c)].deployment);
    return d < ownComponent.size() && ownComponent[d] != c;
  };
  for (std::size_t e = 0; e < stats.edges.size(); ++e) {
    const int to = layout.edges[e].to;
    if (derived(to)) stats.components[static_cast<std::size_t>(to)].merge(stats.edges[e]);
  }
  const int entry = layout.entryComponent;
  if (entry >= 0 && static_cast<std::size_t>(entry) < stats.components.size() && derived(entry)) {
    stats.components[static_cast<std::size_t>(entry)].merge(stats.requests);
  }
}

}  // namespace clusterscope::agents::cluster_view
