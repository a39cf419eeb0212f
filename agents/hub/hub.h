#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>
#include <zmq.hpp>

#include "control_messages.h"
#include "event_loop.h"
#include "hub_options.h"
#include "message_io.h"
#include "metrics_endpoint.h"
#include "peer_table.h"
#include "telemetry_feed.h"
#include "zap_handler.h"

// The hub: the control plane's one well-known address (docs/protocol.md). Every process
// dials it; it knows the peers by their HELLO, follows their liveness from the REPORT stream,
// relays the stream to subscribed monitors (SNAPSHOT, then UPDATE / PEER_STATE / CLUSTER in one
// sequence), routes COMMANDs to the processes that carry them out and aggregates their results,
// and tells agents and load generators where every service can be called (ROUTES). Malformed,
// oversized, unknown or unauthorised messages are counted by reason and dropped; at most one
// ERROR per connection per second answers them.
//
// Threading: a Hub belongs to one EventLoop and is used only on that loop's thread: construct
// it, call every method and destroy it there (or while the loop is not running). It owns its
// own ZeroMQ context (a context holds one ZAP handler), its metrics server thread, and nothing
// else. HubThread (hub_thread.h) runs one on a thread of its own.

namespace clusterscope::agents {

class Hub {
 public:
  Hub(EventLoop& loop, HubOptions options);
  ~Hub();  // stop()
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;

  // Binds the ZAP handler (CURVE), the control ROUTER, the telemetry PUB and /metrics, and
  // starts serving on the loop. Throws std::runtime_error (or zmq::error_t) saying what could
  // not be done: a CURVE hub without a secret key or without any allowed key, a port in use.
  void start();
  // Stops serving and closes every socket; idempotent. Peers notice through their reports.
  void stop();

  const std::string& endpoint() const { return endpoint_; }  // "tcp://127.0.0.1:40000"
  const std::string& telemetryEndpoint() const { return telemetryEndpoint_; }  // "" when off
  const std::string& metricsUrl() const { return metricsUrl_; }                // "" when off
  const std::string& hubId() const { return hubId_; }
  const std::string& publicKey() const { return options_.serverCertificate.publicKey; }
  const HubOptions& options() const { return options_; }

  // A co-located launcher's child exited: the same as its PEER_STATE notice on the wire
  // (docs/protocol.md, "A launcher's child exited"); `pid` 0 matches any. False when the hub
  // holds no such live instance (or it has another pid).
  bool processExited(const std::string& instance, std::int64_t pid, const std::string& reason);

  const HubStats& stats();  // refreshed with the ZAP handler's counts
  const PeerTable& peers() const { return peers_; }
  std::size_t subscribers() const { return subscribers_.size(); }
  std::size_t commandsInFlight() const { return commands_.size(); }
  std::uint64_t routesVersion() const { return routesVersion_; }
  // The /metrics page as it would be served now.
  std::string metricsPage();

 private:
  using Clock = EventLoop::Clock;
  // ROUTES go out at most this often: a cluster starting up changes them with every replica.
  static constexpr auto kRoutesMinGap = std::chrono::milliseconds(50);

  // hub.cpp: sockets, receiving, dispatch, sending.
  void onControlReadable();
  void handle(const ReceivedMessage& message);
  SendStatus sendTo(const std::string& connection, const protocol::ControlMessage& message);
  SendStatus sendFramesTo(const std::string& connection, const protocol::Frames& frames,
                          protocol::ControlType type);
  void sendError(const std::string& connection, const std::string& code,
                 const std::string& message);
  void drop(HubDrop reason);
  void tick();
  static double unixNowS();
  void publishMetrics();

  // hub_peers.cpp: joining, reports, liveness, leaving, routes.
  void onHello(const std::string& connection, protocol::KeyRole key, protocol::Hello& hello);
  void onReport(Peer& peer, protocol::Report& report, std::string_view body);
  void onBye(Peer& peer, const protocol::Bye& bye);
  void onExitNotice(Peer& sender, const protocol::PeerState& notice);
  void setLiveness(Peer& peer, protocol::Liveness liveness, std::string reason,
                   bool withHello = false);
  void leave(Peer& peer, std::string reason);
  void sweepLiveness(Clock::time_point now);
  void relay(Peer& peer, std::string_view body, Clock::time_point now, bool newState);
  void flushHeld(Clock::time_point now);
  Clock::duration gapFor(const Peer& peer) const;
  protocol::Routes computeRoutes() const;
  void updateRoutes(Clock::time_point now);
  bool wantsRoutes(const Peer& peer) const;

  // hub_stream.cpp: subscribers and the sequence.
  void onSubscribe(const std::string& connection, const protocol::Subscribe& subscribe);
  // The least time between two UPDATEs of one peer: half the report interval, or longer when
  // every subscriber asked for fewer.
  Clock::duration relayGap() const;
  void onCluster(const protocol::Cluster& cluster);
  void broadcast(protocol::ControlMessage message);
  void broadcastFrames(const protocol::Frames& frames, protocol::ControlType type);
  // Relays the peer's latest report; `body` is its JSON as it came (empty: encode it).
  void sendUpdate(Peer& peer, std::string_view body);

  // hub_commands.cpp: COMMAND routing and aggregation.
  void onCommand(const std::string& connection, const protocol::Command& command);
  void onCommandResult(const std::string& connection, const protocol::CommandResult& result);
  void finishCommand(std::uint64_t key, bool timedOut);

  EventLoop& loop_;
  HubOptions options_;
  std::unique_ptr<zmq::context_t> context_;
  std::unique_ptr<ZapHandler> zap_;
  zmq::socket_t control_;
  zmq::socket_t telemetry_;
  std::unique_ptr<MetricsEndpoint> metrics_;
  bool running_ = false;
  std::string endpoint_, telemetryEndpoint_, metricsUrl_, hubId_;
  std::vector<EventLoop::TimerId> timers_;
  ReceivedMessage message_;
  HubStats stats_;
  double startUnixS_ = 0.0;

  PeerTable peers_;
  std::unordered_map<std::string, Clock::time_point> lastError_;  // by connection
  Clock::time_point lastPrune_{};
  std::optional<protocol::ClusterPlan> plan_;

  // Connections following the stream, each with the UPDATE interval it asked for (0: any).
  std::map<std::string, Clock::duration> subscribers_;
  std::uint64_t seq_ = 0;       // the stream's last sequence number
  std::set<std::string> held_;  // instances with a report waiting to be relayed

  protocol::Routes routes_;  // the last sent (version aside)
  std::uint64_t routesVersion_ = 0;
  bool routesDirty_ = false;
  Clock::time_point routesSentAt_{};

  struct CommandInFlight {
    std::string controller;  // connection to answer
    std::uint64_t controllerId = 0;
    std::map<std::uint64_t, std::string> outstanding;  // hub id -> executor's connection
    std::string firstError;
    EventLoop::TimerId timer = 0;
  };
  std::map<std::uint64_t, CommandInFlight> commands_;  // by the hub id of its first executor
  std::unordered_map<std::uint64_t, std::uint64_t> commandOf_;  // hub id -> commands_ key
  std::uint64_t nextCommandId_ = 1;

  TelemetryFeed feed_;
};

}  // namespace clusterscope::agents
