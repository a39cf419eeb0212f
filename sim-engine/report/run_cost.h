#pragma once

#include <string>

#include "scenario.h"

namespace clusterscope::engine {

// What a run will cost, estimated from the scenario alone before it starts: requests from
// the load (rate stages, rate changes, closed users' cycle), the visits each makes along its
// calls, the metrics intervals. Within an order of magnitude, which is what a warning needs.
struct RunCost {
  double requests = 0;
  double events = 0;
  double cpuSeconds = 0;  // at a conservative 5 million events per second
};

RunCost estimateRunCost(const Scenario& scenario);

// "this run may take about 3 days of CPU time (about 1.3e+12 events): ..." when the estimate
// exceeds `thresholdS` of CPU time; empty otherwise.
std::string runCostWarning(const Scenario& scenario, double thresholdS = 600);

}  // namespace clusterscope::engine
