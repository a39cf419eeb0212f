#pragma once

#include <cstdint>

#include "failure_cause.h"
#include "latency_histogram.h"

namespace clusterscope::engine {

// What happened in one scope — end to end, one component or one call edge — over a span of
// sim time: how many arrived, how many finished well (with their latency), how many failed
// and why.
struct TrafficStats {
  std::uint64_t arrivals = 0;
  std::uint64_t completed = 0;
  model::FailureCounts failures;
  LatencyHistogram latency;  // of the completed ones

  std::uint64_t failed() const { return failures.total(); }
  // failed / (completed + failed); 0 when nothing finished.
  double failedRatio() const;
  void merge(const TrafficStats& other);
  void clear();
};

}  // namespace clusterscope::engine
