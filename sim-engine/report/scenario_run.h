#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <vector>

#include "claim_tracker.h"
#include "question_tracker.h"
#include "run_summary.h"
#include "scenario.h"

namespace clusterscope::engine {

struct RunOptions {
  std::optional<std::uint64_t> seed;
  std::optional<double> durationS;
  std::optional<model::CallMode> mode;  // force every call between services to this mode
  std::ostream* csv = nullptr;          // per-interval time series, if wanted
  // Called now and then with the fraction of sim time done (0..1).
  std::function<void(double)> progress;
};

struct RunOutcome {
  RunSummary summary;
  std::vector<ClaimResult> claims;
  bool claimsPassed = true;
  // The lesson's questions are also in summary.questions; each is right when the value
  // measured over its window falls in the choice the lesson marks as the answer.
  bool questionsCorrect = true;
};

// The scenario with the options applied: what is actually run.
Scenario applyRunOptions(Scenario scenario, const RunOptions& options);

// Runs a scenario headless from start to end: what `clusterscope-cli run` does.
RunOutcome runScenario(const Scenario& scenario, const RunOptions& options = {});

}  // namespace clusterscope::engine
