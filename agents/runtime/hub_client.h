#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <zmq.hpp>

#include "control_messages.h"
#include "decode_result.h"
#include "event_loop.h"
#include "hub_connection.h"
#include "message_io.h"
#include "stream_follower.h"

// One process's connection to the hub (docs/protocol.md, "Control plane"): a DEALER that says
// HELLO, reports every interval the WELCOME gives, obeys COMMAND, follows ROUTES, and for a
// monitor follows the SNAPSHOT / UPDATE stream; for a controller it sends COMMAND and CLUSTER.
// It survives the hub: after ERROR unknown_peer (a restarted hub, a new connection) it says
// HELLO again, and a monitor subscribes again after every WELCOME or a lost sequence number.
//
// Threading: a HubClient belongs to one EventLoop and is used only on that loop's thread:
// construct it, call every method and destroy it there (or while that loop is not running).
// Every callback runs on that thread, never re-entrantly from inside a method call except
// where a method says so. Another thread (a GUI) talks to it through EventLoop::post. Nothing
// here blocks: sends use ZMQ_DONTWAIT and a full queue drops the message (counted).

namespace clusterscope::agents {

// What a monitor that closes one-second intervals asks for (SUBSCRIBE update_interval_ms): two
// UPDATEs per peer a second instead of ten at the default report interval. Counters are
// cumulative, so an interval loses nothing; a change of state still comes at once. Decoding
// UPDATEs is nearly all of a monitor's cost (docs/benchmarks.md).
inline constexpr std::chrono::milliseconds kIntervalMonitorUpdates{500};

class HubClient;

// Completes one COMMAND received from the hub: call it once, on the loop's thread, when the
// change is in force (ok) or has failed (ok false, `error` says why: "unsupported", ...). It may
// be kept and called later (asynchronous completion). Copies share one completion: calls after
// the first, or after the HubClient is gone, do nothing.
class CommandReply {
 public:
  void operator()(bool ok, const std::string& error = {}) const;
  std::uint64_t id() const { return id_; }  // the hub's id for this command

 private:
  friend class HubClient;
  struct Shared {
    HubClient* client = nullptr;  // reset when the client is destroyed
  };
  CommandReply(std::weak_ptr<Shared> client, std::uint64_t id)
      : client_(std::move(client)), id_(id), done_(std::make_shared<bool>(false)) {}
  std::weak_ptr<Shared> client_;
  std::uint64_t id_ = 0;
  std::shared_ptr<bool> done_;
};

class HubClient {
 public:
  struct Options {
    HubConnection connection;
    // Sent as given on every HELLO (role, instance, endpoints, ...).
    protocol::Hello hello;
    // A monitor: SUBSCRIBE after every WELCOME and follow the stream (onSnapshot, onUpdate,
    // onPeerState, onCluster), subscribing again on any gap. Needs a controller key, or a hub
    // without CURVE.
    bool subscribe = false;
    // HELLO again when no WELCOME came this long after the last one, doubling up to 5 s.
    std::chrono::milliseconds helloRetry{1000};
    // A monitor asks for at most one UPDATE per peer per this long (0: every report relayed).
    std::chrono::milliseconds updateInterval{0};
  };

  struct Callbacks {
    // Fills the report sent every interval: state and the role's section. `seq` and `time_ns`
    // are the client's (set after the call). Absent: a heartbeat {state: ready}.
    std::function<void(protocol::Report&)> fillReport;
    std::function<void(const protocol::Welcome&)> onWelcome;
    // Every ERROR from the hub (unknown_peer included, after the client has said HELLO again).
    std::function<void(const protocol::ErrorMessage&)> onError;
    // A ROUTES newer than the last one of this hub run (an older version is dropped).
    std::function<void(const protocol::Routes&)> onRoutes;
    // A COMMAND to carry out; answer through `reply`, now or later. Absent: "unsupported".
    std::function<void(const protocol::Command&, CommandReply reply)> onCommand;
    // Monitors: a whole snapshot, then the changes after it, in sequence.
    std::function<void(const HubSnapshot&)> onSnapshot;
    std::function<void(const protocol::Update&)> onUpdate;
    std::function<void(const protocol::PeerState&)> onPeerState;
    std::function<void(const protocol::Cluster&)> onCluster;
  };

  struct Stats {
    std::array<std::uint64_t, 14> sent{};      // by type byte (index 1..13)
    std::array<std::uint64_t, 14> received{};  // by type byte, decoded messages only
    SendCounters sends;                        // what every send returned (drops counted)
    std::array<std::uint64_t, protocol::kDecodeReasonCount> decodeErrors{};  // by reason
    std::uint64_t hellos = 0;                                                // HELLOs sent
    std::uint64_t hubChanges = 0;     // WELCOMEs naming another hub than the previous one
    std::uint64_t subscriptions = 0;  // SUBSCRIBEs sent
    std::uint64_t streamGaps = 0;     // snapshot parts or sequence numbers found missing, or a
                                      // snapshot not whole 5 s after SUBSCRIBE
    std::uint64_t staleRoutes = 0;    // ROUTES older than the one held, dropped
    std::uint64_t commandTimeouts = 0;
  };

