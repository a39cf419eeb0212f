// The commands docs/protocol.md assigns to agents ("COMMAND", "What an agent does"): scenario
// actions that concern this replica, live faults, reset_faults. A command that does not concern
// this replica is answered ok; one this agent cannot carry out, `unsupported`.

#include <variant>

#include "agent.h"

namespace clusterscope::agents::agent {

namespace {

using model::ActionKind;

constexpr const char* kUnsupported = "unsupported";

}  // namespace

bool Agent::concerns(const std::string& service, int replica) const {
  return options_.config.names(service) && (replica < 0 || replica == options_.replica);
}

void Agent::onCommand(const protocol::Command& command, CommandReply reply) {
  if (!command.target.empty() && command.target != instance_) {
    return reply(false, "this is " + instance_ + ", not " + command.target);
  }
  if (const auto* fault = std::get_if<protocol::Fault>(&command.what)) {
    if (fault->kind == protocol::FaultKind::Pause && concerns(fault->service, fault->replica)) {
      // Answered before pausing: the hub must not wait out the pause for it.
      reply(true);
      std::optional<Clock::time_point> until;
      if (fault->durationS > 0) {
        until = Clock::now() + std::chrono::nanoseconds(engine::durationSeconds(fault->durationS));
      }
      pause(until);
      return;
    }
    const std::string error = applyFault(*fault);
    return reply(error.empty(), error);
  }
  if (const auto* action = std::get_if<model::Action>(&command.what)) {
    const std::string error = applyAction(*action);
    return reply(error.empty(), error);
  }
  resetFaults();
  reply(true);
}

std::string Agent::applyAction(const model::Action& a) {
  Service::Knobs& knobs = service_->knobs();
  const AgentConfig& config = options_.config;
  switch (a.kind) {
    case ActionKind::SlowReplica:
    case ActionKind::SlowService:
      // A module's name slows its whole host: the process has one slow factor.
      if (concerns(a.service, a.kind == ActionKind::SlowReplica ? a.replica : -1)) {
        knobs.slowFactor = a.factor;
      }
      return {};
    case ActionKind::SetErrorRate:
      for (std::size_t c = 0; c < config.components.size(); ++c) {
        if (a.service == config.service || a.service == config.components[c].name) {
          knobs.errorRates[c] = a.rate;
        }
      }
      return {};
    case ActionKind::Partition:
      faults_.partition(a.node, a.otherNode);
      return {};
    case ActionKind::HealPartition:
      faults_.heal(a.node, a.otherNode);
      return {};
    case ActionKind::SetCallMode:
      for (std::size_t e = 0; e < caller_.edgeCount(); ++e) {
        calls::Caller::Edge& edge = caller_.edge(e);
        const std::string& from = edge.key.from.empty() ? config.service : edge.key.from;
        const bool every = a.from.empty() && a.to.empty();
        if (every || (from == a.from && edge.key.to == a.to)) edge.mode = a.mode;
      }
      return {};
    case ActionKind::SetResilience: {
      calls::Resilience& r = caller_.resilience();
      if (a.timeouts) r.timeouts = *a.timeouts;
      if (a.retries) r.retries = *a.retries;
      if (a.circuitBreaker) r.breakers = *a.circuitBreaker;
      return {};
    }
    default:
      return kUnsupported;  // the launcher's, the broker's or the load generator's to do
  }
}

std::string Agent::applyFault(const protocol::Fault& fault) {
  const auto now = Clock::now();
  if (!fault.service.empty()) {
    if (concerns(fault.service, fault.replica)) faults_.add(fault, now);
    return {};
  }
  for (std::size_t e = 0; e < caller_.edgeCount(); ++e) {
    const calls::EdgeKey& key = caller_.edge(e).key;
    const std::string& from = key.from.empty() ? options_.config.service : key.from;
    if (from == fault.from && key.to == fault.to) {
      faults_.add(fault, now);
      break;
    }
  }
  return {};
}

void Agent::resetFaults() {
  faults_.reset();
  Service::Knobs& knobs = service_->knobs();
  knobs.slowFactor = 1.0;
  for (std::size_t c = 0; c < options_.config.components.size(); ++c) {
    knobs.errorRates[c] = options_.config.components[c].errorRate;
  }
  endPause();
}

void Agent::pause(std::optional<Clock::time_point> until) {
  loop_.cancel(pauseTimer_);
  pauseTimer_ = 0;
  if (!paused_) {
    paused_ = true;
    timers_.pause();
    caller_.setPaused(true);
    service_->setPaused(true);
    broker_->setPaused(true);
    hub_->setReportsPaused(true);
  }
  if (until) {
    pauseTimer_ = loop_.at(*until, [this] {
      pauseTimer_ = 0;
      endPause();
    });
  }
}

void Agent::endPause() {
  if (!paused_) return;
  paused_ = false;
  loop_.cancel(pauseTimer_);
  pauseTimer_ = 0;
  hub_->setReportsPaused(false);
  broker_->setPaused(false);
  service_->setPaused(false);
  caller_.setPaused(false);
  timers_.resume();
  hub_->reportNow();
}

}  // namespace clusterscope::agents::agent
