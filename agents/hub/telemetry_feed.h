#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "latency_histogram.h"
#include "telemetry.h"
#include "telemetry_pub.h"

// The hub's optional telemetry PUB in PlotJuggler's layout (docs/protocol.md, "Telemetry
// PUB"): one flat sample per report, with rates and percentiles over the last second of that
// peer's reports (differences of its cumulative counters and histograms, on its own clock), and
// its gauges as they are. One thread (the hub's).

namespace clusterscope::agents {

class TelemetryFeed {
 public:
  // The sample for `report` from `instance`, stamped `unixTimeS`. Nothing for a report without
  // a role section (launchers, monitors). Rates and percentiles cover the last second of the
  // peer's own clock (less while it has reported for less than that); its first report has
  // only the gauges.
  std::optional<protocol::TelemetrySample> sample(const std::string& instance,
                                                  const protocol::Report& report, double unixTimeS);
  // Drops the history of an instance (it left, or a new process took its id).
  void forget(const std::string& instance);

  // The window rates and percentiles cover, in the sender's nanoseconds.
  static constexpr std::int64_t kWindowNs = 1'000'000'000;

 private:
  // What one report contributes to later windows: its time and its cumulative figures.
  struct Point {
    std::int64_t timeNs = 0;
    std::uint64_t seq = 0;
    std::uint64_t in = 0;  // arrivals (agents), sent (load generator)
    std::uint64_t completed = 0;
    std::uint64_t failed = 0;
    std::vector<engine::LatencyHistogram::Bucket> latency;
  };
  std::unordered_map<std::string, std::deque<Point>> history_;
};

// Nearest-rank percentile `p` (0..100) of a histogram known by its buckets, reported at the
// bucket's midpoint, in nanoseconds; 0 when there are none.
double bucketPercentileNs(const std::vector<engine::LatencyHistogram::Bucket>& buckets, double p);

}  // namespace clusterscope::agents