  using ResultHandler = std::function<void(const protocol::CommandResult&)>;

  // Creates the DEALER (CURVE client when the connection has a key) in `context`, which must
  // outlive the client. Nothing is sent before start(). Throws zmq::error_t on bad keys.
  HubClient(EventLoop& loop, zmq::context_t& context, Options options, Callbacks callbacks);
  // Unwatches and closes without a BYE (call stop() for a clean leave). Pending command
  // handlers are dropped uncalled.
  ~HubClient();
  HubClient(const HubClient&) = delete;
  HubClient& operator=(const HubClient&) = delete;

  // Connects and says HELLO. Reports start at the WELCOME.
  void start();
  // Says BYE (the hub shows the process `left` at once), stops reporting and disconnects; the
  // BYE gets 250 ms to leave (zmq_ctx_term may wait that long for it, never longer). Pending
  // commands are answered locally with "stopped". start() may be called again.
  void stop(const std::string& reason = "stopping");

  bool started() const { return started_; }
  bool welcomed() const { return welcomed_; }
  // The last WELCOME (its `hub` names the hub run); default values before the first.
  const protocol::Welcome& welcome() const { return welcome_; }
  const Stats& stats() const { return stats_; }

  // Replaces the HELLO and, when started, says it again (the hub replaces the first).
  void setHello(protocol::Hello hello);
  // Sends a report now, out of turn (e.g. at once when the process becomes ready).
  void reportNow();
  // Holds back every report while `paused` (an emulated `pause` fault: the hub must see the
  // silence a stopped process leaves); commands and ROUTES are still read and answered.
  void setReportsPaused(bool paused) { reportsPaused_ = paused; }

  // Controller: sends COMMAND (its `id` is replaced by the client's own) and calls `handler`
  // exactly once with the hub's COMMAND_RESULT, or locally with ok=false and "not connected"
  // (no WELCOME yet, called before this returns), "send queue full", "timeout" (nothing within
  // `timeout`) or "stopped". Returns the id used.
  std::uint64_t sendCommand(protocol::Command command, ResultHandler handler,
                            std::chrono::milliseconds timeout = std::chrono::seconds(6));
  // Launcher: the plan it starts; sent now when welcomed and again after every WELCOME (so a
  // restarted hub learns it too).
  void setClusterPlan(protocol::ClusterPlan plan);
  // Launcher: one of its children exited (PEER_STATE `down`, docs/protocol.md "A launcher's
  // child exited"); `pid` 0 when unknown. False when not welcomed or the send queue is full.
  bool notifyExited(const std::string& instance, std::int64_t pid, const std::string& reason);

 private:
  bool send(const protocol::ControlMessage& message);
  void sayHello();
  void scheduleHelloRetry();
  void subscribe();
  void sendReport();
  void onReadable();
  void handle(protocol::ControlMessage& message);
  void onWelcome(const protocol::Welcome& welcome);
  void onError(const protocol::ErrorMessage& error);
  void onRoutes(const protocol::Routes& routes);
  void onCommand(const protocol::Command& command);
  void onCommandResult(const protocol::CommandResult& result);
  void onStream(protocol::ControlMessage& message, std::uint64_t seq);
  // True when `verdict` is `wanted`; a lost part or sequence number subscribes again.
  bool accepted(StreamFollower::Verdict verdict, StreamFollower::Verdict wanted);
  void finishCommand(std::uint64_t id, const protocol::CommandResult& result);
  void failPending(const std::string& why);
  void cancelTimers();

  EventLoop& loop_;
  zmq::socket_t socket_;
  Options options_;
  Callbacks callbacks_;
  std::shared_ptr<CommandReply::Shared> self_;
  bool started_ = false;
  bool welcomed_ = false;
  bool reportsPaused_ = false;
  protocol::Welcome welcome_;
  EventLoop::TimerId reportTimer_ = 0;
  EventLoop::TimerId helloTimer_ = 0;
  EventLoop::TimerId snapshotTimer_ = 0;
  std::chrono::milliseconds helloDelay_{0};
  std::uint64_t reportSeq_ = 0;
  std::optional<std::uint64_t> routesVersion_;  // of this hub run
  StreamFollower stream_;
  std::optional<protocol::ClusterPlan> plan_;
  struct Pending {
    ResultHandler handler;
    EventLoop::TimerId timer = 0;
  };
  std::map<std::uint64_t, Pending> pending_;
  std::uint64_t nextCommandId_ = 1;
  ReceivedMessage message_;
  Stats stats_;
  friend class CommandReply;
};

}  // namespace clusterscope::agents
