#pragma once

#include <cstdint>

// The ranges of a scenario's numbers: what the loader accepts and what the engine can honour
// with its integer nanosecond clock. The loader checks files against them and the engine
// checks actions applied at run time against the same ones, so a saved session always loads.
// docs/scenario-format.md and scenarios/schema.json state the same values.

namespace clusterscope::engine::limits {

// One tick of the clock: the shortest positive duration.
inline constexpr double kTickMs = 1e-6;
inline constexpr double kTickS = 1e-9;

inline constexpr double kMaxMs = 1e9;      // any duration in milliseconds: about 11.6 days
inline constexpr double kMaxS = 1e6;       // any duration in seconds: the longest run
inline constexpr double kMinRunS = 0.001;  // duration_s, interval_s and period_s at least
inline constexpr double kMaxIntervalS = 3600;
inline constexpr double kMaxRateRps = 1e7;  // requests per second
inline constexpr double kMaxFactor = 1e6;   // slow-down factors, cores, cpu

inline constexpr std::int64_t kMaxReplicas = 10000;  // per service: replicas, workers, counts
inline constexpr std::int64_t kMaxTotalReplicas = 100000;
inline constexpr std::int64_t kMaxComponents = 10000;  // services and modules
inline constexpr std::int64_t kMaxUsers = 1000000;     // closed workload
inline constexpr std::int64_t kMaxWindow = 1000000;    // circuit breaker window, min_calls
inline constexpr std::int64_t kMaxCount = 1000000000;  // any other count: it fits an int
inline constexpr std::int64_t kMaxRetries = 100;

}  // namespace clusterscope::engine::limits
