#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "control_messages.h"
#include "control_policy.h"

// The hub's peers: one entry per instance id it has heard of (down and left ones stay, shown
// dead rather than vanished, until the instance joins again), and which connection (ZeroMQ
// routing id) holds each live one. The table keeps the two maps consistent; the hub decides
// who may join (hub_peers.cpp). One thread (the hub's).

namespace clusterscope::agents {

struct Peer {
  using Clock = std::chrono::steady_clock;

  protocol::Hello hello;
  protocol::Liveness liveness = protocol::Liveness::Joined;
  std::string reason;                      // why it is in that state ("hello", "silent for 1 s")
  std::optional<protocol::Report> report;  // the latest; none before its first
  std::string connection;                  // routing id holding it; empty once detached
  protocol::KeyRole key = protocol::KeyRole::None;
  Clock::time_point lastHeard{};    // its last REPORT (or its HELLO)
  Clock::time_point since{};        // when `liveness` last changed
  Clock::time_point lastRelayed{};  // its last UPDATE to subscribers
  bool held = false;                // a report waits to be relayed (see Hub::relay)
  bool heldNewState = false;        // ... and it (or one it replaced) changed the state
  std::string heldBody;             // ... its JSON body as it came, to relay unchanged

  // Attached and not silent: it can be sent to and can carry out commands.
  bool live() const {
    return !connection.empty() &&
           (liveness == protocol::Liveness::Joined || liveness == protocol::Liveness::Suspect);
  }
  // A replica calls may go to: an agent, joined, reporting `ready`, with a request endpoint.
  bool routable() const;
  // What SNAPSHOT carries of it.
  protocol::PeerEntry entry() const;
};

class PeerTable {
 public:
  using Clock = Peer::Clock;

  Peer* byInstance(std::string_view instance);
  const Peer* byInstance(std::string_view instance) const;
  Peer* byConnection(std::string_view connection);

  // Gives `hello.instance` to `connection`: a new peer, or the existing entry of that instance
  // (a restarted replica, a second HELLO), whose previous connection, if another, is detached.
  // A connection holding another instance gives that one up first (the caller decides what
  // the old instance becomes). The report and sequence are kept only for the same connection.
  Peer& attach(const std::string& connection, const protocol::Hello& hello, protocol::KeyRole key,
               Clock::time_point now);
  // Forgets the peer's connection: messages from it are then from an unknown peer.
  void detach(Peer& peer);

  std::size_t size() const { return peers_.size(); }
  // Drops the down or left peer gone longest, to make room, and returns its instance id; empty
  // when every peer is live.
  std::string evictOne();

  // In instance order (the snapshot's order).
  std::map<std::string, Peer, std::less<>>& peers() { return peers_; }
  const std::map<std::string, Peer, std::less<>>& peers() const { return peers_; }

 private:
  std::map<std::string, Peer, std::less<>> peers_;
  std::unordered_map<std::string, std::string> connections_;  // routing id -> instance
};

}  // namespace clusterscope::agents
