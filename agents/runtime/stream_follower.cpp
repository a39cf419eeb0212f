#include "stream_follower.h"

namespace clusterscope::agents {

void StreamFollower::restart() {
  state_ = State::Awaiting;
  snapshot_ = {};
  nextPart_ = 1;
  parts_ = 0;
}

void StreamFollower::reset() {
  restart();
  state_ = State::Idle;
}

StreamFollower::Verdict StreamFollower::lost() {
  ++gaps_;
  state_ = State::Idle;  // until the owner subscribes again and calls restart()
  return Verdict::Resubscribe;
}

StreamFollower::Verdict StreamFollower::onSnapshotPart(protocol::Snapshot part) {
  switch (state_) {
    case State::Idle:
      return Verdict::Ignore;
    case State::Streaming:
      // A snapshot nobody asked for since the last one: an answer to an earlier SUBSCRIBE
      // that crossed it. Only a part 1 can start over; take the newer state.
      if (part.part != 1 || part.seq < expected_ - 1) return Verdict::Ignore;
      restart();
      [[fallthrough]];
    case State::Awaiting:
      if (part.part != 1) return Verdict::Ignore;  // the tail of an older snapshot
      snapshot_.seq = part.seq;
      snapshot_.cluster = std::move(part.cluster);
      parts_ = part.parts;
      state_ = State::Assembling;
      break;
    case State::Assembling:
      if (part.seq != snapshot_.seq || part.parts != parts_ || part.part != nextPart_) {
        return lost();
      }
      break;
  }
  for (auto& peer : part.peers) snapshot_.peers.push_back(std::move(peer));
  nextPart_ = part.part + 1;
  if (part.part < parts_) return Verdict::Ignore;
  state_ = State::Streaming;
  expected_ = snapshot_.seq + 1;
  return Verdict::Complete;
}

StreamFollower::Verdict StreamFollower::onStream(std::uint64_t seq) {
  switch (state_) {
    case State::Idle:
    case State::Awaiting:
      // Messages the coming snapshot already covers.
      return Verdict::Ignore;
    case State::Assembling:
      // The hub sends a snapshot's parts back to back: a stream message in between means a
      // part was dropped.
      return lost();
    case State::Streaming:
      break;
  }
  if (seq < expected_) return Verdict::Ignore;
  if (seq > expected_) return lost();
  ++expected_;
  return Verdict::Deliver;
}

}  // namespace clusterscope::agents
