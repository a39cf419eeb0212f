#pragma once

#include <cstdint>

#include "failure_cause.h"
#include "latency_histogram.h"
#include "telemetry.h"

// What a caller counts on one edge, cumulative since the process started (REPORT's edges,
// docs/protocol.md "Service section"). Plain values, owned by the caller.

namespace clusterscope::agents::calls {

struct EdgeStats {
  std::uint64_t calls = 0;      // attempts, retries and local refusals included (async: publishes)
  std::uint64_t completed = 0;  // answered REPLY (async: publishes accepted)
  model::FailureCounts failures;     // attempts that failed, by cause
  std::int64_t inFlight = 0;         // attempts waiting for their answer
  engine::LatencyHistogram latency;  // send to answer of completed attempts, ns

  std::uint64_t failed() const { return failures.total(); }
  // The edge as REPORT carries it; `from`, `to`, `mode` and `breaker` are the caller's to fill.
  protocol::EdgeTelemetry telemetry() const;
};

}  // namespace clusterscope::agents::calls
