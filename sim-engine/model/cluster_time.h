#pragma once

#include <cstdint>

namespace clusterscope::model {

// Cluster time: an integer count of nanoseconds since the cluster started, simulated or
// measured on the wall clock. Integers keep event order exact; seconds are for display.
using ClusterTime = std::int64_t;

inline double toSeconds(ClusterTime t) { return static_cast<double>(t) / 1e9; }

}  // namespace clusterscope::model
