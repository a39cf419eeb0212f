#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <queue>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "broker_frames.h"
#include "random.h"
#include "sampler.h"
#include "stored_message.h"
#include "telemetry.h"

// The broker's logic without sockets (docs/protocol.md, "Broker delivery"): per-service
// queues, consumers known by their connection, additive credit, deliveries under ids that are
// never reused, acknowledgement, redelivery of what a dead consumer held, the delivery latency
// and capacity of the scenario's broker, and the outage. What it decides to send goes to an
// outbox the owner sends after making the journal durable (Broker::finishTurn); what it stores
// and removes goes to a StoreObserver (the journal).
//
// Order of delivery: a queue hands out its available messages oldest first (by the order the
// broker accepted them), so a message delivered again goes back to the front of its queue,
// before everything accepted after it. Among the consumers of a queue, one message at a time
// goes to each consumer with credit in turn (round robin), so equal credit gets equal shares.
//
// Times are passed in (`now`), never read, so tests drive it deterministically. Not
// thread-safe: one owner thread.

namespace clusterscope::agents::broker {

// A message for the owner to send on the ROUTER, in order.
struct Outgoing {
  std::string connection;  // the peer's routing id
  protocol::BrokerHeader header;
  std::string service;  // empty in HEARTBEAT and RESET
  std::string payload;  // DELIVER: a copy (the stored message may go before it is sent)
};

// Why the owner could not send an Outgoing.
enum class SendFailure {
  Full,  // the peer's pipe is at its high-water mark (EAGAIN)
  Gone,  // the peer has disconnected (EHOSTUNREACH on a ROUTER_MANDATORY socket)
};

struct CoreSettings {
  engine::DistributionSpec deliveryLatencyMs;  // publish to available; constant 0: at once
  std::optional<std::uint64_t> capacity;       // messages waiting, all queues; none: unbounded
  std::uint64_t seed = 1;                      // draws of the delivery latency
  std::uint64_t firstDeliveryId = 1;           // the process's start time in Unix ns (never reused)
  std::uint64_t firstSeq = 1;                  // after a journal's
  Clock::duration consumerTimeout = std::chrono::seconds(1);  // silence: dead
  Clock::duration heartbeatInterval = std::chrono::milliseconds(250);
  std::size_t maxQueues = 4096;  // REPORT's limit
};

struct QueueCounters {
  std::uint64_t published = 0;
  std::uint64_t delivered = 0;  // first deliveries
  std::uint64_t redelivered = 0;
  std::uint64_t acknowledged = 0;
  std::uint64_t rejected = 0;  // outage or full
  std::uint64_t nacked = 0;    // NACKs received (requeued or dropped)
  std::uint64_t dropped = 0;   // removed by a NACK without requeue
};

// Why the core refused a message it could decode (the decoders' reasons come first on /metrics).
enum class CoreDrop : std::uint8_t {
  Unexpected,       // a type only the broker sends (PUBLISH_ACK, DELIVER, RESET)
  TooManyQueues,    // a service beyond maxQueues (a PUBLISH gets `full`)
  UnknownConsumer,  // HEARTBEAT, ACK or NACK from a connection that is no consumer (RESET sent)
  UnknownDelivery,  // ACK or NACK of a delivery id this consumer does not hold
};
inline constexpr int kCoreDropCount = static_cast<int>(CoreDrop::UnknownDelivery) + 1;
const char* coreDropName(CoreDrop drop);  // "unexpected", ...

class BrokerCore {
 public:
  BrokerCore(CoreSettings settings, StoreObserver* observer = nullptr);

  // Puts back a message from the journal: available at once, `attempts` as recorded.
  // False (and ignored) beyond maxQueues.
  bool restore(StoredMessage message);

  // One decoded message from `connection`, at `now` (`unixNs`: the wall clock, for PUBLISH).
  void handle(std::string_view connection, const protocol::BrokerMessage& message,
              Clock::time_point now, std::int64_t unixNs);

  // Moves the messages whose delivery latency has passed to their queues (and delivers them).
  void mature(Clock::time_point now);
  // mature(), then declares silent consumers dead and queues HEARTBEATs to consumers it has
  // sent nothing for a while. Call it every ~50 ms.
  void tick(Clock::time_point now);
  // When the next message matures; none when nothing is maturing.
  std::optional<Clock::time_point> nextMaturity() const;

  // The owner could not send `outgoing`. A DELIVER not sent was never delivered: it goes back
  // to the front of its queue and its credit to the consumer. A consumer that is Gone is
  // declared dead at once; a Full one gets nothing more until it next speaks.
  void sendFailed(const Outgoing& outgoing, SendFailure failure, Clock::time_point now);

  // Outage: while down, every PUBLISH is answered `outage` and nothing is delivered; ACK, NACK
  // and heartbeats are still taken.
  void setUp(bool up, Clock::time_point now);
  bool up() const { return up_; }

