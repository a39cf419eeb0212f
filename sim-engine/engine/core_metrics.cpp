// Metrics intervals and snapshots: the only two ways the outside sees the engine's state.

#include <algorithm>

#include "core.h"

namespace clusterscope::engine::detail {

namespace {

double ms(std::int64_t ns) { return static_cast<double>(ns) / 1e6; }

void mark(model::FaultsInForce& flags, model::ActionKind kind) {
  switch (kind) {
    case model::ActionKind::AddLatency:
      flags.latency = true;
      break;
    case model::ActionKind::DropMessages:
      flags.loss = true;
      break;
    case model::ActionKind::Blackhole:
      flags.blackhole = true;
      break;
    case model::ActionKind::FailFirst:
      flags.failFirst = true;
      break;
    default:
      break;  // a pause shows as the replica's own state
  }
}

}  // namespace

void Core::scheduleNextTick() {
  SimTime next = intervalStart_ + intervalLength_;
  // An interval boundary falls on the end of the warm-up, so that summaries can leave the
  // warm-up out exactly by leaving out whole intervals.
  if (warmupEnd_ > intervalStart_ && warmupEnd_ < next) next = warmupEnd_;
  next = std::min(next, end_);
  schedule(next, EventType::IntervalTick, 0, 0, EventPriority::Interval);
}

void Core::onIntervalTick() {
  closeInterval();
  if (now_ >= end_) {
    finished_ = true;
    for (auto* o : observers_) o->onFinished(now_);
    return;
  }
  scheduleNextTick();
}

void Core::closeInterval() {
  for (std::size_t d = 0; d < deployments_.size(); ++d) {
    Deployment& dep = deployments_[d];
    touchDeployment(dep);
    DeploymentIntervalStats& s = deploymentStats_[d];
    s.busyWorkerSeconds = dep.busyArea;
    s.capacityWorkerSeconds = dep.capacityArea;
    s.queuedTaskSeconds = dep.queueArea;
    s.readyReplicas = static_cast<int>(dep.ready.size());
    s.liveReplicas = 0;
    for (const auto& rep : dep.replicas) {
      if (rep.state == model::ReplicaState::Starting || rep.state == model::ReplicaState::Ready ||
          rep.state == model::ReplicaState::Draining) {
        ++s.liveReplicas;
      }
    }
    s.desiredReplicas = dep.desired;
    s.backlog = dep.backlog.size();
    s.cores = s.liveReplicas * dep.cpu;
    s.queued = dep.queuedTasks;
    s.busyWorkers = dep.busyWorkers;
    dep.busyArea = dep.capacityArea = dep.queueArea = 0.0;
  }
  touchRequests();
  touchCores();
  double oldestMs = 0.0;
  for (const auto& dep : deployments_) {
    if (!dep.backlog.empty())
      oldestMs = std::max(oldestMs, ms(now_ - dep.backlog.front().publishedAt));
  }
  brokerStats_.backlog = backlogTotal_;
  brokerStats_.maxLagMs = std::max(brokerStats_.maxLagMs, oldestMs);
  brokerStats_.up = brokerUp_;
  liveLagMs_ = oldestMs;

  IntervalReport report;
  report.start = intervalStart_;
  report.end = now_;
  report.layout = &layout_;
  report.requests = &requestStats_;
  report.components = &componentStats_;
  report.edges = &edgeStats_;
  report.deployments = &deploymentStats_;
  report.broker = brokerStats_;
  report.requestSecondsInSystem = requestArea_;
  report.coreSeconds = coreArea_;
  report.requestsInFlight = requestsInFlight_;
  if (report.end > report.start) {
    for (auto* o : observers_) o->onIntervalClosed(report);
    refreshLiveViews();
  }

  requestStats_.clear();
  for (auto& s : componentStats_) s.clear();
  for (auto& s : edgeStats_) s.clear();
  requestArea_ = coreArea_ = 0.0;
  brokerStats_ = BrokerIntervalStats{};
  brokerStats_.maxBacklog = backlogTotal_;
  intervalStart_ = now_;
}

void Core::refreshLiveViews() {
  const double secs = simToSeconds(now_ - intervalStart_);
  if (secs <= 0) return;
  for (std::size_t c = 0; c < components_.size(); ++c) {
    const TrafficStats& s = componentStats_[c];
    model::ComponentView& v = liveComponents_[c];
    v.arrivalRps = static_cast<double>(s.arrivals) / secs;
    v.throughputRps = static_cast<double>(s.completed) / secs;
    v.p50Ms = ms(s.latency.percentileNs(50));
    v.p95Ms = ms(s.latency.percentileNs(95));
    v.p99Ms = ms(s.latency.percentileNs(99));
    v.meanMs = s.latency.meanNs() / 1e6;
    v.failedRatio = s.failedRatio();
  }
  for (std::size_t e = 0; e < edges_.size(); ++e) {
    const TrafficStats& s = edgeStats_[e];
    model::EdgeView& v = liveEdges_[e];
    v.rateRps = static_cast<double>(s.arrivals) / secs;
    v.p95Ms = ms(s.latency.percentileNs(95));
    v.errorRatio = s.failedRatio();
  }
  for (std::size_t d = 0; d < deployments_.size(); ++d) {
    liveUtilization_[d] = deploymentStats_[d].utilization();
  }
  liveThroughput_ = static_cast<double>(requestStats_.completed) / secs;
  liveP50_ = ms(requestStats_.latency.percentileNs(50));
  liveP95_ = ms(requestStats_.latency.percentileNs(95));
  liveP99_ = ms(requestStats_.latency.percentileNs(99));
  liveFailed_ = requestStats_.failedRatio();
}

model::ClusterSnapshot Core::snapshot() const {
  model::ClusterSnapshot s;
  s.time = now_;
  s.duration = end_;
  s.events = events_;
  s.nodes.reserve(nodes_.size());
  for (const auto& n : nodes_) s.nodes.push_back(model::NodeView{n.up, n.cores, n.usedCores});
  s.deployments.resize(deployments_.size());
  for (std::size_t d = 0; d < deployments_.size(); ++d) {
    const Deployment& dep = deployments_[d];
    model::DeploymentView& v = s.deployments[d];
    v.replicas.reserve(dep.replicas.size());
    for (std::size_t r = 0; r < dep.replicas.size(); ++r) {
      const Replica& rep = dep.replicas[r];
      if (rep.state == model::ReplicaState::Removed) continue;
      v.replicas.push_back(model::ReplicaView{static_cast<int>(r), rep.state, rep.node, rep.busy,
                                              static_cast<int>(rep.queue.size()), rep.slowFactor});
      v.replicas.back().versionFactor = rep.versionFactor;
      if (faults_.empty()) continue;
      model::FaultsInForce& flags = v.replicas.back().faults;
      flags.paused = rep.pausedBy > 0;
      for (const ActiveFault& f : faults_) {
        if (f.edge == kNone && f.deployment == d && f.appliesTo(r, rep.incarnation)) {
          mark(flags, f.kind);
        }
      }
    }
    v.desiredReplicas = dep.desired;
    v.autoscalerOn = dep.autoscale && dep.autoscalerOn;
    v.backlog = dep.backlog.size();
    v.utilization = liveUtilization_[d];
  }
  s.components = liveComponents_;
  for (std::size_t c = 0; c < components_.size(); ++c) {
    s.components[c].errorRate = components_[c].errorRate;
  }
  s.edges = liveEdges_;
  for (std::size_t e = 0; e < edges_.size(); ++e) {
    s.edges[e].mode = edges_[e].mode;
    s.edges[e].inFlight = edges_[e].inFlight;
    s.edges[e].breaker = edges_[e].breaker ? edges_[e].breaker->state() : model::BreakerState::None;
  }
  for (const ActiveFault& f : faults_) {
    if (f.edge != kNone) mark(s.edges[f.edge].faults, f.kind);
  }
  s.partitions = partitions_;
  s.brokerUp = brokerUp_;
  s.brokerBacklog = backlogTotal_;
  s.brokerLagMs = liveLagMs_;
  s.arrivalRateRps = arrivalRate_;
  s.timeoutsOn = timeoutsOn_;
  s.retriesOn = retriesOn_;
  s.circuitBreakersOn = breakersOn_;
  s.throughputRps = liveThroughput_;
  s.p50Ms = liveP50_;
  s.p95Ms = liveP95_;
  s.p99Ms = liveP99_;
  s.failedRatio = liveFailed_;
  s.requestsInFlight = requestsInFlight_;
  s.cores = provisionedCores_;
  return s;
}

}  // namespace clusterscope::engine::detail
