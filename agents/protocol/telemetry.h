#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "action.h"
#include "cluster_snapshot.h"
#include "failure_cause.h"
#include "latency_histogram.h"
#include "wire_names.h"

// What a process says about itself ten times a second (REPORT), and the faults it
// can be told to suffer (COMMAND). Counters are cumulative since the process started, so a
// lost report loses no count: the receiver takes differences. Times are in nanoseconds,
// rates per second, durations as their key's suffix says (docs/protocol.md, "REPORT").

namespace clusterscope::agents::protocol {

// A latency histogram as it crosses the wire: the engine's log-linear buckets
// (engine::LatencyHistogram), only the non-empty ones, with the exact sum and extremes, so
// that a monitor merges replicas exactly instead of averaging percentiles.
struct SparseHistogram {
  std::vector<engine::LatencyHistogram::Bucket> buckets;  // strictly increasing index, count > 0
  double sumNs = 0.0;
  std::int64_t minNs = 0;  // in buckets.front(); 0 when empty
  std::int64_t maxNs = 0;  // in buckets.back(); 0 when empty

  std::uint64_t count() const;
  bool operator==(const SparseHistogram&) const = default;

  static SparseHistogram of(const engine::LatencyHistogram& histogram);
  // Merges into `into` exactly as LatencyHistogram::merge would the original. False (and
  // `into` unchanged) only for parts the decoder would have refused.
  bool mergeInto(engine::LatencyHistogram& into) const;
};

// A fault on live processes (the model's AddLatency ... FailFirst: fault_actions.h). It applies
// to a process (`service`, and `replica` or -1 for every replica) or to a call edge (`from` ->
// `to`, component names), never both. Pause applies to processes only. Which value fields apply
// depends on `kind`; the others stay 0.
struct Fault {
  FaultKind kind = FaultKind::Latency;
  std::string service;
  int replica = -1;
  std::string from;
  std::string to;
  double latencyMs = 0.0;   // Latency: delay added to each message
  double jitterMs = 0.0;    // Latency: plus a uniform draw in [-jitter, +jitter], floor 0
  double rate = 0.0;        // Loss: fraction of messages dropped, in [0, 1]
  std::uint64_t count = 0;  // FailFirst: how many requests fail (cause "error") from now
  double durationS = 0.0;   // 0: until reset_faults
  bool operator==(const Fault&) const = default;
};

struct FaultInForce {
  Fault fault;
  double remainingS = 0.0;  // 0: until reset_faults
  bool operator==(const FaultInForce&) const = default;
};

// One call edge as its caller sees it. `from` is empty for the agent's own service, or the
// module of a monolith that makes the call.
struct EdgeTelemetry {
  std::string from;
  std::string to;
  model::CallMode mode = model::CallMode::Sync;
  std::uint64_t calls = 0;  // attempts, retries included
  std::uint64_t completed = 0;
  std::uint64_t failed = 0;
  model::FailureCounts failedBy;  // sums to at most `failed` (causes unknown to us are left out)
  std::int64_t inFlight = 0;
  model::BreakerState breaker = model::BreakerState::None;
  std::optional<SparseHistogram> latency;  // call latency, completed calls
  bool operator==(const EdgeTelemetry&) const = default;
};

// A service replica (role agent).
struct ServiceTelemetry {
  std::uint64_t arrivals = 0;
  std::uint64_t completed = 0;
  std::uint64_t failed = 0;
  model::FailureCounts failedBy;
  std::int64_t queued = 0;   // waiting for a worker
  std::int64_t busy = 0;     // workers holding a request
  std::int64_t workers = 0;  // current pool size
  std::int64_t inFlight = 0;
  double slowFactor = 1.0;  // service-time factor in force (slow_replica / slow_service)
  double errorRate = 0.0;   // injected error rate in force, [0, 1]
  std::vector<FaultInForce> faults;
  std::vector<EdgeTelemetry> edges;
  SparseHistogram latency;  // arrival to reply, completed requests
  bool operator==(const ServiceTelemetry&) const = default;
};

// One service's queue at the broker.
struct QueueTelemetry {
  std::string service;
  std::uint64_t backlog = 0;         // messages waiting for a consumer (gauge)
  std::uint64_t unacknowledged = 0;  // delivered, not yet acknowledged (gauge)
  double oldestAgeMs = 0.0;          // age of the oldest waiting message; 0 when none
  std::int64_t consumers = 0;        // consumers holding credit or deliveries
  std::uint64_t published = 0;       // accepted
  std::uint64_t delivered = 0;       // first deliveries
  std::uint64_t redelivered = 0;
  std::uint64_t acknowledged = 0;
  std::uint64_t rejected = 0;  // PUBLISH refused (outage, full)
  bool operator==(const QueueTelemetry&) const = default;
};

struct BrokerTelemetry {
  bool up = true;  // false during an outage: publishing is refused, nothing is delivered
  std::vector<QueueTelemetry> queues;
  bool operator==(const BrokerTelemetry&) const = default;
};

// The load generator: the clients' view, latency measured from each request's *intended*
// send time, so a stalled system cannot hide its queue (coordinated omission).
struct LoadTelemetry {
  std::uint64_t sent = 0;
  std::uint64_t completed = 0;
  std::uint64_t failed = 0;
  model::FailureCounts failedBy;
  std::int64_t inFlight = 0;
  double rateRps = 0.0;    // current target rate (open workload); 0 for a closed one
  std::int64_t users = 0;  // closed workload's users; 0 for an open one
  SparseHistogram latency;
  bool operator==(const LoadTelemetry&) const = default;
};

// REPORT. At most one role section is present (none for a launcher or a monitor, whose
// reports are only a heartbeat).
struct Report {
  std::uint64_t seq = 0;    // 1 for the first report of the process, +1 each report
  std::int64_t timeNs = 0;  // the sender's monotonic clock: only differences mean anything
  model::ReplicaState state = model::ReplicaState::Ready;
  std::optional<ServiceTelemetry> service;
  std::optional<BrokerTelemetry> broker;
  std::optional<LoadTelemetry> load;
  bool operator==(const Report&) const = default;
};

}  // namespace clusterscope::agents::protocol
