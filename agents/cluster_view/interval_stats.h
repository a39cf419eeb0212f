#pragma once

#include <cstdint>
#include <vector>

#include "cluster_layout.h"
#include "interval_report.h"

// The figures of one metrics interval as they accumulate, in the engine's report types so that
// every IntervalReport observer reads them unchanged. Vectors are indexed as the layout, which
// only grows within a cluster: fit() extends them.

namespace clusterscope::agents::cluster_view {

struct IntervalStats {
  engine::TrafficStats requests;
  std::vector<engine::TrafficStats> components;
  std::vector<engine::TrafficStats> edges;
  std::vector<engine::DeploymentIntervalStats> deployments;
  engine::BrokerIntervalStats broker;
  double requestSeconds = 0.0;  // integral of the load generators' requests in flight
  std::uint64_t requestsInFlight = 0;

  void fit(const model::ClusterLayout& layout);
  // Zero counts, keeping the sizes (and the histograms' storage).
  void clear();
};

// Gauge levels one peer holds between two of its reports; integrated over the caller's clock
// into its deployment's busy, capacity and queued worker-seconds (the engine's integrals), and
// the load generator's requests in flight.
struct Gauges {
  double busy = 0.0;
  double capacity = 0.0;  // workers of a ready or draining replica, as in the engine
  double queued = 0.0;
  double inFlight = 0.0;  // a load generator's
};

// Adds `g` held for `seconds` to `stats` (deployment -1: only the requests in flight).
void addGaugeArea(IntervalStats& stats, int deployment, const Gauges& g, double seconds);

// The modules of a monolith of several modules have no figures of their own in the protocol:
// each gets the calls into it as its callers saw them, and the entry the load generators'
// requests too. `ownComponent[d]` is deployment d's own-figures component (-1: none).
void deriveModuleFigures(IntervalStats& stats, const model::ClusterLayout& layout,
                         const std::vector<int>& ownComponent);

}  // namespace clusterscope::agents::cluster_view
