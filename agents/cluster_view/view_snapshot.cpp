// The cluster at one instant (model::ClusterSnapshot) and each peer's health.

#include <algorithm>
#include <unordered_set>

#include "cluster_view.h"

namespace clusterscope::agents::cluster_view {

namespace {

bool live(const PeerRecord& peer) {
  return peer.liveness == protocol::Liveness::Joined ||
         peer.liveness == protocol::Liveness::Suspect;
}

// Worst first: an open breaker on any caller is what matters on the edge.
int breakerRank(model::BreakerState s) {
  switch (s) {
    case model::BreakerState::Open:
      return 3;
    case model::BreakerState::HalfOpen:
      return 2;
    case model::BreakerState::Closed:
      return 1;
    case model::BreakerState::None:
      break;
  }
  return 0;
}

model::ReplicaView replicaView(const PeerRecord& peer, int planned) {
  model::ReplicaView v;
  v.index = peer.hello.replica;
  v.state = displayState(peer);
  v.node = peer.at.node;
  if (!peer.gone() && peer.latest && peer.latest->service) {
    v.busyWorkers = static_cast<int>(peer.latest->service->busy);
    v.queued = static_cast<int>(peer.latest->service->queued);
  }
  if (peer.latest && peer.latest->service) v.slowFactor = peer.latest->service->slowFactor;
  v.inPlan = peer.hello.replica >= 0 && peer.hello.replica < planned;
  v.language = peer.hello.language;
  return v;
}

}  // namespace

// One view per replica number: the live peers holding it (several only when processes
// disagree about who they are), else the one heard last; planned numbers nobody took yet are
// pending; numbers whose process left are gone.
void ClusterView::addReplicaViews(model::ClusterSnapshot& s) const {
  std::vector<std::vector<const PeerRecord*>> byDeployment(s.deployments.size());
  for (const PeerRecord& peer : peers_) {
    if (peer.at.deployment >= 0)
      byDeployment[static_cast<std::size_t>(peer.at.deployment)].push_back(&peer);
  }
  for (std::size_t d = 0; d < byDeployment.size(); ++d) {
    auto& peers = byDeployment[d];
    std::sort(peers.begin(), peers.end(), [](const PeerRecord* a, const PeerRecord* b) {
      if (a->hello.replica != b->hello.replica) return a->hello.replica < b->hello.replica;
      if (live(*a) != live(*b)) return live(*a);
      return a->lastReportAt > b->lastReportAt;
    });
    const int planned = layout_.plannedReplicas(static_cast<int>(d));
    auto& out = s.deployments[d].replicas;
    std::unordered_set<int> taken;
    for (const PeerRecord* p : peers) {
      const bool firstOfNumber = taken.insert(p->hello.replica).second;
      if (p->liveness == protocol::Liveness::Left) continue;
      if (live(*p) || firstOfNumber) out.push_back(replicaView(*p, planned));
    }
    for (int r = 0; r < planned; ++r) {
      if (!taken.contains(r)) out.push_back({r, model::ReplicaState::Pending});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.index < b.index; });
  }
}

