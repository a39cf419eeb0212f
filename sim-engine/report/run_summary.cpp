#include "run_summary.h"

#include <algorithm>

namespace clusterscope::engine {

namespace {

double ms(std::int64_t ns) { return static_cast<double>(ns) / 1e6; }

}  // namespace

TrafficSummary summarizeTraffic(const TrafficStats& s, double seconds) {
  TrafficSummary t;
  t.arrivals = s.arrivals;
  t.completed = s.completed;
  t.failed = s.failed();
  t.failures = s.failures;
  t.failedRatio = s.failedRatio();
  t.throughputRps = seconds > 0 ? static_cast<double>(s.completed) / seconds : 0.0;
  t.latencyMs.mean = s.latency.meanNs() / 1e6;
  t.latencyMs.p50 = ms(s.latency.percentileNs(50));
  t.latencyMs.p95 = ms(s.latency.percentileNs(95));
  t.latencyMs.p99 = ms(s.latency.percentileNs(99));
  t.latencyMs.max = ms(s.latency.maxNs());
  return t;
}

void SummaryCollector::onIntervalClosed(const IntervalReport& r) {
  if (!layout_) {
    layout_ = *r.layout;
    components_.resize(r.components->size());
    edges_.resize(r.edges->size());
    busy_.assign(r.deployments->size(), 0.0);
    capacity_.assign(r.deployments->size(), 0.0);
    queued_.assign(r.deployments->size(), 0.0);
  }
  // Only an edge's mode changes during a run.
  for (std::size_t e = 0; e < layout_->edges.size(); ++e) {
    layout_->edges[e].mode = r.layout->edges[e].mode;
  }
  lastEnd_ = r.end;
  if (r.start < warmupEnd_) return;
  seconds_ += r.seconds();
  requests_.merge(*r.requests);
  for (std::size_t i = 0; i < components_.size(); ++i) components_[i].merge((*r.components)[i]);
  for (std::size_t i = 0; i < edges_.size(); ++i) edges_[i].merge((*r.edges)[i]);
  for (std::size_t d = 0; d < busy_.size(); ++d) {
    const auto& s = (*r.deployments)[d];
    busy_[d] += s.busyWorkerSeconds;
    capacity_[d] += s.capacityWorkerSeconds;
    queued_[d] += s.queuedTaskSeconds;
  }
  broker_.published += r.broker.published;
  broker_.delivered += r.broker.delivered;
  broker_.rejected += r.broker.rejected;
  broker_.redelivered += r.broker.redelivered;
  broker_.maxBacklog = std::max(broker_.maxBacklog, r.broker.maxBacklog);
  broker_.maxLagMs = std::max(broker_.maxLagMs, r.broker.maxLagMs);
  requestSeconds_ += r.requestSecondsInSystem;
  coreSeconds_ += r.coreSeconds;
}

RunSummary SummaryCollector::summary() const {
  RunSummary s;
  s.simTimeS = simToSeconds(lastEnd_);
  s.measuredS = seconds_;
  s.requests = summarizeTraffic(requests_, seconds_);
  s.broker = broker_;
  if (seconds_ > 0) {
    s.meanRequestsInSystem = requestSeconds_ / seconds_;
    s.meanCores = coreSeconds_ / seconds_;
  }
  if (!layout_) return s;
  for (std::size_t c = 0; c < components_.size(); ++c) {
    const model::ComponentInfo& info = layout_->components[c];
    ServiceSummary svc;
    svc.name = info.name;
    svc.host = layout_->deployments[info.deployment].name;
    svc.isModule = info.isModule;
    svc.traffic = summarizeTraffic(components_[c], seconds_);
    const auto d = static_cast<std::size_t>(info.deployment);
    svc.utilization = capacity_[d] > 0 ? busy_[d] / capacity_[d] : 0.0;
    svc.meanQueue = seconds_ > 0 ? queued_[d] / seconds_ : 0.0;
    s.services.push_back(std::move(svc));
  }
  for (std::size_t e = 0; e < edges_.size(); ++e) {
    const model::EdgeInfo& info = layout_->edges[e];
    EdgeSummary edge;
    edge.from = layout_->components[info.from].name;
    edge.to = layout_->components[info.to].name;
    edge.mode = info.mode;
    edge.traffic = summarizeTraffic(edges_[e], seconds_);
    s.edges.push_back(std::move(edge));
  }
  return s;
}

}  // namespace clusterscope::engine
