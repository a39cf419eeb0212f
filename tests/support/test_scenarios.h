#pragma once

#include <string>
#include <vector>

#include "scenario.h"

// Small scenarios (and actions) built in code for the engine's tests and benchmarks.

namespace clusterscope::testing {

// One service fed by open arrivals: M/M/c, M/D/c, ... depending on the distribution.
engine::Scenario singleQueue(double rateRps, const engine::DistributionSpec& serviceTime,
                             int workers, double durationS, double warmupS = 0.0,
                             std::uint64_t seed = 1);

// A chain of services a -> b -> c ..., each calling the next with `mode`.
engine::Scenario chain(const std::vector<std::string>& names, model::CallMode mode, double rateRps,
                       double serviceMs, int replicas, int workers, double durationS);

// The benchmark cluster: `services` services in layers, `replicasPerService` replicas each,
// fed at `rateRps`; each request visits about four services.
engine::Scenario largeCluster(int services, int replicasPerService, double rateRps,
                              double durationS);

// An action of `kind` naming `service` and `replica` (the fields most actions use).
model::Action makeAction(model::ActionKind kind, const std::string& service = {}, int replica = -1);

}  // namespace clusterscope::testing
