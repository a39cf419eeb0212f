#include "core.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace clusterscope::engine::detail {

using namespace streams;

Core::Core(const Scenario& scenario, const SimulationLimits& limits)
    : scenario_(scenario),
      limits_(limits),
      arrivalRng_(Rng::stream(scenario.seed, kArrivals)),
      networkRng_(Rng::stream(scenario.seed, kNetwork)),
      routingRng_(Rng::stream(scenario.seed, kRouting)),
      userRng_(Rng::stream(scenario.seed, kUsers)),
      faultRng_(Rng::stream(scenario.seed, kFaults)) {
  if (scenario.durationS <= 0) throw std::invalid_argument("duration_s must be positive");
  end_ = secondsToSim(scenario.durationS);
  warmupEnd_ = std::clamp<SimTime>(secondsToSim(scenario.warmupS), 0, end_);
  intervalLength_ = std::max<SimTime>(1, secondsToSim(scenario.intervalS));
  if (scenario.network.latencyMs) network_ = Sampler(*scenario.network.latencyMs);
  brokerDelay_ = Sampler(scenario.broker.deliveryLatencyMs);
  thinkTime_ = Sampler(scenario.workload.thinkTimeMs);
  build();
  scheduleStart();
}

void Core::build() {
  buildNodes();
  buildDeployments();
  buildEdges();
  const int entry = layout_.componentIndex(scenario_.workload.entry);
  if (entry < 0) {
    throw std::invalid_argument("workload entry \"" + scenario_.workload.entry +
                                "\" is not a service or module");
  }
  layout_.entryComponent = entry;
  componentStats_.resize(components_.size());
  edgeStats_.resize(edges_.size());
  deploymentStats_.resize(deployments_.size());
  liveComponents_.resize(components_.size());
  liveEdges_.resize(edges_.size());
  liveUtilization_.assign(deployments_.size(), 0.0);
}

void Core::buildNodes() {
  if (scenario_.nodes.empty()) {
    // "One node large enough": nothing the scenario does can fill it.
    layout_.nodes.push_back(model::NodeInfo{"local", 1e12, true});
  } else {
    for (const auto& n : scenario_.nodes)
      layout_.nodes.push_back(model::NodeInfo{n.name, n.cores, false});
  }
  for (const auto& n : layout_.nodes) nodes_.push_back(NodeState{n.cores, 0.0, true});
}

void Core::buildDeployments() {
  for (const auto& s : scenario_.services) {
    const auto d = static_cast<int>(deployments_.size());
    model::DeploymentInfo info{
        s.name, {}, !s.modules.empty(), s.language, s.workers, s.autoscale.has_value(), s.cpu};
    Deployment dep;
    dep.workers = std::max(1, s.workers);
    dep.queueCapacity = s.queueCapacity ? *s.queueCapacity : -1;
    dep.lb = s.lb;
    dep.cpu = s.cpu;
    dep.startup = durationSeconds(s.startupS);
    dep.autoscale = s.autoscale;
    dep.autoscalerOn = s.autoscale.has_value();
    auto addComponent = [&](const std::string& name, const DistributionSpec& time, double errorRate,
                            bool isModule) {
      const auto index = components_.size();
      Component c;
      c.deployment = static_cast<std::uint32_t>(d);
      c.serviceTime = Sampler(time);
      c.rng = Rng::stream(scenario_.seed, kComponentBase + index);
      c.errorRate = errorRate;
      c.scenarioErrorRate = errorRate;
      components_.push_back(std::move(c));
      layout_.components.push_back(model::ComponentInfo{name, d, isModule});
      info.components.push_back(static_cast<int>(index));
    };
    if (s.modules.empty()) {
      addComponent(s.name, s.serviceTimeMs, s.errorRate, false);
    } else {
      for (const auto& m : s.modules) addComponent(m.name, m.serviceTimeMs, m.errorRate, true);
    }
    deployments_.push_back(std::move(dep));
    layout_.deployments.push_back(std::move(info));
  }
}

void Core::buildEdges() {
  auto addCalls = [&](const std::string& fromName, const std::vector<CallSpec>& calls) {
    const int from = layout_.componentIndex(fromName);
    for (const auto& call : calls) {
      const int to = layout_.componentIndex(call.to);
      if (to < 0) {
        throw std::invalid_argument("call from \"" + fromName + "\" to unknown \"" + call.to +
                                    "\"");
      }
      Edge e;
      e.from = static_cast<std::uint32_t>(from);
      e.to = static_cast<std::uint32_t>(to);
      e.mode = call.mode;
      e.sameDeployment = components_[from].deployment == components_[to].deployment;
      e.timeout = call.timeoutMs ? durationMillis(*call.timeoutMs) : kNever;
      e.retries = call.retries;
      e.backoff = durationMillis(call.backoffMs);
      e.probability = call.probability;
      e.required = call.required;
      e.bulkhead = call.bulkhead.value_or(0);
      if (call.circuitBreaker) e.breaker.emplace(*call.circuitBreaker);
      components_[from].calls.push_back(static_cast<std::uint32_t>(edges_.size()));
      layout_.edges.push_back(model::EdgeInfo{from, to, call.mode, e.inProcess()});
      edges_.push_back(std::move(e));
    }
  };
  for (const auto& s : scenario_.services) {
    if (s.modules.empty()) {
      addCalls(s.name, s.calls);
    } else {
      for (const auto& m : s.modules) addCalls(m.name, m.calls);
    }
  }
}

