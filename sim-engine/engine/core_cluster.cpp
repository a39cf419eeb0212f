// Replicas' lives: placement on nodes, start-up, readiness, crashes, draining, scaling, node
// failures with rescheduling, the autoscaler and rolling updates. Every state change goes
// through setReplicaState so that ready lists, idle workers and reserved cores stay in step.

#include <algorithm>
#include <cmath>

#include "core.h"
#include "scenario_limits.h"

namespace clusterscope::engine::detail {

namespace {

bool serves(model::ReplicaState s) {
  return s == model::ReplicaState::Ready || s == model::ReplicaState::Draining;
}
bool reservesCores(model::ReplicaState s) {
  return s == model::ReplicaState::Starting || serves(s);
}
std::uint64_t replicaToken(std::uint32_t r, std::uint32_t incarnation) {
  return (static_cast<std::uint64_t>(r) << 32) | incarnation;
}

}  // namespace

void Core::touchDeployment(Deployment& d) {
  if (now_ == d.areaSince) return;
  const double dt = simToSeconds(now_ - d.areaSince);
  d.areaSince = now_;
  d.busyArea += d.busyWorkers * dt;
  d.capacityArea += d.capacityWorkers * dt;
  d.queueArea += d.queuedTasks * dt;
  d.scaledBusyArea += d.busyWorkers * dt;
  d.scaledCapacityArea += d.capacityWorkers * dt;
}

void Core::touchCores() {
  coreArea_ += provisionedCores_ * simToSeconds(now_ - coresSince_);
  coresSince_ = now_;
}

void Core::setReplicaState(Deployment& d, std::uint32_t r, model::ReplicaState s) {
  Replica& rep = d.replicas[r];
  const model::ReplicaState old = rep.state;
  if (old == s) return;
  touchDeployment(d);
  if (old == model::ReplicaState::Ready) {
    const auto it = std::find(d.ready.begin(), d.ready.end(), r);
    if (static_cast<std::uint32_t>(it - d.ready.begin()) < d.cursor && d.cursor > 0) --d.cursor;
    d.ready.erase(it);
    d.idleReadyWorkers -= d.workers - rep.busy;
  }
  if (s == model::ReplicaState::Ready) {
    d.ready.insert(std::lower_bound(d.ready.begin(), d.ready.end(), r), r);
    d.idleReadyWorkers += d.workers - rep.busy;
  }
  if (serves(old) != serves(s)) d.capacityWorkers += serves(s) ? d.workers : -d.workers;
  if (reservesCores(old) != reservesCores(s)) {
    touchCores();
    const double delta = reservesCores(s) ? d.cpu : -d.cpu;
    provisionedCores_ += delta;
    if (rep.node >= 0) nodes_[rep.node].usedCores += delta;
  }
  if (s == model::ReplicaState::Pending) {
    pending_.emplace_back(static_cast<std::uint32_t>(&d - deployments_.data()), r);
  }
  rep.state = s;
  if (rep.pausedBy > 0 && (s == model::ReplicaState::Down || s == model::ReplicaState::Removed)) {
    // The paused process is gone: what waited for it runs now and finds it gone.
    rep.pausedBy = 0;
    releaseDeferred(static_cast<std::uint32_t>(&d - deployments_.data()), r);
  }
}

int Core::chooseNode(const Deployment& d, int preferred) const {
  auto fits = [&](int n) {
    return nodes_[n].up && nodes_[n].cores - nodes_[n].usedCores >= d.cpu - 1e-9;
  };
  if (preferred >= 0 && fits(preferred)) return preferred;
  // Spread as Kubernetes' "least allocated" scoring does: the node with the largest share of
  // its cores free, the first one on ties.
  auto freeShare = [&](int n) { return (nodes_[n].cores - nodes_[n].usedCores) / nodes_[n].cores; };
  int best = -1;
  for (int n = 0; n < static_cast<int>(nodes_.size()); ++n) {
    if (fits(n) && (best < 0 || freeShare(n) > freeShare(best))) best = n;
  }
  return best;
}

void Core::startReplica(std::uint32_t di, std::uint32_t r) {
  Deployment& d = deployments_[di];
  Replica& rep = d.replicas[r];
  const int node = chooseNode(d, rep.node);
  if (node < 0) {
    rep.node = -1;
    setReplicaState(d, r, model::ReplicaState::Pending);
    return;
  }
  rep.node = node;
  rep.slowFactor = 1.0;  // a new process: injected slowness does not survive a restart
  setReplicaState(d, r, model::ReplicaState::Starting);
  if (d.startup == 0) {
    makeReady(di, r);
  } else {
    schedule(now_ + d.startup, EventType::ReplicaReady, di, replicaToken(r, rep.incarnation));
  }
}

void Core::onReplicaReady(const Event& e) {
  const std::uint32_t r = static_cast<std::uint32_t>(e.token >> 32);
  const Replica& rep = deployments_[e.target].replicas[r];
  if (rep.incarnation != static_cast<std::uint32_t>(e.token) ||
      rep.state != model::ReplicaState::Starting) {
    return;
  }
  if (rep.pausedBy > 0) {  // a stopped process does not get ready
    deferred_.push_back(DeferredEvent{e.target, r, e});
    return;
  }
  makeReady(e.target, r);
}

void Core::makeReady(std::uint32_t di, std::uint32_t r) {
  setReplicaState(deployments_[di], r, model::ReplicaState::Ready);
  dispatchBacklog(di);
  if (deployments_[di].rolling) schedule(now_, EventType::RollingStep, di, 0);
}

void Core::killReplica(std::uint32_t di, std::uint32_t r) {
  Deployment& d = deployments_[di];
  Replica& rep = d.replicas[r];
  if (rep.state == model::ReplicaState::Down || rep.state == model::ReplicaState::Removed) return;
  setReplicaState(d, r, model::ReplicaState::Down);  // uses rep.busy: before it is reset
  touchDeployment(d);
  d.busyWorkers -= rep.busy;
  d.queuedTasks -= static_cast<int>(rep.queue.size());
  rep.busy = rep.active = rep.inbound = 0;
  rep.queue.clear();
  ++rep.incarnation;
  std::uint32_t t = rep.taskHead;
  rep.taskHead = kNone;
  while (t != kNone) {
    const std::uint32_t next = tasks_[t].next;
    Task& task = tasks_[t];
    task.holdsWorker = false;
    task.prev = task.next = kNone;
    if (task.kind == TaskKind::Async) {
      redeliver(task);
      freeTask(t);
    } else {
      completeTask(t, model::FailureCause::Crashed);
    }
    t = next;
  }
  dispatchBacklog(di);
}

void Core::drainReplica(std::uint32_t di, std::uint32_t r) {
  Deployment& d = deployments_[di];
  Replica& rep = d.replicas[r];
  switch (rep.state) {
    case model::ReplicaState::Ready:
      setReplicaState(d, r, model::ReplicaState::Draining);
      finishDrainIfIdle(di, r);
      return;
    case model::ReplicaState::Starting:
    case model::ReplicaState::Pending:
    case model::ReplicaState::Down:
    case model::ReplicaState::Suspect:  // never in the engine; removed like a silent one would be
      setReplicaState(d, r, model::ReplicaState::Removed);
      ++rep.incarnation;
      rep.node = -1;
      return;
    case model::ReplicaState::Draining:
    case model::ReplicaState::Removed:
      return;
  }
}

void Core::finishDrainIfIdle(std::uint32_t di, std::uint32_t r) {
  if (r == kNone) return;
  Deployment& d = deployments_[di];
  Replica& rep = d.replicas[r];
  if (rep.state != model::ReplicaState::Draining || rep.active > 0 || rep.inbound > 0) return;
  setReplicaState(d, r, model::ReplicaState::Removed);
  ++rep.incarnation;
  rep.queue.release();
  rep.node = -1;
  placePending();  // its cores are free again
}

std::uint32_t Core::freeSlot(std::uint32_t di) {
  Deployment& d = deployments_[di];
  std::uint32_t r = 0;
  while (r < d.replicas.size() && d.replicas[r].state != model::ReplicaState::Removed) ++r;
  if (r == d.replicas.size() && r >= d.slotLimit()) {
    // Every slot is taken and there may be no more: only replicas that never finish draining
    // (stuck on a call with no timeout, or on very long work) while a rolling update replaces
    // others get here. The lowest-numbered draining replica stops, as an orchestrator kills
    // a pod whose grace period is over.
    std::uint32_t draining = 0;
    while (draining < r && d.replicas[draining].state != model::ReplicaState::Draining) {
      ++draining;
    }
    if (draining < r) {
      killReplica(di, draining);
      drainReplica(di, draining);  // down -> removed
      r = draining;
    }
  }
  if (r == d.replicas.size()) d.replicas.emplace_back();
  Replica& rep = d.replicas[r];
  rep.node = -1;
  rep.slowFactor = 1.0;
  rep.versionFactor = d.versionFactor;
  rep.outdated = false;
  rep.awaitingReschedule = false;
  return r;
}

bool Core::reviveDraining(std::uint32_t di) {
  Deployment& d = deployments_[di];
  for (std::uint32_t r = 0; r < d.replicas.size(); ++r) {
    if (d.replicas[r].state != model::ReplicaState::Draining) continue;
    setReplicaState(d, r, model::ReplicaState::Ready);
    dispatchBacklog(di);
    return true;
  }
  return false;
}

void Core::setDesired(std::uint32_t di, int count) {
  Deployment& d = deployments_[di];
  d.desired = std::clamp(count, 0, static_cast<int>(limits::kMaxReplicas));
  d.peakDesired = std::max(d.peakDesired, d.desired);
  std::vector<std::uint32_t> live;
  for (std::uint32_t r = 0; r < d.replicas.size(); ++r) {
    const model::ReplicaState s = d.replicas[r].state;
    if (s != model::ReplicaState::Removed && s != model::ReplicaState::Draining) live.push_back(r);
  }
  // Scaling up takes back replicas that are still draining before it starts new ones: a
  // scale-down undone, and replica indexes that stay within the most ever asked for.
  for (auto n = static_cast<int>(live.size()); n < d.desired; ++n) {
    if (!reviveDraining(di)) startReplica(di, freeSlot(di));
  }
  if (static_cast<int>(live.size()) <= d.desired) return;
  // Scale down: replicas that serve nothing go first, then the highest-numbered ready ones.
  std::stable_sort(live.begin(), live.end(), [&](std::uint32_t a, std::uint32_t b) {
    const bool aReady = d.replicas[a].state == model::ReplicaState::Ready;
    const bool bReady = d.replicas[b].state == model::ReplicaState::Ready;
    if (aReady != bReady) return bReady;
    return a > b;
  });
  for (std::size_t i = 0; i < live.size() - static_cast<std::size_t>(d.desired); ++i) {
    drainReplica(di, live[i]);
  }
}

void Core::failNode(int n) {
  if (!nodes_[n].up) return;
  for (std::uint32_t di = 0; di < deployments_.size(); ++di) {
    Deployment& d = deployments_[di];
    for (std::uint32_t r = 0; r < d.replicas.size(); ++r) {
      Replica& rep = d.replicas[r];
      if (rep.node != n) continue;
      if (rep.state == model::ReplicaState::Draining) {
        killReplica(di, r);
        drainReplica(di, r);  // it was leaving anyway
      } else if (reservesCores(rep.state)) {
        killReplica(di, r);
        rep.awaitingReschedule = true;
        schedule(now_ + durationSeconds(scenario_.cluster.rescheduleDelayS), EventType::Reschedule,
                 di, replicaToken(r, rep.incarnation));
      }
      rep.node = -1;
    }
  }
  nodes_[n].up = false;
  nodes_[n].usedCores = 0.0;
}

void Core::recoverNode(int n) {
  if (nodes_[n].up) return;
  nodes_[n].up = true;
  placePending();
}

void Core::onReschedule(const Event& e) {
  const auto r = static_cast<std::uint32_t>(e.token >> 32);
  Replica& rep = deployments_[e.target].replicas[r];
  if (rep.incarnation != static_cast<std::uint32_t>(e.token) ||
      rep.state != model::ReplicaState::Down || !rep.awaitingReschedule) {
    return;
  }
  rep.awaitingReschedule = false;
  startReplica(e.target, r);
}

void Core::placePending() {
  auto waiting = std::move(pending_);
  pending_.clear();
  for (const auto& [d, r] : waiting) {
    if (deployments_[d].replicas[r].state == model::ReplicaState::Pending) startReplica(d, r);
  }
}

void Core::onAutoscalerTick(std::uint32_t di) {
  Deployment& d = deployments_[di];
  const AutoscaleSpec& spec = *d.autoscale;
  schedule(now_ + durationSeconds(spec.periodS), EventType::AutoscalerTick, di, 0);
  touchDeployment(d);
  const double busy = d.scaledBusyArea;
  const double capacity = d.scaledCapacityArea;
  d.scaledBusyArea = d.scaledCapacityArea = 0.0;
  if (!d.autoscalerOn || capacity <= 0.0 || d.ready.empty()) return;
  // HPA: desired = ceil(ready * utilisation / target), left alone within 10 % of the target.
  const double ratio = (busy / capacity) / spec.targetUtilization;
  int recommendation = std::clamp(d.desired, spec.minReplicas, spec.maxReplicas);
  if (std::abs(ratio - 1.0) > 0.1) {
    // Bounded while still a double: a tiny target asks for more replicas than an int holds.
    const double wanted = std::ceil(static_cast<double>(d.ready.size()) * ratio - 1e-9);
    recommendation = static_cast<int>(std::clamp(wanted, static_cast<double>(spec.minReplicas),
                                                 static_cast<double>(spec.maxReplicas)));
  }
  d.recommendations.emplace_back(now_, recommendation);
  const SimTime window = durationSeconds(spec.stabilizationS);
  while (!d.recommendations.empty() && d.recommendations.front().first < now_ - window) {
    d.recommendations.pop_front();
  }
  if (recommendation > d.desired) {
    setDesired(di, recommendation);
    return;
  }
  // Scale down only as far as the highest recommendation of the window: no flapping.
  int stable = recommendation;
  for (const auto& [at, rec] : d.recommendations) stable = std::max(stable, rec);
  if (stable < d.desired) setDesired(di, stable);
}

void Core::startRollingUpdate(std::uint32_t di, double factor) {
  Deployment& d = deployments_[di];
  d.versionFactor = factor;
  for (auto& rep : d.replicas) {
    if (rep.state != model::ReplicaState::Removed && rep.state != model::ReplicaState::Draining)
      rep.outdated = true;
  }
  d.rolling = true;
  d.rolledOut = true;
  onRollingStep(di, false);
}

void Core::onRollingStep(std::uint32_t di, bool poll) {
  Deployment& d = deployments_[di];
  if (poll) d.rollingPollPending = false;
  if (!d.rolling) return;
  // One new replica at a time (max surge 1, max unavailable 0): start it, wait until it is
  // ready, then drain one old replica, and so on.
  for (;;) {
    int live = 0;
    bool surgeStarting = false;
    std::uint32_t oldest = kNone;
    for (std::uint32_t r = 0; r < d.replicas.size(); ++r) {
      const Replica& rep = d.replicas[r];
      if (rep.state == model::ReplicaState::Removed || rep.state == model::ReplicaState::Draining)
        continue;
      ++live;
      if (!rep.outdated && (rep.state == model::ReplicaState::Starting ||
                            rep.state == model::ReplicaState::Pending)) {
        surgeStarting = true;
      }
      // Prefer retiring an old replica that serves nothing.
      if (rep.outdated &&
          (oldest == kNone || (d.replicas[oldest].state == model::ReplicaState::Ready &&
                               rep.state != model::ReplicaState::Ready))) {
        oldest = r;
      }
    }
    if (oldest == kNone) {
      d.rolling = false;
      return;
    }
    if (surgeStarting) break;
    if (live > d.desired) {
      drainReplica(di, oldest);
      continue;
    }
    startReplica(di, freeSlot(di));
  }
  if (!d.rollingPollPending) {
    // A poll as well as the ready callback: a surge replica that dies must not stall the update.
    d.rollingPollPending = true;
    schedule(now_ + kNanosPerSecond, EventType::RollingStep, di, 1);
  }
}

}  // namespace clusterscope::engine::detail
