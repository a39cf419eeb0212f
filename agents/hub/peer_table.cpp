#include "peer_table.h"

namespace clusterscope::agents {

namespace p = protocol;

bool Peer::routable() const {
  return hello.role == p::PeerRole::Agent && liveness == p::Liveness::Joined &&
         !connection.empty() && report && report->state == model::ReplicaState::Ready &&
         !hello.endpoints.requests.empty();
}

p::PeerEntry Peer::entry() const { return {hello, liveness, reason, report}; }

Peer* PeerTable::byInstance(std::string_view instance) {
  const auto it = peers_.find(instance);
  return it == peers_.end() ? nullptr : &it->second;
}

const Peer* PeerTable::byInstance(std::string_view instance) const {
  const auto it = peers_.find(instance);
  return it == peers_.end() ? nullptr : &it->second;
}

Peer* PeerTable::byConnection(std::string_view connection) {
  const auto it = connections_.find(std::string(connection));
  return it == connections_.end() ? nullptr : byInstance(it->second);
}

Peer& PeerTable::attach(const std::string& connection, const p::Hello& hello, p::KeyRole key,
                        Clock::time_point now) {
  if (Peer* previous = byConnection(connection);
      previous && previous->hello.instance != hello.instance) {
    detach(*previous);
  }
  Peer& peer = peers_[hello.instance];
  const bool sameConnection = peer.connection == connection;
  if (!sameConnection) {
    if (!peer.connection.empty()) detach(peer);
    // Another process (or the same one over a new connection) starts its counters anew.
    peer.report.reset();
    peer.lastRelayed = {};
    peer.held = false;
    peer.heldNewState = false;
    peer.heldBody.clear();
  }
  peer.hello = hello;
  peer.key = key;
  peer.connection = connection;
  peer.lastHeard = now;
  connections_[connection] = hello.instance;
  return peer;
}

void PeerTable::detach(Peer& peer) {
  if (peer.connection.empty()) return;
  connections_.erase(peer.connection);
  peer.connection.clear();
  peer.held = false;
  peer.heldNewState = false;
  peer.heldBody.clear();
}

std::string PeerTable::evictOne() {
  auto victim = peers_.end();
  for (auto it = peers_.begin(); it != peers_.end(); ++it) {
    const Peer& peer = it->second;
    const bool gone = peer.liveness == p::Liveness::Down || peer.liveness == p::Liveness::Left;
    if (gone && (victim == peers_.end() || peer.since < victim->second.since)) victim = it;
  }
  if (victim == peers_.end()) return {};
  std::string instance = victim->first;
  detach(victim->second);
  peers_.erase(victim);
  return instance;
}

}  // namespace clusterscope::agents
