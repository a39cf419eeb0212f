// Actions: every change a scenario's timeline or a user makes, applied between events.
// Names are resolved here, and an action that cannot apply says why instead of guessing.
// An action is refused unless the scenario loader would accept it in a timeline (the same
// ranges, scenario_limits.h): what a user did must save as a session that loads again.

#include <algorithm>

#include "core.h"
#include "scenario_limits.h"

namespace clusterscope::engine::detail {

namespace {

bool within(double v, double lo, double hi) { return v >= lo && v <= hi; }  // false for NaN

// A fault's scope and numbers, as the loader reads them (timeline_parser.cpp).
std::string checkFault(const model::Action& a) {
  using namespace limits;
  const bool process = !a.service.empty();
  const bool edge = !a.from.empty() || !a.to.empty();
  if (process == edge)
    return "a fault acts on a service or on an edge (from and to): one of the two";
  if (edge && (a.from.empty() || a.to.empty())) return "an edge needs both from and to";
  if (edge && a.kind == model::ActionKind::Pause) return "pause acts on processes, not edges";
  if (edge && a.replica >= 0) return "a replica is named with its service, not on an edge";
  if (!(a.durationS == 0 || within(a.durationS, kTickS, kMaxS))) {
    return "a fault lasts from 1e-9 to 1000000 seconds, or until reset_faults (0)";
  }
  switch (a.kind) {
    case model::ActionKind::AddLatency:
      if (!within(a.latencyMs, kTickMs, kMaxMs)) {
        return "added latency must be between 0.000001 and 1e9 ms";
      }
      return within(a.jitterMs, 0, kMaxMs) ? std::string() : "jitter must be between 0 and 1e9 ms";
    case model::ActionKind::DropMessages:
      return within(a.rate, 0, 1) ? std::string() : "loss rate must be between 0 and 1";
    case model::ActionKind::FailFirst:
      return within(a.count, 1, static_cast<double>(kMaxCount))
                 ? std::string()
                 : "fail_first's count must be between 1 and 1000000000";
    default:
      return {};
  }
}

// The loader's range checks on an action's numbers (timeline_parser.cpp).
std::string checkFields(const model::Action& a) {
  using namespace limits;
  switch (a.kind) {
    case model::ActionKind::SlowReplica:
    case model::ActionKind::SlowService:
    case model::ActionKind::RollingUpdate:
      if (!(a.factor > 0 && a.factor <= kMaxFactor)) {
        return "the factor must be greater than 0 and at most 1000000";
      }
      return {};
    case model::ActionKind::SetErrorRate:
      return within(a.rate, 0, 1) ? std::string() : "error rate must be between 0 and 1";
    case model::ActionKind::BrokerOutage:
      return within(a.durationS, 0, kMaxS) ? std::string()
                                           : "an outage lasts from 0 to 1000000 seconds";
    case model::ActionKind::SetReplicas:
      return within(a.count, 0, static_cast<double>(kMaxReplicas))
                 ? std::string()
                 : "replica count must be between 0 and 10000";
    case model::ActionKind::SetArrivalRate:
      return within(a.rate, 0, kMaxRateRps) ? std::string()
                                            : "arrival rate must be between 0 and 1e7 rps";
    case model::ActionKind::SetResilience:
      return a.timeouts || a.retries || a.circuitBreaker
                 ? std::string()
                 : "set_resilience needs timeouts, retries or circuit_breaker";
    case model::ActionKind::AddLatency:
    case model::ActionKind::DropMessages:
    case model::ActionKind::Blackhole:
    case model::ActionKind::Pause:
    case model::ActionKind::FailFirst:
      return checkFault(a);
    default:
      return {};
  }
}

}  // namespace

std::string Core::applyAction(const model::Action& a, bool record) {
  std::string error = checkFields(a);
  if (error.empty()) error = applyNow(a);
  if (!error.empty()) return error;
  if (record) applied_.push_back(model::TimelineEntry{simToSeconds(now_), a});
  for (auto* o : observers_) o->onActionApplied(now_, a);
  return {};
}

std::string Core::applyNow(const model::Action& a) {
  auto unknownService = [&] { return "unknown service \"" + a.service + "\""; };
  switch (a.kind) {
    case model::ActionKind::KillReplica:
    case model::ActionKind::RestartReplica:
    case model::ActionKind::SlowReplica:
      return applyReplicaAction(a);
    case model::ActionKind::CrashService:
    case model::ActionKind::RestartService:
    case model::ActionKind::SlowService:
    case model::ActionKind::SetReplicas:
    case model::ActionKind::RollingUpdate: {
      const int d = deploymentByName(a.service);
      if (d < 0) return unknownService();
      const auto di = static_cast<std::uint32_t>(d);
      Deployment& dep = deployments_[di];
      if (a.kind == model::ActionKind::CrashService) {
        for (std::uint32_t r = 0; r < dep.replicas.size(); ++r) killReplica(di, r);
      } else if (a.kind == model::ActionKind::RestartService) {
        for (std::uint32_t r = 0; r < dep.replicas.size(); ++r) {
          if (dep.replicas[r].state != model::ReplicaState::Down) continue;
          dep.replicas[r].awaitingReschedule = false;
          startReplica(di, r);
        }
      } else if (a.kind == model::ActionKind::SlowService) {
        for (auto& rep : dep.replicas) rep.slowFactor = a.factor;
      } else if (a.kind == model::ActionKind::SetReplicas) {
        if (std::string error = checkScaling(di, a.count); !error.empty()) return error;
        dep.declaredPeak = std::max(dep.declaredPeak, a.count);
        setDesired(di, a.count);
      } else {
        startRollingUpdate(di, a.factor);
      }
      return {};
    }
    case model::ActionKind::SetErrorRate: {
      const int c = layout_.componentIndex(a.service);
      if (c >= 0) {
        components_[c].errorRate = a.rate;
        return {};
      }
      const int d = layout_.deploymentIndex(a.service);
      if (d < 0) return unknownService();
      for (int ci : layout_.deployments[d].components) components_[ci].errorRate = a.rate;
      return {};
    }
    case model::ActionKind::FailNode:
    case model::ActionKind::RecoverNode: {
      if (std::string error = checkNodeAction(a); !error.empty()) return error;
      const int n = layout_.nodeIndex(a.node);
      if (a.kind == model::ActionKind::FailNode) {
        failNode(n);
      } else {
        recoverNode(n);
      }
      return {};
    }
    case model::ActionKind::Partition:
    case model::ActionKind::HealPartition: {
      if (std::string error = checkNodeAction(a); !error.empty()) return error;
      const int n1 = layout_.nodeIndex(a.node);
      const int n2 = layout_.nodeIndex(a.otherNode);
      if (n1 == n2) return "a partition needs two different nodes";
      const auto key = std::pair<int, int>(std::minmax(n1, n2));
      const auto it = std::find(partitions_.begin(), partitions_.end(), key);
      if (a.kind == model::ActionKind::Partition && it == partitions_.end())
        partitions_.push_back(key);
      if (a.kind == model::ActionKind::HealPartition && it != partitions_.end())
        partitions_.erase(it);
      return {};
    }
    case model::ActionKind::BrokerOutage:
      // A new generation makes any earlier recovery timer stale.
      ++brokerOutage_;
      setBrokerUp(false);
      if (a.durationS > 0) {
        schedule(now_ + durationSeconds(a.durationS), EventType::BrokerRecover, 0, brokerOutage_,
                 EventPriority::Control);
      }
      return {};
    case model::ActionKind::BrokerRecover:
      ++brokerOutage_;
      setBrokerUp(true);
      return {};
    case model::ActionKind::SetCallMode:
      return applyEdgeMode(a);
    case model::ActionKind::SetArrivalRate:
      if (scenario_.workload.arrival == ArrivalKind::Closed) {
        return "a closed workload has no arrival rate (its users set the pace)";
      }
      setArrivalRate(a.rate);
      return {};
    case model::ActionKind::SetResilience:
      if (a.timeouts) timeoutsOn_ = *a.timeouts;
      if (a.retries) retriesOn_ = *a.retries;
      if (a.circuitBreaker) breakersOn_ = *a.circuitBreaker;
      return {};
    case model::ActionKind::SetAutoscaler: {
      if (a.service.empty()) {
        if (std::none_of(deployments_.begin(), deployments_.end(),
                         [](const Deployment& d) { return d.autoscale.has_value(); })) {
          return "no service has an autoscaler";
        }
        for (auto& d : deployments_) {
          if (d.autoscale) d.autoscalerOn = a.enabled;
        }
        return {};
      }
      const int d = deploymentByName(a.service);
      if (d < 0) return unknownService();
      if (!deployments_[d].autoscale) return a.service + " has no autoscaler";
      deployments_[d].autoscalerOn = a.enabled;
      return {};
    }
    case model::ActionKind::AddLatency:
    case model::ActionKind::DropMessages:
    case model::ActionKind::Blackhole:
    case model::ActionKind::Pause:
    case model::ActionKind::FailFirst:
      return applyFault(a);
    case model::ActionKind::ResetFaults:
      resetFaults();
      return {};
  }
  return "unknown action";
}

std::string Core::applyReplicaAction(const model::Action& a) {
  const int d = deploymentByName(a.service);
  if (d < 0) return "unknown service \"" + a.service + "\"";
  const auto di = static_cast<std::uint32_t>(d);
  Deployment& dep = deployments_[di];
  const auto count = static_cast<int>(dep.replicas.size());
  if (a.replica < 0 || a.replica >= count ||
      dep.replicas[a.replica].state == model::ReplicaState::Removed) {
    return "replica " + std::to_string(a.replica) + " of " + a.service + " does not exist";
  }
  const auto r = static_cast<std::uint32_t>(a.replica);
  Replica& rep = dep.replicas[r];
  switch (a.kind) {
    case model::ActionKind::KillReplica:
      killReplica(di, r);
      return {};
    case model::ActionKind::RestartReplica:
      if (rep.state != model::ReplicaState::Down) {
        return a.service + "#" + std::to_string(a.replica) + " is not down";
      }
      rep.awaitingReschedule = false;
      startReplica(di, r);
      return {};
    default:
      rep.slowFactor = a.factor;
      return {};
  }
}

std::string Core::checkScaling(std::uint32_t di, int count) const {
  // The loader's cluster-wide limit, over the peak each service may reach in the whole run.
  long long total = 0;
  for (std::uint32_t d = 0; d < deployments_.size(); ++d) {
    total += d == di ? std::max(deployments_[d].declaredPeak, count) : deployments_[d].declaredPeak;
  }
  if (total > limits::kMaxTotalReplicas) {
    return "the services could then run up to " + std::to_string(total) +
           " replicas in all (the limit is " + std::to_string(limits::kMaxTotalReplicas) + ")";
  }
  return {};
}

std::string Core::checkNodeAction(const model::Action& a) const {
  const bool pair =
      a.kind == model::ActionKind::Partition || a.kind == model::ActionKind::HealPartition;
  for (const std::string* name : {&a.node, pair ? &a.otherNode : nullptr}) {
    if (name == nullptr) continue;
    const int n = layout_.nodeIndex(*name);
    if (n < 0) return "unknown node \"" + *name + "\"";
    // A scenario without nodes has one implicit node, which its timeline cannot name.
    if (layout_.nodes[n].implicit) return "the scenario declares no nodes";
  }
  return {};
}

std::string Core::applyEdgeMode(const model::Action& a) {
  if (a.from.empty() && a.to.empty()) {
    // "Every call" means every call between services; a monolith's internal function calls
    // are not messages and stay as they are.
    for (std::size_t e = 0; e < edges_.size(); ++e) {
      if (edges_[e].sameDeployment) continue;
      edges_[e].mode = a.mode;
      layout_.edges[e].mode = a.mode;
    }
    return {};
  }
  const int from = layout_.componentIndex(a.from);
  const int to = layout_.componentIndex(a.to);
  const int e = (from < 0 || to < 0) ? -1 : layout_.edgeIndex(from, to);
  if (e < 0) return "no call from \"" + a.from + "\" to \"" + a.to + "\"";
  edges_[e].mode = a.mode;
  layout_.edges[e].mode = a.mode;
  layout_.edges[e].inProcess = edges_[e].inProcess();
  return {};
}

}  // namespace clusterscope::engine::detail
