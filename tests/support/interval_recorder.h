#pragma once

#include <string>
#include <vector>

#include "simulation.h"

namespace clusterscope::testing {

// Keeps a plain copy of every interval's main figures, for tests that look at how a run
// evolved (before and after an action).
struct RecordedScope {
  std::uint64_t arrivals = 0, completed = 0, failed = 0;
  model::FailureCounts failures;
  double p50Ms = 0, p95Ms = 0, meanMs = 0;
};

struct RecordedInterval {
  double startS = 0, endS = 0;
  RecordedScope requests;
  std::vector<RecordedScope> components;
  std::vector<RecordedScope> edges;
  std::vector<engine::DeploymentIntervalStats> deployments;
  engine::BrokerIntervalStats broker;
};

class IntervalRecorder : public engine::SimulationObserver {
 public:
  void onIntervalClosed(const engine::IntervalReport& report) override;
  void onActionApplied(engine::SimTime at, const model::Action& action) override;

  std::vector<RecordedInterval> intervals;
  std::vector<std::pair<double, model::Action>> actions;

  // Sums over the intervals lying within [fromS, toS].
  RecordedScope requestsBetween(double fromS, double toS) const;
  RecordedScope componentBetween(int component, double fromS, double toS) const;
  RecordedScope edgeBetween(int edge, double fromS, double toS) const;
};

}  // namespace clusterscope::testing
