// Where the Caller's calls go: ROUTES turned into the ready replicas of each component it
// calls, one DEALER per replica endpoint, and the answers read from them.

#include <unordered_set>

#include "caller_parts.h"
#include "request_frames.h"
#include "socket_setup.h"

namespace clusterscope::agents::calls {

namespace {

// Answers handled per readable turn, so that timers still run under a flood.
constexpr int kMaxAnswersPerTurn = 256;

}  // namespace

Caller::Connection* Caller::connect(const std::string& endpoint) {
  const auto it = connections_.find(endpoint);
  if (it != connections_.end()) {
    it->second->listed = true;
    return it->second.get();
  }
  auto c = std::make_unique<Connection>();
  c->endpoint = endpoint;
  c->socket = makeSocket(context_, SocketKind::CallClient);
  try {
    c->socket.connect(endpoint);
  } catch (const zmq::error_t&) {
    // ROUTES may name any endpoint the protocol allows (http:// included): not one to call.
    ++stats_.connectFailures;
    return nullptr;
  }
  Connection* raw = c.get();
  if (!paused_) timers_.loop().watch(raw->socket, [this, raw] { onReadable(*raw); });
  connections_.emplace(endpoint, std::move(c));
  return raw;
}

void Caller::setRoutes(const protocol::Routes& routes) {
  std::unordered_set<std::string> called;
  for (const Edge& e : edges_) called.insert(e.key.to);
  for (auto& [endpoint, c] : connections_) c->listed = false;
  targets_.clear();
  for (const protocol::ServiceRoutes& s : routes.services) {
    auto add = [&](const std::string& component, const std::string& header) {
      if (!called.count(component)) return;
      Target& t = targets_[component];
      t.header = header;
      t.deployment = s.service;
      for (const protocol::RouteReplica& r : s.replicas) {
        if (Connection* c = connect(r.endpoint)) t.replicas.push_back({r.node, c});
      }
    };
    add(s.service, {});
    for (const std::string& module : s.modules) add(module, module);
  }
  closeIdle();
}

std::size_t Caller::readyReplicas(const std::string& component) const {
  const auto it = targets_.find(component);
  return it == targets_.end() ? 0 : it->second.replicas.size();
}

void Caller::closeIdle() {
  // Never from inside a socket's own handler, which may still read it: at the next turn.
  if (closeScheduled_) return;
  closeScheduled_ = true;
  timers_.soon([this] {
    closeScheduled_ = false;
    std::erase_if(connections_, [&](auto& entry) {
      Connection& c = *entry.second;
      if (c.listed || c.outstanding > 0) return false;
      timers_.loop().unwatch(c.socket);
      return true;
    });
  });
}

void Caller::setPaused(bool paused) {
  if (paused == paused_) return;
  paused_ = paused;
  for (auto& [endpoint, c] : connections_) {
    Connection* raw = c.get();
    if (paused) {
      timers_.loop().unwatch(raw->socket);
    } else {
      timers_.loop().watch(raw->socket, [this, raw] { onReadable(*raw); });
    }
  }
}

void Caller::onReadable(Connection& connection) {
  for (int i = 0; i < kMaxAnswersPerTurn && !paused_; ++i) {
    const ReceiveStatus status = receiveMessage(connection.socket, message_, 0, 2);
    if (status == ReceiveStatus::Nothing) return;
    if (status != ReceiveStatus::Message) {
      ++stats_.tooManyFrames;
      ++stats_.decodeErrors[static_cast<std::size_t>(protocol::DecodeReason::FrameCount)];
      continue;
    }
    const auto decoded = protocol::decodeRequest(message_.frames());
    if (!decoded) {
      ++stats_.decodeErrors[static_cast<std::size_t>(decoded.error().reason)];
      continue;
    }
    if (decoded->header.type == protocol::RequestType::Request) {
      ++stats_.unexpected;
      continue;
    }
    onAnswer(connection, decoded->header);
  }
}

}  // namespace clusterscope::agents::calls
