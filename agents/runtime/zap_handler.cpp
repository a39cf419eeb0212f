#include "zap_handler.h"

#include <zmq.h>

#include <cstring>

#include "connection_file.h"

namespace clusterscope::agents {

namespace {

// A request from libzmq's REQ socket, after the ROUTER's routing id: the empty delimiter, then
// version, request id, domain, address, routing id, mechanism and the credentials (CURVE: one
// frame, the client's 32-byte public key).
constexpr std::size_t kDelimiter = 0;
constexpr std::size_t kVersion = 1;
constexpr std::size_t kRequestId = 2;
constexpr std::size_t kMechanism = 6;
constexpr std::size_t kCredentials = 7;
constexpr std::size_t kMaxRequestFrames = 9;

}  // namespace

ZapHandler::ZapHandler(zmq::context_t& context) : socket_(context, zmq::socket_type::router) {
  socket_.set(zmq::sockopt::linger, 0);
  socket_.bind("inproc://zeromq.zap.01");
}

bool ZapHandler::allow(std::string_view publicKeyZ85, protocol::KeyRole role) {
  if (!protocol::isZ85Key(publicKeyZ85)) return false;
  const std::string text(publicKeyZ85);
  std::array<std::uint8_t, 32> key{};
  if (!zmq_z85_decode(key.data(), text.c_str())) return false;
  allowed_[key] = role;
  return true;
}

void ZapHandler::handlePending() {
  for (;;) {
    const ReceiveStatus status = receiveMessage(socket_, message_, 1, kMaxRequestFrames);
    if (status == ReceiveStatus::Nothing) return;
    if (status != ReceiveStatus::Message) {
      ++stats_.malformed;
      continue;
    }
    answer(message_);
  }
}

void ZapHandler::answer(const ReceivedMessage& request) {
  const protocol::FrameView f = request.frames();
  if (f.size() <= kMechanism || !f[kDelimiter].empty() || f[kVersion] != "1.0") {
    // Nothing sensible to answer: libzmq's own requests always have this shape.
    ++stats_.malformed;
    return;
  }
  const protocol::KeyRole* role = nullptr;
  if (f[kMechanism] == "CURVE" && f.size() == kCredentials + 1 && f[kCredentials].size() == 32) {
    std::array<std::uint8_t, 32> key{};
    std::memcpy(key.data(), f[kCredentials].data(), key.size());
    const auto it = allowed_.find(key);
    if (it != allowed_.end()) role = &it->second;
  }
  protocol::Frames reply{"", "1.0", std::string(f[kRequestId])};
  if (role) {
    ++stats_.accepted;
    reply.insert(reply.end(), {"200", "OK", protocol::keyRoleUserId(*role), ""});
  } else {
    ++stats_.refused;
    reply.insert(reply.end(), {"400", "unknown key", "", ""});
  }
  // libzmq's REQ waits for this; a lost answer only fails that one handshake.
  sendFrames(socket_, request.routingId(), reply);
}

}  // namespace clusterscope::agents
