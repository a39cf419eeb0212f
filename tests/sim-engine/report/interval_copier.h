#pragma once

// A test observer that copies every closed interval, so that tests can recompute by hand
// what the report classes aggregate.

#include <vector>

#include "interval_report.h"
#include "simulation_observer.h"

namespace clusterscope::testing {

struct RecordedInterval {
  engine::SimTime start = 0;
  engine::SimTime end = 0;
  engine::TrafficStats requests;
  std::vector<engine::TrafficStats> components;
  std::vector<engine::TrafficStats> edges;
  std::vector<engine::DeploymentIntervalStats> deployments;
  engine::BrokerIntervalStats broker;
  double coreSeconds = 0.0;
  std::uint64_t requestsInFlight = 0;
};

class IntervalCopier : public engine::SimulationObserver {
 public:
  void onIntervalClosed(const engine::IntervalReport& r) override {
    intervals.push_back({r.start, r.end, *r.requests, *r.components, *r.edges, *r.deployments,
                         r.broker, r.coreSeconds, r.requestsInFlight});
  }

  std::vector<RecordedInterval> intervals;
};

}  // namespace clusterscope::testing
