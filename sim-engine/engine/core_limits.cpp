// The engine's guards against runs that cannot end well: too much work held at once (an
// overloaded service with an unbounded queue, a broker nobody drains, clients that wait for
// ever across a partition) and a clock that no longer moves. Both stop the run with a message
// that says where the trouble is and what bounds it, instead of exhausting the machine. And
// the purge of stale events, so that the event heap holds what is pending, not what was.

#include <algorithm>
#include <cstdio>

#include "core.h"
#include "engine_text.h"

namespace clusterscope::engine::detail {

namespace {

std::string seconds(SimTime t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g s", simToSeconds(t));
  return buf;
}

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

std::string eventDescription(EventType type) {
  switch (type) {
    case EventType::ExternalArrival:
      return text::translate("RunLimits", "a request arriving");
    case EventType::UserThinkDone:
      return text::translate("RunLimits", "a user sending a request");
    case EventType::TaskArrive:
      return text::translate("RunLimits", "a request reaching a replica");
    case EventType::ServiceDone:
      return text::translate("RunLimits", "a service finishing its work");
    case EventType::Reply:
      return text::translate("RunLimits", "a call's reply");
    case EventType::ClientReply:
      return text::translate("RunLimits", "a client receiving its reply");
    case EventType::BrokerPublish:
      return text::translate("RunLimits", "a message reaching the broker");
    case EventType::RetryCall:
      return text::translate("RunLimits", "a call being retried");
    default:
      return text::translate("RunLimits", "a cluster event");
  }
}

}  // namespace

void Core::requestStop(std::string reason) {
  if (stopRequested_) return;
  stopRequested_ = true;
  stopReason_ = std::move(reason);
}

void Core::finishEarly() {
  if (finished_) return;
  closeInterval();  // the partial interval still reaches the observers: nothing is lost
  finished_ = true;
  for (auto* o : observers_) o->onFinished(now_);
}

void Core::checkWorkInFlight() {
  if (stopRequested_) return;
  const std::uint64_t work =
      requestsInFlight_ + (tasks_.size() - freeTasks_.size()) + backlogTotal_;
  if (work > limits_.maxWorkInFlight) requestStop(overloadMessage(work));
}

void Core::purgeStaleEvents() {
  queue_.removeIf([this](const Event& e) { return isStale(e); });
  purgeAt_ = std::max(kFirstPurge, 2 * queue_.size());
}

// Exactly the events whose handler would return without doing anything, for any state the
// run can reach later: tokens only ever move forward, so a stale event stays stale.
bool Core::isStale(const Event& e) const {
  switch (e.type) {
    case EventType::ClientTimeout:
      return !requests_[e.target].open || requests_[e.target].incarnation != e.token;
    case EventType::ClientReply:
      return !requests_[e.target].open || requests_[e.target].incarnation != (e.token >> 8);
    case EventType::CallTimeout:
    case EventType::RetryCall:
      return tasks_[e.target].waitingCall != e.token;
    case EventType::Reply:
      return tasks_[e.target].waitingCall != (e.token >> 8);
    case EventType::TaskArrive:
    case EventType::ServiceDone:
      return tasks_[e.target].incarnation != e.token;
    default:
      return false;
  }
}

std::string Core::overloadMessage(std::uint64_t work) const {
  const std::string head =
      text::format(text::translate("RunLimits",
                                   "the run stopped at %1: %2 requests, service visits and broker "
                                   "messages were in the system at once (the limit is %3)"),
                   {seconds(now_), std::to_string(work), std::to_string(limits_.maxWorkInFlight)});
  // Name the place that holds the most, and what bounds it.
  std::size_t queueAt = 0, backlogAt = 0;
  for (std::size_t d = 1; d < deployments_.size(); ++d) {
    if (deployments_[d].queuedTasks > deployments_[queueAt].queuedTasks) queueAt = d;
    if (deployments_[d].backlog.size() > deployments_[backlogAt].backlog.size()) backlogAt = d;
  }
  const auto queued = static_cast<std::uint64_t>(std::max(0, deployments_[queueAt].queuedTasks));
  const std::uint64_t backlog = deployments_[backlogAt].backlog.size();
  const std::string& queueName = layout_.deployments[queueAt].name;
  const std::string& backlogName = layout_.deployments[backlogAt].name;
  if (queued >= backlog && queued * 4 >= work) {
    return text::format(
        text::translate("RunLimits",
                        "%1; %2 of them wait in the queues of %3 (/services/%4): give it a "
                        "\"queue_capacity\" so that requests beyond it fail instead of waiting"),
        {head, std::to_string(queued), quoted(queueName), std::to_string(queueAt)});
  }
  if (backlog * 4 >= work) {
    return text::format(
        text::translate("RunLimits",
                        "%1; %2 of them are broker messages for %3 (/services/%4): give the broker "
                        "a \"capacity\" or %3 more replicas or workers"),
        {head, std::to_string(backlog), quoted(backlogName), std::to_string(backlogAt)});
  }
  return text::format(
      text::translate("RunLimits",
                      "%1; most of them wait for replies that are late or lost: give the workload "
                      "and the calls a \"timeout_ms\", or lower the load"),
      {head});
}

std::string Core::stuckMessage(const Event& e) const {
  std::string where;
  switch (e.type) {
    case EventType::TaskArrive:
    case EventType::ServiceDone:
    case EventType::Reply:
    case EventType::RetryCall:
      if (e.target < tasks_.size()) {
        where = quoted(layout_.components[tasks_[e.target].component].name);
      }
      break;
    case EventType::UserThinkDone:
    case EventType::ExternalArrival:
      where = quoted(layout_.components[layout_.entryComponent].name);
      break;
    default:
      break;
  }
  // The last event, and where it happened when it is at a component.
  const std::string last = where.empty() ? eventDescription(e.type)
                                         : text::format(text::translate("RunLimits", "%1 at %2"),
                                                        {eventDescription(e.type), where});
  return text::format(
      text::translate(
          "RunLimits",
          "the run is stuck at %1: %2 events happened without the clock moving (the last: %3); "
          "something loops in zero time: give it a service time or a latency"),
      {seconds(now_), std::to_string(limits_.maxEventsAtOneInstant), last});
}

}  // namespace clusterscope::engine::detail