  // What to send, in order. The owner takes it (swap) and sends each.
  std::vector<Outgoing>& outbox() { return outbox_; }
  // PUBLISH_ACKs `accepted` in the outbox: they must wait for the journal.
  std::size_t acceptsPending() const { return acceptsPending_; }
  void outboxTaken() { acceptsPending_ = 0; }

  protocol::BrokerTelemetry telemetry(Clock::time_point now) const;
  const QueueCounters* counters(std::string_view service) const;
  std::uint64_t drops(CoreDrop d) const { return drops_[static_cast<std::size_t>(d)]; }
  std::uint64_t consumersLost() const { return consumersLost_; }
  std::uint64_t resetsSent() const { return resetsSent_; }
  std::size_t consumerCount() const { return consumers_.size(); }
  std::size_t stored() const { return messages_.size(); }
  std::uint64_t waiting() const { return waitingTotal_; }  // counted against the capacity
  std::uint64_t nextSeq() const { return nextSeq_; }
  // Every stored message, in seq order (for a journal compaction).
  std::vector<const StoredMessage*> storedInOrder() const;

 private:
  struct Queue;
  struct Grant {
    Queue* queue = nullptr;
    std::uint64_t credit = 0;
    std::uint64_t held = 0;  // deliveries of this queue in flight
    bool inTurn = false;     // in queue->turn
  };
  struct Consumer {
    std::uint64_t key = 0;
    std::string connection;
    Clock::time_point lastHeard;
    Clock::time_point lastSent;
    std::vector<Grant> grants;               // one per queue it consumes
    std::unordered_set<std::uint64_t> held;  // delivery ids in flight
    bool stalled = false;                    // its pipe was full: nothing more until it speaks
    Grant* grant(Queue* q);
  };
  struct Queue {
    std::string service;
    // Available message seqs, a min-heap: the oldest accepted goes first.
    std::vector<std::uint64_t> ready;
    // Seqs published while a delivery latency runs, in seq order; entries that have matured
    // since are skipped when met at the front (the front is the oldest still maturing).
    std::deque<std::uint64_t> maturingOrder;
    std::size_t maturing = 0;
    std::uint64_t unacknowledged = 0;
    std::deque<std::uint64_t> turn;  // consumer keys with credit, round robin
    QueueCounters counters;
  };
  struct Due {
    Clock::time_point when;
    std::uint64_t seq;
    bool operator>(const Due& o) const { return when != o.when ? when > o.when : seq > o.seq; }
  };

  Queue* queue(std::string_view service);  // found or made; null beyond maxQueues
  Consumer* consumer(std::string_view connection);
  void publish(std::string_view connection, const protocol::BrokerMessage& m, Clock::time_point now,
               std::int64_t unixNs);
  void consumerReady(std::string_view connection, const protocol::BrokerMessage& m,
                     Clock::time_point now);
  void settle(Consumer* c, std::string_view connection, const protocol::BrokerMessage& m,
              Clock::time_point now);
  void heard(Consumer& c, Clock::time_point now);
  void addCredit(Consumer& c, Queue& q, std::uint64_t credit, Clock::time_point now);
  void makeAvailable(Queue& q, std::uint64_t seq);
  void dispatch(Queue& q, Clock::time_point now);
  void deliver(Queue& q, Consumer& c, Clock::time_point now);
  // A delivered message back to waiting (its consumer died, it was NACKed with requeue).
  Queue& requeue(StoredMessage& m);
  void remove(StoredMessage& m);
  void declareDead(std::uint64_t key, Clock::time_point now);
  void reset(std::string_view connection, Clock::time_point now);
  void send(std::string_view connection, const protocol::BrokerHeader& h,
            std::string_view service = {}, std::string payload = {});
  double oldestAgeMs(const Queue& q, Clock::time_point now) const;

  CoreSettings settings_;
  StoreObserver* observer_;
  engine::Sampler latency_;
  engine::Rng rng_;
  bool up_ = true;
  std::unordered_map<std::uint64_t, StoredMessage> messages_;    // by seq
  std::unordered_map<std::uint64_t, std::uint64_t> deliveries_;  // delivery id -> seq
  std::unordered_map<std::string, Queue> queues_;
  std::unordered_map<std::uint64_t, Consumer> consumers_;        // by key
  std::unordered_map<std::string, std::uint64_t> consumerKeys_;  // connection -> key
  std::unordered_map<std::string, Clock::time_point> resets_;    // RESETs lately sent
  std::priority_queue<Due, std::vector<Due>, std::greater<>> maturity_;
  std::vector<Outgoing> outbox_;
  std::size_t acceptsPending_ = 0;
  std::uint64_t nextSeq_;
  std::uint64_t nextDeliveryId_;
  std::uint64_t nextConsumerKey_ = 1;
  std::uint64_t waitingTotal_ = 0;
  std::uint64_t consumersLost_ = 0;
  std::uint64_t resetsSent_ = 0;
  std::uint64_t drops_[kCoreDropCount] = {};
};

}  // namespace clusterscope::agents::broker
