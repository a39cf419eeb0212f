#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "failure_cause.h"
#include "telemetry.h"
#include "traffic_stats.h"

// Differences of the cumulative counters a REPORT carries: what happened between two reports of
// one process. Never negative: what went backwards adds nothing and is said, so that the caller
// can take a new baseline (a counter reset, as Prometheus' rate() takes one).

namespace clusterscope::agents::cluster_view {

// One traffic section's counters (a service, a call edge, the load generator), borrowed from
// a report. `failedBy` and `latency` may be null (absent: nothing known).
struct TrafficCounters {
  std::uint64_t arrivals = 0;  // service: arrivals; edge: calls; load generator: sent
  std::uint64_t completed = 0;
  std::uint64_t failed = 0;
  const model::FailureCounts* failedBy = nullptr;
  const protocol::SparseHistogram* latency = nullptr;
};

TrafficCounters countersOf(const protocol::ServiceTelemetry& s);
TrafficCounters countersOf(const protocol::EdgeTelemetry& e);
TrafficCounters countersOf(const protocol::LoadTelemetry& l);

// latest − base for one section. Reusable: compute() keeps the vector's capacity.
struct TrafficDelta {
  std::uint64_t arrivals = 0;
  std::uint64_t completed = 0;
  // By cause; failures the sender gave no known cause for count under None, so that the
  // total is the failed count.
  model::FailureCounts failures;
  protocol::SparseHistogram latency;
  bool backwards = false;  // some counter or bucket went down: it added nothing

  // `base` null: the counters start from zero (a new process).
  void compute(const TrafficCounters& latest, const TrafficCounters* base);
  void clear();  // nothing counted
  void addTo(engine::TrafficStats& into) const;
};

// latest − base, bucket by bucket, into `out` (its capacity reused). Buckets that went down
// are left out and make the result true. The sum is the difference of the exact sums. The
// extremes are exact when the interval holds a new minimum or maximum; otherwise the delta's
// true extreme is only known to lie in its outermost bucket, and the bound on that side is
// the tightest the buckets give (the cumulative extreme when it lies in that bucket, else the
// bucket's edge), so percentiles differ from the true ones at most within that bucket (0.8 %).
bool histogramDelta(const protocol::SparseHistogram& latest, const protocol::SparseHistogram* base,
                    protocol::SparseHistogram& out);

// The entry of `items` (null: none) that `same` accepts, looked for first at `position`:
// senders keep their edges and queues in one order, so the usual case costs one comparison.
template <typename T, typename Same>
const T* findSame(const std::vector<T>* items, std::size_t position, const Same& same) {
  if (items == nullptr) return nullptr;
  if (position < items->size() && same((*items)[position])) return &(*items)[position];
  for (const T& item : *items) {
    if (same(item)) return &item;
  }
  return nullptr;
}

// Whether any cumulative counter of `next` is below the same counter of `previous` (sections,
// edges or queues that vanished included): a process restarted without saying so.
bool countersWentBackwards(const protocol::Report& next, const protocol::Report& previous);

}  // namespace clusterscope::agents::cluster_view
