#include "circuit_breaker.h"

#include <algorithm>

namespace clusterscope::engine {

CircuitBreaker::CircuitBreaker(const CircuitBreakerSpec& spec) : spec_(spec) {
  spec_.window = std::max(1, spec_.window);
}

bool CircuitBreaker::allows(SimTime now) {
  if (state_ == model::BreakerState::Open) {
    if (now < openUntil_) return false;
    state_ = model::BreakerState::HalfOpen;
    trialsInFlight_ = 0;
    trialSuccesses_ = 0;
  }
  if (state_ == model::BreakerState::HalfOpen) {
    if (trialsInFlight_ >= spec_.halfOpenCalls) return false;
    ++trialsInFlight_;
  }
  return true;
}

void CircuitBreaker::open(SimTime now) {
  state_ = model::BreakerState::Open;
  openUntil_ = now + durationSeconds(spec_.openS);
  outcomes_.clear();
  next_ = failures_ = 0;
}

void CircuitBreaker::record(bool failed, SimTime now) {
  switch (state_) {
    case model::BreakerState::HalfOpen:
      if (failed) {
        open(now);
      } else if (++trialSuccesses_ >= spec_.halfOpenCalls) {
        state_ = model::BreakerState::Closed;
      }
      return;
    case model::BreakerState::Open:
    case model::BreakerState::None:
      return;  // a late result of a call made before it opened
    case model::BreakerState::Closed:
      break;
  }
  const auto window = static_cast<std::size_t>(spec_.window);
  if (outcomes_.size() < window) {
    outcomes_.push_back(failed ? 1 : 0);
  } else {
    failures_ -= outcomes_[next_];
    outcomes_[next_] = failed ? 1 : 0;
    next_ = static_cast<int>((static_cast<std::size_t>(next_) + 1) % window);
  }
  failures_ += failed ? 1 : 0;
  const auto recorded = static_cast<int>(outcomes_.size());
  if (recorded >= spec_.minCalls &&
      failures_ >= spec_.failureRatio * static_cast<double>(recorded)) {
    open(now);
  }
}

}  // namespace clusterscope::engine
