#pragma once

#include <cstdint>
#include <string>

// Scenarios that the loader should accept, with values drawn from the ends of every range
// (the smallest durations and rates, the largest counts and windows, zero-time services,
// async cycles, closed users, every timeline action): the files an adversarial user writes
// to make a run hang or eat memory. Deterministic: one seed, one text.

namespace clusterscope::fuzz {

class Splitmix {
 public:
  explicit Splitmix(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
  bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }

 private:
  std::uint64_t state_;
};

// A scenario as JSON text, built from `seed`. Most are valid; some break a cross-field rule
// (a replica index, capacity), which the loader must then refuse with diagnostics.
std::string generateScenario(std::uint64_t seed);

}  // namespace clusterscope::fuzz
