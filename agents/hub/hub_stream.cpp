// The Clone-pattern stream to monitors: SNAPSHOT in parts, then UPDATE, PEER_STATE and CLUSTER
// numbered by one sequence. Sends never block: a subscriber whose pipe is full loses the
// message, sees the gap in `seq` and subscribes again.

#include <algorithm>

#include "control_codec.h"
#include "hub.h"

namespace clusterscope::agents {

namespace p = protocol;

namespace {

// Small parts leave room under the control plane's 4 MiB and let a snapshot of hundreds of
// peers go out as a few messages rather than one huge one.
constexpr std::size_t kSnapshotPartBytes = 1u << 20;

}  // namespace

void Hub::onSubscribe(const std::string& connection, const p::Subscribe& subscribe) {
  subscribers_[connection] = std::chrono::milliseconds(subscribe.updateIntervalMs);
  std::vector<p::PeerEntry> entries;
  entries.reserve(peers_.size());
  for (const auto& [instance, peer] : peers_.peers()) entries.push_back(peer.entry());
  for (const p::Frames& part : p::encodeSnapshot(seq_, plan_, entries, kSnapshotPartBytes)) {
    // A part lost at the high-water mark makes the rest useless: the monitor starts again.
    if (sendFramesTo(connection, part, p::ControlType::Snapshot) != SendStatus::Sent) break;
  }
}

// One gap for all: UPDATEs share the stream's sequence, so every subscriber sees every one
// (a subscriber missing some would see a gap and subscribe again). The hub relays as seldom as
// the most demanding subscriber allows, never more often than twice a report interval.
Hub::Clock::duration Hub::relayGap() const {
  const Clock::duration least = options_.reportInterval / 2;
  if (subscribers_.empty()) return least;
  Clock::duration gap = Clock::duration::max();
  for (const auto& [connection, wanted] : subscribers_) {
    gap = std::min(gap, std::max(least, wanted));
  }
  return gap;
}

void Hub::onCluster(const p::Cluster& cluster) {
  plan_ = cluster.plan;
  broadcast(p::Cluster{cluster.plan, 0});
  routesDirty_ = true;  // its services are known now, replicas or not
}

void Hub::broadcast(p::ControlMessage message) {
  const std::uint64_t seq = ++seq_;
  std::visit(
      [seq](auto& m) {
        if constexpr (requires { m.seq; }) m.seq = seq;
      },
      message);
  if (!subscribers_.empty()) broadcastFrames(p::encodeControl(message), p::controlTypeOf(message));
}

void Hub::broadcastFrames(const p::Frames& frames, p::ControlType type) {
  for (auto it = subscribers_.begin(); it != subscribers_.end();) {
    // EHOSTUNREACH: the connection is gone, so is the subscription.
    if (sendFramesTo(it->first, frames, type) == SendStatus::Unreachable) {
      it = subscribers_.erase(it);
    } else {
      ++it;
    }
  }
}

void Hub::sendUpdate(Peer& peer, std::string_view body) {
  peer.held = false;
  peer.heldNewState = false;
  peer.lastRelayed = Clock::now();
  ++stats_.updatesRelayed;
  const std::uint64_t seq = ++seq_;
  if (peer.report && !subscribers_.empty()) {
    // The body as it came, spliced: no second JSON dump of every report.
    auto frames = p::encodeRelayedUpdate(seq, peer.hello.instance, body);
    if (!frames) frames = p::encodeControl(p::Update{seq, peer.hello.instance, *peer.report});
    broadcastFrames(*frames, p::ControlType::Update);
  }
  peer.heldBody.clear();
}

}  // namespace clusterscope::agents
