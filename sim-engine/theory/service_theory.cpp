#include "service_theory.h"

#include <algorithm>
#include <cmath>

#include "queue_formulas.h"

namespace clusterscope::theory {

namespace {

using engine::DistributionKind;
using engine::Scenario;
using engine::ServiceSpec;
using model::ComponentTheory;
using model::NoTheoryReason;
using model::QueueModel;

// Above this chance of finding the queue full, the unbounded formulas no longer describe it.
constexpr double kQueueFullLimit = 0.01;

double rateAt(const engine::WorkloadSpec& w, double atS) {
  double rate = w.rateRps;
  for (const auto& stage : w.stages) {
    if (stage.atS <= atS) rate = stage.rateRps;
  }
  return rate;
}

double variance(const engine::DistributionSpec& d) {
  switch (d.kind) {
    case DistributionKind::Constant:
      return 0.0;
    case DistributionKind::Exponential:
      return d.mean * d.mean;
    case DistributionKind::Uniform:
      return (d.max - d.min) * (d.max - d.min) / 12.0;
    case DistributionKind::Lognormal:
      return d.stddev * d.stddev;
  }
  return 0.0;
}

model::CallMode modeOf(const LoadState& load, const std::string& from, const engine::CallSpec& c) {
  const auto it = load.callModes.find({from, c.to});
  return it != load.callModes.end() ? it->second : c.mode;
}

// Where a call to `name` lands: the service of that name, or the monolith hosting the module.
std::string hostOf(const Scenario& s, const std::string& name) {
  for (const auto& svc : s.services) {
    if (svc.name == name) return svc.name;
    for (const auto& m : svc.modules) {
      if (m.name == name) return svc.name;
    }
  }
  return name;
}

struct Caller {
  std::string name;
  const std::vector<engine::CallSpec>* calls;
};

std::vector<Caller> callers(const Scenario& s) {
  std::vector<Caller> out;
  for (const auto& svc : s.services) {
    out.push_back(Caller{svc.name, &svc.calls});
    for (const auto& m : svc.modules) out.push_back(Caller{m.name, &m.calls});
  }
  return out;
}

ComponentTheory predictOne(const Scenario& s, const LoadState& load, const ServiceSpec& svc,
                           const std::map<std::string, double>& visits) {
  ComponentTheory t;
  t.servers = svc.workers;
  auto refuse = [&t](NoTheoryReason why) {
    t.reason = why;
    t.model = QueueModel::None;
    return t;
  };
  if (s.workload.arrival == engine::ArrivalKind::Closed)
    return refuse(NoTheoryReason::ClosedWorkload);
  if (s.workload.arrival != engine::ArrivalKind::Poisson) {
    return refuse(NoTheoryReason::NonPoissonArrivals);
  }
  if (!svc.modules.empty()) return refuse(NoTheoryReason::Monolith);
  for (const auto& c : svc.calls) {
    if (c.probability > 0 && modeOf(load, svc.name, c) == model::CallMode::Sync) {
      return refuse(NoTheoryReason::MakesSyncCalls);
    }
  }
  for (const Caller& from : callers(s)) {
    for (const auto& c : *from.calls) {
      if (hostOf(s, c.to) == svc.name && c.probability > 0 &&
          modeOf(load, from.name, c) == model::CallMode::Async && visits.at(from.name) > 0) {
        return refuse(NoTheoryReason::ReceivesMessages);
      }
    }
  }
  const auto it = load.services.find(svc.name);
  const ServiceLoad now =
      it != load.services.end() ? it->second : ServiceLoad{svc.replicas, 1.0, false};
  if (now.readyReplicas <= 0) return refuse(NoTheoryReason::NoReadyReplica);
  if (now.unevenReplicas) return refuse(NoTheoryReason::UnevenReplicas);

  const double lambda = load.arrivalRateRps * visits.at(svc.name) / now.readyReplicas;
  const double meanS = svc.serviceTimeMs.expectedValue() * now.slowFactor / 1000.0;
  const double varS = variance(svc.serviceTimeMs) * now.slowFactor * now.slowFactor / 1e6;
  const int c = svc.workers;
  t.arrivalRps = lambda;
  t.serviceMs = meanS * 1000.0;
  t.utilization = lambda * meanS / c;
  t.approximate = hostOf(s, s.workload.entry) != svc.name ||
                  (now.readyReplicas > 1 && svc.lb != engine::LbPolicy::Random);
  const bool exponential = svc.serviceTimeMs.kind == DistributionKind::Exponential;
  if (!exponential && c > 1) return refuse(NoTheoryReason::ManyWorkersGeneral);
  if (t.utilization >= 1.0) return refuse(NoTheoryReason::Saturated);

  QueueMeans means;
  if (exponential && meanS > 0) {
    const double mu = 1.0 / meanS;
    t.model = c == 1 ? QueueModel::MM1 : QueueModel::MMc;
    means = mmc(lambda, mu, c);
    if (c == 1) {
      t.p50Ms = 1000.0 * mm1ResponseQuantile(lambda, mu, 0.50);
      t.p95Ms = 1000.0 * mm1ResponseQuantile(lambda, mu, 0.95);
      t.p99Ms = 1000.0 * mm1ResponseQuantile(lambda, mu, 0.99);
    }
    if (svc.queueCapacity) t.queueFullChance = mmcQueueAtLeast(lambda, mu, c, *svc.queueCapacity);
  } else {
    // c == 1 here (or a zero service time, where nothing ever waits).
    t.model = varS == 0.0 ? QueueModel::MD1 : QueueModel::MG1;
    means = mg1(lambda, meanS, varS);
    if (svc.queueCapacity)
      t.queueFullChance = mg1QueueAtLeast(lambda, meanS, varS, *svc.queueCapacity);
  }
  t.meanWaitMs = 1000.0 * means.wait;
  t.meanResponseMs = 1000.0 * means.response;
  if (t.queueFullChance > kQueueFullLimit) return refuse(NoTheoryReason::QueueFillsUp);
  return t;
}

}  // namespace

LoadState nominalLoad(const Scenario& scenario, double atS) {
  LoadState load;
  if (scenario.workload.arrival != engine::ArrivalKind::Closed) {
    load.arrivalRateRps = rateAt(scenario.workload, atS);
  }
  for (const auto& svc : scenario.services) {
    load.services[svc.name] = ServiceLoad{svc.replicas, 1.0, false};
  }
  return load;
}

LoadState loadFromSnapshot(const model::ClusterLayout& layout,
                           const model::ClusterSnapshot& snapshot) {
  LoadState load;
  load.arrivalRateRps = snapshot.arrivalRateRps;
  const std::size_t deployments = std::min(layout.deployments.size(), snapshot.deployments.size());
  for (std::size_t d = 0; d < deployments; ++d) {
    ServiceLoad s{0, 1.0, false};
    for (const auto& r : snapshot.deployments[d].replicas) {
      if (r.state != model::ReplicaState::Ready) continue;
      const double factor = r.slowFactor * r.versionFactor;
      if (s.readyReplicas > 0 && factor != s.slowFactor) s.unevenReplicas = true;
      s.slowFactor = factor;
      ++s.readyReplicas;
    }
    load.services[layout.deployments[d].name] = s;
  }
  const std::size_t edges = std::min(layout.edges.size(), snapshot.edges.size());
  for (std::size_t e = 0; e < edges; ++e) {
    const auto& info = layout.edges[e];
    load.callModes[{layout.components[info.from].name, layout.components[info.to].name}] =
        snapshot.edges[e].mode;
  }
  return load;
}

std::map<std::string, double> expectedVisits(const Scenario& scenario) {
  const std::vector<Caller> all = callers(scenario);
  std::map<std::string, double> visits;
  for (const Caller& c : all) visits[c.name] = 0.0;
  // v = entry + sum over calls of v(caller) * p: sync calls cannot form cycles, async ones can
  // (a message that sometimes comes back), so iterate to the fixed point.
  for (int round = 0; round < 1000; ++round) {
    std::map<std::string, double> next;
    for (const Caller& c : all) next[c.name] = 0.0;
    next[scenario.workload.entry] += 1.0;
    for (const Caller& from : all) {
      for (const auto& call : *from.calls) {
        if (next.count(call.to)) next[call.to] += visits[from.name] * call.probability;
      }
    }
    double change = 0.0;
    for (const auto& [name, v] : next) change = std::max(change, std::abs(v - visits[name]));
    visits = std::move(next);
    if (change < 1e-12) break;
  }
  return visits;
}

std::vector<ComponentTheory> predictServices(const Scenario& scenario, const LoadState& load) {
  const auto visits = expectedVisits(scenario);
  std::vector<ComponentTheory> out;
  out.reserve(scenario.services.size());
  for (const auto& svc : scenario.services) out.push_back(predictOne(scenario, load, svc, visits));
  return out;
}

std::vector<ComponentTheory> predictComponents(const Scenario& scenario,
                                               const model::ClusterLayout& layout,
                                               const LoadState& load) {
  const auto byService = predictServices(scenario, load);
  std::vector<ComponentTheory> out;
  out.reserve(layout.components.size());
  for (const auto& comp : layout.components) {
    ComponentTheory t;
    t.reason = NoTheoryReason::NotInScenario;
    for (std::size_t i = 0; i < scenario.services.size(); ++i) {
      const auto& svc = scenario.services[i];
      if (svc.name == comp.name) t = byService[i];
      for (const auto& m : svc.modules) {
        if (m.name == comp.name) t.reason = NoTheoryReason::Monolith;
      }
    }
    out.push_back(t);
  }
  return out;
}

}  // namespace clusterscope::theory
