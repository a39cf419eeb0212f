#include "broker_core.h"

#include <algorithm>
#include <functional>

namespace clusterscope::agents::broker {

namespace p = protocol;

namespace {

// Credit beyond this is pointless (no queue holds more) and would only risk overflow.
constexpr std::uint64_t kMaxHeldCredit = std::uint64_t{1} << 32;
// A connection that is no consumer hears at most one RESET per this long, so a consumer
// declared dead that still acknowledges a burst of deliveries announces itself once, not once
// per delivery.
constexpr auto kResetGap = std::chrono::milliseconds(250);

void pushReady(std::vector<std::uint64_t>& heap, std::uint64_t seq) {
  heap.push_back(seq);
  std::push_heap(heap.begin(), heap.end(), std::greater<>());
}

std::uint64_t popReady(std::vector<std::uint64_t>& heap) {
  std::pop_heap(heap.begin(), heap.end(), std::greater<>());
  const std::uint64_t seq = heap.back();
  heap.pop_back();
  return seq;
}

}  // namespace

const char* coreDropName(CoreDrop drop) {
  switch (drop) {
    case CoreDrop::Unexpected:
      return "unexpected";
    case CoreDrop::TooManyQueues:
      return "too_many_queues";
    case CoreDrop::UnknownConsumer:
      return "unknown_consumer";
    case CoreDrop::UnknownDelivery:
      return "unknown_delivery";
  }
  return "?";
}

BrokerCore::BrokerCore(CoreSettings settings, StoreObserver* observer)
    : settings_(std::move(settings)),
      observer_(observer),
      latency_(settings_.deliveryLatencyMs),
      rng_(engine::Rng::stream(settings_.seed, 0x62726f6b6572ULL)),  // "broker"
      nextSeq_(std::max<std::uint64_t>(settings_.firstSeq, 1)),
      nextDeliveryId_(std::max<std::uint64_t>(settings_.firstDeliveryId, 1)) {}

BrokerCore::Grant* BrokerCore::Consumer::grant(Queue* q) {
  for (Grant& g : grants) {
    if (g.queue == q) return &g;
  }
  return nullptr;
}

BrokerCore::Queue* BrokerCore::queue(std::string_view service) {
  const auto it = queues_.find(std::string(service));
  if (it != queues_.end()) return &it->second;
  if (queues_.size() >= settings_.maxQueues) return nullptr;
  Queue& q = queues_[std::string(service)];
  q.service = std::string(service);
  return &q;
}

BrokerCore::Consumer* BrokerCore::consumer(std::string_view connection) {
  const auto it = consumerKeys_.find(std::string(connection));
  return it == consumerKeys_.end() ? nullptr : &consumers_.at(it->second);
}

bool BrokerCore::restore(StoredMessage m) {
  Queue* q = queue(m.service);
  if (!q) return false;
  m.state = StoredMessage::State::Waiting;
  m.deliveryId = 0;
  const std::uint64_t seq = m.seq;
  nextSeq_ = std::max(nextSeq_, seq + 1);
  messages_.insert_or_assign(seq, std::move(m));
  ++waitingTotal_;
  pushReady(q->ready, seq);
  return true;
}

void BrokerCore::handle(std::string_view connection, const p::BrokerMessage& m,
                        Clock::time_point now, std::int64_t unixNs) {
  // Any traffic from a consumer shows it alive (docs/protocol.md, "Broker delivery").
  Consumer* c = consumer(connection);
  if (c) heard(*c, now);
  switch (m.header.type) {
    case p::BrokerType::Publish:
      publish(connection, m, now, unixNs);
      return;
    case p::BrokerType::ConsumerReady:
      consumerReady(connection, m, now);
      return;
    case p::BrokerType::Ack:
    case p::BrokerType::Nack:
      settle(c, connection, m, now);
      return;
    case p::BrokerType::Heartbeat:
      if (!c) {
        ++drops_[static_cast<int>(CoreDrop::UnknownConsumer)];
        reset(connection, now);
      }
      return;
    case p::BrokerType::PublishAck:
    case p::BrokerType::Deliver:
    case p::BrokerType::Reset:
      ++drops_[static_cast<int>(CoreDrop::Unexpected)];
      return;
  }
}

void BrokerCore::heard(Consumer& c, Clock::time_point now) {
  c.lastHeard = now;
  if (!c.stalled) return;
  c.stalled = false;
  for (Grant& g : c.grants) {
    if (g.credit > 0 && !g.inTurn) {
      g.queue->turn.push_back(c.key);
      g.inTurn = true;
      dispatch(*g.queue, now);
    }
  }
}

void BrokerCore::publish(std::string_view connection, const p::BrokerMessage& m,
                         Clock::time_point now, std::int64_t unixNs) {
  Queue* q = queue(m.service);
  p::BrokerHeader ack;
  ack.type = p::BrokerType::PublishAck;
  ack.id = m.header.id;
  if (!up_) {
    ack.status = p::PublishStatus::Outage;
  } else if (!q) {
    ++drops_[static_cast<int>(CoreDrop::TooManyQueues)];
    ack.status = p::PublishStatus::Full;
  } else if (settings_.capacity && waitingTotal_ >= *settings_.capacity) {
    ack.status = p::PublishStatus::Full;
  }
  if (ack.status != p::PublishStatus::Accepted) {
    if (q) ++q->counters.rejected;
    send(connection, ack, m.service);
    return;
  }
  const std::uint64_t seq = nextSeq_++;
  StoredMessage& stored = messages_[seq];
  stored.seq = seq;
  stored.messageId = m.header.id;
  stored.originNs = m.header.originNs;
  stored.acceptedUnixNs = unixNs;
  stored.acceptedAt = now;
  stored.service = q->service;
  stored.payload.assign(m.payload);
  ++q->counters.published;
  ++waitingTotal_;
  if (observer_) observer_->accepted(stored);
  ++acceptsPending_;
  send(connection, ack, m.service);
  const std::int64_t delayNs = latency_.alwaysZero() ? 0 : latency_.sample(rng_);
  if (delayNs > 0) {
    stored.state = StoredMessage::State::Maturing;
    ++q->maturing;
    q->maturingOrder.push_back(seq);
    maturity_.push({now + std::chrono::nanoseconds(delayNs), seq});
    return;
  }
  makeAvailable(*q, seq);
  dispatch(*q, now);
}

void BrokerCore::consumerReady(std::string_view connection, const p::BrokerMessage& m,
                               Clock::time_point now) {
  Queue* q = queue(m.service);
  if (!q) {
    ++drops_[static_cast<int>(CoreDrop::TooManyQueues)];
    return;
  }
  Consumer* c = consumer(connection);
  if (!c) {
    const std::uint64_t key = nextConsumerKey_++;
    c = &consumers_[key];
    c->key = key;
    c->connection = std::string(connection);
    c->lastHeard = now;
    c->lastSent = now;
    consumerKeys_[c->connection] = key;
    resets_.erase(c->connection);
  }
  addCredit(*c, *q, m.header.credit, now);
}

void BrokerCore::settle(Consumer* c, std::string_view connection, const p::BrokerMessage& m,
                        Clock::time_point now) {
  if (!c) {
    // It restarted, or was declared dead: its deliveries are already back in their queues.
    ++drops_[static_cast<int>(CoreDrop::UnknownConsumer)];
    reset(connection, now);
    return;
  }
  const auto it = deliveries_.find(m.header.id);
  if (it == deliveries_.end() || c->held.erase(m.header.id) == 0) {
    ++drops_[static_cast<int>(CoreDrop::UnknownDelivery)];
  } else {
    StoredMessage& msg = messages_.at(it->second);
    deliveries_.erase(it);
    Queue& q = queues_.at(msg.service);
    --q.unacknowledged;
    if (Grant* g = c->grant(&q)) --g->held;
    if (m.header.type == p::BrokerType::Ack) {
      ++q.counters.acknowledged;
      remove(msg);
    } else {
      ++q.counters.nacked;
      if (m.header.flags & p::kNackFlagRequeue) {
        dispatch(requeue(msg), now);
      } else {
        ++q.counters.dropped;
        remove(msg);
      }
    }
  }
  if (m.header.credit == 0) return;
  // Credit is granted for the service the ACK names, like a CONSUMER_READY's.
  if (Queue* q = queue(m.service)) addCredit(*c, *q, m.header.credit, now);
}

void BrokerCore::addCredit(Consumer& c, Queue& q, std::uint64_t credit, Clock::time_point now) {
  Grant* g = c.grant(&q);
  if (!g) {
    c.grants.push_back(Grant{&q});
    g = &c.grants.back();
  }
  g->credit = std::min(g->credit + credit, kMaxHeldCredit);
  if (g->credit > 0 && !g->inTurn && !c.stalled) {
    q.turn.push_back(c.key);
    g->inTurn = true;
  }
  dispatch(q, now);
}

void BrokerCore::makeAvailable(Queue& q, std::uint64_t seq) { pushReady(q.ready, seq); }

void BrokerCore::dispatch(Queue& q, Clock::time_point now) {
  if (!up_) return;
  while (!q.ready.empty() && !q.turn.empty()) {
    const std::uint64_t key = q.turn.front();
    q.turn.pop_front();
    const auto it = consumers_.find(key);
    if (it == consumers_.end()) continue;  // dead since it joined the turn
    Consumer& c = it->second;
    Grant* g = c.grant(&q);
    if (!g) continue;
    if (g->credit == 0 || c.stalled) {
      g->inTurn = false;
      continue;
    }
    deliver(q, c, now);
    // deliver() may have declared nobody dead: `g` is still valid.
    if (--g->credit > 0) {
      q.turn.push_back(key);
    } else {
      g->inTurn = false;
    }
  }
}

void BrokerCore::deliver(Queue& q, Consumer& c, Clock::time_point now) {
  const std::uint64_t seq = popReady(q.ready);
  StoredMessage& m = messages_.at(seq);
  --waitingTotal_;
  m.state = StoredMessage::State::Delivered;
  m.deliveryId = nextDeliveryId_++;
  ++(m.attempts == 0 ? q.counters.delivered : q.counters.redelivered);
  ++m.attempts;
  ++q.unacknowledged;
  ++c.grant(&q)->held;
  deliveries_.emplace(m.deliveryId, seq);
  c.held.insert(m.deliveryId);
  if (observer_) observer_->delivered(m);
  p::BrokerHeader h;
  h.type = p::BrokerType::Deliver;
  h.attempt = std::min(m.attempts, 65535);
  h.id = m.deliveryId;
  h.messageId = m.messageId;
  h.originNs = m.originNs;
  send(c.connection, h, q.service, m.payload);
  c.lastSent = now;
}

BrokerCore::Queue& BrokerCore::requeue(StoredMessage& m) {
  Queue& q = queues_.at(m.service);
  m.state = StoredMessage::State::Waiting;
  m.deliveryId = 0;
  ++waitingTotal_;
  makeAvailable(q, m.seq);
  return q;
}

void BrokerCore::remove(StoredMessage& m) {
  if (observer_) observer_->removed(m);
  messages_.erase(m.seq);
}

void BrokerCore::declareDead(std::uint64_t key, Clock::time_point now) {
  const auto it = consumers_.find(key);
  if (it == consumers_.end()) return;
  Consumer& c = it->second;
  std::vector<Queue*> touched;
  for (const std::uint64_t id : c.held) {
    const auto d = deliveries_.find(id);
    if (d == deliveries_.end()) continue;
    StoredMessage& m = messages_.at(d->second);
    deliveries_.erase(d);
    Queue& q = requeue(m);
    --q.unacknowledged;
    touched.push_back(&q);
  }
  consumerKeys_.erase(c.connection);
  consumers_.erase(it);
  ++consumersLost_;
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  for (Queue* q : touched) dispatch(*q, now);
}

void BrokerCore::reset(std::string_view connection, Clock::time_point now) {
  auto [it, fresh] = resets_.try_emplace(std::string(connection), now);
  if (!fresh && now - it->second < kResetGap) return;
  it->second = now;
  p::BrokerHeader h;
  h.type = p::BrokerType::Reset;
  send(connection, h);
  ++resetsSent_;
}

void BrokerCore::send(std::string_view connection, const p::BrokerHeader& h,
                      std::string_view service, std::string payload) {
  outbox_.push_back(Outgoing{std::string(connection), h, std::string(service), std::move(payload)});
}

void BrokerCore::sendFailed(const Outgoing& out, SendFailure failure, Clock::time_point now) {
  Consumer* c = consumer(out.connection);
  if (!c) return;  // a publisher: its PUBLISH_ACK is lost, it counts the publish failed
  if (out.header.type == p::BrokerType::Deliver) {
    const auto d = deliveries_.find(out.header.id);
    if (d != deliveries_.end() && c->held.erase(out.header.id) > 0) {
      // Never delivered: undo it whole, so the next delivery is still this attempt.
      StoredMessage& m = messages_.at(d->second);
      deliveries_.erase(d);
      Queue& q = requeue(m);
      --q.unacknowledged;
      --m.attempts;
      --(m.attempts == 0 ? q.counters.delivered : q.counters.redelivered);
      if (Grant* g = c->grant(&q)) {
        --g->held;
        ++g->credit;
      }
    }
  }
  if (failure == SendFailure::Gone) {
    declareDead(c->key, now);
    return;
  }
  c->stalled = true;
  for (Grant& g : c->grants) dispatch(*g.queue, now);
}

void BrokerCore::setUp(bool up, Clock::time_point now) {
  if (up_ == up) return;
  up_ = up;
  if (!up) return;
  for (auto& [name, q] : queues_) dispatch(q, now);
}

std::optional<Clock::time_point> BrokerCore::nextMaturity() const {
  if (maturity_.empty()) return std::nullopt;
  return maturity_.top().when;
}

void BrokerCore::mature(Clock::time_point now) {
  std::vector<Queue*> matured;
  while (!maturity_.empty() && maturity_.top().when <= now) {
    const std::uint64_t seq = maturity_.top().seq;
    maturity_.pop();
    const auto it = messages_.find(seq);
    if (it == messages_.end() || it->second.state != StoredMessage::State::Maturing) continue;
    it->second.state = StoredMessage::State::Waiting;
    Queue& q = queues_.at(it->second.service);
    --q.maturing;
    makeAvailable(q, seq);
    matured.push_back(&q);
  }
  std::sort(matured.begin(), matured.end());
  matured.erase(std::unique(matured.begin(), matured.end()), matured.end());
  for (Queue* q : matured) {
    auto& order = q->maturingOrder;
    while (!order.empty()) {
      const auto it = messages_.find(order.front());
      if (it != messages_.end() && it->second.state == StoredMessage::State::Maturing) break;
      order.pop_front();
    }
    dispatch(*q, now);
  }
}

void BrokerCore::tick(Clock::time_point now) {
  mature(now);
  std::vector<std::uint64_t> dead;
  for (auto& [key, c] : consumers_) {
    if (now - c.lastHeard >= settings_.consumerTimeout) {
      dead.push_back(key);
    } else if (now - c.lastSent >= settings_.heartbeatInterval) {
      p::BrokerHeader h;
      h.type = p::BrokerType::Heartbeat;
      send(c.connection, h);
      c.lastSent = now;
    }
  }
  for (const std::uint64_t key : dead) declareDead(key, now);
  std::erase_if(resets_, [&](const auto& r) { return now - r.second >= std::chrono::seconds(1); });
}

double BrokerCore::oldestAgeMs(const Queue& q, Clock::time_point now) const {
  std::optional<Clock::time_point> oldest;
  if (!q.ready.empty()) oldest = messages_.at(q.ready.front()).acceptedAt;
  for (const std::uint64_t seq : q.maturingOrder) {
    const auto it = messages_.find(seq);
    if (it == messages_.end() || it->second.state != StoredMessage::State::Maturing) continue;
    if (!oldest || it->second.acceptedAt < *oldest) oldest = it->second.acceptedAt;
    break;  // the first one still maturing is the oldest of them
  }
  if (!oldest) return 0.0;
  const double ms = std::chrono::duration<double, std::milli>(now - *oldest).count();
  return std::clamp(ms, 0.0, 1e9);
}

p::BrokerTelemetry BrokerCore::telemetry(Clock::time_point now) const {
  p::BrokerTelemetry t;
  t.up = up_;
  std::vector<const Queue*> sorted;
  for (const auto& [name, q] : queues_) sorted.push_back(&q);
  std::sort(sorted.begin(), sorted.end(),
            [](const Queue* a, const Queue* b) { return a->service < b->service; });
  for (const Queue* q : sorted) {
    p::QueueTelemetry qt;
    qt.service = q->service;
    qt.backlog = q->ready.size() + q->maturing;
    qt.unacknowledged = q->unacknowledged;
    qt.oldestAgeMs = oldestAgeMs(*q, now);
    for (const auto& [key, c] : consumers_) {
      for (const Grant& g : c.grants) {
        if (g.queue == q && (g.credit > 0 || g.held > 0)) ++qt.consumers;
      }
    }
    qt.published = q->counters.published;
    qt.delivered = q->counters.delivered;
    qt.redelivered = q->counters.redelivered;
    qt.acknowledged = q->counters.acknowledged;
    qt.rejected = q->counters.rejected;
    t.queues.push_back(std::move(qt));
  }
  return t;
}

const QueueCounters* BrokerCore::counters(std::string_view service) const {
  const auto it = queues_.find(std::string(service));
  return it == queues_.end() ? nullptr : &it->second.counters;
}

std::vector<const StoredMessage*> BrokerCore::storedInOrder() const {
  std::vector<const StoredMessage*> out;
  out.reserve(messages_.size());
  for (const auto& [seq, m] : messages_) out.push_back(&m);
  std::sort(out.begin(), out.end(),
            [](const StoredMessage* a, const StoredMessage* b) { return a->seq < b->seq; });
  return out;
}

}  // namespace clusterscope::agents::broker
