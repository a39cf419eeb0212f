// Metrics intervals: each peer's counters since its baseline, merged into the engine's report
// types, and the figures at the interval's end.

#include <algorithm>
#include <utility>

#include "cluster_view.h"
#include "interval_sample.h"

namespace clusterscope::agents::cluster_view {

namespace {

std::uint64_t increase(std::uint64_t now, std::uint64_t before) {
  return now > before ? now - before : 0;
}

double ms(std::int64_t ns) { return static_cast<double>(ns) / 1e6; }

}  // namespace

void ClusterView::accumulate(PeerRecord& peer, double closingSeconds) {
  if (!peer.latest || peer.latest == peer.baseline) {
    if (closingSeconds > 0.0) keepPeerFigures(peer, closingSeconds);
    return;
  }
  open_.fit(layout());
  const protocol::Report& now = *peer.latest;
  const protocol::Report* base = peer.baseline.get();
  scratchDelta_.clear();
  if (now.service) {
    accumulateService(peer, *now.service, base && base->service ? &*base->service : nullptr);
  }
  if (now.load) {
    const TrafficCounters b = base && base->load ? countersOf(*base->load) : TrafficCounters{};
    scratchDelta_.compute(countersOf(*now.load), base && base->load ? &b : nullptr);
    if (scratchDelta_.backwards) ++peer.counterResets;
    scratchDelta_.addTo(open_.requests);
  }
  if (now.broker) accumulateBroker(*now.broker, base && base->broker ? &*base->broker : nullptr);
  if (closingSeconds > 0.0) {
    keepPeerFigures(peer, closingSeconds);
  } else {
    peer.foldedArrivals += scratchDelta_.arrivals;
    peer.foldedCompleted += scratchDelta_.completed;
    peer.foldedFailed += scratchDelta_.failures.total();
  }
}

// Leaves the peer's own section (service or load generator) in scratchDelta_.
void ClusterView::accumulateService(PeerRecord& peer, const protocol::ServiceTelemetry& now,
                                    const protocol::ServiceTelemetry* base) {
  TrafficDelta& edgeDelta = scratchEdgeDelta_;
  for (std::size_t i = 0; i < now.edges.size() && i < peer.edgeIndex.size(); ++i) {
    const int e = peer.edgeIndex[i];
    if (e < 0) continue;
    const protocol::EdgeTelemetry& edge = now.edges[i];
    const auto* before = findSame(base ? &base->edges : nullptr, i, [&](const auto& x) {
      return x.from == edge.from && x.to == edge.to;
    });
    const TrafficCounters b = before ? countersOf(*before) : TrafficCounters{};
    edgeDelta.compute(countersOf(edge), before ? &b : nullptr);
    if (edgeDelta.backwards) ++peer.counterResets;
    edgeDelta.addTo(open_.edges[static_cast<std::size_t>(e)]);
  }
  const TrafficCounters b = base ? countersOf(*base) : TrafficCounters{};
  scratchDelta_.compute(countersOf(now), base ? &b : nullptr);
  if (scratchDelta_.backwards) ++peer.counterResets;
  if (const int own = layout_.ownComponent(peer.at.deployment); own >= 0) {
    scratchDelta_.addTo(open_.components[static_cast<std::size_t>(own)]);
  }
}

void ClusterView::accumulateBroker(const protocol::BrokerTelemetry& now,
                                   const protocol::BrokerTelemetry* base) {
  for (std::size_t i = 0; i < now.queues.size(); ++i) {
    const protocol::QueueTelemetry& q = now.queues[i];
    const auto* before = findSame(base ? &base->queues : nullptr, i,
                                  [&](const auto& x) { return x.service == q.service; });
    const protocol::QueueTelemetry zero;
    const protocol::QueueTelemetry& b = before ? *before : zero;
    open_.broker.published += increase(q.published, b.published);
    open_.broker.delivered += increase(q.delivered, b.delivered);
    open_.broker.redelivered += increase(q.redelivered, b.redelivered);
    open_.broker.rejected += increase(q.rejected, b.rejected);
  }
}

// The peer's own section is in scratchDelta_ (zero when it counted nothing).
void ClusterView::keepPeerFigures(PeerRecord& peer, double secs) {
  const TrafficDelta& d = scratchDelta_;
  const bool counted = peer.latest && peer.latest != peer.baseline;
  const std::uint64_t arrivals = (counted ? d.arrivals : 0) + peer.foldedArrivals;
  const std::uint64_t completed = (counted ? d.completed : 0) + peer.foldedCompleted;
  const std::uint64_t failed = (counted ? d.failures.total() : 0) + peer.foldedFailed;
  peer.foldedArrivals = peer.foldedCompleted = peer.foldedFailed = 0;
  PeerInterval& f = peer.lastInterval;
  f = {};
  f.arrivalRps = static_cast<double>(arrivals) / secs;
  f.throughputRps = static_cast<double>(completed) / secs;
  f.failedRps = static_cast<double>(failed) / secs;
  if (!counted || d.latency.buckets.empty()) return;
  // The same percentiles as every interval's: the engine's histogram reads them.
  scratchHistogram_.clear();
  (void)d.latency.mergeInto(scratchHistogram_);
  f.p50Ms = ms(scratchHistogram_.percentileNs(50));
  f.p95Ms = ms(scratchHistogram_.percentileNs(95));
  f.p99Ms = ms(scratchHistogram_.percentileNs(99));
}

// The figures taken at the interval's end: replicas by state, gauges, backlogs, the broker.
void ClusterView::finishInterval(IntervalStats& stats) const {
  const model::ClusterLayout& l = layout();
  std::vector<int> present(l.deployments.size(), 0);
  stats.broker.backlog = 0;
  stats.broker.up = true;
  stats.requestsInFlight = 0;
  for (const PeerRecord& peer : peers_) {
    const auto& latest = peer.latest;
    if (latest && latest->broker) {
      stats.broker.up = stats.broker.up && !peer.gone() && latest->broker->up;
      for (const protocol::QueueTelemetry& q : latest->broker->queues) {
        stats.broker.backlog += q.backlog;
        const int c = layout_.component(q.service);
        if (c < 0) continue;
        const auto d =
            static_cast<std::size_t>(l.components[static_cast<std::size_t>(c)].deployment);
        stats.deployments[d].backlog += q.backlog;
      }
    }
    if (latest && latest->load && !peer.gone()) {
      stats.requestsInFlight += static_cast<std::uint64_t>(latest->load->inFlight);
    }
    if (peer.at.deployment < 0) continue;
    const auto d = static_cast<std::size_t>(peer.at.deployment);
    engine::DeploymentIntervalStats& ds = stats.deployments[d];
    switch (displayState(peer)) {
      case model::ReplicaState::Ready:
        ++ds.readyReplicas;
        [[fallthrough]];
      case model::ReplicaState::Starting:
      case model::ReplicaState::Draining:
      case model::ReplicaState::Suspect:
        ++ds.liveReplicas;
        ++present[d];
        break;
      case model::ReplicaState::Pending:
        ++present[d];
        break;
      case model::ReplicaState::Down:
      case model::ReplicaState::Removed:
        break;
    }
    ds.queued += static_cast<int>(peer.gauges.queued);
    ds.busyWorkers += static_cast<int>(peer.gauges.busy);
  }
  for (std::size_t d = 0; d < l.deployments.size(); ++d) {
    const int planned = layout_.plannedReplicas(static_cast<int>(d));
    stats.deployments[d].desiredReplicas = layout_.plan() ? planned : present[d];
    // As the engine counts them: what the live replicas reserve (the plan says how much each).
    stats.deployments[d].cores =
        stats.deployments[d].liveReplicas * l.deployments[d].coresPerReplica;
  }
}

void ClusterView::keepLastViews() {
  const double secs = std::max(interval_.report.seconds(), 1e-9);
  const auto view = [secs](const engine::TrafficStats& t) {
    return model::ComponentView{static_cast<double>(t.arrivals) / secs,
                                static_cast<double>(t.completed) / secs,
                                ms(t.latency.percentileNs(50)),
                                ms(t.latency.percentileNs(95)),
                                ms(t.latency.percentileNs(99)),
                                t.failedRatio(),
                                0.0,
                                t.latency.meanNs() / 1e6};
  };
  lastRequests_ = view(closedStats_.requests);
  lastComponents_.resize(closedStats_.components.size());
  for (std::size_t c = 0; c < closedStats_.components.size(); ++c) {
    lastComponents_[c] = view(closedStats_.components[c]);
  }
  lastEdges_.resize(closedStats_.edges.size());
  for (std::size_t e = 0; e < closedStats_.edges.size(); ++e) {
    const model::ComponentView v = view(closedStats_.edges[e]);
    lastEdges_[e].rateRps = v.arrivalRps;
    lastEdges_[e].p95Ms = v.p95Ms;
    lastEdges_[e].errorRatio = v.failedRatio;
  }
}

const LiveInterval* ClusterView::closeInterval(Instant now) {
  if (!clockStarted_ || now <= intervalStart_) return nullptr;
  const double secs = std::chrono::duration<double>(now - intervalStart_).count();
  open_.fit(layout());
  for (PeerRecord& peer : peers_) {
    touch(peer, now);
    accumulate(peer, secs);
    peer.baseline = peer.latest;
  }
  finishInterval(open_);
  std::vector<int> own(layout().deployments.size());
  for (std::size_t d = 0; d < own.size(); ++d) own[d] = layout_.ownComponent(static_cast<int>(d));
  deriveModuleFigures(open_, layout(), own);
  std::swap(open_, closedStats_);
  open_.fit(layout());
  open_.clear();
  // As the engine does: the largest backlog of an interval is at least the one it starts with.
  open_.broker.maxBacklog = closedStats_.broker.backlog;
  closedStats_.broker.maxBacklog =
      std::max(closedStats_.broker.maxBacklog, closedStats_.broker.backlog);

  engine::IntervalReport& r = interval_.report;
  r = {};
  r.start = clusterTime(intervalStart_);
  r.end = clusterTime(now);
  r.layout = &layout();
  r.requests = &closedStats_.requests;
  r.components = &closedStats_.components;
  r.edges = &closedStats_.edges;
  r.deployments = &closedStats_.deployments;
  r.broker = closedStats_.broker;
  r.requestSecondsInSystem = closedStats_.requestSeconds;
  // The cores reserved at the interval's end, held over it (replicas change at most a few
  // times a second; the engine integrates exactly).
  r.coreSeconds = 0.0;
  for (const auto& d : closedStats_.deployments) r.coreSeconds += d.cores * secs;
  r.requestsInFlight = closedStats_.requestsInFlight;
  interval_.sample = engine::makeChartSample(r);
  keepLastViews();
  intervalStart_ = now;
  closed_ = true;
  return &interval_;
}

}  // namespace clusterscope::agents::cluster_view
