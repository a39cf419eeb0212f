#pragma once

#include <cstdint>

namespace clusterscope::engine {

// What a run may hold before the engine stops it with a message instead of exhausting the
// machine. Every valid scenario either ends within these or stops early, saying where and
// why (Simulation::stopReason). docs/scenario-format.md documents the defaults.
struct SimulationLimits {
  // Requests waiting for their client, visits of requests to services (queued, served or
  // calling) and broker messages, all counted together. An overloaded service with an
  // unbounded queue reaches this: each one costs about 100 bytes, so the default holds a few
  // hundred MB at most.
  std::uint64_t maxWorkInFlight = 2'000'000;
  // Events at one instant of simulated time. A legitimate burst (a million users starting at
  // once) stays far below; a loop that no longer moves the clock reaches it in seconds.
  std::uint64_t maxEventsAtOneInstant = 50'000'000;
};

}  // namespace clusterscope::engine
