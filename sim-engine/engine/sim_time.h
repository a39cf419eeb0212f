#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

#include "cluster_time.h"

namespace clusterscope::engine {

// Simulated time: an integer count of nanoseconds since the start of the run, the model's
// cluster time. Integer ticks keep event order exact and runs repeatable; a double clock would
// drift with magnitude.
using SimTime = model::ClusterTime;

inline constexpr SimTime kNanosPerMilli = 1'000'000;
inline constexpr SimTime kNanosPerSecond = 1'000'000'000;
inline constexpr SimTime kNever = std::numeric_limits<SimTime>::max();

// The longest duration a single draw may take: about 11.6 days. Keeps extreme tails (a
// lognormal with a huge spread, a service slowed a million times) from overflowing the clock.
inline constexpr double kMaxDrawNanos = 1e15;

// A duration in (fractional) nanoseconds as ticks, never negative, never past kMaxDrawNanos.
// A positive one lasts at least one tick: what the scenario says takes time does take time,
// so a loop the loader let through because something on it takes time cannot run at one
// instant.
inline SimTime clampedNanos(double ns) {
  if (!(ns > 0.0)) return 0;
  if (ns >= kMaxDrawNanos) return static_cast<SimTime>(kMaxDrawNanos);
  return ns < 1.0 ? 1 : std::llround(ns);
}

// Points in time (at_s, stage times, the end).
inline SimTime secondsToSim(double s) { return std::llround(s * 1e9); }
inline SimTime millisToSim(double ms) { return std::llround(ms * 1e6); }
// Durations from the scenario (timeouts, periods, delays), rounded as clampedNanos does.
inline SimTime durationSeconds(double s) { return clampedNanos(s * 1e9); }
inline SimTime durationMillis(double ms) { return clampedNanos(ms * 1e6); }
inline double simToSeconds(SimTime t) { return static_cast<double>(t) / 1e9; }
inline double simToMillis(SimTime t) { return static_cast<double>(t) / 1e6; }

}  // namespace clusterscope::engine
