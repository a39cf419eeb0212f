#include "distribution_spec.h"

namespace clusterscope::engine {

double DistributionSpec::expectedValue() const {
  switch (kind) {
    case DistributionKind::Constant:
      return value;
    case DistributionKind::Exponential:
    case DistributionKind::Lognormal:
      return mean;
    case DistributionKind::Uniform:
      return (min + max) / 2.0;
  }
  return 0.0;
}

DistributionSpec DistributionSpec::constant(double ms) {
  DistributionSpec d;
  d.kind = DistributionKind::Constant;
  d.value = ms;
  return d;
}

DistributionSpec DistributionSpec::exponential(double meanMs) {
  DistributionSpec d;
  d.kind = DistributionKind::Exponential;
  d.mean = meanMs;
  return d;
}

DistributionSpec DistributionSpec::uniform(double minMs, double maxMs) {
  DistributionSpec d;
  d.kind = DistributionKind::Uniform;
  d.min = minMs;
  d.max = maxMs;
  return d;
}

DistributionSpec DistributionSpec::lognormal(double meanMs, double stddevMs) {
  DistributionSpec d;
  d.kind = DistributionKind::Lognormal;
  d.mean = meanMs;
  d.stddev = stddevMs;
  return d;
}

const char* distributionKindName(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::Constant:
      return "constant";
    case DistributionKind::Exponential:
      return "exponential";
    case DistributionKind::Uniform:
      return "uniform";
    case DistributionKind::Lognormal:
      return "lognormal";
  }
  return "?";
}

}  // namespace clusterscope::engine
