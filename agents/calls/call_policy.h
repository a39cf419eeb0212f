#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "event_loop.h"
#include "scenario.h"

// What governs one call edge as its caller sees it (docs/scenario-format.md, "Calls"; the rules
// live agents follow are docs/protocol.md, "What an agent does"). Plain values.

namespace clusterscope::agents::calls {

using Clock = EventLoop::Clock;

// An edge by its two ends: `from` the calling module of a monolith, empty for the service itself
// (or the load generator's clients); `to` the called service or module.
struct EdgeKey {
  std::string from;
  std::string to;
  bool operator==(const EdgeKey&) const = default;
};

// The scenario's call policy with durations in nanoseconds of the caller's monotonic clock.
struct CallPolicy {
  std::optional<Clock::duration> timeout;  // per attempt; none: no limit of its own
  int retries = 0;                         // extra attempts after a failure
  Clock::duration backoff = std::chrono::milliseconds(10);  // retry k waits backoff * 2^(k-1)
  std::optional<int> bulkhead;  // at most this many attempts in flight on the edge
  std::optional<engine::CircuitBreakerSpec> breaker;
  engine::LbPolicy lb = engine::LbPolicy::RoundRobin;  // the callee's policy (its `lb`)

  // The scenario's call, toward a callee whose deployment balances with `calleeLb`. Durations
  // are rounded as the engine rounds them.
  static CallPolicy of(const engine::CallSpec& spec, engine::LbPolicy calleeLb);
};

// The switches of `set_resilience`, for every edge of a caller at once. Off: the edges' own
// timeouts, retries or breakers are not applied; a request's budget still bounds its calls and
// bulkheads stay.
struct Resilience {
  bool timeouts = true;
  bool retries = true;
  bool breakers = true;
};

// The request a call is made for.
struct CallContext {
  // The request's own deadline on the caller's monotonic clock (its receipt plus its
  // timeout_ns, or the client's intended send time plus its timeout); max: no budget.
  Clock::time_point deadline = Clock::time_point::max();
  // The `depth` the outgoing REQUEST carries: 0 from the load generator, the served request's
  // depth + 1 from an agent. Above 64 the call is refused with `too_deep`.
  int depth = 0;
  // The original client's intended send time, Unix epoch ns; passed on unchanged.
  std::int64_t originNs = 0;
};

}  // namespace clusterscope::agents::calls