model::ClusterSnapshot ClusterView::snapshot(Instant now) const {
  const model::ClusterLayout& l = layout();
  const bool have = closed_;
  const IntervalStats& last = closedStats_;
  model::ClusterSnapshot s;
  s.time = clusterTime(now);
  s.duration = plan() ? static_cast<model::ClusterTime>(plan()->description.durationS * 1e9) : 0;
  s.events = stream_.reports;

  s.deployments.resize(l.deployments.size());
  for (std::size_t d = 0; d < l.deployments.size(); ++d) {
    model::DeploymentView& v = s.deployments[d];
    v.autoscalerOn = l.deployments[d].autoscaled;
    if (have && d < last.deployments.size()) {
      v.desiredReplicas = last.deployments[d].desiredReplicas;
      v.utilization = last.deployments[d].utilization();
    } else {
      v.desiredReplicas = layout_.plannedReplicas(static_cast<int>(d));
    }
  }
  addReplicaViews(s);

  // Components and edges that joined since the last close have no figures yet.
  s.components = lastComponents_;
  s.components.resize(l.components.size());
  s.edges = lastEdges_;
  s.edges.resize(l.edges.size());
  for (std::size_t e = 0; e < l.edges.size(); ++e) s.edges[e].mode = l.edges[e].mode;

  std::vector<int> placedOnNode(l.nodes.size(), 0), downOnNode(l.nodes.size(), 0);
  std::vector<double> usedOnNode(l.nodes.size(), 0.0);
  for (const PeerRecord& peer : peers_) {
    // The cores a live replica reserves, as the plan says (0 when it does not): the
    // cluster's cost now, and each node's use.
    if (!peer.gone() && peer.at.deployment >= 0) {
      const double cores =
          l.deployments[static_cast<std::size_t>(peer.at.deployment)].coresPerReplica;
      s.cores += cores;
      if (peer.at.node >= 0 && static_cast<std::size_t>(peer.at.node) < l.nodes.size()) {
        usedOnNode[static_cast<std::size_t>(peer.at.node)] += cores;
      }
    }
    if (peer.at.node >= 0 && static_cast<std::size_t>(peer.at.node) < l.nodes.size() &&
        peer.liveness != protocol::Liveness::Left) {
      ++placedOnNode[static_cast<std::size_t>(peer.at.node)];
      if (peer.liveness == protocol::Liveness::Down)
        ++downOnNode[static_cast<std::size_t>(peer.at.node)];
    }
    if (!peer.latest || peer.gone()) continue;
    const protocol::Report& r = *peer.latest;
    if (r.service && peer.at.deployment >= 0) {
      for (int c : l.deployments[static_cast<std::size_t>(peer.at.deployment)].components) {
        auto& errorRate = s.components[static_cast<std::size_t>(c)].errorRate;
        errorRate = std::max(errorRate, r.service->errorRate);
      }
      for (std::size_t i = 0; i < r.service->edges.size() && i < peer.edgeIndex.size(); ++i) {
        if (peer.edgeIndex[i] < 0) continue;
        model::EdgeView& v = s.edges[static_cast<std::size_t>(peer.edgeIndex[i])];
        const protocol::EdgeTelemetry& e = r.service->edges[i];
        v.mode = e.mode;
        v.inFlight += static_cast<int>(e.inFlight);
        if (breakerRank(e.breaker) > breakerRank(v.breaker)) v.breaker = e.breaker;
      }
    }
    if (r.broker) {
      s.brokerUp = s.brokerUp && r.broker->up;
      for (const protocol::QueueTelemetry& q : r.broker->queues) {
        s.brokerBacklog += q.backlog;
        s.brokerLagMs = std::max(s.brokerLagMs, q.oldestAgeMs);
        const int c = layout_.component(q.service);
        if (c >= 0)
          s.deployments[static_cast<std::size_t>(
                            l.components[static_cast<std::size_t>(c)].deployment)]
              .backlog += q.backlog;
      }
    }
    if (r.load) {
      s.arrivalRateRps += r.load->rateRps;
      s.requestsInFlight += static_cast<std::uint64_t>(r.load->inFlight);
    }
  }
  s.brokerPresent = false;
  for (const PeerRecord& peer : peers_) {
    if (peer.hello.role != protocol::PeerRole::Broker) continue;
    s.brokerPresent = true;  // down or not: an outage ends
    if (peer.gone()) s.brokerUp = false;
  }
  s.nodes.reserve(l.nodes.size());
  for (std::size_t n = 0; n < l.nodes.size(); ++n) {
    // A node is known down only by its processes: all of those still there are down.
    const bool up = placedOnNode[n] == 0 || downOnNode[n] < placedOnNode[n];
    s.nodes.push_back({up, l.nodes[n].cores, usedOnNode[n]});
  }
  s.throughputRps = lastRequests_.throughputRps;
  s.p50Ms = lastRequests_.p50Ms;
  s.p95Ms = lastRequests_.p95Ms;
  s.p99Ms = lastRequests_.p99Ms;
  s.failedRatio = lastRequests_.failedRatio;
  return s;
}

std::vector<PeerHealth> ClusterView::peers(Instant now) const {
  std::vector<PeerHealth> out;
  out.reserve(peers_.size());
  for (const PeerRecord& p : peers_) {
    PeerHealth h;
    h.hello = p.hello;
    h.liveness = p.liveness;
    h.reason = p.reason;
    h.state = displayState(p);
    h.deployment = p.at.deployment;
    h.inPlan = p.at.deployment >= 0 && p.hello.replica >= 0 &&
               p.hello.replica < layout_.plannedReplicas(p.at.deployment);
    h.reports = p.reports;
    h.lastSeq = p.latest ? p.latest->seq : 0;
    h.reportsMissed = p.missed;
    h.restarts = p.restarts;
    h.counterResets = p.counterResets;
    if (p.reports > 0) h.sinceLastReport = now - p.lastReportAt;
    h.lastInterval = p.lastInterval;
    out.push_back(std::move(h));
  }
  return out;
}

}  // namespace clusterscope::agents::cluster_view
