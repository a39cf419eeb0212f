#pragma once

#include <ostream>

#include "simulation_observer.h"

namespace clusterscope::engine {

// Writes one CSV row per scope per interval as intervals close: scope "requests" (end to
// end), then each component, then "broker". Long format, so that any number of services fits
// the same columns; a cell that does not apply to a scope is left empty. Streams as it goes:
// memory does not grow with the run.
class IntervalCsvWriter : public SimulationObserver {
 public:
  explicit IntervalCsvWriter(std::ostream& out);
  void onIntervalClosed(const IntervalReport& report) override;

 private:
  std::ostream& out_;
};

}  // namespace clusterscope::engine
