#include "message_io.h"

#include <cerrno>

namespace clusterscope::agents {

namespace {

SendStatus statusOfErrno(int error) {
  switch (error) {
    case EAGAIN:
      return SendStatus::WouldBlock;
    case EHOSTUNREACH:
      return SendStatus::Unreachable;
    default:
      return SendStatus::Failed;
  }
}

SendStatus sendPart(zmq::socket_ref socket, std::string_view bytes, bool more) {
  const int flags = ZMQ_DONTWAIT | (more ? ZMQ_SNDMORE : 0);
  if (zmq_send(socket.handle(), bytes.data(), bytes.size(), flags) >= 0) return SendStatus::Sent;
  return statusOfErrno(zmq_errno());
}

// The next part of the message being read: 1 with more to come, 0 at its end, -1 for nothing
// (EAGAIN before the first part). Other errors are the socket's end and throw.
int receivePart(zmq::socket_ref socket, zmq::message_t& part) {
  while (zmq_msg_recv(part.handle(), socket.handle(), ZMQ_DONTWAIT) < 0) {
    const int error = zmq_errno();
    if (error == EAGAIN) return -1;
    if (error != EINTR) throw zmq::error_t();
  }
  return part.more() ? 1 : 0;
}

}  // namespace

const char* sendStatusName(SendStatus status) {
  switch (status) {
    case SendStatus::Sent:
      return "sent";
    case SendStatus::WouldBlock:
      return "would_block";
    case SendStatus::Unreachable:
      return "unreachable";
    case SendStatus::Failed:
      return "failed";
  }
  return "?";
}

SendStatus SendCounters::count(SendStatus status) {
  switch (status) {
    case SendStatus::Sent:
      ++sent;
      break;
    case SendStatus::WouldBlock:
      ++wouldBlock;
      break;
    case SendStatus::Unreachable:
      ++unreachable;
      break;
    case SendStatus::Failed:
      ++failed;
      break;
  }
  return status;
}

namespace {

template <typename FrameList>
SendStatus sendAll(zmq::socket_ref socket, std::string_view routingId, const FrameList& frames) {
  if (frames.empty()) return SendStatus::Failed;
  if (!routingId.empty()) {
    const SendStatus first = sendPart(socket, routingId, true);
    if (first != SendStatus::Sent) return first;
  }
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const SendStatus s = sendPart(socket, frames[i], i + 1 < frames.size());
    // Only the first part can meet the high-water mark (libzmq counts whole messages); a later
    // failure means the socket is closing, and libzmq has already rolled the message back.
    if (s != SendStatus::Sent) return routingId.empty() && i == 0 ? s : SendStatus::Failed;
  }
  return SendStatus::Sent;
}

}  // namespace

SendStatus sendFrames(zmq::socket_ref socket, std::string_view routingId,
                      const protocol::Frames& frames) {
  return sendAll(socket, routingId, frames);
}

SendStatus sendFrames(zmq::socket_ref socket, std::string_view routingId,
                      std::span<const std::string_view> frames) {
  return sendAll(socket, routingId, frames);
}

std::string_view ReceivedMessage::routingId() const {
  if (envelope_ == 0 || parts_.empty()) return {};
  return {static_cast<const char*>(parts_[0].data()), parts_[0].size()};
}

std::string ReceivedMessage::userId() const {
  // libzmq attaches the connection's metadata to every frame it delivers; the first frame
  // after the envelope always exists when a message was accepted.
  if (parts_.size() <= envelope_) return {};
  const char* value = zmq_msg_gets(parts_[envelope_].handle(), "User-Id");
  return value ? std::string(value) : std::string();
}

ReceiveStatus receiveMessage(zmq::socket_ref socket, ReceivedMessage& into,
                             std::size_t envelopeFrames, std::size_t maxFrames) {
  const std::size_t keep = envelopeFrames + maxFrames;
  if (into.parts_.size() < keep) into.parts_.resize(keep);
  into.views_.clear();
  into.envelope_ = envelopeFrames;
  into.frameCount_ = 0;

  std::size_t received = 0;
  int more = receivePart(socket, into.parts_[0]);
  if (more < 0) return ReceiveStatus::Nothing;
  received = 1;
  zmq::message_t scratch;
  while (more > 0) {
    zmq::message_t& part = received < keep ? into.parts_[received] : scratch;
    more = receivePart(socket, part);
    if (more < 0) break;  // cannot happen: libzmq delivers a message's parts together
    ++received;
  }
  if (received < envelopeFrames + 1) {
    into.frameCount_ = received > envelopeFrames ? received - envelopeFrames : 0;
    return ReceiveStatus::NoEnvelope;
  }
  into.frameCount_ = received - envelopeFrames;
  const std::size_t kept = std::min(received, keep);
  for (std::size_t i = envelopeFrames; i < kept; ++i) {
    into.views_.emplace_back(static_cast<const char*>(into.parts_[i].data()),
                             into.parts_[i].size());
  }
  return into.frameCount_ > maxFrames ? ReceiveStatus::TooManyFrames : ReceiveStatus::Message;
}

}  // namespace clusterscope::agents
