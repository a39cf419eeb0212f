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

}  // namespace clusterscope::engine
