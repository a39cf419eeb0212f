#include "broker_link.h"

#include <algorithm>
#include <chrono>

#include "socket_setup.h"

namespace clusterscope::agents::agent {

namespace {

using namespace std::chrono_literals;
using model::FailureCause;
using protocol::BrokerType;

constexpr auto kAckWait = 1s;            // a publish not acknowledged by then failed
constexpr auto kHeartbeatAfter = 250ms;  // say something when silent this long
constexpr auto kBrokerSilence = 1s;      // announce credit again after this much silence
constexpr int kMaxMessagesPerTurn = 256;

std::int64_t toNs(calls::Clock::duration d) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(d).count();
}

}  // namespace

BrokerLink::BrokerLink(calls::Timers& timers, zmq::context_t& context, calls::FaultBook& faults,
                       std::string self, std::vector<std::string> queues, std::uint64_t seed,
                       Callbacks callbacks)
    : timers_(timers),
      context_(context),
      faults_(faults),
      self_(std::move(self)),
      queues_(std::move(queues)),
      rng_(seed),
      callbacks_(std::move(callbacks)) {
  // Unique per publisher run: a restarted agent starts beyond every id it used before.
  nextMessageId_ =
      static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count());
}

BrokerLink::~BrokerLink() {
  for (auto& [id, p] : pending_) timers_.cancel(p.timer);
  timers_.cancel(tickTimer_);
  if (connected_ && !paused_) timers_.loop().unwatch(socket_);
}

void BrokerLink::setEndpoint(const std::string& endpoint) {
  if (endpoint == endpoint_) return;
  disconnect();
  endpoint_ = endpoint;
  if (!endpoint_.empty()) connect();
}

void BrokerLink::connect() {
  socket_ = makeSocket(context_, SocketKind::BrokerClient);
  try {
    socket_.connect(endpoint_);
  } catch (const zmq::error_t&) {
    ++stats_.sends.failed;  // not an endpoint ZeroMQ can dial: as if there were no broker
    socket_.close();
    return;
  }
  connected_ = true;
  if (!paused_) timers_.loop().watch(socket_, [this] { onReadable(); });
  granted_.clear();
  lastSent_ = lastHeard_ = Clock::now();
  if (consuming_) announce();
  tickTimer_ = timers_.after(kHeartbeatAfter, [this] { tick(); });
}

void BrokerLink::disconnect() {
  if (!connected_) return;
  // Their PUBLISH_ACK can no longer come: they failed.
  std::vector<std::uint64_t> ids;
  for (const auto& [id, p] : pending_) ids.push_back(id);
  for (const std::uint64_t id : ids) publishFailed(id);
  timers_.cancel(tickTimer_);
  tickTimer_ = 0;
  if (!paused_) timers_.loop().unwatch(socket_);
  connected_ = false;
  // This may run inside the socket's own handler (ROUTES read on another socket cannot, but
  // be safe): close it at the next turn.
  closing_.push_back(std::move(socket_));
  timers_.soon([this] { closing_.clear(); });
}

void BrokerLink::setConsuming(bool consuming) {
  if (consuming == consuming_) return;
  consuming_ = consuming;
  if (consuming_ && connected_) announce();
}

bool BrokerLink::sendMessage(const protocol::BrokerHeader& header, std::string_view service) {
  char bytes[protocol::kBrokerHeaderBytes];
  protocol::writeBrokerHeader(header, bytes);
  if (zmq_send(socket_.handle(), bytes, sizeof bytes, ZMQ_DONTWAIT | ZMQ_SNDMORE) < 0) {
    stats_.sends.count(zmq_errno() == EAGAIN ? SendStatus::WouldBlock : SendStatus::Failed);
    return false;
  }
  // Once the first part is accepted libzmq takes the rest of the message.
  zmq_send(socket_.handle(), service.data(), service.size(), ZMQ_DONTWAIT);
  stats_.sends.count(SendStatus::Sent);
  lastSent_ = Clock::now();
  return true;
}

std::uint32_t BrokerLink::creditFor(const std::string& queue) {
  const int free = callbacks_.freeWorkers ? callbacks_.freeWorkers() : 0;
  const std::int64_t want = static_cast<std::int64_t>(free) - granted_[queue];
  return static_cast<std::uint32_t>(std::clamp<std::int64_t>(want, 0, protocol::kMaxCredit));
}

void BrokerLink::announce() {
  if (!connected_ || !consuming_ || paused_) return;
  for (const std::string& queue : queues_) {
    const std::uint32_t credit = creditFor(queue);
    if (credit == 0) continue;
    protocol::BrokerHeader h;
    h.type = BrokerType::ConsumerReady;
    h.credit = credit;
    if (sendMessage(h, queue)) granted_[queue] += credit;
  }
}

void BrokerLink::topUpCredit() { announce(); }

void BrokerLink::tick() {
  tickTimer_ = timers_.after(kHeartbeatAfter, [this] { tick(); });
  if (!connected_ || !consuming_) return;
  const auto now = Clock::now();
  if (now - lastHeard_ >= kBrokerSilence) {
    // The broker may have restarted or forgotten us: what we hold as granted means nothing.
    granted_.clear();
    lastHeard_ = now;
    announce();
  }
  if (now - lastSent_ >= kHeartbeatAfter) {
    protocol::BrokerHeader h;
    h.type = BrokerType::Heartbeat;
    sendMessage(h, {});
  }
}

