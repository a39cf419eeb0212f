#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string_view>
#include <zmq.hpp>

#include "control_policy.h"
#include "message_io.h"

// The hub's ZAP handler (ZeroMQ RFC 27): libzmq asks it, over inproc://zeromq.zap.01, whether
// each CURVE client may connect. Without one, libzmq 4.3 lets in any client that knows the
// server's public key; with this one only listed client keys get in, each with its role as the
// connection's User-Id ("agent", "controller"), which libzmq then attaches to every message.
// Everything else is answered 400 and the handshake fails: the client never gets a message
// through.
//
// Threads: one thread owns the handler (the hub's loop); libzmq's I/O threads wait for its
// answers without blocking anything else, so answering from the hub's own loop is safe.

namespace clusterscope::agents {

class ZapHandler {
 public:
  // Binds the handler in `context`. It must be bound before any CURVE server socket of that
  // context binds, and a context holds at most one (the endpoint is fixed): throws
  // zmq::error_t (EADDRINUSE) for a second one.
  explicit ZapHandler(zmq::context_t& context);

  // Lets the client with this Z85 public key in with `role` (Agent or Controller). A key listed
  // twice keeps its last role. Returns false (and lists nothing) for a malformed key.
  bool allow(std::string_view publicKeyZ85, protocol::KeyRole role);
  std::size_t allowed() const { return allowed_.size(); }

  // Watch this with the loop and call handlePending() when it is readable.
  zmq::socket_ref socket() { return socket_; }
  // Answers every request waiting, without blocking.
  void handlePending();

  struct Stats {
    std::uint64_t accepted = 0;
    std::uint64_t refused = 0;    // unlisted key, or another mechanism than CURVE
    std::uint64_t malformed = 0;  // not an RFC 27 request (never from libzmq itself)
  };
  const Stats& stats() const { return stats_; }

 private:
  void answer(const ReceivedMessage& request);

  zmq::socket_t socket_;
  std::map<std::array<std::uint8_t, 32>, protocol::KeyRole> allowed_;
  ReceivedMessage message_;
  Stats stats_;
};

}  // namespace clusterscope::agents
