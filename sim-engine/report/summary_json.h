#pragma once

#include <string>

#include "run_summary.h"

namespace clusterscope::engine {

// The summary as the JSON document the brief specifies (and more): keys in a fixed order and
// numbers rounded to 6 significant digits, so that two runs with the same seed give the same
// bytes except for "wall_time_s". With includeWallTime false that key is left out.
std::string summaryToJson(const RunSummary& summary, bool includeWallTime = true);

// Two summaries under their labels: {"sync": {...}, "async": {...}}.
std::string comparisonToJson(const RunSummary& a, const std::string& labelA, const RunSummary& b,
                             const std::string& labelB, bool includeWallTime = true);

}  // namespace clusterscope::engine