void BrokerLink::publish(calls::EdgeStats& stats, std::string_view from, const std::string& to,
                         std::int64_t originNs) {
  ++stats.calls;
  if (!connected_) {
    stats.failures.add(FailureCause::BrokerRejected);
    return;
  }
  const auto now = Clock::now();
  const calls::FaultBook::Verdict verdict = faults_.onSend(from, to, rng_, now);
  if (verdict.failFirst) {
    stats.failures.add(FailureCause::Error);
    return;
  }
  const std::uint64_t id = nextMessageId_++;
  Pending& p = pending_[id];
  p.stats = &stats;
  p.queue = to;
  p.originNs = originNs;
  p.sentAt = now;
  p.timer = timers_.after(kAckWait, [this, id] { publishFailed(id); });
  ++stats.inFlight;
  if (verdict.drop) return;  // lost on the way: no PUBLISH_ACK will come
  if (verdict.delay > Clock::duration::zero()) {
    timers_.after(verdict.delay, [this, id] { sendPublish(id); });
    return;
  }
  sendPublish(id);
}

void BrokerLink::sendPublish(std::uint64_t messageId) {
  const auto it = pending_.find(messageId);
  if (it == pending_.end() || it->second.sent) return;
  protocol::BrokerHeader h;
  h.type = BrokerType::Publish;
  h.id = messageId;
  h.originNs = it->second.originNs;
  if (!connected_ || !sendMessage(h, it->second.queue)) return publishFailed(messageId);
  it->second.sent = true;
  it->second.sentAt = Clock::now();
}

void BrokerLink::publishFailed(std::uint64_t messageId) {
  const auto it = pending_.find(messageId);
  if (it == pending_.end()) return;
  timers_.cancel(it->second.timer);
  --it->second.stats->inFlight;
  it->second.stats->failures.add(FailureCause::BrokerRejected);
  pending_.erase(it);
}

void BrokerLink::finished(const Delivery& delivery, bool ok) {
  if (!connected_) return;  // the broker that delivered it is gone: it will redeliver
  protocol::BrokerHeader h;
  h.type = ok ? BrokerType::Ack : BrokerType::Nack;
  h.id = delivery.deliveryId;
  h.credit = consuming_ && !paused_ ? creditFor(delivery.queue) : 0;
  if (sendMessage(h, delivery.queue)) granted_[delivery.queue] += h.credit;
  announce();
}

void BrokerLink::setPaused(bool paused) {
  if (paused == paused_) return;
  paused_ = paused;
  if (!connected_) return;
  if (paused_) {
    timers_.loop().unwatch(socket_);
  } else {
    timers_.loop().watch(socket_, [this] { onReadable(); });
    announce();
  }
}

void BrokerLink::onReadable() {
  for (int i = 0; i < kMaxMessagesPerTurn && connected_ && !paused_; ++i) {
    const ReceiveStatus status = receiveMessage(socket_, message_, 0, 3);
    if (status == ReceiveStatus::Nothing) return;
    if (status != ReceiveStatus::Message) {
      ++stats_.decodeErrors[static_cast<std::size_t>(protocol::DecodeReason::FrameCount)];
      continue;
    }
    const auto decoded = protocol::decodeBroker(message_.frames());
    if (!decoded) {
      ++stats_.decodeErrors[static_cast<std::size_t>(decoded.error().reason)];
      continue;
    }
    lastHeard_ = Clock::now();
    onMessage(decoded.value());
  }
}

void BrokerLink::onMessage(const protocol::BrokerMessage& m) {
  switch (m.header.type) {
    case BrokerType::PublishAck: {
      const auto it = pending_.find(m.header.id);
      if (it == pending_.end() || !it->second.sent) {
        ++stats_.lateAcks;
        return;
      }
      if (m.header.status != protocol::PublishStatus::Accepted) return publishFailed(m.header.id);
      Pending& p = it->second;
      timers_.cancel(p.timer);
      --p.stats->inFlight;
      ++p.stats->completed;
      p.stats->latency.record(toNs(Clock::now() - p.sentAt));
      pending_.erase(it);
      return;
    }
    case BrokerType::Deliver: {
      const std::string queue(m.service);
      const bool ours = std::find(queues_.begin(), queues_.end(), queue) != queues_.end();
      if (!ours || !consuming_) {
        // Not for us (or we are draining): back to the front of its queue, for someone else.
        if (!ours) ++stats_.foreignDeliveries;
        protocol::BrokerHeader h;
        h.type = BrokerType::Nack;
        h.flags = protocol::kNackFlagRequeue;
        h.id = m.header.id;
        sendMessage(h, m.service);
        if (ours && granted_[queue] > 0) --granted_[queue];
        return;
      }
      if (granted_[queue] > 0) --granted_[queue];
      ++stats_.delivered;
      if (callbacks_.deliver) callbacks_.deliver(Delivery{m.header.id, queue, m.header.originNs});
      return;
    }
    case BrokerType::Heartbeat:
      return;
    case BrokerType::Reset:
      ++stats_.resets;
      granted_.clear();
      announce();
      return;
    default:
      ++stats_.unexpected;  // PUBLISH, CONSUMER_READY, ACK, NACK: the broker's to receive
      return;
  }
}

}  // namespace clusterscope::agents::agent
