#pragma once

// A service-time, latency or think-time distribution as the scenario file states it.
// Values are in milliseconds; the engine converts samples to integer nanoseconds.

namespace clusterscope::engine {

enum class DistributionKind { Constant, Exponential, Uniform, Lognormal };

struct DistributionSpec {
  DistributionKind kind = DistributionKind::Constant;
  double value = 0.0;   // constant
  double mean = 0.0;    // exponential, lognormal
  double stddev = 0.0;  // lognormal
  double min = 0.0;     // uniform
  double max = 0.0;     // uniform

  // The distribution's mean in milliseconds.
  double expectedValue() const;

  static DistributionSpec constant(double ms);
  static DistributionSpec exponential(double meanMs);
  static DistributionSpec uniform(double minMs, double maxMs);
  static DistributionSpec lognormal(double meanMs, double stddevMs);

  bool operator==(const DistributionSpec&) const = default;
};

const char* distributionKindName(DistributionKind kind);

}  // namespace clusterscope::engine
