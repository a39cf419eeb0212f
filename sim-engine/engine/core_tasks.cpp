// A task is one visit of a request to one component: sent over the network to a replica
// chosen by the load balancer, queued or served by a worker, then (after its calls, see
// core_calls.cpp) finished, which replies to whoever waits for it.

#include <algorithm>
#include <cmath>

#include "core.h"
#include "replica_choice.h"

namespace clusterscope::engine::detail {

std::uint32_t Core::allocTask() {
  std::uint32_t t;
  if (!freeTasks_.empty()) {
    t = freeTasks_.back();
    freeTasks_.pop_back();
  } else {
    t = static_cast<std::uint32_t>(tasks_.size());
    tasks_.emplace_back();
    checkWorkInFlight();  // only when the pool grows: nothing on the steady-state path
  }
  Task& task = tasks_[t];
  const std::uint32_t incarnation = task.incarnation;
  task = Task{};
  task.incarnation = incarnation;
  task.phase = TaskPhase::InTransit;
  return t;
}

void Core::freeTask(std::uint32_t t) {
  Task& task = tasks_[t];
  if (task.countedInFlight) {
    --edges_[components_[task.component].calls[task.nextCall]].inFlight;
    task.countedInFlight = false;
  }
  // Every event still naming this slot carries the old incarnation or call id: both change.
  ++task.incarnation;
  task.waitingCall = 0;
  task.phase = TaskPhase::Free;
  freeTasks_.push_back(t);
}

int Core::nodeOfTask(std::uint32_t t) const {
  const Task& task = tasks_[t];
  if (task.replica == kNone) return kClientNode;
  return deployments_[components_[task.component].deployment].replicas[task.replica].node;
}

std::uint32_t Core::pickReplica(Deployment& d) {
  const auto n = static_cast<std::uint32_t>(d.ready.size());
  if (n == 0) return kNone;
  auto load = [&](std::uint32_t i) {
    const Replica& r = d.replicas[d.ready[i]];
    return r.active + r.inbound;
  };
  return d.ready[chooseReplica(d.lb, n, d.cursor, routingRng_, load)];
}

void Core::sendTask(std::uint32_t t, int fromNode) {
  const std::uint32_t c = tasks_[t].component;
  const std::uint32_t di = components_[c].deployment;
  Deployment& d = deployments_[di];
  const std::uint32_t r = pickReplica(d);
  if (r == kNone) {
    ++componentStats_[c].arrivals;
    tasks_[t].arrivedAt = now_;
    completeTask(t, model::FailureCause::NoReplica);
    return;
  }
  Replica& rep = d.replicas[r];
  Task& task = tasks_[t];
  task.replica = r;
  task.replicaIncarnation = rep.incarnation;
  if (partitioned(fromNode, rep.node)) {
    // Lost on the way: the sender only learns through its timeout, as over a real partition.
    freeTask(t);
    return;
  }
  SimTime faultDelay = 0;
  if (!faults_.empty()) {
    // The caller's edge faults act as it sends, the receiver's process faults as it receives;
    // a lost request is neither an arrival nor a failure there: the caller times out.
    MessageFate fate;
    if (task.kind == TaskKind::SyncChild) fate = fateOf(sender(task.edge, task.parent));
    if (!fate.lost) {
      const MessageFate in = fateOf(receiver(di, r));
      fate = MessageFate{in.lost, fate.delay + in.delay};
    }
    if (fate.lost) {
      freeTask(t);
      return;
    }
    faultDelay = fate.delay;
  }
  ++rep.inbound;
  const SimTime delay = networkDelay() + faultDelay;
  if (delay == 0) {
    acceptAtReplica(t);
  } else {
    schedule(now_ + delay, EventType::TaskArrive, t, task.incarnation);
  }
}

void Core::onTaskArrive(const Event& e) {
  if (tasks_[e.target].incarnation != e.token) return;
  acceptAtReplica(e.target);
}

void Core::attach(std::uint32_t t) {
  Task& task = tasks_[t];
  Replica& rep = deployments_[components_[task.component].deployment].replicas[task.replica];
  task.prev = kNone;
  task.next = rep.taskHead;
  if (rep.taskHead != kNone) tasks_[rep.taskHead].prev = t;
  rep.taskHead = t;
  if (task.kind != TaskKind::InProcess) ++rep.active;
}

void Core::detach(std::uint32_t t) {
  Task& task = tasks_[t];
  Replica& rep = deployments_[components_[task.component].deployment].replicas[task.replica];
  if (task.prev != kNone) {
    tasks_[task.prev].next = task.next;
  } else {
    rep.taskHead = task.next;
  }
  if (task.next != kNone) tasks_[task.next].prev = task.prev;
  task.prev = task.next = kNone;
  if (task.kind != TaskKind::InProcess) --rep.active;
}

void Core::acceptAtReplica(std::uint32_t t) {
  Task& task = tasks_[t];
  const std::uint32_t c = task.component;
  const std::uint32_t di = components_[c].deployment;
  Deployment& d = deployments_[di];
  Replica& rep = d.replicas[task.replica];
  const bool sameLife = rep.incarnation == task.replicaIncarnation;
  if (sameLife && rep.pausedBy > 0) {
    // A stopped process reads nothing: the request waits until the pause ends.
    deferred_.push_back(DeferredEvent{di, task.replica,
                                      Event{now_, 0, task.incarnation, t, EventType::TaskArrive}});
    return;
  }
  ++componentStats_[c].arrivals;
  if (task.kind != TaskKind::Async) task.arrivedAt = now_;
  if (sameLife) --rep.inbound;  // a replica that died has reset its count
  const bool accepting =
      rep.state == model::ReplicaState::Ready || rep.state == model::ReplicaState::Draining;
  if (!sameLife || !accepting) {
    // The replica died while the message travelled: the connection is refused.
    task.replica = kNone;
    completeTask(t, model::FailureCause::Crashed);
    return;
  }
  if (!faults_.empty() && takeFailFirst(receiver(di, task.replica))) {
    const std::uint32_t r = task.replica;
    completeTask(t, model::FailureCause::Error);  // at once, before the queue
    finishDrainIfIdle(di, r);
    return;
  }
  attach(t);
  if (rep.busy < d.workers) {
    startService(t);
  } else if (d.queueCapacity < 0 || static_cast<std::int64_t>(rep.queue.size()) < d.queueCapacity) {
    touchDeployment(d);
    rep.queue.push(t);
    ++d.queuedTasks;
    task.phase = TaskPhase::Queued;
  } else {
    const std::uint32_t r = task.replica;
    detach(t);
    completeTask(t, model::FailureCause::QueueFull);
    finishDrainIfIdle(di, r);
  }
}

void Core::startService(std::uint32_t t) {
  Task& task = tasks_[t];
  Deployment& d = deployments_[components_[task.component].deployment];
  Replica& rep = d.replicas[task.replica];
  touchDeployment(d);
  ++rep.busy;
  ++d.busyWorkers;
  if (rep.state == model::ReplicaState::Ready) --d.idleReadyWorkers;
  task.holdsWorker = true;
  task.phase = TaskPhase::Serving;
  beginWork(t);
}

void Core::beginWork(std::uint32_t t) {
  Task& task = tasks_[t];
  Component& comp = components_[task.component];
  const Replica& rep = deployments_[comp.deployment].replicas[task.replica];
  SimTime work = comp.serviceTime.sample(comp.rng);
  const double factor = rep.slowFactor * rep.versionFactor;
  if (factor != 1.0) work = clampedNanos(static_cast<double>(work) * factor);
  task.workEnd = now_ + work;
  schedule(task.workEnd, EventType::ServiceDone, t, task.incarnation);
}

void Core::onServiceDone(const Event& e) {
  Task& task = tasks_[e.target];
  if (task.incarnation != e.token || task.phase != TaskPhase::Serving) return;
  // Once a replica has been paused, only the latest end of a work counts, and none while its
  // replica is paused: resuming schedules it again (resumeReplica).
  if (pausedEver_ && (e.time != task.workEnd || isPaused(e.target))) return;
  Component& comp = components_[task.component];
  if (comp.errorRate > 0.0 && comp.rng.chance(comp.errorRate)) {
    finishTask(e.target, model::FailureCause::Error);
    return;
  }
  task.nextCall = 0;
  continueCalls(e.target);
}

void Core::finishTask(std::uint32_t t, model::FailureCause cause) {
  const std::uint32_t di = components_[tasks_[t].component].deployment;
  const std::uint32_t r = tasks_[t].replica;
  const bool held = tasks_[t].holdsWorker;
  detach(t);
  tasks_[t].holdsWorker = false;
  completeTask(t, cause);
  if (held) releaseWorker(di, r);
  finishDrainIfIdle(di, r);
}

void Core::completeTask(std::uint32_t t, model::FailureCause cause) {
  const Task& task = tasks_[t];
  TrafficStats& stats = componentStats_[task.component];
  if (cause == model::FailureCause::None) {
    ++stats.completed;
    stats.latency.record(now_ - task.arrivedAt);
  } else {
    stats.failures.add(cause);
  }
  switch (task.kind) {
    case TaskKind::Entry: {
      const Request& req = requests_[task.parent];
      if (!req.open || req.incarnation != task.parentCall) break;  // the client gave up
      if (!faults_.empty() && replyLost(t)) break;                 // it waits, or times out
      const SimTime delay = networkDelay();
      if (delay == 0) {
        finishRequest(task.parent, cause);
      } else {
        schedule(now_ + delay, EventType::ClientReply, task.parent,
                 (task.parentCall << 8) | static_cast<std::uint64_t>(cause));
      }
      break;
    }
    case TaskKind::SyncChild: {
      const Task& parent = tasks_[task.parent];
      if (parent.waitingCall != task.parentCall) break;  // it timed out or died meanwhile
      if (partitioned(nodeOfTask(t), nodeOfTask(task.parent))) break;
      if (!faults_.empty() && replyLost(t)) break;
      scheduleReply(task.parent, task.parentCall, cause, networkDelay());
      break;
    }
    case TaskKind::InProcess:
      if (tasks_[task.parent].waitingCall == task.parentCall) {
        scheduleReply(task.parent, task.parentCall, cause, 0);
      }
      break;
    case TaskKind::Async: {
      TrafficStats& edge = edgeStats_[task.edge];
      if (cause == model::FailureCause::None) {
        ++edge.completed;
        edge.latency.record(now_ - task.arrivedAt);
      } else {
        edge.failures.add(cause);
      }
      break;
    }
  }
  freeTask(t);
}

void Core::releaseWorker(std::uint32_t di, std::uint32_t r) {
  Deployment& d = deployments_[di];
  Replica& rep = d.replicas[r];
  touchDeployment(d);
  --rep.busy;
  --d.busyWorkers;
  if (rep.state == model::ReplicaState::Ready) ++d.idleReadyWorkers;
  if (!rep.queue.empty()) {
    const std::uint32_t next = rep.queue.pop();
    --d.queuedTasks;
    startService(next);
    return;
  }
  // Sync work waiting in the replica's own queue goes first; then the broker's backlog.
  if (rep.state == model::ReplicaState::Ready && brokerUp_ && !d.backlog.empty()) deliver(di, r);
}

}  // namespace clusterscope::engine::detail
