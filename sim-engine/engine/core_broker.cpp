// The broker: one backlog (topic) per deployment. Publishing costs a network hop plus the
// broker's delivery latency; consumers pull when a worker is idle, after their own sync queue.
// The backlog survives while every consumer is down; a consumer that dies while handling a
// message gives it back (at-least-once delivery).

#include <algorithm>

#include "core.h"

namespace clusterscope::engine::detail {

void Core::publish(std::uint32_t caller, std::uint32_t ei) {
  ++edgeStats_[ei].arrivals;
  SimTime faultDelay = 0;
  if (!faults_.empty()) {
    // The caller's edge faults, before anything is sent (as the agents apply them).
    const FaultTarget from = sender(ei, caller);
    if (takeFailFirst(from)) {
      edgeStats_[ei].failures.add(model::FailureCause::Error);
      return;
    }
    const MessageFate fate = fateOf(from);
    if (fate.lost) {
      // The broker never sees it; an agent learns so by a missing PUBLISH_ACK.
      edgeStats_[ei].failures.add(model::FailureCause::BrokerRejected);
      return;
    }
    faultDelay = fate.delay;
  }
  if (!brokerUp_) {
    ++brokerStats_.rejected;
    edgeStats_[ei].failures.add(model::FailureCause::BrokerRejected);
    return;
  }
  const SimTime delay = faultDelay + networkDelay() +
                        (brokerDelay_.alwaysZero() ? 0 : brokerDelay_.sample(networkRng_));
  if (delay == 0) {
    acceptMessage(ei, now_);
  } else {
    schedule(now_ + delay, EventType::BrokerPublish, ei, static_cast<std::uint64_t>(now_));
  }
}

void Core::onBrokerPublish(const Event& e) {
  acceptMessage(e.target, static_cast<SimTime>(e.token));
}

void Core::acceptMessage(std::uint32_t ei, SimTime publishedAt) {
  const auto& capacity = scenario_.broker.capacity;
  if (!brokerUp_ || (capacity && backlogTotal_ >= static_cast<std::uint64_t>(*capacity))) {
    ++brokerStats_.rejected;
    edgeStats_[ei].failures.add(model::FailureCause::BrokerRejected);
    return;
  }
  ++brokerStats_.published;
  const std::uint32_t c = edges_[ei].to;
  const std::uint32_t di = components_[c].deployment;
  deployments_[di].backlog.push_back(Message{c, ei, publishedAt});
  ++backlogTotal_;
  brokerStats_.maxBacklog = std::max(brokerStats_.maxBacklog, backlogTotal_);
  checkWorkInFlight();
  dispatchBacklog(di);
}

void Core::dispatchBacklog(std::uint32_t di) {
  Deployment& d = deployments_[di];
  while (brokerUp_ && !d.backlog.empty() && d.idleReadyWorkers > 0) {
    const auto n = static_cast<std::uint32_t>(d.ready.size());
    std::uint32_t chosen = kNone;
    for (std::uint32_t i = 0; i < n; ++i) {
      const std::uint32_t pos = (d.cursor + i) % n;
      const Replica& rep = d.replicas[d.ready[pos]];
      if (rep.busy < d.workers && rep.pausedBy == 0) {  // a paused process pulls nothing
        chosen = d.ready[pos];
        d.cursor = pos + 1;
        break;
      }
    }
    if (chosen == kNone) return;  // the idle workers are on paused replicas
    deliver(di, chosen);
  }
}

void Core::deliver(std::uint32_t di, std::uint32_t r) {
  Deployment& d = deployments_[di];
  const Message m = d.backlog.front();
  d.backlog.pop_front();
  --backlogTotal_;
  ++brokerStats_.delivered;
  brokerStats_.maxLagMs = std::max(brokerStats_.maxLagMs, simToMillis(now_ - m.publishedAt));
  const std::uint32_t t = allocTask();
  Task& task = tasks_[t];
  task.kind = TaskKind::Async;
  task.component = m.component;
  task.edge = m.edge;
  task.arrivedAt = m.publishedAt;  // its latency includes the wait in the broker
  task.replica = r;
  task.replicaIncarnation = d.replicas[r].incarnation;
  ++componentStats_[m.component].arrivals;
  attach(t);
  startService(t);
}

void Core::redeliver(const Task& task) {
  const std::uint32_t di = components_[task.component].deployment;
  deployments_[di].backlog.push_front(Message{task.component, task.edge, task.arrivedAt});
  ++backlogTotal_;
  ++brokerStats_.redelivered;
  brokerStats_.maxBacklog = std::max(brokerStats_.maxBacklog, backlogTotal_);
}

void Core::setBrokerUp(bool up) {
  brokerUp_ = up;
  if (!up) return;
  for (std::uint32_t d = 0; d < deployments_.size(); ++d) dispatchBacklog(d);
}

}  // namespace clusterscope::engine::detail
