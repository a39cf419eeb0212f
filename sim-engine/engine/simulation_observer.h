#pragma once

#include "action.h"
#include "interval_report.h"
#include "sim_time.h"

namespace clusterscope::engine {

// The engine's only way of reporting. Every callback has an empty default; metrics
// collectors, the CLI's writers and the GUI bridge each override what they need. Callbacks
// run on the thread that drives the Simulation, inside step(): keep them short and do not
// call back into the Simulation from them.
class SimulationObserver {
 public:
  virtual ~SimulationObserver() = default;
  // The metrics interval [report.start, report.end) closed.
  virtual void onIntervalClosed(const IntervalReport& /*report*/) {}
  // An action took effect, from the scenario's timeline or from applyAction().
  virtual void onActionApplied(SimTime /*at*/, const model::Action& /*action*/) {}
  // The run reached its end time; no event will follow.
  virtual void onFinished(SimTime /*at*/) {}
};

}  // namespace clusterscope::engine
