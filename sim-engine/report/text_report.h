#pragma once

#include <string>
#include <vector>

#include "claim_tracker.h"
#include "run_summary.h"

namespace clusterscope::engine {

// A readable, fixed-width summary for a terminal.
std::string formatSummary(const RunSummary& summary);
// Two runs of one scenario side by side, with the relative change of each figure.
std::string formatComparison(const RunSummary& a, const std::string& labelA, const RunSummary& b,
                             const std::string& labelB);
// One line per claim, failures marked.
std::string formatClaims(const std::vector<ClaimResult>& results);

}  // namespace clusterscope::engine
