#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>
#include <zmq.hpp>

#include "broker_frames.h"
#include "call_policy.h"
#include "edge_stats.h"
#include "fault_book.h"
#include "message_io.h"
#include "random.h"
#include "timers.h"

// An agent's side of the async plane (docs/protocol.md, "Async plane", "Broker delivery",
// "What an agent does"): one DEALER to the broker named in ROUTES, on which it publishes (each
// PUBLISH answered by PUBLISH_ACK within 1 s, else the call fails `broker_rejected`) and
// consumes its own queues (the service's, or each module's) with credit up to its free workers,
// acknowledging each delivery when served (ACK) or failed (NACK without requeue), with
// HEARTBEAT after 250 ms of saying nothing and CONSUMER_READY again after RESET or 1 s of the
// broker's silence.
//
// Loop-thread only; waits are Timers timers, so an emulated pause freezes it too. Nothing
// blocks: sends use ZMQ_DONTWAIT (a full pipe fails a publish `broker_rejected`).

namespace clusterscope::agents::agent {

class BrokerLink {
 public:
  using Clock = calls::Clock;

  struct Delivery {
    std::uint64_t deliveryId = 0;
    std::string queue;  // the component consumed
    std::int64_t originNs = 0;
  };

  struct Callbacks {
    // A delivery of one of our queues, to serve; finished() must follow once it is done.
    std::function<void(const Delivery&)> deliver;
    // Workers free now: the credit each queue may hold.
    std::function<int()> freeWorkers;
  };

  struct Stats {
    std::array<std::uint64_t, protocol::kDecodeReasonCount> decodeErrors{};
    std::uint64_t unexpected = 0;  // a type a consumer or publisher never receives
    std::uint64_t lateAcks = 0;    // PUBLISH_ACK for no publish waiting
    std::uint64_t resets = 0;
    std::uint64_t foreignDeliveries = 0;  // for a queue we do not consume (NACKed, requeued)
    std::uint64_t delivered = 0;
    SendCounters sends;
  };

  // `self` names the caller in edge faults; `queues` are the components consumed.
  BrokerLink(calls::Timers& timers, zmq::context_t& context, calls::FaultBook& faults,
             std::string self, std::vector<std::string> queues, std::uint64_t seed,
             Callbacks callbacks);
  ~BrokerLink();
  BrokerLink(const BrokerLink&) = delete;
  BrokerLink& operator=(const BrokerLink&) = delete;

  // The broker's ROUTER from ROUTES; empty: none (publishes fail at once, nothing consumed).
  // A new endpoint means a new connection: credit is announced afresh.
  void setEndpoint(const std::string& endpoint);
  const std::string& endpoint() const { return endpoint_; }
  // Consume while ready and not draining; off: no more credit is granted.
  void setConsuming(bool consuming);

  // One async call on an edge whose counters are `stats` (which must outlive the publish):
  // counted in calls, then completed when accepted, else failed `broker_rejected`; a
  // fail_first edge fault fails it `error`. `from` and `to` name the edge for its faults; the
  // message goes to the queue `to`.
  void publish(calls::EdgeStats& stats, std::string_view from, const std::string& to,
               std::int64_t originNs);
  // A delivery has been served: ACK when `ok`, else NACK without requeue (an injected error
  // redelivered would loop). Either carries the credit its free worker allows.
  void finished(const Delivery& delivery, bool ok);
  // A worker became free: grant what the queues may now take.
  void topUpCredit();

  void setPaused(bool paused);
  const Stats& stats() const { return stats_; }

 private:
  struct Pending {
    calls::EdgeStats* stats = nullptr;
    std::string queue;
    std::int64_t originNs = 0;
    Clock::time_point sentAt;
    calls::Timers::Id timer = 0;
    bool sent = false;
  };

  void connect();
  void disconnect();
  bool sendMessage(const protocol::BrokerHeader& header, std::string_view service);
  void sendPublish(std::uint64_t messageId);
  void publishFailed(std::uint64_t messageId);
  std::uint32_t creditFor(const std::string& queue);
  void announce();
  void tick();
  void onReadable();
  void onMessage(const protocol::BrokerMessage& message);

  calls::Timers& timers_;
  zmq::context_t& context_;
  calls::FaultBook& faults_;
  std::string self_;
  std::vector<std::string> queues_;
  engine::Rng rng_;
  Callbacks callbacks_;
  std::string endpoint_;
  zmq::socket_t socket_;
  bool connected_ = false;
  bool consuming_ = false;
  bool paused_ = false;
  std::unordered_map<std::string, std::uint32_t> granted_;  // credit not yet used, by queue
  std::unordered_map<std::uint64_t, Pending> pending_;      // publishes by message id
  std::uint64_t nextMessageId_ = 1;
  Clock::time_point lastSent_;
  Clock::time_point lastHeard_;
  calls::Timers::Id tickTimer_ = 0;
  std::vector<zmq::socket_t> closing_;  // closed at the next turn, never inside their handler
  ReceivedMessage message_;
  Stats stats_;
};

}  // namespace clusterscope::agents::agent
