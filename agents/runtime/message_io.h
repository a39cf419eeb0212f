#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>
#include <zmq.hpp>

#include "decode_result.h"

// Sending and receiving whole messages without ever blocking, and without letting a peer
// decide how much memory a message costs beyond what MAXMSGSIZE and the frame cap allow.
// Untrusted bytes leave here only as frame views handed to the protocol library's decoders.
// Functions here may be called from any thread on sockets that thread owns.

namespace clusterscope::agents {

enum class SendStatus {
  Sent,
  WouldBlock,   // EAGAIN: the peer's pipe is at its high-water mark (or no peer yet); dropped
  Unreachable,  // EHOSTUNREACH: a ROUTER_MANDATORY ROUTER has no such peer (it is gone)
  Failed,       // anything else (the socket is closing); dropped
};

const char* sendStatusName(SendStatus status);  // "sent", "would_block", ...

// Counts of what the send helpers returned, for drop counters.
struct SendCounters {
  std::uint64_t sent = 0;
  std::uint64_t wouldBlock = 0;
  std::uint64_t unreachable = 0;
  std::uint64_t failed = 0;
  SendStatus count(SendStatus status);  // adds one, returns `status`
  std::uint64_t dropped() const { return wouldBlock + unreachable + failed; }
};

// Sends `frames` as one message with ZMQ_DONTWAIT: never blocks. A non-empty `routingId` is
// sent first, as a ROUTER's envelope (leave it empty on other sockets). Whether the message
// goes is decided by its first frame: libzmq takes the rest once that one is accepted.
SendStatus sendFrames(zmq::socket_ref socket, std::string_view routingId,
                      const protocol::Frames& frames);
// The same for frames the caller holds as views: nothing to copy into a Frames vector first,
// for hot paths (the broker's DELIVER).
SendStatus sendFrames(zmq::socket_ref socket, std::string_view routingId,
                      std::span<const std::string_view> frames);

enum class ReceiveStatus {
  Nothing,        // no message waiting (EAGAIN)
  Message,        // a message with at most the cap of frames after its envelope
  TooManyFrames,  // more than the cap: read to its end and refused (frames() is partial)
  NoEnvelope,     // fewer frames than the envelope needs: refused
};

class ReceivedMessage;
// Reads one message with ZMQ_DONTWAIT, every part of it, keeping `envelopeFrames` leading
// frames (1 on a ROUTER) and at most `maxFrames` after them. ZeroMQ has no frame-count limit
// of its own: a message with more frames is still read to its end (each frame is bounded by
// MAXMSGSIZE) so the next message starts clean. Throws zmq::error_t only for a closed socket.
ReceiveStatus receiveMessage(zmq::socket_ref socket, ReceivedMessage& into,
                             std::size_t envelopeFrames, std::size_t maxFrames);

// One message read whole: the envelope (a ROUTER's routing id) and at most a cap of frames
// after it, as views for the decoders. Reused from message to message to keep its buffers.
class ReceivedMessage {
 public:
  // The frames after the envelope, at most the cap; views into this object, valid until the
  // next receive into it.
  protocol::FrameView frames() const { return views_; }
  // The ROUTER envelope's routing id; empty when the socket has no envelope.
  std::string_view routingId() const;
  // The "User-Id" property libzmq attached (the ZAP handler's answer); empty without one.
  std::string userId() const;
  // Frames after the envelope that arrived, those beyond the cap included.
  std::size_t frameCount() const { return frameCount_; }

 private:
  friend ReceiveStatus receiveMessage(zmq::socket_ref, ReceivedMessage&, std::size_t, std::size_t);
  std::vector<zmq::message_t> parts_;  // envelope, then the frames kept
  std::vector<std::string_view> views_;
  std::size_t envelope_ = 0;
  std::size_t frameCount_ = 0;
};

}  // namespace clusterscope::agents
