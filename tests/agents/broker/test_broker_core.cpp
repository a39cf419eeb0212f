// BrokerCore without sockets: credit and delivery, round-robin fairness, acknowledgement,
// redelivery to the front after a consumer dies, NACK, outage, capacity, delivery latency,
// RESET for strangers, sends that fail, the queue limit and a journal-like observer.

#include <QtTest>
#include <map>
#include <set>

#include "broker_core.h"

using namespace clusterscope::agents::broker;
namespace p = clusterscope::agents::protocol;
using namespace std::chrono_literals;

namespace {

const Clock::time_point t0{};  // time starts at the epoch of the steady clock; only gaps matter

p::BrokerMessage msg(p::BrokerType type, std::string_view service, std::uint64_t id = 0,
                     std::uint32_t credit = 0, std::string_view payload = {}) {
  p::BrokerMessage m;
  m.header.type = type;
  m.header.id = id;
  m.header.credit = credit;
  m.service = service;
  m.payload = payload;
  return m;
}

struct Recorder : StoreObserver {
  std::map<std::uint64_t, int> live;  // seq -> deliveries
  int removedCount = 0;
  void accepted(const StoredMessage& m) override { live[m.seq] = 0; }
  void removed(const StoredMessage& m) override {
    live.erase(m.seq);
    ++removedCount;
  }
  void delivered(const StoredMessage& m) override { ++live[m.seq]; }
};

// A core and what it sent, split by peer.
struct Rig {
  Recorder store;
  BrokerCore core;
  std::vector<Outgoing> sent;

  explicit Rig(CoreSettings s = {}) : core(withIds(s), &store) {}
  static CoreSettings withIds(CoreSettings s) {
    s.firstDeliveryId = 1000;
    return s;
  }

  std::vector<Outgoing> take() {
    std::vector<Outgoing> out;
    out.swap(core.outbox());
    core.outboxTaken();
    sent.insert(sent.end(), out.begin(), out.end());
    return out;
  }
  void in(std::string_view from, const p::BrokerMessage& m, Clock::time_point at = t0) {
    core.handle(from, m, at, 1'700'000'000'000'000'000);
  }
  // Publishes `n` messages with ids first.. on "billing" from "pub".
  void publish(int n, std::uint64_t first = 1, Clock::time_point at = t0) {
    for (int i = 0; i < n; ++i) in("pub", msg(p::BrokerType::Publish, "billing", first + i), at);
  }
  static std::vector<Outgoing> of(const std::vector<Outgoing>& all, p::BrokerType type,
                                  std::string_view to = {}) {
    std::vector<Outgoing> out;
    for (const auto& o : all) {
      if (o.header.type == type && (to.empty() || o.connection == to)) out.push_back(o);
    }
    return out;
  }
};

}  // namespace

class TestBrokerCore : public QObject {
  Q_OBJECT

