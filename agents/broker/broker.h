#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include <zmq.hpp>

#include "broker_core.h"
#include "event_loop.h"
#include "hub_client.h"
#include "journal.h"
#include "message_io.h"
#include "metrics_endpoint.h"

// The broker process's parts around BrokerCore: the async plane's ROUTER, the journal, the
// connection to the hub (role `broker`: REPORT with the broker section, COMMAND broker_outage,
// broker_recover and reset_faults) and /metrics.
//
// Every turn that changed the core ends in finishTurn(): the journal's new records are written
// (and, with SyncPolicy::Batch, synced when publishes were accepted) before any PUBLISH_ACK or
// DELIVER of that turn is sent. A journal that cannot be written throws JournalError out of the
// loop: the process stops rather than acknowledge what it could not store.
//
// Threading: a Broker belongs to one EventLoop and is used only on that loop's thread, like
// HubClient. Nothing here blocks, except the journal's writes and fdatasync.

namespace clusterscope::agents::broker {

struct BrokerOptions {
  std::string instance = "broker";  // in HELLO; a journal belongs to one instance
  std::string bindHost = "127.0.0.1";
  std::string advertiseHost;  // empty: the bound host (the machine's name for a wildcard)
  HubConnection hub;
  bool metrics = true;
  CoreSettings core;  // delivery latency, capacity, seed (ids are filled in by the Broker)
  std::optional<JournalOptions> journal;
};

// Why the broker dropped an incoming message, beyond the decoders' and the core's reasons.
inline constexpr const char* kNoEnvelopeDrop = "no_envelope";

struct BrokerStats {
  std::uint64_t received = 0;  // messages read from the ROUTER
  std::array<std::uint64_t, protocol::kDecodeReasonCount> decodeDrops{};
  std::uint64_t noEnvelope = 0;
  SendCounters sends;
};

class Broker {
 public:
  // Opens the journal (throws JournalError) and puts its messages back; binds nothing yet.
  Broker(EventLoop& loop, BrokerOptions options);
  ~Broker();  // stop()
  Broker(const Broker&) = delete;
  Broker& operator=(const Broker&) = delete;

  // Binds the ROUTER and /metrics and joins the hub. Throws zmq::error_t when it cannot bind.
  void start();
  // Says BYE, makes the journal durable and closes every socket. Idempotent.
  void stop();

  const std::string& endpoint() const { return endpoint_; }      // as announced
  const std::string& metricsUrl() const { return metricsUrl_; }  // "" without /metrics
  // What the journal held at start (its messages already moved into the core).
  const Recovery& recovery() const { return recovery_; }
  std::uint64_t recoveredMessages() const { return recovered_; }
  const BrokerCore& core() const { return core_; }
  const BrokerStats& stats() const { return stats_; }
  const Journal* journal() const { return journal_.get(); }
  const HubClient* hubClient() const { return hub_.get(); }
  // Set when the hub refused this process for good (duplicate_instance, bad_version): the
  // process should stop with exit status 3.
  const std::string& refused() const { return refused_; }

  std::string metricsPage();

 private:
  void onReadable();
  void finishTurn();
  void sendOutbox();
  void armMaturity();
  void onCommand(const protocol::Command& command, CommandReply reply);
  void outage(double durationS);
  void recover();
  void fillReport(protocol::Report& report);

  EventLoop& loop_;
  BrokerOptions options_;
  Recovery recovery_;
  std::unique_ptr<Journal> journal_;
  BrokerCore core_;
  zmq::context_t context_;
  zmq::socket_t socket_;
  std::unique_ptr<HubClient> hub_;
  std::unique_ptr<MetricsEndpoint> metrics_;
  std::string endpoint_;
  std::string metricsUrl_;
  std::string refused_;
  ReceivedMessage message_;
  std::vector<Outgoing> sending_;
  BrokerStats stats_;
  std::vector<EventLoop::TimerId> timers_;
  EventLoop::TimerId maturityTimer_ = 0;
  std::optional<Clock::time_point> maturityArmed_;
  EventLoop::TimerId outageTimer_ = 0;
  std::uint64_t recovered_ = 0;
  double startUnixS_ = 0.0;
  bool started_ = false;
};

}  // namespace clusterscope::agents::broker
