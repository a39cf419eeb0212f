// What a task does after its own work: its calls, in the order the scenario lists them.
// A sync call holds the caller's worker until the reply, a timeout or a refusal (circuit
// breaker, bulkhead) resolves it; failures are retried with exponential backoff. An async
// call is handed to the broker (core_broker.cpp) and the caller goes on at once.

#include <algorithm>

#include "core.h"

namespace clusterscope::engine::detail {

namespace {

bool isLocalRefusal(model::FailureCause cause) {
  return cause == model::FailureCause::CircuitOpen || cause == model::FailureCause::BulkheadFull ||
         cause == model::FailureCause::TooDeep;
}

}  // namespace

void Core::continueCalls(std::uint32_t t) {
  for (;;) {
    Task& task = tasks_[t];
    const auto& calls = components_[task.component].calls;
    if (task.nextCall >= calls.size()) {
      finishTask(t, model::FailureCause::None);
      return;
    }
    const std::uint32_t ei = calls[task.nextCall];
    const Edge& edge = edges_[ei];
    if (edge.probability < 1.0 && !routingRng_.chance(edge.probability)) {
      ++task.nextCall;
      continue;
    }
    if (edge.mode == model::CallMode::Async) {
      publish(t, ei);
      ++tasks_[t].nextCall;  // publish may have grown tasks_: index again
      continue;
    }
    task.attempt = 0;
    startAttempt(t);
    return;
  }
}

void Core::startAttempt(std::uint32_t t) {
  Task& task = tasks_[t];
  const std::uint32_t ei = components_[task.component].calls[task.nextCall];
  Edge& edge = edges_[ei];
  const std::uint64_t call = ++nextCall_;
  task.waitingCall = call;
  task.callStart = now_;
  task.phase = TaskPhase::Calling;
  ++edgeStats_[ei].arrivals;
  // Refusals decided by the caller itself still resolve through a Reply event, so that every
  // attempt ends the same way and no handler recurses into another.
  if (task.depth + 1 > kMaxCallDepth) {
    scheduleReply(t, call, model::FailureCause::TooDeep, 0);
    return;
  }
  if (edge.breaker && breakersOn_ && !edge.breaker->allows(now_)) {
    scheduleReply(t, call, model::FailureCause::CircuitOpen, 0);
    return;
  }
  if (edge.bulkhead > 0 && edge.inFlight >= edge.bulkhead) {
    scheduleReply(t, call, model::FailureCause::BulkheadFull, 0);
    return;
  }
  // Asked last, as the agents do, so that a trial call the breaker let through gets an
  // outcome. A call inside one monolith's replica is not a message: edge faults leave it be.
  if (!faults_.empty() && !edge.inProcess() && takeFailFirst(sender(ei, t))) {
    scheduleReply(t, call, model::FailureCause::Error, 0);
    return;
  }
  ++edge.inFlight;
  task.countedInFlight = true;
  const bool inProcess = edge.inProcess();
  const int fromNode = nodeOfTask(t);
  const auto depth = static_cast<std::uint16_t>(task.depth + 1);
  const std::uint32_t replica = task.replica;
  const std::uint32_t replicaIncarnation = task.replicaIncarnation;
  const SimTime timeout = edge.timeout;

  const std::uint32_t child = allocTask();  // from here on `task` may dangle
  Task& c = tasks_[child];
  c.component = edge.to;
  c.parent = t;
  c.parentCall = call;
  c.edge = ei;
  c.depth = depth;
  if (inProcess) {
    // A function call inside the monolith: same replica, same worker, no network.
    c.kind = TaskKind::InProcess;
    c.replica = replica;
    c.replicaIncarnation = replicaIncarnation;
    c.arrivedAt = now_;
    c.phase = TaskPhase::Serving;
    ++componentStats_[edge.to].arrivals;
    attach(child);
    beginWork(child);
    return;
  }
  c.kind = TaskKind::SyncChild;
  sendTask(child, fromNode);
  if (timeoutsOn_ && timeout != kNever) {
    schedule(now_ + timeout, EventType::CallTimeout, t, call);
  }
}

void Core::scheduleReply(std::uint32_t parent, std::uint64_t call, model::FailureCause cause,
                         SimTime delay) {
  schedule(now_ + delay, EventType::Reply, parent, (call << 8) | static_cast<std::uint64_t>(cause));
}

void Core::onReply(const Event& e) {
  const Task& task = tasks_[e.target];
  if (task.phase != TaskPhase::Calling || task.waitingCall != (e.token >> 8)) return;
  if (pausedEver_ && deferIfPaused(e, e.target)) return;
  resolveCall(e.target, static_cast<model::FailureCause>(e.token & 0xff));
}

void Core::onCallTimeout(const Event& e) {
  const Task& task = tasks_[e.target];
  if (task.phase != TaskPhase::Calling || task.waitingCall != e.token) return;
  if (pausedEver_ && deferIfPaused(e, e.target)) return;
  if (!timeoutsOn_) return;  // switched off since: keep waiting for the reply
  // The callee is not told: its work goes on and its late reply is ignored.
  resolveCall(e.target, model::FailureCause::Timeout);
}

void Core::onRetry(const Event& e) {
  const Task& task = tasks_[e.target];
  if (task.phase != TaskPhase::Calling || task.waitingCall != e.token) return;
  if (pausedEver_ && deferIfPaused(e, e.target)) return;
  startAttempt(e.target);
}

void Core::resolveCall(std::uint32_t t, model::FailureCause cause) {
  Task& task = tasks_[t];
  const std::uint32_t ei = components_[task.component].calls[task.nextCall];
  Edge& edge = edges_[ei];
  task.waitingCall = 0;
  if (task.countedInFlight) {
    --edge.inFlight;
    task.countedInFlight = false;
  }
  TrafficStats& stats = edgeStats_[ei];
  if (cause == model::FailureCause::None) {
    ++stats.completed;
    stats.latency.record(now_ - task.callStart);
  } else {
    stats.failures.add(cause);
  }
  if (edge.breaker && breakersOn_ && !isLocalRefusal(cause)) {
    edge.breaker->record(cause != model::FailureCause::None, now_);
  }
  if (cause == model::FailureCause::None) {
    ++task.nextCall;
    continueCalls(t);
    return;
  }
  if (!isLocalRefusal(cause) && retriesOn_ && task.attempt < edge.retries) {
    ++task.attempt;
    const int doublings = std::min(task.attempt - 1, 30);
    const SimTime wait = edge.backoff * (SimTime{1} << doublings);
    task.waitingCall = ++nextCall_;  // the worker stays held while it backs off
    schedule(now_ + wait, EventType::RetryCall, t, task.waitingCall);
    return;
  }
  if (edge.required) {
    finishTask(t, cause);
    return;
  }
  // An optional call failed: the caller answers without that feature.
  ++task.nextCall;
  continueCalls(t);
}

}  // namespace clusterscope::engine::detail
