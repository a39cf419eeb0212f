#include "interval_sample.h"

#include <algorithm>

namespace clusterscope::engine {

namespace {

double ms(std::int64_t ns) { return static_cast<double>(ns) / 1e6; }

model::ScopeSample reduce(const TrafficStats& t, double secs) {
  model::ScopeSample s;
  s.arrivalRps = static_cast<double>(t.arrivals) / secs;
  s.throughputRps = static_cast<double>(t.completed) / secs;
  s.failedRps = static_cast<double>(t.failed()) / secs;
  s.failedRatio = t.failedRatio();
  s.p50Ms = ms(t.latency.percentileNs(50));
  s.p95Ms = ms(t.latency.percentileNs(95));
  s.p99Ms = ms(t.latency.percentileNs(99));
  s.meanMs = t.latency.meanNs() / 1e6;
  for (int c = 0; c < model::kFailureCauseCount; ++c) {
    s.failuresByCause[c] = static_cast<double>(t.failures.byCause[c]) / secs;
  }
  return s;
}

}  // namespace

model::ChartSample makeChartSample(const IntervalReport& r) {
  model::ChartSample out;
  out.startS = simToSeconds(r.start);
  out.endS = simToSeconds(r.end);
  const double secs = std::max(r.seconds(), 1e-9);
  out.requests = reduce(*r.requests, secs);
  out.components.reserve(r.components->size());
  for (std::size_t c = 0; c < r.components->size(); ++c) {
    model::ScopeSample s = reduce((*r.components)[c], secs);
    const auto& d = (*r.deployments)[r.layout->components[c].deployment];
    s.meanQueue = d.queuedTaskSeconds / secs;
    s.utilization = d.utilization();
    s.readyReplicas = d.readyReplicas;
    s.backlog = static_cast<float>(d.backlog);
    s.cores = static_cast<float>(d.cores);
    out.components.push_back(s);
  }
  for (const auto& d : *r.deployments) out.readyReplicas += d.readyReplicas;
  out.requestsInFlight = r.requestSecondsInSystem / secs;
  out.cores = r.coreSeconds / secs;
  out.brokerBacklog = static_cast<double>(r.broker.backlog);
  out.brokerLagMs = r.broker.maxLagMs;
  return out;
}

}  // namespace clusterscope::engine
