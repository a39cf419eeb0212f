// Faults borrowed from Toxiproxy, Chaos Mesh and Pumba, simulated where their real
// counterparts act (docs/scenario-format.md, "Faults"; docs/protocol.md, "What an agent
// does"): latency, loss and blackholes on the requests a process receives or on the calls a
// caller sends on an edge; fail-first before a process's queue or before a caller's send; a
// pause that freezes replicas. A fault covers the replicas running when it is applied, in
// that life only, and ends with its duration (a FaultEnd event), when a fail-first has failed
// its count, or with reset_faults.

#include <algorithm>

#include "core.h"

namespace clusterscope::engine::detail {

namespace {

// A replica with a process to act on.
bool runs(model::ReplicaState s) {
  return s == model::ReplicaState::Starting || s == model::ReplicaState::Ready ||
         s == model::ReplicaState::Draining;
}

bool matches(const ActiveFault& f, const FaultTarget& at) {
  const bool sameScope = at.process ? f.edge == kNone && f.deployment == at.key : f.edge == at.key;
  return sameScope && f.appliesTo(at.replica, at.incarnation);
}

}  // namespace

std::string Core::applyFault(const model::Action& a) {
  ActiveFault f;
  f.kind = a.kind;
  std::string who = a.service;
  int d = -1;
  if (!a.service.empty()) {
    d = deploymentByName(a.service);
    if (d < 0) return "unknown service \"" + a.service + "\"";
  } else {
    const int from = layout_.componentIndex(a.from);
    const int to = layout_.componentIndex(a.to);
    const int e = (from < 0 || to < 0) ? -1 : layout_.edgeIndex(from, to);
    if (e < 0) return "no call from \"" + a.from + "\" to \"" + a.to + "\"";
    f.edge = static_cast<std::uint32_t>(e);
    d = static_cast<int>(components_[from].deployment);  // its callers apply it
    who = a.from;
  }
  f.deployment = static_cast<std::uint32_t>(d);
  const Deployment& dep = deployments_[f.deployment];
  const auto cover = [&](std::size_t r) {
    f.covers[r] = FaultCover{dep.replicas[r].incarnation, a.count};
  };
  if (a.replica >= 0) {
    const auto r = static_cast<std::size_t>(a.replica);
    if (r >= dep.replicas.size() || dep.replicas[r].state == model::ReplicaState::Removed) {
      return "replica " + std::to_string(a.replica) + " of " + a.service + " does not exist";
    }
    if (!runs(dep.replicas[r].state)) {
      return a.service + "#" + std::to_string(a.replica) + " is not running";
    }
    f.covers.resize(r + 1);
    cover(r);
  } else {
    f.covers.resize(dep.replicas.size());
    for (std::size_t r = 0; r < dep.replicas.size(); ++r) {
      if (runs(dep.replicas[r].state)) cover(r);
    }
    if (std::none_of(f.covers.begin(), f.covers.end(),
                     [](const FaultCover& c) { return c.incarnation != kNone; })) {
      return "no replica of \"" + who + "\" is running";
    }
  }
  f.latencyNs = a.latencyMs * 1e6;
  f.jitterNs = a.jitterMs * 1e6;
  f.rate = a.rate;
  f.id = ++nextFaultId_;
  if (a.kind == model::ActionKind::Pause) {
    pausedEver_ = true;
    for (std::size_t r = 0; r < f.covers.size(); ++r) {
      if (f.covers[r].incarnation != kNone)
        pauseReplica(f.deployment, static_cast<std::uint32_t>(r));
    }
  }
  // Normal priority, after the timeline actions of its instant: an action a user applies
  // then lands before the end, as the same action in a saved session's timeline would.
  if (a.durationS > 0) schedule(now_ + durationSeconds(a.durationS), EventType::FaultEnd, 0, f.id);
  faults_.push_back(std::move(f));
  return {};
}

void Core::onFaultEnd(std::uint64_t id) {
  const auto it = std::find_if(faults_.begin(), faults_.end(),
                               [id](const ActiveFault& f) { return f.id == id; });
  if (it != faults_.end()) endFault(static_cast<std::size_t>(it - faults_.begin()));
}

void Core::endFault(std::size_t index) {
  const ActiveFault f = std::move(faults_[index]);
  faults_.erase(faults_.begin() + static_cast<std::ptrdiff_t>(index));  // keeps their order
  if (f.kind != model::ActionKind::Pause) return;
  Deployment& dep = deployments_[f.deployment];
  for (std::size_t r = 0; r < f.covers.size() && r < dep.replicas.size(); ++r) {
    const Replica& rep = dep.replicas[r];
    // A replica that died since is a new process, no longer paused (setReplicaState).
    if (f.covers[r].incarnation == rep.incarnation && rep.pausedBy > 0) {
      resumeReplica(f.deployment, static_cast<std::uint32_t>(r));
    }
  }
}

void Core::resetFaults() {
  while (!faults_.empty()) endFault(0);
  // docs/protocol.md, "What an agent does": the scenario's disturbances in force go too;
  // kills, scaling, call modes and resilience switches stay.
  for (auto& dep : deployments_) {
    for (auto& rep : dep.replicas) rep.slowFactor = 1.0;
  }
  for (auto& c : components_) c.errorRate = c.scenarioErrorRate;
  partitions_.clear();
  if (!brokerUp_) {
    ++brokerOutage_;  // an end timer of the outage turns stale
    setBrokerUp(true);
  }
}

FaultTarget Core::receiver(std::uint32_t d, std::uint32_t r) const {
  return FaultTarget{true, d, r, deployments_[d].replicas[r].incarnation};
}

FaultTarget Core::sender(std::uint32_t edge, std::uint32_t caller) const {
  const Task& task = tasks_[caller];
  return FaultTarget{false, edge, task.replica, task.replicaIncarnation};
}

MessageFate Core::fateOf(const FaultTarget& at) {
  // Losses first, as the agents decide (a lost message draws no latency), in the order the
  // faults were applied, so that one seed gives one run.
  for (const ActiveFault& f : faults_) {
    if (!matches(f, at)) continue;
    if (f.kind == model::ActionKind::Blackhole ||
        (f.kind == model::ActionKind::DropMessages && faultRng_.chance(f.rate))) {
      return MessageFate{true, 0};
    }
  }
  double ns = 0.0;
  for (const ActiveFault& f : faults_) {
    if (f.kind != model::ActionKind::AddLatency || !matches(f, at)) continue;
    double draw = f.latencyNs;
    if (f.jitterNs > 0.0) draw += (2.0 * faultRng_.uniform01() - 1.0) * f.jitterNs;
    ns += std::max(0.0, draw);
  }
  return MessageFate{false, clampedNanos(ns)};
}

bool Core::takeFailFirst(const FaultTarget& at) {
  for (std::size_t i = 0; i < faults_.size(); ++i) {
    ActiveFault& f = faults_[i];
    if (f.kind != model::ActionKind::FailFirst || !matches(f, at)) continue;
    FaultCover& cover = f.covers[at.replica];
    if (cover.remaining <= 0) continue;
    --cover.remaining;
    if (std::none_of(f.covers.begin(), f.covers.end(),
                     [](const FaultCover& c) { return c.remaining > 0; })) {
      endFault(i);  // its count is spent everywhere
    }
    return true;
  }
  return false;
}

bool Core::blackholed(const FaultTarget& at) const {
  return std::any_of(faults_.begin(), faults_.end(), [&](const ActiveFault& f) {
    return f.kind == model::ActionKind::Blackhole && matches(f, at);
  });
}

bool Core::replyLost(std::uint32_t t) const {
  const Task& task = tasks_[t];
  if (task.replica == kNone) return false;  // refused before any process had it
  const std::uint32_t d = components_[task.component].deployment;
  if (blackholed(FaultTarget{true, d, task.replica, task.replicaIncarnation})) return true;
  return task.kind == TaskKind::SyncChild && blackholed(sender(task.edge, task.parent));
}

void Core::pauseReplica(std::uint32_t d, std::uint32_t r) {
  Replica& rep = deployments_[d].replicas[r];
  if (rep.pausedBy++ == 0) rep.pausedAt = now_;
}

void Core::resumeReplica(std::uint32_t d, std::uint32_t r) {
  Replica& rep = deployments_[d].replicas[r];
  if (--rep.pausedBy > 0) return;
  // A stopped process makes no progress: the work it was doing ends that much later.
  const SimTime pausedFor = now_ - rep.pausedAt;
  for (std::uint32_t t = rep.taskHead; t != kNone; t = tasks_[t].next) {
    Task& task = tasks_[t];
    if (task.phase != TaskPhase::Serving) continue;
    task.workEnd += pausedFor;
    schedule(task.workEnd, EventType::ServiceDone, t, task.incarnation);
  }
  releaseDeferred(d, r);
  dispatchBacklog(d);  // its idle workers pull from the broker again
}

void Core::releaseDeferred(std::uint32_t d, std::uint32_t r) {
  std::vector<Event> mine;
  std::erase_if(deferred_, [&](const DeferredEvent& k) {
    if (k.deployment != d || k.replica != r) return false;
    mine.push_back(k.event);
    return true;
  });
  // In the order they came; each handler checks again whether it still applies.
  for (const Event& e : mine) schedule(now_, e.type, e.target, e.token);
}

bool Core::isPaused(std::uint32_t t) const {
  const Task& task = tasks_[t];
  return task.replica != kNone &&
         deployments_[components_[task.component].deployment].replicas[task.replica].pausedBy > 0;
}

bool Core::deferIfPaused(const Event& e, std::uint32_t t) {
  if (!isPaused(t)) return false;
  const Task& task = tasks_[t];
  deferred_.push_back(DeferredEvent{components_[task.component].deployment, task.replica, e});
  return true;
}

}  // namespace clusterscope::engine::detail
