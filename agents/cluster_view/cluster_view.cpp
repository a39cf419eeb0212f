// The stream from the hub: sequence numbers, snapshots in parts, resets, the cluster clock.

#include "cluster_view.h"

#include <utility>
#include <variant>

namespace clusterscope::agents::cluster_view {

ClusterView::ClusterView(ViewOptions options) : options_(options) {
  if (options_.interval <= Clock::duration::zero()) options_.interval = std::chrono::seconds(1);
  if (options_.maxPeers == 0) options_.maxPeers = 1;
}

void ClusterView::apply(protocol::ControlMessage message, Instant now) {
  if (!clockStarted_) startClock(now);
  ++stream_.messages;
  stream_.lastMessageAt = now;
  std::visit(
      [&](auto& m) {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, protocol::Welcome>) {
          applyWelcome(m, now);
        } else if constexpr (std::is_same_v<T, protocol::Cluster>) {
          applyCluster(m, now);
        } else if constexpr (std::is_same_v<T, protocol::Snapshot>) {
          applySnapshot(m, now);
        } else if constexpr (std::is_same_v<T, protocol::Update>) {
          applyUpdate(m, now);
        } else if constexpr (std::is_same_v<T, protocol::PeerState>) {
          applyPeerState(m, now);
        }
      },
      message);
  if (layout_.takeShapeChanged()) {
    changes_.shapeChanged = !changes_.reset;
    open_.fit(layout_.layout());
  }
}

ViewChanges ClusterView::takeChanges() { return std::exchange(changes_, ViewChanges{}); }

model::ClusterTime ClusterView::clusterTime(Instant now) const {
  if (!clockStarted_) return 0;
  return std::chrono::duration_cast<std::chrono::nanoseconds>(now - origin_).count();
}

void ClusterView::startClock(Instant now) {
  clockStarted_ = true;
  origin_ = intervalStart_ = now;
  open_.clear();
  open_.fit(layout_.layout());
  closed_ = false;
  lastRequests_ = {};
  lastComponents_.clear();
  lastEdges_.clear();
  for (PeerRecord& peer : peers_) peer.touchedAt = now;
}

void ClusterView::restartClock(Instant now) {
  for (PeerRecord& peer : peers_) {
    // What was counted before now is before the run.
    peer.baseline = peer.latest;
    peer.fresh = false;
    peer.foldedArrivals = peer.foldedCompleted = peer.foldedFailed = 0;
    peer.lastInterval = {};
  }
  startClock(now);
}

// A hub's stream is one sequence: a snapshot at `seq`, then changes from seq + 1. A change at
// or below what was applied is stale (it is in the snapshot already); a jump means the hub
// dropped some at its high-water mark, and only a new snapshot can say what they were.
bool ClusterView::acceptSeq(std::uint64_t seq) {
  if (seq == 0) return true;  // a CLUSTER straight from a launcher carries none
  if (!seqKnown_) {
    seqKnown_ = true;
    stream_.seq = seq;
    return true;
  }
  if (seq <= stream_.seq) {
    ++stream_.stale;
    return false;
  }
  if (seq > stream_.seq + 1) {
    ++stream_.gaps;
    changes_.resubscribe = true;
  }
  stream_.seq = seq;
  return true;
}

void ClusterView::resetCluster(const protocol::ClusterPlan* plan, bool keepPeers, Instant now) {
  layout_.reset(plan);
  if (!keepPeers) {
    peers_.clear();
    peerIndex_.clear();
  }
  for (PeerRecord& peer : peers_) {
    peer.at = layout_.place(peer.hello);
    resolveEdges(peer);
    refreshGauges(peer);
  }
  layout_.takeShapeChanged();  // what re-placing added is part of the new cluster
  changes_.reset = true;
  changes_.shapeChanged = false;
  open_ = {};
  closedStats_ = {};
  restartClock(now);
}

void ClusterView::applyWelcome(const protocol::Welcome& m, Instant now) {
  if (!stream_.hub.empty() && m.hub != stream_.hub) {
    // Another run of the hub: another cluster, whose state comes in its SNAPSHOT.
    seqKnown_ = false;
    snapshotNextPart_ = 0;
    stream_.snapshotComplete = false;
    resetCluster(nullptr, false, now);
  }
  stream_.hub = m.hub;
}

void ClusterView::applyCluster(const protocol::Cluster& m, Instant now) {
  if (!acceptSeq(m.seq)) return;
  // The same plan again (relayed twice, or after a resubscription) changes nothing.
  if (!plan() || !(*plan() == m.plan)) resetCluster(&m.plan, true, now);
}

void ClusterView::applySnapshot(protocol::Snapshot& m, Instant now) {
  if (m.part == 1) {
    const bool samePlan = m.cluster ? plan() && *plan() == *m.cluster : !plan();
    if (!samePlan) resetCluster(m.cluster ? &*m.cluster : nullptr, true, now);
    snapshotSeq_ = m.seq;
    snapshotParts_ = m.parts;
    snapshotNextPart_ = 1;
    inSnapshot_.clear();
    stream_.snapshotComplete = false;
  }
  if (snapshotNextPart_ == 0 || m.seq != snapshotSeq_ || m.part != snapshotNextPart_ ||
      m.parts != snapshotParts_) {
    // A part out of order: what it says cannot be placed in a consistent state.
    snapshotNextPart_ = 0;
    changes_.resubscribe = true;
    return;
  }
  ++snapshotNextPart_;
  for (protocol::PeerEntry& entry : m.peers) {
    PeerRecord* peer = upsertPeer(entry.hello, now);
    if (peer == nullptr) continue;
    inSnapshot_.insert(peer->hello.instance);
    setLiveness(*peer, entry.liveness, std::move(entry.reason), now);
    if (entry.report) ingestReport(*peer, std::move(*entry.report), now);
  }
  if (m.part < m.parts) return;
  snapshotNextPart_ = 0;
  stream_.snapshotComplete = true;
  seqKnown_ = true;
  stream_.seq = m.seq;
  // Peers the hub no longer knows (it forgot them while this view was not listening).
  for (PeerRecord& peer : peers_) {
    if (!inSnapshot_.contains(peer.hello.instance) && peer.liveness != protocol::Liveness::Left) {
      setLiveness(peer, protocol::Liveness::Left, "not in the hub's snapshot", now);
    }
  }
  inSnapshot_.clear();
}

void ClusterView::applyUpdate(protocol::Update& m, Instant now) {
  if (!acceptSeq(m.seq)) return;
  PeerRecord* peer = findPeer(m.instance);
  if (peer == nullptr) {
    ++stream_.unknownPeers;  // without its HELLO it cannot be placed
    return;
  }
  ingestReport(*peer, std::move(m.report), now);
}

void ClusterView::applyPeerState(protocol::PeerState& m, Instant now) {
  if (!acceptSeq(m.seq)) return;
  PeerRecord* peer =
      m.hello && m.hello->instance == m.instance ? upsertPeer(*m.hello, now) : findPeer(m.instance);
  if (peer == nullptr) {
    if (!m.hello) ++stream_.unknownPeers;
    return;
  }
  setLiveness(*peer, m.liveness, std::move(m.reason), now);
}

Instant ClusterView::nextIntervalDue() const {
  if (!clockStarted_) return Instant::max();
  const auto elapsed = intervalStart_ - origin_;
  return origin_ + (elapsed / options_.interval + 1) * options_.interval;
}

}  // namespace clusterscope::agents::cluster_view
