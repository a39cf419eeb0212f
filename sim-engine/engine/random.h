#pragma once

#include <cstdint>

namespace clusterscope::engine {

// xoshiro256** seeded through splitmix64. Written out here rather than taken from <random>
// because the standard distributions are implementation-defined: the same seed must give the
// same run with any standard library.
class Rng {
 public:
  explicit Rng(std::uint64_t seed = 1);
  // An independent stream for one purpose (arrivals, one service's times, ...), so that
  // changing how one part draws numbers does not shift the numbers every other part sees.
  static Rng stream(std::uint64_t seed, std::uint64_t streamId);

  std::uint64_t next();
  double uniform01();                    // in [0, 1)
  double exponential(double mean);       // mean > 0
  double standardNormal();               // Box-Muller, one draw per call
  std::uint32_t below(std::uint32_t n);  // uniform in [0, n), n > 0
  bool chance(double p) { return uniform01() < p; }

 private:
  std::uint64_t s_[4];
};

// The streams a run draws from, one per purpose: Rng::stream(seed, id). Live processes made from
// a scenario draw from the same ones with the scenario's seed (the load generator its arrivals,
// an agent its component's service times), so that a real replica 0 meets the numbers the
// simulation of the same scenario and seed meets.
namespace streams {
inline constexpr std::uint64_t kArrivals = 1;  // open arrivals: the gaps between requests
inline constexpr std::uint64_t kNetwork = 2;   // network latency draws
inline constexpr std::uint64_t kRouting = 3;   // load balancing and call probabilities
inline constexpr std::uint64_t kUsers = 4;     // a closed workload's think times
inline constexpr std::uint64_t kFaults = 5;    // the faults' draws (loss, jitter)
// Component c (its index in the layout: services in file order, a monolith's modules in its
// place) draws its service times and error draws from kComponentBase + c.
inline constexpr std::uint64_t kComponentBase = 1000;
}  // namespace streams

}  // namespace clusterscope::engine
