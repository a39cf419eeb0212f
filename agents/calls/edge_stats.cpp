#include "edge_stats.h"

namespace clusterscope::agents::calls {

protocol::EdgeTelemetry EdgeStats::telemetry() const {
  protocol::EdgeTelemetry t;
  t.calls = calls;
  t.completed = completed;
  t.failed = failed();
  t.failedBy = failures;
  t.inFlight = inFlight;
  t.latency = protocol::SparseHistogram::of(latency);
  return t;
}

}  // namespace clusterscope::agents::calls
