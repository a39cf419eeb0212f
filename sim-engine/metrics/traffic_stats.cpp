#include "traffic_stats.h"

namespace clusterscope::engine {

double TrafficStats::failedRatio() const {
  const std::uint64_t f = failed();
  const std::uint64_t done = completed + f;
  return done ? static_cast<double>(f) / static_cast<double>(done) : 0.0;
}

void TrafficStats::merge(const TrafficStats& other) {
  arrivals += other.arrivals;
  completed += other.completed;
  failures.merge(other.failures);
  latency.merge(other.latency);
}

void TrafficStats::clear() {
  arrivals = 0;
  completed = 0;
  failures.clear();
  latency.clear();
}

}  // namespace clusterscope::engine
