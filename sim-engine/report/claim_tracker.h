#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scenario.h"
#include "simulation_observer.h"
#include "traffic_stats.h"

namespace clusterscope::engine {

struct ClaimResult {
  ExpectClaim claim;
  double fromS = 0.0;  // the window actually used
  double toS = 0.0;
  std::optional<double> value;  // none: no interval fell in the window, or unknown metric
  bool passed = false;
  std::string problem;  // why there is no value

  // "requests.failed_ratio over 40-120 s = 0.0043 (max 0.01): ok"
  std::string describe() const;
};

// A figure as claims and questions print it: 4 significant digits ("2310", "0.0043").
std::string formatFigure(double value);

// Evaluates a scenario's `expect` claims over the intervals of a run. Each claim keeps only
// the aggregate of its own window, so memory does not grow with the length of the run.
class ClaimTracker : public SimulationObserver {
 public:
  explicit ClaimTracker(const Scenario& scenario);
  // Claims of another origin (lesson questions) over a run of this warm-up and duration.
  ClaimTracker(std::vector<ExpectClaim> claims, double warmupS, double durationS);
  ~ClaimTracker() override;
  void onIntervalClosed(const IntervalReport& report) override;
  std::vector<ClaimResult> results() const;
  bool allPassed() const;

 private:
  struct Window;
  std::vector<ExpectClaim> claims_;
  std::vector<Window> windows_;
};

}  // namespace clusterscope::engine
