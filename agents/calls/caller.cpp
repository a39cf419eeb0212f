// One call's attempts, in the order docs/protocol.md "What an agent does" gives: the budget and
// the depth, the bulkhead, the replica, the breaker, edge faults; then the request goes out
// (unless a partition or an edge fault loses it) and waits for its answer or its timeout.

#include <algorithm>

#include "caller_parts.h"
#include "replica_choice.h"
#include "request_frames.h"
#include "sim_time.h"

namespace clusterscope::agents::calls {

namespace {

using model::FailureCause;

std::int64_t toNs(Clock::duration d) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(d).count();
}

}  // namespace

Caller::Caller(Timers& timers, zmq::context_t& context, FaultBook& faults, Options options)
    : timers_(timers),
      context_(context),
      faults_(faults),
      options_(std::move(options)),
      rng_(engine::Rng::stream(options_.seed, engine::streams::kRouting)) {}

Caller::~Caller() {
  for (auto& [id, attempt] : pending_) timers_.cancel(attempt.timer);
  for (auto& [endpoint, connection] : connections_) {
    timers_.loop().unwatch(connection->socket);
  }
}

Caller::EdgeId Caller::addEdge(EdgeKey key, CallPolicy policy, model::CallMode mode) {
  Edge e;
  e.key = std::move(key);
  if (policy.breaker) e.breaker.emplace(*policy.breaker);
  e.policy = std::move(policy);
  e.mode = mode;
  edges_.push_back(std::move(e));
  return edges_.size() - 1;
}

model::BreakerState Caller::breakerState(EdgeId id) const {
  const Edge& e = edges_[id];
  if (!e.breaker || !resilience_.breakers) return model::BreakerState::None;
  return e.breaker->state();
}

void Caller::call(EdgeId edge, const CallContext& context, Done done) {
  // Failures decided here reach `done` at the next turn, never from inside this call.
  insideCall_ = true;
  start(Run{edge, context, std::move(done), 0});
  insideCall_ = false;
}

void Caller::start(Run run) {
  Edge& edge = edges_[run.edge];
  ++run.attempts;
  ++edge.stats.calls;
  const auto now = Clock::now();
  if (run.context.deadline <= now)
    return failed(std::move(run), FailureCause::Timeout, false, false);
  if (run.context.depth > protocol::kMaxCallDepth) {
    return failed(std::move(run), FailureCause::TooDeep, false, false);
  }
  // The bulkhead before the breaker: a half-open trial the breaker lets through must be sent,
  // or it would never report back.
  if (edge.policy.bulkhead && edge.stats.inFlight >= *edge.policy.bulkhead) {
    return failed(std::move(run), FailureCause::BulkheadFull, false, false);
  }
  const bool breakerOn = edge.breaker && resilience_.breakers;
  if (breakerOn && !edge.breaker->allows(toNs(now.time_since_epoch()))) {
    return failed(std::move(run), FailureCause::CircuitOpen, false, false);
  }
  const auto target = targets_.find(edge.key.to);
  if (target == targets_.end() || target->second.replicas.empty()) {
    return failed(std::move(run), FailureCause::NoReplica, true, true);
  }
  Target& t = target->second;
  const auto n = static_cast<std::uint32_t>(t.replicas.size());
  const std::uint32_t i =
      engine::chooseReplica(edge.policy.lb, n, cursors_[t.deployment], rng_,
                            [&](std::uint32_t r) { return t.replicas[r].connection->outstanding; });
  const Target::Replica& replica = t.replicas[i];
  const std::string& from = edge.key.from.empty() ? options_.self : edge.key.from;
  const FaultBook::Verdict verdict = faults_.onSend(from, edge.key.to, rng_, now);
  if (verdict.failFirst) return failed(std::move(run), FailureCause::Error, true, true);

  Clock::time_point attemptDeadline = run.context.deadline;
  if (edge.policy.timeout && resilience_.timeouts && *edge.policy.timeout < attemptDeadline - now) {
    attemptDeadline = now + *edge.policy.timeout;
  }
  const std::uint64_t id = nextRequestId_++;
  Attempt& a = pending_[id];
  a.connection = replica.connection;
  a.target = t.header;
  a.timeoutNs = attemptDeadline == Clock::time_point::max()
                    ? 0
                    : std::max<std::int64_t>(1, toNs(attemptDeadline - now));
  a.sentAt = now;
  ++a.connection->outstanding;
  ++edge.stats.inFlight;
  if (attemptDeadline != Clock::time_point::max()) {
    a.timer = timers_.at(attemptDeadline, [this, id] { onTimeout(id); });
  }
  a.run = std::move(run);
  // Lost on the way: the caller learns only by its timeout, as over a real network.
  if (verdict.drop || faults_.cut(options_.node, replica.node)) {
    ++stats_.lostToFaults;
    return;
  }
  if (verdict.delay > Clock::duration::zero()) {
    timers_.after(verdict.delay, [this, id] { send(id); });
    return;
  }
  send(id);
}

