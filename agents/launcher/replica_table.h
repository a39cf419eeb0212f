#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "action.h"
#include "scenario.h"

// What the launcher keeps of every replica it runs: which node it is on, where it is in its
// life, and what the process-level actions (docs/protocol.md, "COMMAND": kill, restart, crash,
// fail and recover a node, scale, rolling update) do to it. The rules are the engine's
// (sim-engine/engine/core_cluster.cpp), so a timeline does to real processes what it does to
// the simulation: placement on the node with the largest share of free cores, scale-down
// draining the non-ready then the highest-numbered replicas, a failed node's replicas rescheduled
// elsewhere after cluster.reschedule_delay_s, a rolling update that surges one new replica at a
// time and drains an old one once it is ready. One difference: a scale-up does not take back
// draining replicas (a process told to leave cannot be told to stay); new ones start instead.
//
// Pure bookkeeping: no processes, no clock. Each change returns the operations on processes it
// implies, which the owner carries out and answers with onReady() / onExited(). Every start
// gives the replica a new generation, so news about an earlier process is recognised as stale.
// Not thread-safe.

namespace clusterscope::agents::launcher {

enum class ReplicaPhase { Pending, Starting, Ready, Draining, Down, Removed };
const char* replicaPhaseName(ReplicaPhase phase);

struct ReplicaRecord {
  ReplicaPhase phase = ReplicaPhase::Removed;
  int node = -1;                 // in the scenario's node list; -1: not placed
  std::uint64_t generation = 0;  // bumped at every start
  bool outdated = false;         // a rolling update will replace it
  bool awaitingReschedule = false;
  double versionFactor = 1.0;  // the service-time factor of the version it runs
};

struct DeploymentRecord {
  std::string name;
  std::vector<std::string> modules;  // a monolith's modules: actions may name them
  double cpu = 1.0;
  bool external = false;  // started by someone else: never started or signalled here
  int desired = 0;
  std::vector<ReplicaRecord> replicas;  // by replica number
  bool rolling = false;
  bool rollingPollPending = false;
  double versionFactor = 1.0;
};

struct NodeRecord {
  std::string name;  // empty for the implicit node of a scenario without nodes
  double cores = 0.0;
  double used = 0.0;
  bool up = true;
};

// An operation on processes the owner must carry out.
struct ProcessOp {
  enum class Kind {
    Start,            // start replica `replica` of `deployment` on `node`
    Drain,            // ask it to finish what it holds and leave (SIGTERM)
    Kill,             // SIGKILL
    RescheduleLater,  // call reschedule(deployment, replica, generation) after `delayS`
    PollRolling,      // call rollingStep(deployment) after `delayS`
  };
  Kind kind = Kind::Start;
  int deployment = 0;
  int replica = 0;
  int node = -1;
  std::uint64_t generation = 0;
  double delayS = 0.0;
  bool operator==(const ProcessOp&) const = default;
};

struct ActionOutcome {
  std::string error;  // empty: applied
  std::vector<ProcessOp> ops;
};

class ReplicaTable {
 public:
  // Deployments, nodes and initial counts of the scenario (autoscaled ones clamped to their
  // bounds, as the engine does); deployments named in `external` are someone else's.
  ReplicaTable(const engine::Scenario& scenario, const std::set<std::string>& external);

  // Starts every initial replica (externals are only counted).
  std::vector<ProcessOp> startAll();

  // The process of (d, r, generation) reports ready / has exited (after a Drain: it left;
  // otherwise it crashed or was killed). Stale generations are ignored.
  std::vector<ProcessOp> onReady(int d, int r, std::uint64_t generation);
  std::vector<ProcessOp> onExited(int d, int r, std::uint64_t generation);
  // A failed node's replica, due to start elsewhere.
  std::vector<ProcessOp> reschedule(int d, int r, std::uint64_t generation);
  std::vector<ProcessOp> rollingStep(int d);

  // kill_replica, restart_replica, crash_service, restart_service, fail_node, recover_node,
  // set_replicas, rolling_update. Other kinds are not process-level: error "not a
  // process-level action".
  ActionOutcome apply(const model::Action& action);
  static bool isProcessLevel(model::ActionKind kind);

  // The deployment a service or module name stands for; -1 when none.
  int deploymentOf(const std::string& name) const;
  const std::vector<DeploymentRecord>& deployments() const { return deployments_; }
  const std::vector<NodeRecord>& nodes() const { return nodes_; }
  const ReplicaRecord* replica(int d, int r) const;
  // "orders#1": the instance id of a replica (docs/protocol.md, HELLO).
  std::string instance(int d, int r) const;

 private:
  using Ops = std::vector<ProcessOp>;
  void startReplica(int d, int r, Ops& ops);
  void killReplica(int d, int r, Ops& ops);
  void drainReplica(int d, int r, Ops& ops);
  void setPhase(int d, int r, ReplicaPhase phase);
  int chooseNode(int d, int preferred) const;
  int freeSlot(int d);
  void setDesired(int d, int count, Ops& ops);
  void placePending(Ops& ops);
  void rollingStep(int d, Ops& ops);
  std::string applyReplicaAction(const model::Action& a, int d, Ops& ops);

  std::vector<DeploymentRecord> deployments_;
  std::vector<NodeRecord> nodes_;
  double rescheduleDelayS_ = 5.0;
};

}  // namespace clusterscope::agents::launcher
