#pragma once

#include <cstdint>

#include "random.h"
#include "scenario.h"

namespace clusterscope::engine {

// A load balancer's choice among `n` ready replicas (n > 0), by the callee's `lb` policy
// (docs/scenario-format.md, "Services"). Returns an index in [0, n). `cursor` is the balancer's
// position, kept by the caller between choices (round robin's next replica, where least
// outstanding starts its scan); `load(i)` is what the balancer knows of replica i's load (the
// simulation: tasks held and on their way; a live caller: its own calls in flight to it).
// Random draws come from `rng`: one for `random`, two for `power_of_two`, none otherwise.
//
// Shared by the simulation and live callers (agents/calls), so both balance alike.
template <typename Load>
std::uint32_t chooseReplica(LbPolicy policy, std::uint32_t n, std::uint32_t& cursor, Rng& rng,
                            Load&& load) {
  switch (policy) {
    case LbPolicy::RoundRobin:
      if (cursor >= n) cursor = 0;
      return cursor++;
    case LbPolicy::Random:
      return rng.below(n);
    case LbPolicy::LeastOutstanding: {
      // Start the scan where the last one stopped so that ties rotate instead of always
      // landing on the lowest index.
      const std::uint32_t start = cursor % n;
      std::uint32_t best = start;
      for (std::uint32_t i = 1; i < n; ++i) {
        const std::uint32_t r = (start + i) % n;
        if (load(r) < load(best)) best = r;
      }
      cursor = start + 1;
      return best;
    }
    case LbPolicy::PowerOfTwo: {
      if (n == 1) return 0;
      const std::uint32_t a = rng.below(n);
      std::uint32_t b = rng.below(n - 1);
      if (b >= a) ++b;
      return load(b) < load(a) ? b : a;
    }
  }
  return 0;
}

}  // namespace clusterscope::engine
