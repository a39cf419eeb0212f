#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "cluster_layout.h"
#include "cluster_snapshot.h"
#include "component_theory.h"
#include "scenario.h"

// Queueing theory for each service of a scenario under the load in force: the arrival rate at
// a service is the open workload's rate times the service's expected visits per request along
// the call graph (each call weighted by its probability, sync and async alike), split evenly
// over its ready replicas; each replica is one queue with `workers` servers. What is predicted
// is the service's own latency as services.NAME.latency_ms measures it: from the request's
// arrival at a replica to the end of its work, queue and service, without the network hops
// (which only the end-to-end latency includes).

namespace clusterscope::theory {

// One deployment as it stands now.
struct ServiceLoad {
  int readyReplicas = 1;
  double slowFactor = 1.0;      // service times x this (slow_service, a new version)
  bool unevenReplicas = false;  // its ready replicas have different slow factors
  bool operator==(const ServiceLoad&) const = default;
};

// The cluster's state as far as theory cares. A service missing from `services` stands as the
// scenario declares it; a call missing from `callModes` keeps the scenario's mode.
struct LoadState {
  double arrivalRateRps = 0.0;  // the open workload's current rate
  std::map<std::string, ServiceLoad> services;
  std::map<std::pair<std::string, std::string>, model::CallMode> callModes;  // (from, to)
  bool operator==(const LoadState&) const = default;
};

// The load the file states at time `atS`: its rate (or stage) then, its replicas, no slow-down.
// The timeline's actions are not applied.
LoadState nominalLoad(const engine::Scenario& scenario, double atS = 0.0);
// The load in force in a running cluster built from `scenario`, read from its snapshot.
LoadState loadFromSnapshot(const model::ClusterLayout& layout,
                           const model::ClusterSnapshot& snapshot);

// One prediction per service, indexed as scenario.services.
std::vector<model::ComponentTheory> predictServices(const engine::Scenario& scenario,
                                                    const LoadState& load);
// One per component of `layout`: a module gets its monolith's reason, a component the scenario
// does not know (an agent started by hand) NotInScenario.
std::vector<model::ComponentTheory> predictComponents(const engine::Scenario& scenario,
                                                      const model::ClusterLayout& layout,
                                                      const LoadState& load);

// Expected visits of one request to each service and module (by name) along the call graph.
// A call's mode changes how it is served, not whether it is made.
std::map<std::string, double> expectedVisits(const engine::Scenario& scenario);

}  // namespace clusterscope::theory
