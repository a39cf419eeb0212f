#pragma once

#include <array>
#include <cstdint>

namespace clusterscope::model {

// Why a request, a task or a call failed.
enum class FailureCause : std::uint8_t {
  None = 0,
  Timeout,         // a call or the client waited longer than its timeout
  QueueFull,       // the chosen replica's queue was at capacity
  Error,           // the service returned an error (its error rate)
  NoReplica,       // no ready replica to send to
  CircuitOpen,     // the edge's circuit breaker refused the call
  BulkheadFull,    // too many calls in flight on the edge
  Crashed,         // the replica died while holding the task
  BrokerRejected,  // the broker was down or full when a message was published
  TooDeep,         // the call chain exceeded the depth limit (a sync cycle made at run time)
};

inline constexpr int kFailureCauseCount = static_cast<int>(FailureCause::TooDeep) + 1;

// Snake-case name used in summaries and CSV headers ("queue_full").
const char* failureCauseName(FailureCause cause);

// Counts per cause. Index 0 (None) counts failures whose cause is not known: the engine never
// uses it; a live cluster's peer may name a cause newer than this reader (docs/protocol.md).
// total() includes it, so failed counts stay exact; per-cause listings skip it.
struct FailureCounts {
  std::array<std::uint64_t, kFailureCauseCount> byCause{};
  void add(FailureCause c, std::uint64_t n = 1) { byCause[static_cast<int>(c)] += n; }
  std::uint64_t operator[](FailureCause c) const { return byCause[static_cast<int>(c)]; }
  std::uint64_t total() const;
  void merge(const FailureCounts& o);
  void clear() { byCause.fill(0); }
  bool operator==(const FailureCounts&) const = default;
};

}  // namespace clusterscope::model
