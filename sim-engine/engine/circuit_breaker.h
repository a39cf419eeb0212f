#pragma once

#include <cstdint>
#include <vector>

#include "cluster_snapshot.h"
#include "scenario.h"
#include "sim_time.h"

namespace clusterscope::engine {

// The circuit breaker of one call edge (docs/scenario-format.md, "Calls"): over the last
// `window` results of calls that reached the callee, once at least `min_calls` were recorded and
// the failed share reaches `failure_ratio`, it opens for `open_s`; then it lets `half_open_calls`
// trial calls through, closes when all of them succeed and opens again at the first failure.
//
// One class for the simulation and for live agents (agents/calls), so that a breaker opens,
// probes and closes alike in both. Times are nanoseconds on the owner's clock (the engine's
// SimTime, an agent's monotonic clock), passed in by the owner: the breaker reads no clock.
// Not thread-safe; no allocation up front (the window fills as calls are recorded).
class CircuitBreaker {
 public:
  // A window below 1 is taken as 1.
  explicit CircuitBreaker(const CircuitBreakerSpec& spec);

  // Whether a call may go now. An open breaker whose time is up turns half-open; a half-open
  // one lets at most `half_open_calls` trials through in all, counting each one allowed.
  bool allows(SimTime now);
  // The result of a call that reached the callee. Refusals decided by the caller itself
  // (circuit open, bulkhead full, too deep) must not be recorded. A result that arrives while
  // the breaker is open (a call made before it opened) is ignored.
  void record(bool failed, SimTime now);

  model::BreakerState state() const { return state_; }
  const CircuitBreakerSpec& spec() const { return spec_; }

 private:
  void open(SimTime now);

  CircuitBreakerSpec spec_;
  model::BreakerState state_ = model::BreakerState::Closed;
  // Recent results, 1 = failure: grows with the calls made up to spec_.window, then a ring
  // whose oldest entry is at `next_`. Never allocated up front: a window may be far larger
  // than what a run fills.
  std::vector<std::uint8_t> outcomes_;
  int next_ = 0;
  int failures_ = 0;
  SimTime openUntil_ = 0;
  int trialsInFlight_ = 0;
  int trialSuccesses_ = 0;
};

}  // namespace clusterscope::engine
