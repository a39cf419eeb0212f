#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "action.h"
#include "cluster_time.h"
#include "component_theory.h"

// An immutable picture of the whole cluster at one instant, cheap enough to take 30 times a
// second on a 2,000-replica cluster. Rates and percentiles come from the last closed metrics
// interval. Indexes follow ClusterLayout.

namespace clusterscope::model {

// Suspect is a live cluster's only: a replica the hub has not heard from for longer than it
// allows (docs/protocol.md, "Liveness"), not yet declared down; what it does now is unknown and
// nothing routes to it. The engine never produces it.
enum class ReplicaState : std::uint8_t {
  Pending,
  Starting,
  Ready,
  Draining,
  Down,
  Removed,
  Suspect
};
inline constexpr int kReplicaStateCount = static_cast<int>(ReplicaState::Suspect) + 1;
const char* replicaStateName(ReplicaState state);

enum class BreakerState : std::uint8_t { None, Closed, Open, HalfOpen };

// Which faults (Action kinds AddLatency ... FailFirst) are in force on a process or an edge.
struct FaultsInForce {
  bool latency = false;
  bool loss = false;  // DropMessages
  bool blackhole = false;
  bool failFirst = false;
  bool paused = false;  // processes only

  bool any() const { return latency || loss || blackhole || failFirst || paused; }
  bool operator==(const FaultsInForce&) const = default;
};

struct ReplicaView {
  int index = 0;  // the replica number actions use
  ReplicaState state = ReplicaState::Ready;
  int node = -1;  // -1 when not placed
  int busyWorkers = 0;
  int queued = 0;
  double slowFactor = 1.0;
  FaultsInForce faults{};
  // A live cluster's: false for a replica its plan did not count (an agent started by hand, a
  // replica beyond the planned number), shown as such; and the language its process announced
  // (empty: not said, or a simulation).
  bool inPlan = true;
  std::string language{};
  // Service times x this from a rolling update's new version (slowFactor is the injected
  // slowness on top); 1 where unknown (a live cluster).
  double versionFactor = 1.0;
};

struct DeploymentView {
  std::vector<ReplicaView> replicas;  // removed replicas are left out
  int desiredReplicas = 0;
  bool autoscalerOn = false;
  std::uint64_t backlog = 0;  // broker messages waiting for this deployment
  double utilization = 0.0;   // last interval
};

struct ComponentView {
  double arrivalRps = 0.0;
  double throughputRps = 0.0;
  double p50Ms = 0.0;
  double p95Ms = 0.0;
  double p99Ms = 0.0;
  double failedRatio = 0.0;
  double errorRate = 0.0;  // injected
  double meanMs = 0.0;     // mean latency of the completed requests
};

struct EdgeView {
  CallMode mode = CallMode::Sync;
  double rateRps = 0.0;
  double p95Ms = 0.0;
  double errorRatio = 0.0;
  int inFlight = 0;
  BreakerState breaker = BreakerState::None;
  FaultsInForce faults{};  // the faults on this edge itself, not on its callee
};

struct NodeView {
  bool up = true;
  double cores = 0.0;
  double usedCores = 0.0;
};

struct ClusterSnapshot {
  ClusterTime time = 0;
  ClusterTime duration = 0;  // 0: no planned end (a live cluster)
  std::uint64_t events = 0;
  std::vector<NodeView> nodes;
  std::vector<DeploymentView> deployments;
  std::vector<ComponentView> components;
  std::vector<EdgeView> edges;
  std::vector<std::pair<int, int>> partitions;  // node index pairs
  bool brokerUp = true;
  // False for a live cluster with no broker process: its calls can only be synchronous, and
  // there is no broker to draw.
  bool brokerPresent = true;
  std::uint64_t brokerBacklog = 0;
  double brokerLagMs = 0.0;
  double arrivalRateRps = 0.0;  // the workload's current target rate (open models)
  bool timeoutsOn = true;
  bool retriesOn = true;
  bool circuitBreakersOn = true;
  // End to end, last interval.
  double throughputRps = 0.0;
  double p50Ms = 0.0;
  double p95Ms = 0.0;
  double p99Ms = 0.0;
  double failedRatio = 0.0;
  std::uint64_t requestsInFlight = 0;
  double cores = 0.0;
  // What queueing theory predicts per component now, indexed as components; empty when the
  // back end has no scenario to compute it from.
  std::vector<ComponentTheory> theory;
};

}  // namespace clusterscope::model