 private slots:
  void publishDeliverAcknowledgeWithCredit() {
    Rig r;
    r.publish(3);
    auto out = r.take();
    QCOMPARE(out.size(), 3u);
    for (const auto& o : out) {
      QCOMPARE(o.header.type, p::BrokerType::PublishAck);
      QCOMPARE(o.header.status, p::PublishStatus::Accepted);
      QCOMPARE(o.service, std::string("billing"));
    }
    QCOMPARE(r.core.acceptsPending(), 0u);  // taken with the outbox
    // Credit 2: two deliveries, oldest first, attempt 1, ids from the first delivery id up.
    r.in("c1", msg(p::BrokerType::ConsumerReady, "billing", 0, 2));
    out = r.take();
    QCOMPARE(out.size(), 2u);
    QCOMPARE(out[0].header.messageId, 1u);
    QCOMPARE(out[1].header.messageId, 2u);
    QCOMPARE(out[0].header.attempt, 1);
    QCOMPARE(out[0].header.id, 1000u);
    QCOMPARE(out[1].header.id, 1001u);
    QCOMPARE(out[0].connection, std::string("c1"));
    // An ACK with credit 1 removes the message and brings the third.
    r.in("c1", msg(p::BrokerType::Ack, "billing", 1000, 1));
    out = r.take();
    QCOMPARE(out.size(), 1u);
    QCOMPARE(out[0].header.messageId, 3u);
    QCOMPARE(r.store.removedCount, 1);
    const auto t = r.core.telemetry(t0);
    QCOMPARE(t.queues.size(), 1u);
    QCOMPARE(t.queues[0].backlog, 0u);
    QCOMPARE(t.queues[0].unacknowledged, 2u);
    QCOMPARE(t.queues[0].published, 3u);
    QCOMPARE(t.queues[0].delivered, 3u);
    QCOMPARE(t.queues[0].acknowledged, 1u);
    QCOMPARE(t.queues[0].consumers, 1);
    // Credit is additive: no delivery without it, and none without messages.
    r.in("c1", msg(p::BrokerType::Ack, "billing", 1001, 0));
    r.in("c1", msg(p::BrokerType::Ack, "billing", 1002, 0));
    QVERIFY(r.take().empty());
    QCOMPARE(r.core.stored(), 0u);
  }

  void consumersWithEqualCreditGetEqualShares() {
    Rig r;
    r.in("a", msg(p::BrokerType::ConsumerReady, "billing", 0, 4));
    r.in("b", msg(p::BrokerType::ConsumerReady, "billing", 0, 4));
    r.in("c", msg(p::BrokerType::ConsumerReady, "billing", 0, 4));
    r.take();
    std::map<std::string, int> got;
    for (int i = 0; i < 3000; ++i) {
      r.publish(1, i + 1);
      for (const auto& d : Rig::of(r.take(), p::BrokerType::Deliver)) {
        ++got[d.connection];
        r.in(d.connection, msg(p::BrokerType::Ack, "billing", d.header.id, 1));
      }
    }
    QCOMPARE(got["a"], 1000);
    QCOMPARE(got["b"], 1000);
    QCOMPARE(got["c"], 1000);
  }

  void deliveriesOfADeadConsumerGoBackToTheFront() {
    Rig r;
    r.publish(5);
    r.in("dying", msg(p::BrokerType::ConsumerReady, "billing", 0, 2), t0);
    r.take();  // messages 1 and 2 go to "dying"
    r.in("other", msg(p::BrokerType::ConsumerReady, "billing", 0, 1), t0 + 500ms);
    auto out = Rig::of(r.take(), p::BrokerType::Deliver);
    QCOMPARE(out.size(), 1u);
    QCOMPARE(out[0].header.messageId, 3u);
    // "other" keeps talking; "dying" stays silent for 1 s and is declared dead.
    r.in("other", msg(p::BrokerType::Heartbeat, ""), t0 + 900ms);
    r.core.tick(t0 + 999ms);
    QCOMPARE(r.core.consumersLost(), 0u);
    r.core.tick(t0 + 1000ms);
    QCOMPARE(r.core.consumersLost(), 1u);
    auto t = r.core.telemetry(t0 + 1000ms);
    QCOMPARE(t.queues[0].backlog, 4u);  // 1, 2 back; 4, 5 still waiting
    QCOMPARE(t.queues[0].unacknowledged, 1u);
    // The redeliveries come first, in order, as attempt 2.
    r.in("other", msg(p::BrokerType::Ack, "billing", out[0].header.id, 3), t0 + 1100ms);
    out = Rig::of(r.take(), p::BrokerType::Deliver);
    QCOMPARE(out.size(), 3u);
    QCOMPARE(out[0].header.messageId, 1u);
    QCOMPARE(out[0].header.attempt, 2);
    QCOMPARE(out[1].header.messageId, 2u);
    QCOMPARE(out[1].header.attempt, 2);
    QCOMPARE(out[2].header.messageId, 4u);
    QCOMPARE(out[2].header.attempt, 1);
    t = r.core.telemetry(t0 + 1100ms);
    QCOMPARE(t.queues[0].redelivered, 2u);
    QCOMPARE(r.store.live[1], 2);  // the observer saw both deliveries
    // The dead consumer speaks again: RESET, once per 250 ms; its ACK is not taken.
    r.in("dying", msg(p::BrokerType::Ack, "billing", 1000, 1), t0 + 1200ms);
    r.in("dying", msg(p::BrokerType::Ack, "billing", 1001, 1), t0 + 1210ms);
    const auto resets = Rig::of(r.take(), p::BrokerType::Reset, "dying");
    QCOMPARE(resets.size(), 1u);
    QVERIFY(resets[0].service.empty());
    QCOMPARE(r.core.drops(CoreDrop::UnknownConsumer), 2u);
    QCOMPARE(r.core.telemetry(t0 + 1210ms).queues[0].acknowledged, 1u);
    // Delivery ids are never reused: all distinct.
    std::set<std::uint64_t> ids;
    for (const auto& d : Rig::of(r.sent, p::BrokerType::Deliver)) ids.insert(d.header.id);
    QCOMPARE(ids.size(), Rig::of(r.sent, p::BrokerType::Deliver).size());
  }

