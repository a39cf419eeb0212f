#pragma once

// Internal: the engine's mutable state, laid out for speed (indexes, no per-request
// allocation). Not part of the public API; observers see ClusterLayout, IntervalReport and
// ClusterSnapshot instead.

#include <cstdint>
#include <deque>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "circuit_breaker.h"
#include "cluster_snapshot.h"
#include "random.h"
#include "sampler.h"
#include "scenario.h"
#include "task_ring.h"

namespace clusterscope::engine::detail {

inline constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

struct NodeState {
  double cores = 0.0;
  double usedCores = 0.0;
  bool up = true;
};

struct Replica {
  model::ReplicaState state = model::ReplicaState::Removed;
  int node = -1;
  int busy = 0;     // workers in use: serving, or waiting on a sync call
  int active = 0;   // tasks held here: queued or on a worker
  int inbound = 0;  // tasks on their way here over the network
  TaskRing queue;
  double slowFactor = 1.0;          // injected slowness
  double versionFactor = 1.0;       // service-time factor of the version it runs
  std::uint32_t incarnation = 0;    // bumps when it dies or goes: events for it turn stale
  std::uint32_t taskHead = kNone;   // intrusive list of the tasks it holds
  bool awaitingReschedule = false;  // died with its node; to be placed elsewhere
  bool outdated = false;            // runs the old version during a rolling update
  // Frozen by this many pause faults (core_faults.cpp), since pausedAt: nothing it holds
  // moves; what reaches it waits in Core::deferred_.
  int pausedBy = 0;
  SimTime pausedAt = 0;
};

struct Edge {
  std::uint32_t from = 0;
  std::uint32_t to = 0;
  model::CallMode mode = model::CallMode::Sync;
  bool sameDeployment = false;  // a sync call inside one monolith runs in-process
  SimTime timeout = kNever;
  int retries = 0;
  SimTime backoff = 0;
  double probability = 1.0;
  bool required = true;
  int bulkhead = 0;  // 0: no limit
  int inFlight = 0;
  std::optional<CircuitBreaker> breaker;

  bool inProcess() const { return sameDeployment && mode == model::CallMode::Sync; }
};

struct Component {
  std::uint32_t deployment = 0;
  Sampler serviceTime;
  Rng rng;                           // its own stream of service times and error draws
  std::vector<std::uint32_t> calls;  // edge indexes, in the order the scenario lists them
  double errorRate = 0.0;
  double scenarioErrorRate = 0.0;  // what reset_faults goes back to
};

struct Message {
  std::uint32_t component = 0;
  std::uint32_t edge = 0;
  SimTime publishedAt = 0;
};

struct Deployment {
  int workers = 1;
  std::int64_t queueCapacity = -1;  // -1: unbounded
  LbPolicy lb = LbPolicy::RoundRobin;
  double cpu = 1.0;
  SimTime startup = 0;
  std::vector<Replica> replicas;
  std::vector<std::uint32_t> ready;  // indexes of ready replicas, ascending
  std::uint32_t cursor = 0;          // round robin position in `ready`
  int desired = 0;
  int idleReadyWorkers = 0;
  std::deque<Message> backlog;  // broker topic of this deployment
  // Integrals for utilisation and queue length (see Core::touchDeployment).
  int busyWorkers = 0;
  int queuedTasks = 0;
  int capacityWorkers = 0;
  SimTime areaSince = 0;
  double busyArea = 0.0;
  double capacityArea = 0.0;
  double queueArea = 0.0;
  // Autoscaler.
  std::optional<AutoscaleSpec> autoscale;
  bool autoscalerOn = false;
  double scaledBusyArea = 0.0;
  double scaledCapacityArea = 0.0;
  std::deque<std::pair<SimTime, int>> recommendations;
  // Versions: new replicas run `versionFactor` times the base service time.
  double versionFactor = 1.0;
  bool rolling = false;
  bool rollingPollPending = false;
  // Replica slots (indexes) are bounded by what the loader allows a timeline to name, so that
  // an action on any replica can be saved and loaded again: the most replicas asked for so
  // far, twice that once a rolling update has started (replacements take slots of their own
  // while the replicas they replace drain).
  int peakDesired = 0;
  bool rolledOut = false;
  // The most replicas the scenario and the actions applied so far may ask for over the whole
  // run, as the loader counts them against the cluster-wide limit.
  int declaredPeak = 0;
  std::size_t slotLimit() const {
    return static_cast<std::size_t>(peakDesired) * (rolledOut ? 2 : 1);
  }
};

enum class TaskKind : std::uint8_t { Entry, SyncChild, Async, InProcess };
enum class TaskPhase : std::uint8_t { InTransit, Queued, Serving, Calling, Free };

struct Task {
  std::uint32_t component = 0;
  std::uint32_t replica = kNone;  // index in its deployment
  std::uint32_t replicaIncarnation = 0;
  std::uint32_t incarnation = 0;  // bumps when the slot is freed
  std::uint32_t parent = kNone;   // Entry: request; SyncChild, InProcess: parent task
  std::uint32_t edge = kNone;     // the edge it came through
  std::uint64_t parentCall = 0;   // the call id the parent waits on for this task
  std::uint64_t waitingCall = 0;  // the call this task waits on; 0: none
  SimTime arrivedAt = 0;          // at its service (Async: when published)
  SimTime callStart = 0;          // start of the current call attempt
  // When its work ends: only the ServiceDone event at this time counts, so that a pause can
  // push the end later without searching the heap.
  SimTime workEnd = 0;
  std::uint32_t prev = kNone;  // replica task list
  std::uint32_t next = kNone;
  std::uint16_t nextCall = 0;
  std::uint16_t attempt = 0;
  std::uint16_t depth = 0;
  TaskKind kind = TaskKind::Entry;
  TaskPhase phase = TaskPhase::Free;
  bool holdsWorker = false;
  bool countedInFlight = false;  // the current call attempt counts against the bulkhead
};

// A fault in force: an AddLatency ... FailFirst action (core_faults.cpp). It covers the
// replicas that ran when it was applied, each in that life only (a replica that restarts is a
// new process, free of it, as on real agents): the process's own replicas for a process
// fault, the callers' for an edge fault, which they apply to the calls they send on it.
struct FaultCover {
  std::uint32_t incarnation = kNone;  // kNone: not covered
  std::int64_t remaining = 0;         // FailFirst: requests still to fail
};

struct ActiveFault {
  std::uint64_t id = 0;  // its FaultEnd event's token
  model::ActionKind kind = model::ActionKind::AddLatency;
  std::uint32_t deployment = 0;  // the process's, or the callers' on an edge
  std::uint32_t edge = kNone;    // kNone: a process fault
  double latencyNs = 0.0;
  double jitterNs = 0.0;
  double rate = 0.0;
  std::vector<FaultCover> covers;  // by replica index

  bool appliesTo(std::uint32_t replica, std::uint32_t incarnation) const {
    return replica < covers.size() && covers[replica].incarnation == incarnation;
  }
};

// Where a message meets faults: a process fault's replica (process), or the replica of the
// caller sending on an edge (key: the edge).
struct FaultTarget {
  bool process = true;
  std::uint32_t key = 0;  // deployment, or edge
  std::uint32_t replica = 0;
  std::uint32_t incarnation = 0;
};

struct MessageFate {
  bool lost = false;
  SimTime delay = 0;
};

struct Request {
  SimTime start = 0;
  std::uint32_t incarnation = 0;
  std::uint32_t user = kNone;  // closed model: who waits for it
  bool open = false;
};

}  // namespace clusterscope::engine::detail
