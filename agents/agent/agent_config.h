#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scenario.h"

// What one agent process serves: one replica of one deployment, with the work of each of its
// components (the service itself, or a monolith's modules), made from a scenario or from one
// service object (--config, or the agent's flags). Plain values; building one is the only place
// the scenario's structs are read.

namespace clusterscope::agents::agent {

struct ComponentConfig {
  std::string name;
  engine::DistributionSpec serviceTimeMs;
  double errorRate = 0.0;
  std::vector<engine::CallSpec> calls;
  // Its service times and error draws come from Rng::stream(seed, stream): the simulation's
  // stream for the component (engine::streams::kComponentBase + its layout index), offset by
  // replica << 32 so that replicas draw apart and replica 0 draws what the simulation draws.
  std::uint64_t stream = 0;
};

struct AgentConfig {
  std::string service;  // the deployment: a service, or a monolith's host
  bool monolith = false;
  std::vector<ComponentConfig> components;  // the service itself, or the modules
  int workers = 1;
  std::optional<int> queueCapacity;  // none: unbounded
  double startupS = 0.0;
  std::string language = "c++";
  // The `lb` of each component's deployment, by the name callers use (services and modules).
  // A component not listed (an agent not made from a scenario) is balanced round robin.
  std::map<std::string, engine::LbPolicy> calleeLb;
  std::uint64_t seed = 1;  // the scenario's

  // The index of `name` among components; -1 when this replica does not serve it.
  int componentIndex(const std::string& name) const;
  // Whether `name` is this deployment (a service, or a monolith's host) or one of its components.
  bool names(const std::string& name) const;
  engine::LbPolicy lbOf(const std::string& component) const;
};

// Replica `replica` of `service` (a service or a monolith host) of a loaded scenario. Empty,
// with `error` set, when the scenario has no such service (a module names its host: refused,
// with the host's name in the message).
std::optional<AgentConfig> configFromScenario(const engine::Scenario& scenario,
                                              const std::string& service, int replica,
                                              std::string* error);

// One service on its own (loadServiceText): seed 1 unless told, streams as if it were the first
// service of a scenario.
AgentConfig configFromService(const engine::ServiceSpec& spec, int replica, std::uint64_t seed);

}  // namespace clusterscope::agents::agent