  void heartbeatsBothWays() {
    Rig r;
    r.in("c", msg(p::BrokerType::ConsumerReady, "billing", 0, 1), t0);
    r.take();
    r.core.tick(t0 + 200ms);
    QVERIFY(Rig::of(r.take(), p::BrokerType::Heartbeat).empty());
    r.core.tick(t0 + 260ms);
    const auto beats = Rig::of(r.take(), p::BrokerType::Heartbeat, "c");
    QCOMPARE(beats.size(), 1u);
    QVERIFY(beats[0].service.empty());
    // A heartbeat from a stranger is answered RESET.
    r.in("stranger", msg(p::BrokerType::Heartbeat, ""), t0 + 300ms);
    QCOMPARE(Rig::of(r.take(), p::BrokerType::Reset, "stranger").size(), 1u);
    // Any traffic keeps a consumer alive, a publish included.
    r.in("c", msg(p::BrokerType::Publish, "other", 9), t0 + 900ms);
    r.core.tick(t0 + 1500ms);
    QCOMPARE(r.core.consumersLost(), 0u);
    r.core.tick(t0 + 1900ms);
    QCOMPARE(r.core.consumersLost(), 1u);
  }

  void nackRequeuesOrDrops() {
    Rig r;
    r.publish(2);
    r.in("c", msg(p::BrokerType::ConsumerReady, "billing", 0, 1));
    auto d = Rig::of(r.take(), p::BrokerType::Deliver);
    auto nack = msg(p::BrokerType::Nack, "billing", d[0].header.id, 1);
    nack.header.flags = p::kNackFlagRequeue;
    r.in("c", nack);
    d = Rig::of(r.take(), p::BrokerType::Deliver);
    QCOMPARE(d.size(), 1u);
    QCOMPARE(d[0].header.messageId, 1u);  // back at the front
    QCOMPARE(d[0].header.attempt, 2);
    r.in("c", msg(p::BrokerType::Nack, "billing", d[0].header.id, 1));  // dropped this time
    d = Rig::of(r.take(), p::BrokerType::Deliver);
    QCOMPARE(d[0].header.messageId, 2u);
    QCOMPARE(r.store.removedCount, 1);
    QCOMPARE(r.core.counters("billing")->nacked, 2u);
    QCOMPARE(r.core.counters("billing")->dropped, 1u);
    // An ACK of a delivery it does not hold is ignored; its credit still counts.
    r.in("c", msg(p::BrokerType::Ack, "billing", 424242, 0));
    QCOMPARE(r.core.drops(CoreDrop::UnknownDelivery), 1u);
  }

