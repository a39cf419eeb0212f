#include "agent_config.h"

#include "random.h"

namespace clusterscope::agents::agent {

namespace {

// Fills the deployment's own fields and its components, whose layout indexes start at `first`.
AgentConfig fromSpec(const engine::ServiceSpec& s, int replica, std::uint64_t seed,
                     std::uint64_t first) {
  AgentConfig c;
  c.service = s.name;
  c.monolith = !s.modules.empty();
  c.workers = s.workers;
  c.queueCapacity = s.queueCapacity;
  c.startupS = s.startupS;
  if (!s.language.empty()) c.language = s.language;
  c.seed = seed;
  const std::uint64_t offset = static_cast<std::uint64_t>(replica) << 32;
  auto add = [&](const std::string& name, const engine::DistributionSpec& time, double errorRate,
                 const std::vector<engine::CallSpec>& calls) {
    const auto index = first + c.components.size();
    c.components.push_back(
        {name, time, errorRate, calls, engine::streams::kComponentBase + index + offset});
  };
  if (c.monolith) {
    for (const auto& m : s.modules) add(m.name, m.serviceTimeMs, m.errorRate, m.calls);
  } else {
    add(s.name, s.serviceTimeMs, s.errorRate, s.calls);
  }
  return c;
}

}  // namespace

int AgentConfig::componentIndex(const std::string& name) const {
  for (std::size_t i = 0; i < components.size(); ++i) {
    if (components[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

bool AgentConfig::names(const std::string& name) const {
  return name == service || componentIndex(name) >= 0;
}

engine::LbPolicy AgentConfig::lbOf(const std::string& component) const {
  const auto it = calleeLb.find(component);
  return it == calleeLb.end() ? engine::LbPolicy::RoundRobin : it->second;
}

std::optional<AgentConfig> configFromScenario(const engine::Scenario& scenario,
                                              const std::string& service, int replica,
                                              std::string* error) {
  std::uint64_t first = 0;  // layout index of the service's first component
  const engine::ServiceSpec* found = nullptr;
  std::map<std::string, engine::LbPolicy> lb;
  for (const auto& s : scenario.services) {
    if (s.modules.empty()) {
      lb[s.name] = s.lb;
    } else {
      for (const auto& m : s.modules) {
        lb[m.name] = s.lb;
        if (m.name == service && error) {
          *error = "\"" + service + "\" is a module of \"" + s.name + "\": run its host";
          return std::nullopt;
        }
      }
    }
    if (s.name == service) found = &s;
    if (!found) first += s.modules.empty() ? 1 : s.modules.size();
  }
  if (!found) {
    if (error) *error = "the scenario has no service \"" + service + "\"";
    return std::nullopt;
  }
  AgentConfig c = fromSpec(*found, replica, scenario.seed, first);
  c.calleeLb = std::move(lb);
  return c;
}

AgentConfig configFromService(const engine::ServiceSpec& spec, int replica, std::uint64_t seed) {
  return fromSpec(spec, replica, seed, 0);
}

}  // namespace clusterscope::agents::agent
