// Peers: who they are (HELLO), whether they live (PEER_STATE), what they report (REPORT), and
// when a report comes from a new process.

#include <algorithm>
#include <utility>

#include "cluster_view.h"
#include "counter_delta.h"

namespace clusterscope::agents::cluster_view {

namespace {

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

}  // namespace

model::ReplicaState displayState(const PeerRecord& peer) {
  switch (peer.liveness) {
    case protocol::Liveness::Left:
      return model::ReplicaState::Removed;
    case protocol::Liveness::Down:
      return model::ReplicaState::Down;
    case protocol::Liveness::Suspect:
      return model::ReplicaState::Suspect;
    case protocol::Liveness::Joined:
      break;
  }
  return peer.latest ? peer.latest->state : model::ReplicaState::Starting;
}

PeerRecord* ClusterView::findPeer(const std::string& instance) {
  const auto it = peerIndex_.find(instance);
  return it == peerIndex_.end() ? nullptr : &peers_[it->second];
}

// Makes room by forgetting the peer that has been down or gone longest, after its counts are
// kept in the interval in progress. False when every peer is alive.
bool ClusterView::evictOnePeer() {
  std::size_t victim = peers_.size();
  for (std::size_t i = 0; i < peers_.size(); ++i) {
    if (peers_[i].gone() && (victim == peers_.size() || peers_[i].goneAt < peers_[victim].goneAt)) {
      victim = i;
    }
  }
  if (victim == peers_.size()) return false;
  accumulate(peers_[victim], 0.0);
  peerIndex_.erase(peers_[victim].hello.instance);
  // Erased in place, so that peers() keeps the order they came in; eviction is rare.
  peers_.erase(peers_.begin() + static_cast<std::ptrdiff_t>(victim));
  for (std::size_t i = victim; i < peers_.size(); ++i) peerIndex_[peers_[i].hello.instance] = i;
  return true;
}

PeerRecord* ClusterView::upsertPeer(const protocol::Hello& hello, Instant now) {
  PeerRecord* peer = findPeer(hello.instance);
  if (peer == nullptr) {
    if (peers_.size() >= options_.maxPeers && !evictOnePeer()) {
      ++stream_.refusedPeers;
      return nullptr;
    }
    peerIndex_.emplace(hello.instance, peers_.size());
    peer = &peers_.emplace_back();
    peer->touchedAt = now;
  } else if (hello.pid != 0 && peer->hello.pid != 0 && hello.pid != peer->hello.pid) {
    ++peer->restarts;
    startNewProcess(*peer);
  }
  touch(*peer, now);
  peer->hello = hello;
  peer->at = layout_.place(peer->hello);
  if (hello.role == protocol::PeerRole::Agent && peer->at.deployment < 0) ++stream_.unplaced;
  resolveEdges(*peer);
  refreshGauges(*peer);
  return peer;
}

// What the ending process counted since the last close is kept (in the interval in progress);
// its successor counts from zero.
void ClusterView::startNewProcess(PeerRecord& peer) {
  accumulate(peer, 0.0);
  peer.latest.reset();
  peer.baseline.reset();
  peer.edgeIndex.clear();
  peer.fresh = true;
}

void ClusterView::setLiveness(PeerRecord& peer, protocol::Liveness liveness, std::string reason,
                              Instant now) {
  touch(peer, now);
  if (!peer.gone() && liveness != protocol::Liveness::Joined &&
      liveness != protocol::Liveness::Suspect) {
    peer.goneAt = now;
  }
  peer.liveness = liveness;
  peer.reason = std::move(reason);
  refreshGauges(peer);
}

void ClusterView::ingestReport(PeerRecord& peer, protocol::Report report, Instant now) {
  ++stream_.reports;
  ++peer.reports;
  peer.lastReportAt = now;
  if (peer.latest) {
    const std::uint64_t last = peer.latest->seq;
    if (report.seq == last) return;  // the same report again (a snapshot after an update)
    if (report.seq < last) {
      ++peer.restarts;  // seq starts again at 1 in a new process
      startNewProcess(peer);
    } else {
      peer.missed += report.seq - last - 1;
      if (countersWentBackwards(report, *peer.latest)) {
        ++peer.counterResets;
        startNewProcess(peer);
      }
    }
  }
  touch(peer, now);
  auto latest = std::make_shared<const protocol::Report>(std::move(report));
  if (!peer.latest && !peer.fresh) {
    // First seen from the middle of its life: what it counted before is not this view's to
    // report. Seen from its first report: everything it counted is new.
    if (latest->seq != 1) peer.baseline = latest;
  }
  peer.fresh = false;
  peer.latest = std::move(latest);
  resolveEdges(peer);
  refreshGauges(peer);
  if (const auto& broker = peer.latest->broker) {
    std::uint64_t backlog = 0;
    double lag = 0.0;
    for (const auto& q : broker->queues) {
      backlog += q.backlog;
      lag = std::max(lag, q.oldestAgeMs);
    }
    open_.broker.maxBacklog = std::max(open_.broker.maxBacklog, backlog);
    open_.broker.maxLagMs = std::max(open_.broker.maxLagMs, lag);
  }
}

void ClusterView::resolveEdges(PeerRecord& peer) {
  peer.edgeIndex.clear();
  if (!peer.latest || !peer.latest->service) return;
  for (const protocol::EdgeTelemetry& e : peer.latest->service->edges) {
    const int index =
        peer.at.deployment < 0 ? -1 : layout_.reportedEdge(peer.at, e.from, e.to, e.mode);
    if (index < 0 && peer.at.deployment >= 0) ++stream_.unknownEdges;
    peer.edgeIndex.push_back(index);
  }
}

void ClusterView::touch(PeerRecord& peer, Instant now) {
  if (now > peer.touchedAt) {
    open_.fit(layout_.layout());
    addGaugeArea(open_, peer.at.deployment, peer.gauges, seconds(now - peer.touchedAt));
  }
  peer.touchedAt = std::max(peer.touchedAt, now);
}

void ClusterView::refreshGauges(PeerRecord& peer) {
  peer.gauges = {};
  if (peer.gone() || !peer.latest) return;
  if (const auto& s = peer.latest->service) {
    const model::ReplicaState state = peer.latest->state;
    peer.gauges.busy = static_cast<double>(s->busy);
    peer.gauges.queued = static_cast<double>(s->queued);
    if (state == model::ReplicaState::Ready || state == model::ReplicaState::Draining) {
      peer.gauges.capacity = static_cast<double>(s->workers);
    }
  }
  if (const auto& l = peer.latest->load) peer.gauges.inFlight = static_cast<double>(l->inFlight);
}

}  // namespace clusterscope::agents::cluster_view
