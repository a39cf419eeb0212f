// The clients: open arrivals (Poisson or evenly spaced, with rate stages) or a closed
// population of users who think between requests; and the end-to-end bookkeeping of each
// request, from the client's point of view.

#include <algorithm>
#include <cmath>

#include "core.h"

namespace clusterscope::engine::detail {

void Core::scheduleNextArrival() {
  if (arrivalRate_ <= 0.0) return;
  const double meanNs = 1e9 / arrivalRate_;
  const double gap =
      scenario_.workload.arrival == ArrivalKind::Poisson ? arrivalRng_.exponential(meanNs) : meanNs;
  // A gap that reaches past the end means no arrival in this run: a vanishing rate is zero.
  // Compared as a double, because such a gap does not fit the integer clock.
  if (!(gap < static_cast<double>(end_ - now_))) return;
  // At least one tick apart, so that time always moves on.
  const SimTime dt = std::max<SimTime>(1, std::llround(gap));
  schedule(now_ + dt, EventType::ExternalArrival, 0, arrivalGeneration_);
}

void Core::onExternalArrival(std::uint64_t token) {
  if (token != arrivalGeneration_) return;  // the rate changed since this was drawn
  startRequest(kNone);
  scheduleNextArrival();
}

void Core::setArrivalRate(double rps) {
  if (scenario_.workload.arrival == ArrivalKind::Closed) return;
  arrivalRate_ = std::max(0.0, rps);
  // Poisson arrivals are memoryless, so redrawing the next one at the new rate is exact.
  ++arrivalGeneration_;
  scheduleNextArrival();
}

void Core::onUserThinkDone(std::uint32_t user) { startRequest(user); }

void Core::touchRequests() {
  requestArea_ += static_cast<double>(requestsInFlight_) * simToSeconds(now_ - requestsSince_);
  requestsSince_ = now_;
}

void Core::startRequest(std::uint32_t user) {
  touchRequests();
  ++requestsInFlight_;
  std::uint32_t id;
  if (!freeRequests_.empty()) {
    id = freeRequests_.back();
    freeRequests_.pop_back();
  } else {
    id = static_cast<std::uint32_t>(requests_.size());
    requests_.emplace_back();
    checkWorkInFlight();
  }
  Request& r = requests_[id];
  r.start = now_;
  r.user = user;
  r.open = true;
  ++requestStats_.arrivals;
  if (const auto& timeout = scenario_.workload.timeoutMs) {
    schedule(now_ + durationMillis(*timeout), EventType::ClientTimeout, id, r.incarnation);
  }
  const std::uint32_t t = allocTask();
  Task& task = tasks_[t];
  task.kind = TaskKind::Entry;
  task.component = static_cast<std::uint32_t>(layout_.entryComponent);
  task.parent = id;
  task.parentCall = r.incarnation;
  task.depth = 0;
  sendTask(t, kClientNode);
}

void Core::finishRequest(std::uint32_t id, model::FailureCause cause) {
  Request& r = requests_[id];
  if (!r.open) return;
  touchRequests();
  --requestsInFlight_;
  if (cause == model::FailureCause::None) {
    ++requestStats_.completed;
    requestStats_.latency.record(now_ - r.start);
  } else {
    requestStats_.failures.add(cause);
  }
  r.open = false;
  ++r.incarnation;
  freeRequests_.push_back(id);
  if (r.user != kNone) {
    SimTime pause = thinkTime_.sample(userRng_);
    // A refusal can come at the instant of sending (a full queue, a crashed service, a
    // client timeout shorter than a tick): without a pause the user would resend at that
    // same instant for ever.
    if (cause != model::FailureCause::None) pause = std::max(pause, kUserPauseAfterFailure);
    schedule(now_ + pause, EventType::UserThinkDone, r.user, 0);
  }
}

void Core::onClientReply(const Event& e) {
  const Request& r = requests_[e.target];
  if (!r.open || r.incarnation != (e.token >> 8)) return;  // the client gave up earlier
  finishRequest(e.target, static_cast<model::FailureCause>(e.token & 0xff));
}

void Core::onClientTimeout(const Event& e) {
  const Request& r = requests_[e.target];
  if (!r.open || r.incarnation != e.token) return;
  // The work already sent goes on: a client that gives up does not cancel it.
  finishRequest(e.target, model::FailureCause::Timeout);
}

}  // namespace clusterscope::engine::detail
