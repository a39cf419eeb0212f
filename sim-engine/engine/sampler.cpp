#include "sampler.h"

#include <cmath>

namespace clusterscope::engine {

Sampler::Sampler(const DistributionSpec& spec) : kind_(spec.kind) {
  constexpr double kNsPerMs = 1e6;
  switch (spec.kind) {
    case DistributionKind::Constant:
      a_ = spec.value * kNsPerMs;
      break;
    case DistributionKind::Exponential:
      a_ = spec.mean * kNsPerMs;
      break;
    case DistributionKind::Uniform:
      a_ = spec.min * kNsPerMs;
      b_ = spec.max * kNsPerMs;
      break;
    case DistributionKind::Lognormal: {
      // Given the lognormal's own mean m and standard deviation s:
      // sigma^2 = ln(1 + s^2/m^2), mu = ln(m) - sigma^2/2.
      const double m = spec.mean * kNsPerMs;
      const double s = spec.stddev * kNsPerMs;
      const double sigma2 = std::log1p((s * s) / (m * m));
      a_ = std::log(m) - sigma2 / 2.0;
      b_ = std::sqrt(sigma2);
      break;
    }
  }
  meanNs_ = spec.expectedValue() * kNsPerMs;
}

SimTime Sampler::sample(Rng& rng) const {
  double v = 0.0;
  switch (kind_) {
    case DistributionKind::Constant:
      v = a_;
      break;
    case DistributionKind::Exponential:
      v = rng.exponential(a_);
      break;
    case DistributionKind::Uniform:
      v = a_ + (b_ - a_) * rng.uniform01();
      break;
    case DistributionKind::Lognormal:
      v = std::exp(a_ + b_ * rng.standardNormal());
      break;
  }
  return clampedNanos(v);
}

}  // namespace clusterscope::engine