  void outageRefusesPublishesDeliversNothingTakesAcks() {
    Rig r;
    r.publish(2);
    r.in("c", msg(p::BrokerType::ConsumerReady, "billing", 0, 1));
    auto d = Rig::of(r.take(), p::BrokerType::Deliver);
    r.core.setUp(false, t0);
    r.publish(1, 50);
    auto acks = Rig::of(r.take(), p::BrokerType::PublishAck);
    QCOMPARE(acks.size(), 1u);
    QCOMPARE(acks[0].header.status, p::PublishStatus::Outage);
    QCOMPARE(acks[0].header.id, 50u);
    r.in("c", msg(p::BrokerType::Ack, "billing", d[0].header.id, 1));
    QVERIFY(Rig::of(r.take(), p::BrokerType::Deliver).empty());  // credit, a message, no delivery
    auto t = r.core.telemetry(t0);
    QVERIFY(!t.up);
    QCOMPARE(t.queues[0].acknowledged, 1u);
    QCOMPARE(t.queues[0].rejected, 1u);
    QCOMPARE(t.queues[0].backlog, 1u);
    r.core.setUp(true, t0);
    d = Rig::of(r.take(), p::BrokerType::Deliver);
    QCOMPARE(d.size(), 1u);
    QCOMPARE(d[0].header.messageId, 2u);
  }

  void capacityBoundsTheWaitingMessagesOfAllQueues() {
    CoreSettings s;
    s.capacity = 3;
    Rig r(s);
    r.publish(2);
    r.in("pub", msg(p::BrokerType::Publish, "stock", 3));
    r.in("pub", msg(p::BrokerType::Publish, "stock", 4));
    auto acks = Rig::of(r.take(), p::BrokerType::PublishAck);
    QCOMPARE(acks[2].header.status, p::PublishStatus::Accepted);
    QCOMPARE(acks[3].header.status, p::PublishStatus::Full);
    QCOMPARE(r.core.counters("stock")->rejected, 1u);
    // A delivered message no longer waits: room for one more.
    r.in("c", msg(p::BrokerType::ConsumerReady, "billing", 0, 1));
    r.take();
    r.publish(1, 5);
    QCOMPARE(Rig::of(r.take(), p::BrokerType::PublishAck)[0].header.status,
             p::PublishStatus::Accepted);
  }

  void deliveryLatencyHoldsMessagesBack() {
    CoreSettings s;
    s.deliveryLatencyMs = clusterscope::engine::DistributionSpec::constant(40);
    Rig r(s);
    r.in("c", msg(p::BrokerType::ConsumerReady, "billing", 0, 5));
    r.publish(1, 1, t0);
    r.publish(1, 2, t0 + 10ms);
    QVERIFY(Rig::of(r.take(), p::BrokerType::Deliver).empty());
    QCOMPARE(r.core.nextMaturity(), std::optional(t0 + 40ms));
    auto t = r.core.telemetry(t0 + 30ms);
    QCOMPARE(t.queues[0].backlog, 2u);
    QCOMPARE(t.queues[0].oldestAgeMs, 30.0);
    r.core.mature(t0 + 39ms);
    QVERIFY(r.take().empty());
    r.core.mature(t0 + 40ms);
    auto d = Rig::of(r.take(), p::BrokerType::Deliver);
    QCOMPARE(d.size(), 1u);
    QCOMPARE(d[0].header.messageId, 1u);
    QCOMPARE(r.core.telemetry(t0 + 45ms).queues[0].oldestAgeMs, 35.0);  // the second, maturing
    r.core.mature(t0 + 50ms);
    QCOMPARE(Rig::of(r.take(), p::BrokerType::Deliver).size(), 1u);
    QVERIFY(!r.core.nextMaturity());
  }

