#pragma once

#include <optional>
#include <string>
#include <string_view>

// An action changes the running cluster: a fault, a repair, a scaling or a policy switch.
// It is a plain value so that a run can be recorded (the scenario's `timeline`, or what a
// user did in the GUI) and replayed exactly. Which fields matter depends on `kind`; the
// table in docs/scenario-format.md lists them.

namespace clusterscope::model {

enum class CallMode { Sync, Async };

const char* callModeName(CallMode mode);

enum class ActionKind {
  KillReplica,     // service, replica
  RestartReplica,  // service, replica
  CrashService,    // service: every replica down (a module name takes its whole host down)
  RestartService,  // service: every down replica restarts
  FailNode,        // node
  RecoverNode,     // node
  SlowReplica,     // service, replica, factor (1 restores)
  SlowService,     // service, factor: every replica
  SetErrorRate,    // service, rate (0..1)
  Partition,       // node, otherNode
  HealPartition,   // node, otherNode
  BrokerOutage,    // durationS (0: until BrokerRecover)
  BrokerRecover,   //
  SetReplicas,     // service, count
  SetCallMode,     // from, to (both empty: every edge), mode
  SetArrivalRate,  // rate (requests per second)
  RollingUpdate,   // service, factor (service-time factor of the new version, 1 = unchanged)
  SetResilience,   // timeouts, retries, circuitBreaker (each optional)
  SetAutoscaler,   // service (empty: every autoscaled service), enabled
  // Faults borrowed from Toxiproxy, Chaos Mesh and Pumba (docs/scenario-format.md, "Faults").
  // Each acts on a process (service, and replica or -1 for every replica) or on a call edge
  // (from, to: component names), never both; Pause on processes only. durationS 0: until
  // ResetFaults, else it ends by itself.
  AddLatency,    // scope, latencyMs, jitterMs (uniform in [-jitter, +jitter], never below 0)
  DropMessages,  // scope, rate (0..1: the share of messages lost)
  Blackhole,     // scope: every message lost, answers included
  Pause,         // service, replica: frozen (SIGSTOP / SIGCONT on real agents)
  FailFirst,     // scope, count: the next count requests fail with cause error at once
  ResetFaults,   // ends every fault, slow factors, injected error rates, partitions, outage
};

inline constexpr int kActionKindCount = static_cast<int>(ActionKind::ResetFaults) + 1;

// True for the faults, AddLatency ... FailFirst (not ResetFaults, which ends them).
bool isFault(ActionKind kind);

// The name used in scenario files ("kill_replica", ...).
const char* actionKindName(ActionKind kind);
// The kind for a scenario-file name; empty when the name is unknown.
std::optional<ActionKind> actionKindFromName(std::string_view name);

struct Action {
  ActionKind kind = ActionKind::KillReplica;
  std::string service;
  int replica = -1;
  std::string node;
  std::string otherNode;
  std::string from;
  std::string to;
  CallMode mode = CallMode::Sync;
  double factor = 1.0;
  double rate = 0.0;
  double latencyMs = 0.0;
  double jitterMs = 0.0;
  int count = 0;
  double durationS = 0.0;
  std::optional<bool> timeouts;
  std::optional<bool> retries;
  std::optional<bool> circuitBreaker;
  bool enabled = true;

  bool operator==(const Action&) const = default;
};

// A short human label such as "killed orders#1", used for chart markers and logs.
std::string describeAction(const Action& action);

// An action at a cluster time: a scenario's timeline entry, or what a user did in a session.
struct TimelineEntry {
  double atS = 0.0;
  Action action;
  bool operator==(const TimelineEntry&) const = default;
};

}  // namespace clusterscope::model
