#pragma once

#include <string>
#include <vector>

#include "claim_tracker.h"
#include "run_summary.h"

namespace clusterscope::engine {

// Texts for a terminal, in the user's language (engine_text.h), numbers with a decimal point.

// A readable, fixed-width summary.
std::string formatSummary(const RunSummary& summary);
// Two runs of one scenario side by side, with the relative change of each figure.
std::string formatComparison(const RunSummary& a, const std::string& labelA, const RunSummary& b,
                             const std::string& labelB);
// The comparison of `clusterscope-cli compare`: every call sync against every call async.
std::string formatModeComparison(const RunSummary& sync, const RunSummary& async);
// One line per claim, failures marked.
std::string formatClaims(const std::vector<ClaimResult>& results);
// What `clusterscope-cli run` prints: the summary, then the claims and the lesson's questions
// under their headings when there are any.
std::string formatRunReport(const RunSummary& summary, const std::vector<ClaimResult>& claims);

}  // namespace clusterscope::engine