  void aDeliverThatCannotBeSentIsNotLost() {
    Rig r;
    r.publish(2);
    r.in("full", msg(p::BrokerType::ConsumerReady, "billing", 0, 1));
    r.in("ok", msg(p::BrokerType::ConsumerReady, "billing", 0, 1));
    auto d = Rig::of(r.take(), p::BrokerType::Deliver);
    QCOMPARE(d.size(), 2u);
    // The first could not be sent (its pipe is full): it goes to the other consumer later, as
    // the same attempt, and "full" gets nothing until it speaks.
    r.core.sendFailed(d[0], SendFailure::Full, t0);
    QVERIFY(r.take().empty());
    QCOMPARE(r.core.telemetry(t0).queues[0].backlog, 1u);
    QCOMPARE(r.core.telemetry(t0).queues[0].delivered, 1u);
    r.in("ok", msg(p::BrokerType::Ack, "billing", d[1].header.id, 1));
    auto again = Rig::of(r.take(), p::BrokerType::Deliver);
    QCOMPARE(again.size(), 1u);
    QCOMPARE(again[0].connection, std::string("ok"));
    QCOMPARE(again[0].header.messageId, d[0].header.messageId);
    QCOMPARE(again[0].header.attempt, 1);
    // A consumer that is gone is dead at once; what it held goes back.
    r.publish(1, 3);
    r.in("full", msg(p::BrokerType::Heartbeat, ""));  // it speaks: it may take work again
    d = Rig::of(r.take(), p::BrokerType::Deliver, "full");
    QCOMPARE(d.size(), 1u);
    r.core.sendFailed(d[0], SendFailure::Gone, t0);
    QCOMPARE(r.core.consumersLost(), 1u);
    QCOMPARE(r.core.telemetry(t0).queues[0].backlog, 1u);
  }

  void queuesAreBounded() {
    CoreSettings s;
    s.maxQueues = 2;
    Rig r(s);
    r.in("pub", msg(p::BrokerType::Publish, "a", 1));
    r.in("pub", msg(p::BrokerType::Publish, "b", 2));
    r.in("pub", msg(p::BrokerType::Publish, "c", 3));
    r.in("x", msg(p::BrokerType::ConsumerReady, "d", 0, 1));
    const auto acks = Rig::of(r.take(), p::BrokerType::PublishAck);
    QCOMPARE(acks[2].header.status, p::PublishStatus::Full);
    QCOMPARE(acks[2].service, std::string("c"));
    QCOMPARE(r.core.drops(CoreDrop::TooManyQueues), 2u);
    QCOMPARE(r.core.telemetry(t0).queues.size(), 2u);
    // Types only the broker sends are refused.
    r.in("x", msg(p::BrokerType::Deliver, "a", 1));
    QCOMPARE(r.core.drops(CoreDrop::Unexpected), 1u);
  }

  void restoredMessagesComeFirstAndKeepTheirAttempts() {
    CoreSettings s;
    s.firstSeq = 10;
    Rig r(s);
    StoredMessage m;
    m.seq = 7;
    m.messageId = 77;
    m.service = "billing";
    m.payload = "kept";
    m.attempts = 1;  // delivered once before the restart
    QVERIFY(r.core.restore(m));
    QCOMPARE(r.core.nextSeq(), 10u);
    r.publish(1, 78);
    r.in("c", msg(p::BrokerType::ConsumerReady, "billing", 0, 2));
    const auto d = Rig::of(r.take(), p::BrokerType::Deliver);
    QCOMPARE(d[0].header.messageId, 77u);
    QCOMPARE(d[0].header.attempt, 2);
    QCOMPARE(d[0].payload, std::string("kept"));
    QCOMPARE(d[1].header.messageId, 78u);
    QCOMPARE(r.core.counters("billing")->redelivered, 1u);
    const auto order = r.core.storedInOrder();
    QCOMPARE(order.size(), 2u);
    QCOMPARE(order[0]->seq, 7u);
    QCOMPARE(order[1]->seq, 10u);
  }
};

QTEST_GUILESS_MAIN(TestBrokerCore)
#include "test_broker_core.moc"
