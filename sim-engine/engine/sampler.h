#pragma once

#include "distribution_spec.h"
#include "random.h"
#include "sim_time.h"

namespace clusterscope::engine {

// A distribution ready to draw from: parameters converted once to nanoseconds (and, for the
// lognormal, to the underlying normal's mu and sigma). Samples are never negative.
class Sampler {
 public:
  Sampler() = default;  // always zero
  explicit Sampler(const DistributionSpec& spec);

  SimTime sample(Rng& rng) const;
  double meanNanos() const { return meanNs_; }
  bool alwaysZero() const { return kind_ == DistributionKind::Constant && a_ == 0.0; }

 private:
  DistributionKind kind_ = DistributionKind::Constant;
  double a_ = 0.0;  // constant value, exponential mean, uniform min, lognormal mu
  double b_ = 0.0;  // uniform max, lognormal sigma
  double meanNs_ = 0.0;
};

}  // namespace clusterscope::engine