void Caller::send(std::uint64_t requestId) {
  const auto it = pending_.find(requestId);
  if (it == pending_.end() || it->second.sent) return;  // timed out while a fault held it back
  Attempt& a = it->second;
  protocol::RequestHeader h;
  h.type = protocol::RequestType::Request;
  h.flags = a.run.attempts > 1 ? protocol::kRequestFlagRetry : 0;
  h.depth = a.run.context.depth;
  h.requestId = requestId;
  h.originNs = a.run.context.originNs;
  h.timeoutNs = a.timeoutNs;
  h.target = a.target;
  char header[protocol::kMaxRequestHeaderBytes];
  const std::size_t size = protocol::writeRequestHeader(h, header);
  a.sent = true;
  a.sentAt = Clock::now();
  if (zmq_send(a.connection->socket.handle(), header, size, ZMQ_DONTWAIT) >= 0) {
    stats_.sends.count(SendStatus::Sent);
    return;
  }
  stats_.sends.count(zmq_errno() == EAGAIN ? SendStatus::WouldBlock : SendStatus::Failed);
  Run run = std::move(a.run);
  settle(a);
  pending_.erase(it);
  failed(std::move(run), FailureCause::QueueFull, true, true);
}

void Caller::settle(Attempt& a) {
  timers_.cancel(a.timer);
  --edges_[a.run.edge].stats.inFlight;
  if (--a.connection->outstanding == 0 && !a.connection->listed) closeIdle();
}

void Caller::onTimeout(std::uint64_t requestId) {
  const auto it = pending_.find(requestId);
  if (it == pending_.end()) return;
  it->second.timer = 0;
  Run run = std::move(it->second.run);
  settle(it->second);
  pending_.erase(it);
  failed(std::move(run), FailureCause::Timeout, true, true);
}

void Caller::onAnswer(Connection& connection, const protocol::RequestHeader& header) {
  const auto it = pending_.find(header.requestId);
  if (it == pending_.end() || it->second.connection != &connection || !it->second.sent) {
    ++stats_.late;  // its caller gave up on it (timeout), or it is not ours
    return;
  }
  Run run = std::move(it->second.run);
  const Clock::time_point sentAt = it->second.sentAt;
  settle(it->second);
  pending_.erase(it);
  if (header.type == protocol::RequestType::Error) {
    return failed(std::move(run), header.cause, true, true);
  }
  const auto now = Clock::now();
  Edge& edge = edges_[run.edge];
  ++edge.stats.completed;
  edge.stats.latency.record(toNs(now - sentAt));
  if (edge.breaker && resilience_.breakers)
    edge.breaker->record(false, toNs(now.time_since_epoch()));
  finish(run, FailureCause::None);
}

void Caller::failed(Run run, FailureCause cause, bool retryable, bool recorded) {
  Edge& edge = edges_[run.edge];
  edge.stats.failures.add(cause);
  const auto now = Clock::now();
  if (recorded && edge.breaker && resilience_.breakers) {
    edge.breaker->record(true, toNs(now.time_since_epoch()));
  }
  const int retries = resilience_.retries ? edge.policy.retries : 0;
  if (!retryable || run.attempts > retries) return finish(run, cause);
  // Retry k waits backoff * 2^(k-1); a retry that could not start within the budget is not
  // made: the backoff counts against the budget.
  const int doublings = std::min(run.attempts - 1, 30);
  const Clock::duration wait = edge.policy.backoff * (std::int64_t{1} << doublings);
  if (run.context.deadline != Clock::time_point::max() && run.context.deadline - now <= wait) {
    return finish(run, cause);
  }
  timers_.after(wait, [this, run = std::move(run)]() mutable { start(std::move(run)); });
}

void Caller::finish(Run& run, FailureCause cause) {
  if (insideCall_) {
    timers_.soon([done = std::move(run.done), cause] { done(cause); });
    return;
  }
  Done done = std::move(run.done);
  done(cause);
}

}  // namespace clusterscope::agents::calls
