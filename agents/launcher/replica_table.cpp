#include "replica_table.h"

#include <algorithm>

#include "control_policy.h"

namespace clusterscope::agents::launcher {

namespace {

using model::ActionKind;

bool reservesCores(ReplicaPhase p) {
  return p == ReplicaPhase::Starting || p == ReplicaPhase::Ready || p == ReplicaPhase::Draining;
}
bool hasProcess(ReplicaPhase p) { return reservesCores(p); }
bool live(ReplicaPhase p) { return p != ReplicaPhase::Removed && p != ReplicaPhase::Draining; }

// Replica numbers go to twice a service's 10000 replicas (docs/protocol.md, HELLO `replica`).
constexpr int kMaxReplicaIndex = 19999;
constexpr int kMaxDesired = 10000;

}  // namespace

const char* replicaPhaseName(ReplicaPhase phase) {
  switch (phase) {
    case ReplicaPhase::Pending:
      return "pending";
    case ReplicaPhase::Starting:
      return "starting";
    case ReplicaPhase::Ready:
      return "ready";
    case ReplicaPhase::Draining:
      return "draining";
    case ReplicaPhase::Down:
      return "down";
    case ReplicaPhase::Removed:
      return "removed";
  }
  return "?";
}

ReplicaTable::ReplicaTable(const engine::Scenario& s, const std::set<std::string>& external)
    : rescheduleDelayS_(s.cluster.rescheduleDelayS) {
  if (s.nodes.empty()) {
    nodes_.push_back({"", 1e12, 0.0, true});  // "one node large enough", as the engine has it
  } else {
    for (const auto& n : s.nodes) nodes_.push_back({n.name, n.cores, 0.0, true});
  }
  for (const auto& service : s.services) {
    DeploymentRecord d;
    d.name = service.name;
    for (const auto& m : service.modules) d.modules.push_back(m.name);
    d.cpu = service.cpu;
    d.external = external.contains(service.name);
    d.desired = service.replicas;
    if (service.autoscale) {
      d.desired =
          std::clamp(d.desired, service.autoscale->minReplicas, service.autoscale->maxReplicas);
    }
    deployments_.push_back(std::move(d));
  }
}

std::vector<ProcessOp> ReplicaTable::startAll() {
  Ops ops;
  for (int d = 0; d < static_cast<int>(deployments_.size()); ++d) {
    const int count = deployments_[d].desired;
    deployments_[d].desired = 0;
    setDesired(d, count, ops);
  }
  return ops;
}

int ReplicaTable::deploymentOf(const std::string& name) const {
  for (std::size_t d = 0; d < deployments_.size(); ++d) {
    const auto& dep = deployments_[d];
    if (dep.name == name ||
        std::find(dep.modules.begin(), dep.modules.end(), name) != dep.modules.end()) {
      return static_cast<int>(d);
    }
  }
  return -1;
}

const ReplicaRecord* ReplicaTable::replica(int d, int r) const {
  if (d < 0 || d >= static_cast<int>(deployments_.size())) return nullptr;
  const auto& reps = deployments_[d].replicas;
  return r >= 0 && r < static_cast<int>(reps.size()) ? &reps[r] : nullptr;
}

std::string ReplicaTable::instance(int d, int r) const {
  return deployments_[d].name + "#" + std::to_string(r);
}

void ReplicaTable::setPhase(int d, int r, ReplicaPhase phase) {
  ReplicaRecord& rep = deployments_[d].replicas[r];
  if (reservesCores(rep.phase) != reservesCores(phase) && rep.node >= 0) {
    nodes_[rep.node].used += reservesCores(phase) ? deployments_[d].cpu : -deployments_[d].cpu;
  }
  rep.phase = phase;
}

int ReplicaTable::chooseNode(int d, int preferred) const {
  const double cpu = deployments_[d].cpu;
  auto fits = [&](int n) { return nodes_[n].up && nodes_[n].cores - nodes_[n].used >= cpu - 1e-9; };
  if (preferred >= 0 && fits(preferred)) return preferred;
  // Kubernetes' "least allocated" scoring, as the engine places: the largest share free.
  auto freeShare = [&](int n) { return (nodes_[n].cores - nodes_[n].used) / nodes_[n].cores; };
  int best = -1;
  for (int n = 0; n < static_cast<int>(nodes_.size()); ++n) {
    if (fits(n) && (best < 0 || freeShare(n) > freeShare(best))) best = n;
  }
  return best;
}

void ReplicaTable::startReplica(int d, int r, Ops& ops) {
  DeploymentRecord& dep = deployments_[d];
  ReplicaRecord& rep = dep.replicas[r];
  rep.awaitingReschedule = false;
  ++rep.generation;
  if (dep.external) {
    // Counted, never started: its process is whoever joins as this instance.
    setPhase(d, r, ReplicaPhase::Starting);
    return;
  }
  const int node = chooseNode(d, rep.node);
  if (node < 0) {
    setPhase(d, r, ReplicaPhase::Pending);
    rep.node = -1;
    return;
  }
  rep.node = node;
  setPhase(d, r, ReplicaPhase::Starting);
  ops.push_back({ProcessOp::Kind::Start, d, r, node, rep.generation});
}

void ReplicaTable::killReplica(int d, int r, Ops& ops) {
  ReplicaRecord& rep = deployments_[d].replicas[r];
  if (rep.phase == ReplicaPhase::Down || rep.phase == ReplicaPhase::Removed) return;
  if (hasProcess(rep.phase) && !deployments_[d].external) {
    ops.push_back({ProcessOp::Kind::Kill, d, r, rep.node, rep.generation});
  }
  setPhase(d, r, ReplicaPhase::Down);
}

void ReplicaTable::drainReplica(int d, int r, Ops& ops) {
  ReplicaRecord& rep = deployments_[d].replicas[r];
  switch (rep.phase) {
    case ReplicaPhase::Ready:
      setPhase(d, r, ReplicaPhase::Draining);
      ops.push_back({ProcessOp::Kind::Drain, d, r, rep.node, rep.generation});
      return;
    case ReplicaPhase::Starting:
      // Not serving yet: nothing to finish, it goes at once (the engine removes it the same).
      ops.push_back({ProcessOp::Kind::Kill, d, r, rep.node, rep.generation});
      [[fallthrough]];
    case ReplicaPhase::Pending:
    case ReplicaPhase::Down:
      setPhase(d, r, ReplicaPhase::Removed);
      ++rep.generation;
      rep.node = -1;
      return;
    case ReplicaPhase::Draining:
    case ReplicaPhase::Removed:
      return;
  }
}

std::vector<ProcessOp> ReplicaTable::onReady(int d, int r, std::uint64_t generation) {
  Ops ops;
  const ReplicaRecord* rep = replica(d, r);
  if (!rep || rep->generation != generation || rep->phase != ReplicaPhase::Starting) return ops;
  setPhase(d, r, ReplicaPhase::Ready);
  if (deployments_[d].rolling) rollingStep(d, ops);
  return ops;
}

std::vector<ProcessOp> ReplicaTable::onExited(int d, int r, std::uint64_t generation) {
  Ops ops;
  const ReplicaRecord* rep = replica(d, r);
  if (!rep || rep->generation != generation || !hasProcess(rep->phase)) return ops;
  if (rep->phase == ReplicaPhase::Draining) {
    setPhase(d, r, ReplicaPhase::Removed);
    deployments_[d].replicas[r].node = -1;
    placePending(ops);  // its cores are free again
  } else {
    setPhase(d, r, ReplicaPhase::Down);  // it crashed: it stays down until restarted
  }
  if (deployments_[d].rolling) rollingStep(d, ops);
  return ops;
}

std::vector<ProcessOp> ReplicaTable::reschedule(int d, int r, std::uint64_t generation) {
  Ops ops;
  const ReplicaRecord* rep = replica(d, r);
  if (!rep || rep->generation != generation || rep->phase != ReplicaPhase::Down ||
      !rep->awaitingReschedule) {
    return ops;
  }
  startReplica(d, r, ops);
  return ops;
}

int ReplicaTable::freeSlot(int d) {
  auto& reps = deployments_[d].replicas;
  int r = 0;
  while (r < static_cast<int>(reps.size()) && reps[r].phase != ReplicaPhase::Removed) ++r;
  if (r == static_cast<int>(reps.size())) {
    if (r > kMaxReplicaIndex) return -1;
    reps.emplace_back();
  }
  ReplicaRecord& rep = reps[r];
  rep.node = -1;
  rep.outdated = false;
  rep.awaitingReschedule = false;
  rep.versionFactor = deployments_[d].versionFactor;
  return r;
}

void ReplicaTable::setDesired(int d, int count, Ops& ops) {
  DeploymentRecord& dep = deployments_[d];
  dep.desired = std::clamp(count, 0, kMaxDesired);
  std::vector<int> liveOnes;
  for (int r = 0; r < static_cast<int>(dep.replicas.size()); ++r) {
    if (live(dep.replicas[r].phase)) liveOnes.push_back(r);
  }
  // Unlike the engine, a scale-up does not take back draining replicas: a process told to
  // leave (SIGTERM) cannot be told to stay. It goes, and a new one starts.
  for (auto n = static_cast<int>(liveOnes.size()); n < dep.desired; ++n) {
    const int r = freeSlot(d);
    if (r < 0) break;
    startReplica(d, r, ops);
  }
  if (static_cast<int>(liveOnes.size()) <= dep.desired) return;
  // Scale down: replicas that serve nothing go first, then the highest-numbered ready ones.
  std::stable_sort(liveOnes.begin(), liveOnes.end(), [&](int a, int b) {
    const bool aReady = dep.replicas[a].phase == ReplicaPhase::Ready;
    const bool bReady = dep.replicas[b].phase == ReplicaPhase::Ready;
    if (aReady != bReady) return bReady;
    return a > b;
  });
  const std::size_t extra = liveOnes.size() - static_cast<std::size_t>(dep.desired);
  for (std::size_t i = 0; i < extra; ++i) drainReplica(d, liveOnes[i], ops);
}

void ReplicaTable::placePending(Ops& ops) {
  for (int d = 0; d < static_cast<int>(deployments_.size()); ++d) {
    for (int r = 0; r < static_cast<int>(deployments_[d].replicas.size()); ++r) {
      if (deployments_[d].replicas[r].phase == ReplicaPhase::Pending) startReplica(d, r, ops);
    }
  }
}

std::vector<ProcessOp> ReplicaTable::rollingStep(int d) {
  Ops ops;
  deployments_[d].rollingPollPending = false;
  rollingStep(d, ops);
  return ops;
}

void ReplicaTable::rollingStep(int d, Ops& ops) {
  DeploymentRecord& dep = deployments_[d];
  if (!dep.rolling) return;
  // One new replica at a time (max surge 1, max unavailable 0): start it, wait until it is
  // ready, then drain one old replica, and so on.
  for (;;) {
    int liveCount = 0;
    bool surgeStarting = false;
    int oldest = -1;
    for (int r = 0; r < static_cast<int>(dep.replicas.size()); ++r) {
      const ReplicaRecord& rep = dep.replicas[r];
      if (!live(rep.phase)) continue;
      ++liveCount;
      if (!rep.outdated &&
          (rep.phase == ReplicaPhase::Starting || rep.phase == ReplicaPhase::Pending)) {
        surgeStarting = true;
      }
      // Prefer retiring an old replica that serves nothing.
      if (rep.outdated && (oldest < 0 || (dep.replicas[oldest].phase == ReplicaPhase::Ready &&
                                          rep.phase != ReplicaPhase::Ready))) {
        oldest = r;
      }
    }
    if (oldest < 0) {
      dep.rolling = false;
      return;
    }
    if (surgeStarting) break;
    if (liveCount > dep.desired) {
      drainReplica(d, oldest, ops);
      continue;
    }
    const int r = freeSlot(d);
    if (r < 0) {
      dep.rolling = false;
      return;
    }
    startReplica(d, r, ops);
  }
  if (!dep.rollingPollPending) {
    // A poll as well as the ready news: a surge replica that dies must not stall the update.
    dep.rollingPollPending = true;
    ops.push_back({ProcessOp::Kind::PollRolling, d, 0, -1, 0, 1.0});
  }
}

bool ReplicaTable::isProcessLevel(ActionKind kind) {
  // The autoscaler is the launcher's too, but no table of replicas carries it out (yet).
  return protocol::launcherCarriesOut(kind) && kind != ActionKind::SetAutoscaler;
}

std::string ReplicaTable::applyReplicaAction(const model::Action& a, int d, Ops& ops) {
  DeploymentRecord& dep = deployments_[d];
  const int r = a.replica;
  if (r < 0 || r >= static_cast<int>(dep.replicas.size()) ||
      dep.replicas[r].phase == ReplicaPhase::Removed) {
    return "replica " + std::to_string(r) + " of " + a.service + " does not exist";
  }
  if (a.kind == ActionKind::KillReplica) {
    killReplica(d, r, ops);
    return {};
  }
  if (dep.replicas[r].phase != ReplicaPhase::Down) return instance(d, r) + " is not down";
  startReplica(d, r, ops);
  return {};
}

ActionOutcome ReplicaTable::apply(const model::Action& a) {
  ActionOutcome out;
  if (!isProcessLevel(a.kind)) {
    out.error = std::string(model::actionKindName(a.kind)) + " is not a process-level action";
    return out;
  }
  if (a.kind == ActionKind::FailNode || a.kind == ActionKind::RecoverNode) {
    int n = -1;
    for (int i = 0; i < static_cast<int>(nodes_.size()); ++i) {
      if (!nodes_[i].name.empty() && nodes_[i].name == a.node) n = i;
    }
    if (n < 0) {
      out.error = "unknown node \"" + a.node + "\"";
      return out;
    }
    if (a.kind == ActionKind::RecoverNode) {
      nodes_[n].up = true;
      placePending(out.ops);
      return out;
    }
    if (!nodes_[n].up) return out;
    for (int d = 0; d < static_cast<int>(deployments_.size()); ++d) {
      for (int r = 0; r < static_cast<int>(deployments_[d].replicas.size()); ++r) {
        ReplicaRecord& rep = deployments_[d].replicas[r];
        if (rep.node != n || deployments_[d].external) continue;
        if (rep.phase == ReplicaPhase::Draining) {
          killReplica(d, r, out.ops);
          drainReplica(d, r, out.ops);  // it was leaving anyway
        } else if (reservesCores(rep.phase)) {
          killReplica(d, r, out.ops);
          rep.awaitingReschedule = true;
          out.ops.push_back(
              {ProcessOp::Kind::RescheduleLater, d, r, -1, rep.generation, rescheduleDelayS_});
        }
        rep.node = -1;
      }
    }
    nodes_[n].up = false;
    nodes_[n].used = 0.0;
    return out;
  }
  const int d = deploymentOf(a.service);
  if (d < 0) {
    out.error = "unknown service \"" + a.service + "\"";
    return out;
  }
  if (deployments_[d].external) {
    out.error = deployments_[d].name + " is external: this launcher did not start its replicas";
    return out;
  }
  DeploymentRecord& dep = deployments_[d];
  switch (a.kind) {
    case ActionKind::KillReplica:
    case ActionKind::RestartReplica:
      out.error = applyReplicaAction(a, d, out.ops);
      break;
    case ActionKind::CrashService:
      for (int r = 0; r < static_cast<int>(dep.replicas.size()); ++r) killReplica(d, r, out.ops);
      break;
    case ActionKind::RestartService:
      for (int r = 0; r < static_cast<int>(dep.replicas.size()); ++r) {
        if (dep.replicas[r].phase == ReplicaPhase::Down) startReplica(d, r, out.ops);
      }
      break;
    case ActionKind::SetReplicas:
      setDesired(d, a.count, out.ops);
      break;
    default:  // RollingUpdate
      dep.versionFactor = a.factor;
      for (auto& rep : dep.replicas) {
        if (live(rep.phase)) rep.outdated = true;
      }
      dep.rolling = true;
      rollingStep(d, out.ops);
      break;
  }
  return out;
}

}  // namespace clusterscope::agents::launcher
