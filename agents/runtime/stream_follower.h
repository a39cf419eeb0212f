#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "control_messages.h"

// A monitor's side of the hub's Clone-pattern stream (docs/protocol.md, SUBSCRIBE): SNAPSHOT
// parts reassembled, then UPDATE, PEER_STATE and CLUSTER accepted only in sequence. A part
// missing or a sequence number skipped (the hub dropped a message at its high-water mark)
// means the monitor's picture is stale: the verdict says to subscribe again. Pure logic, no
// sockets; one thread.

namespace clusterscope::agents {

// A whole snapshot: every part's peers, in order.
struct HubSnapshot {
  std::uint64_t seq = 0;  // the state is as of this sequence; the stream resumes at seq + 1
  std::optional<protocol::ClusterPlan> cluster;
  std::vector<protocol::PeerEntry> peers;
};

class StreamFollower {
 public:
  enum class Verdict {
    Ignore,       // stale, or before the snapshot it waits for: drop it
    Deliver,      // the next message of the stream: hand it on
    Complete,     // the snapshot's last part: takeSnapshot() holds it
    Resubscribe,  // a part or a sequence number was lost: send SUBSCRIBE and restart()
  };

  // After sending SUBSCRIBE: wait for a fresh snapshot, ignoring the stream until then.
  void restart();
  // Not subscribed: everything is ignored.
  void reset();
  bool following() const { return state_ == State::Streaming; }

  Verdict onSnapshotPart(protocol::Snapshot part);
  // UPDATE, PEER_STATE and CLUSTER, by their sequence number.
  Verdict onStream(std::uint64_t seq);

  // The snapshot completed by the last Complete verdict (moved out).
  HubSnapshot takeSnapshot() { return std::move(snapshot_); }
  // Sequence numbers or parts found missing so far.
  std::uint64_t gaps() const { return gaps_; }

 private:
  enum class State { Idle, Awaiting, Assembling, Streaming };
  Verdict lost();

  State state_ = State::Idle;
  HubSnapshot snapshot_;
  std::int64_t nextPart_ = 1;
  std::int64_t parts_ = 0;
  std::uint64_t expected_ = 0;  // the next sequence number of the stream
  std::uint64_t gaps_ = 0;
};

}  // namespace clusterscope::agents
