#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include <zmq.hpp>

#include "child_process.h"
#include "event_loop.h"
#include "hub_client.h"
#include "hub_thread.h"
#include "launch_settings.h"
#include "node_network.h"
#include "replica_table.h"
#include "run_files.h"

// Runs a scenario as real local processes (docs/protocol.md; LIVE.md, "Launching"): a hub
// embedded in this process, a broker when the scenario needs one, one agent per replica of each
// service (a monolith: one process per replica), placed on the scenario's nodes, and the load
// generator once every one of them reports ready. It writes a fresh key set and the connection
// file, tells the hub its plan (CLUSTER), applies the scenario's timeline in real time from the
// moment traffic starts (process-level actions itself, the others as COMMANDs through the hub),
// carries out the process-level COMMANDs the hub routes to it (`inject kill_replica ...`), and
// tells the hub at once when a child exits, so a killed agent is down within milliseconds.
//
// Why the hub is embedded (HubThread) rather than a child: it is up and bound before anything
// else exists, its endpoint is known without parsing a banner, and it cannot outlive the
// launcher or be orphaned by it.
//
// Threading contract: a Launcher belongs to one EventLoop. Construct it, call every method and
// destroy it on that loop's thread (or while the loop is not running); every event below is
// called on that thread, never from inside a method call unless the method says so. The
// children are forked from that thread, and the kernel kills them (PR_SET_PDEATHSIG) when that
// thread ends, so it must live as long as the run: LauncherThread (launcher_thread.h) gives a
// GUI one. Nothing blocks the loop except kill() and the destructor, which wait at most for
// SIGKILLed children to be reaped.
//
// Stops what it started and nothing else: only its own children are ever signalled (through
// their process groups, before they are reaped). Whatever ends the run - its end, stop(),
// a failure, the destructor, or the launcher's own death - no child is left behind.

namespace clusterscope::agents::launcher {

enum class LaunchPhase {
  Idle,      // constructed
  Starting,  // processes starting; waiting until every one reports ready
  Running,   // traffic flows: cluster time counts from its start
  Finished,  // duration_s is over (only with untilStopped: still running)
  Stopping,  // children asked to leave (SIGTERM), SIGKILL after stopGrace
  Stopped,   // every child reaped, hub closed, files removed
};
const char* launchPhaseName(LaunchPhase phase);

enum class ProcessKind { Agent, Broker, Loadgen };

struct ProcessInfo {
  std::string instance;  // "orders#1", "broker", "loadgen"
  ProcessKind kind = ProcessKind::Agent;
  pid_t pid = 0;
  std::string node;        // empty: not placed on a named node
  std::string logPath;     // its stdout and stderr
  std::string metricsUrl;  // from its HELLO; empty until it joined, or when it serves none
  bool running = true;     // false once it has exited
};

struct LaunchProgress {
  LaunchPhase phase = LaunchPhase::Idle;
  int started = 0;      // processes started before traffic, so far
  int toStart = 0;      // ... of this many (agents and broker; externals are not started)
  int ready = 0;        // replicas and broker that report ready, externals included
  int awaited = 0;      // ... of this many, before traffic starts
  std::string message;  // "started orders#1 (4 of 9)", "waiting for db#0 (8 of 9 ready)"
};

struct ProcessEvent {
  enum class Kind { Started, Exited };
  Kind kind = Kind::Started;
  ProcessInfo process;
  std::string reason;     // Exited: "process exited (signal 9)"
  bool expected = false;  // Exited: the launcher had asked it to leave or killed it
};

struct ActionEvent {
  std::string source;       // "timeline" or "command"
  std::string description;  // "killed orders#1", "pause orders"
  bool ok = true;
  std::string error;  // why not, when !ok
  // The action itself, for the timeline's and apply()'s (a GUI marks them on its charts);
  // empty for a protocol-level command (a fault the hub routed here).
  std::optional<model::Action> action;
};

struct LaunchResult {
  bool ok = true;  // false: the launch failed; error says why
  std::string error;
  bool completed = false;  // the run reached duration_s
};

// A node's network namespace (launch --netns).
struct NodeNamespace {
  std::string node;     // as the scenario names it
  std::string name;     // the namespace: `ip netns exec NAME ...`
  std::string address;  // its agents bind here
  std::string link;     // its veth end on the bridge, in the root namespace
};

// Where the running cluster can be reached; filled by start().
struct LaunchInfo {
  std::string hubEndpoint;
  std::string hubMetricsUrl;
  std::string telemetryEndpoint;  // empty: no PUB
  std::string connectionFile;
  std::string runDir;  // keys, the scenario as run, logs (removed at the end)
  std::string logDir;
  // With --netns: the bridge, its subnet, and each node's namespace; empty otherwise.
  std::string bridge;
  std::string subnet;
  std::vector<NodeNamespace> namespaces;
};

// Called on the loop's thread. Every one is optional.
struct LauncherEvents {
  std::function<void(const LaunchProgress&)> progress;
  std::function<void(const ProcessEvent&)> process;
  std::function<void(const ActionEvent&)> action;
  // Cluster time 0: the load generator reports ready (or, without one, every process does).
  std::function<void(EventLoop::Clock::time_point)> trafficStarted;
  // Cluster time duration_s. Take the run's results here: the launcher stops right after
  // (unless untilStopped).
  std::function<void(EventLoop::Clock::time_point)> durationReached;
  // The hub's stream as this launcher follows it (WELCOME, then SNAPSHOT as one whole part,
  // UPDATE, PEER_STATE, CLUSTER), with when it arrived: what a cluster_view::ClusterView eats.
  std::function<void(const protocol::ControlMessage&, EventLoop::Clock::time_point)> stream;
  // The end: every child reaped, hub closed, files removed. The Launcher may be destroyed here.
  std::function<void(const LaunchResult&)> stopped;
};

class Launcher {
 public:
  Launcher(EventLoop& loop, LaunchSettings settings, LauncherEvents events);
  ~Launcher();  // kills and reaps every child still running; no event is called
  Launcher(const Launcher&) = delete;
  Launcher& operator=(const Launcher&) = delete;