void Core::scheduleStart() {
  for (std::uint32_t d = 0; d < deployments_.size(); ++d) {
    Deployment& dep = deployments_[d];
    int initial = scenario_.services[d].replicas;
    dep.peakDesired = initial;
    if (const auto& as = dep.autoscale) {
      initial = std::clamp(initial, as->minReplicas, as->maxReplicas);
      dep.peakDesired = std::max(dep.peakDesired, as->maxReplicas);
      schedule(durationSeconds(as->periodS), EventType::AutoscalerTick, d, 0);
    }
    dep.declaredPeak = dep.peakDesired;
    for (const auto& entry : scenario_.timeline) {
      if (entry.action.kind == model::ActionKind::SetReplicas &&
          deploymentByName(entry.action.service) == static_cast<int>(d)) {
        dep.declaredPeak = std::max(dep.declaredPeak, entry.action.count);
      }
    }
    setDesired(d, initial);
    // The cluster exists before the run starts: initial replicas skip their start-up delay.
    for (std::uint32_t r = 0; r < deployments_[d].replicas.size(); ++r) {
      if (deployments_[d].replicas[r].state == model::ReplicaState::Starting) makeReady(d, r);
    }
  }
  const auto& w = scenario_.workload;
  if (w.arrival == ArrivalKind::Closed) {
    for (std::uint32_t u = 0; u < static_cast<std::uint32_t>(w.users); ++u) {
      schedule(thinkTime_.sample(userRng_), EventType::UserThinkDone, u, 0);
    }
  } else {
    arrivalRate_ = w.rateRps;
    scheduleNextArrival();
    for (std::uint32_t i = 0; i < w.stages.size(); ++i) {
      schedule(secondsToSim(w.stages[i].atS), EventType::RateStage, i, 0, EventPriority::Control);
    }
  }
  for (std::uint32_t i = 0; i < scenario_.timeline.size(); ++i) {
    schedule(secondsToSim(scenario_.timeline[i].atS), EventType::TimelineAction, i, 0,
             EventPriority::Control);
  }
  scheduleNextTick();
}

bool Core::step() {
  if (finished_ || queue_.empty()) return false;
  const Event e = queue_.pop();
  if (e.time != now_) {
    now_ = e.time;
    eventsAtInstant_ = 0;
  } else if (++eventsAtInstant_ > limits_.maxEventsAtOneInstant) {
    // The last line of defence: a loop the loader and the model did not prevent.
    requestStop(stuckMessage(e));
    finishEarly();
    return false;
  }
  ++events_;
  dispatch(e);
  if (stopRequested_) finishEarly();
  return !finished_;
}

void Core::runUntil(SimTime t) { runUntil(t, std::numeric_limits<std::uint64_t>::max()); }

bool Core::runUntil(SimTime t, std::uint64_t maxEvents) {
  t = std::min(t, end_);
  std::uint64_t done = 0;
  // Events at t itself run only as far as the timeline actions due then: an action applied
  // once this returns lands where the same action in the timeline would, so that a recorded
  // session replays exactly.
  const auto due = [t](const Event& e) {
    return e.time < t || (e.time == t && priorityOf(e) <= EventPriority::Control);
  };
  while (!finished_ && !queue_.empty() && due(queue_.top())) {
    if (done++ == maxEvents) return false;
    step();
  }
  if (!finished_) now_ = std::max(now_, t);
  return true;
}

std::uint64_t Core::runEvents(std::uint64_t n) {
  std::uint64_t done = 0;
  while (done < n && !finished_ && !queue_.empty()) {
    step();
    ++done;
  }
  return done;
}

void Core::dispatch(const Event& e) {
  switch (e.type) {
    case EventType::IntervalTick:
      onIntervalTick();
      break;
    case EventType::TimelineAction: {
      const model::Action& a = scenario_.timeline[e.target].action;
      // The loader checked the timeline; an action that no longer applies (say, a replica
      // removed by the user) is skipped rather than stopping the run.
      applyAction(a, false);
      break;
    }
    case EventType::RateStage:
      setArrivalRate(scenario_.workload.stages[e.target].rateRps);
      break;
    case EventType::ExternalArrival:
      onExternalArrival(e.token);
      break;
    case EventType::UserThinkDone:
      onUserThinkDone(e.target);
      break;
    case EventType::TaskArrive:
      onTaskArrive(e);
      break;
    case EventType::ServiceDone:
      onServiceDone(e);
      break;
    case EventType::Reply:
      onReply(e);
      break;
    case EventType::ClientReply:
      onClientReply(e);
      break;
    case EventType::ClientTimeout:
      onClientTimeout(e);
      break;
    case EventType::CallTimeout:
      onCallTimeout(e);
      break;
    case EventType::RetryCall:
      onRetry(e);
      break;
    case EventType::BrokerPublish:
      onBrokerPublish(e);
      break;
    case EventType::BrokerRecover:
      if (e.token == brokerOutage_) setBrokerUp(true);
      break;
    case EventType::ReplicaReady:
      onReplicaReady(e);
      break;
    case EventType::Reschedule:
      onReschedule(e);
      break;
    case EventType::AutoscalerTick:
      onAutoscalerTick(e.target);
      break;
    case EventType::RollingStep:
      onRollingStep(e.target, e.token == 1);
      break;
    case EventType::FaultEnd:
      onFaultEnd(e.token);
      break;
  }
}

SimTime Core::networkDelay() { return network_.alwaysZero() ? 0 : network_.sample(networkRng_); }

bool Core::partitioned(int a, int b) const {
  if (partitions_.empty() || a < 0 || b < 0 || a == b) return false;
  const auto key = std::minmax(a, b);
  return std::find(partitions_.begin(), partitions_.end(), std::pair<int, int>(key)) !=
         partitions_.end();
}

int Core::deploymentByName(const std::string& name) const {
  const int d = layout_.deploymentIndex(name);
  if (d >= 0) return d;
  const int c = layout_.componentIndex(name);
  return c >= 0 ? layout_.components[c].deployment : -1;
}

}  // namespace clusterscope::engine::detail
