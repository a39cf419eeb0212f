#include "request_client.h"

#include "live_hub.h"
#include "socket_setup.h"

namespace clusterscope::testing {

namespace p = agents::protocol;

RequestClient::RequestClient(agents::EventLoop& loop, zmq::context_t& context,
                             const std::string& endpoint)
    : loop_(loop), socket_(agents::makeSocket(context, agents::SocketKind::CallClient)) {
  socket_.connect(endpoint);
  loop_.watch(socket_, [this] { read(); });
}

RequestClient::~RequestClient() { loop_.unwatch(socket_); }

std::uint64_t RequestClient::send(std::int64_t timeoutNs, const std::string& target, int depth) {
  const std::uint64_t id = next_++;
  p::RequestHeader h;
  h.requestId = id;
  h.depth = depth;
  h.timeoutNs = timeoutNs;
  h.originNs = 1;
  h.target = target;
  sent_[id] = Clock::now();
  agents::sendFrames(socket_, {}, p::encodeRequest(h));
  return id;
}

void RequestClient::read() {
  while (agents::receiveMessage(socket_, message_, 0, 2) == agents::ReceiveStatus::Message) {
    const auto decoded = p::decodeRequest(message_.frames());
    if (!decoded) continue;
    const p::RequestHeader& h = decoded->header;
    const auto it = sent_.find(h.requestId);
    if (it == sent_.end()) continue;
    answers_[h.requestId] = {h.type,  h.cause,    h.elapsedNs,
                             h.depth, h.originNs, Clock::now() - it->second};
  }
}

std::optional<RequestClient::Answer> RequestClient::wait(std::uint64_t id,
                                                         std::chrono::milliseconds timeout) {
  runUntil(
      loop_, [&] { return answers_.count(id) > 0; }, timeout);
  const auto it = answers_.find(id);
  return it == answers_.end() ? std::nullopt : std::optional(it->second);
}

std::optional<RequestClient::Answer> RequestClient::call(std::chrono::milliseconds timeout,
                                                         std::int64_t timeoutNs,
                                                         const std::string& target) {
  return wait(send(timeoutNs, target), timeout);
}

}  // namespace clusterscope::testing