  // Makes the keys and files, starts the hub and the first processes, and returns; the rest
  // happens on the loop. Throws std::runtime_error, with nothing left running or written, when
  // something cannot be done at once: a program not found, a file or directory that cannot be
  // written, a hub that cannot bind, an unknown --external service.
  void start();
  // Asks every child to leave (SIGTERM; SIGKILL after stopGrace), then closes the hub and
  // removes the files; `stopped` follows. Idempotent. `reason` empty: a normal end.
  void stop(const std::string& reason = {});
  // The same at once: SIGKILL to every child and a wait for each (milliseconds). `stopped` is
  // called before this returns.
  void kill();

  // Applies one action now as a timeline entry would (process-level ones here, the others as a
  // COMMAND through the hub); `done` gets the outcome. From Running on.
  void apply(const model::Action& action, std::function<void(const ActionEvent&)> done = {});

  LaunchPhase phase() const { return phase_; }
  const LaunchInfo& info() const { return info_; }
  // Every child started and not yet reaped, in start order (exited ones are dropped).
  std::vector<ProcessInfo> processes() const;
  // The replicas as the launcher sees them (what the GUI's "Run on real agents" may show).
  const ReplicaTable& replicas() const { return table_; }

 private:
  struct Child;
  struct PeerSeen {
    std::int64_t pid = 0;
    protocol::Liveness liveness = protocol::Liveness::Down;
    model::ReplicaState state = model::ReplicaState::Starting;
    std::string metricsUrl;
  };
  using Clock = EventLoop::Clock;

  // launcher.cpp: lifecycle, the hub, the stream.
  void startHubAndClient(const protocol::Certificate& hub, const protocol::Certificate& agent,
                         const protocol::Certificate& controller);
  void onStream(protocol::ControlMessage message);
  void notePeer(const std::string& instance);
  // Replicas and broker that must be ready before traffic: how many, how many are, who is not.
  struct Readiness {
    int awaited = 0;
    int ready = 0;
    std::vector<std::string> missing;
  };
  Readiness readiness() const;
  void checkAllReady();
  void startTraffic(Clock::time_point at);
  void progress(std::string message);
  void fail(const std::string& error);
  void finishStop();
  void closeEverything();

  // launcher_processes.cpp: children.
  // Carries out the table's operations; the first start that failed, or empty.
  std::string execute(const std::vector<ProcessOp>& ops);
  Child* spawn(ProcessKind kind, int d, int r, std::uint64_t generation, int node);
  void onChildExit(Child& child);
  void signalChild(Child& child, int signal, bool expected);
  Child* childOf(int d, int r, std::uint64_t generation);
  Child* childOf(const std::string& instance);
  const Child* childOf(const std::string& instance) const;
  std::string logTail(const Child& child) const;
  ProcessInfo infoOf(const Child& child) const;

  // launcher_actions.cpp: the timeline and commands.
  void scheduleTimeline(Clock::time_point start);
  void applyFrom(const model::Action& action, const std::string& source,
                 std::function<void(const ActionEvent&)> done);
  void onCommand(const protocol::Command& command, CommandReply reply);
  ActionEvent applyProcessAction(const model::Action& action, const std::string& source);
  ActionEvent pause(const protocol::Fault& fault);
  // With --netns: a node action on the network too (link down or up, routes); an error, or
  // empty.
  std::string applyToNetwork(const model::Action& action);
  void resumeAll();

  EventLoop& loop_;
  LaunchSettings settings_;
  LauncherEvents events_;
  LaunchPhase phase_ = LaunchPhase::Idle;
  LaunchInfo info_;
  RunFiles files_;
  protocol::ClusterPlan plan_;
  ReplicaTable table_;
  bool brokerPlanned_ = false;
  std::unique_ptr<NodeNetwork> network_;  // --netns; made before the hub, removed after
  std::unique_ptr<HubThread> hub_;
  zmq::context_t context_;
  std::unique_ptr<HubClient> client_;
  std::vector<std::unique_ptr<Child>> children_;
  std::map<std::string, PeerSeen> peers_;
  std::vector<EventLoop::TimerId> timers_;  // cancelled when the run stops
  EventLoop::TimerId stopTimer_ = 0;
  std::optional<Clock::time_point> trafficStart_;
  bool loadStarted_ = false;
  int toStart_ = 0;
  int started_ = 0;
  LaunchResult result_;
};

}  // namespace clusterscope::agents::launcher
