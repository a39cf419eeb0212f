#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>
#include <zmq.hpp>

#include "call_policy.h"
#include "circuit_breaker.h"
#include "control_messages.h"
#include "edge_stats.h"
#include "fault_book.h"
#include "message_io.h"
#include "random.h"
#include "request_frames.h"
#include "timers.h"

// The caller side of the request plane, for every process that makes sync calls (agents, the
// load generator): it follows ROUTES with one DEALER per callee replica (connected as replicas
// become ready, closed once they are gone and hold no call of ours), chooses replicas with the
// callee's `lb` policy, and runs each call's attempts exactly as docs/protocol.md "What an
// agent does" says: per-attempt timeouts bounded by the request's remaining budget, retries with
// backoff and the `retry` flag (never after a local refusal), the edge's circuit breaker
// (engine::CircuitBreaker, the simulation's own), its bulkhead, the depth limit, edge faults
// and partitions. Every attempt is counted on its edge (EdgeStats) for REPORT and /metrics.
//
// Threading: loop-thread only. A Caller belongs to the EventLoop behind its Timers; every
// method is called there and every Done runs there, never from inside call() itself. Nothing
// blocks: sends use ZMQ_DONTWAIT (a full pipe fails the attempt `queue_full`).

namespace clusterscope::agents::calls {

class Caller {
 public:
  // Called exactly once per call: model::FailureCause::None on success, else the cause of the
  // last attempt. Not called when the Caller is destroyed first.
  using Done = std::function<void(model::FailureCause)>;
  using EdgeId = std::size_t;

  struct Options {
    // The caller's own service: the `from` of edge faults on edges whose key has no `from`.
    // Empty for the load generator (no edge fault names it).
    std::string self;
    // The caller's node; empty: partitions do not apply to its calls.
    std::string node;
    // Seed of the load balancers' draws (`random`, `power_of_two`).
    std::uint64_t seed = 1;
  };

  struct Edge {
    EdgeKey key;
    CallPolicy policy;
    model::CallMode mode = model::CallMode::Sync;  // the owner's to switch; call() ignores it
    EdgeStats stats;
    std::optional<engine::CircuitBreaker> breaker;
  };

  // What the caller dropped or could not do, for /metrics (plane "request").
  struct Stats {
    std::array<std::uint64_t, protocol::kDecodeReasonCount> decodeErrors{};  // by reason
    std::uint64_t tooManyFrames = 0;    // counted under frame_count too
    std::uint64_t unexpected = 0;       // a REQUEST on a caller's socket
    std::uint64_t late = 0;             // an answer to an attempt no longer waited for
    std::uint64_t connectFailures = 0;  // ROUTES endpoints ZeroMQ cannot connect to
    SendCounters sends;                 // REQUEST sends
    std::uint64_t lostToFaults = 0;     // sends dropped by an edge fault or a partition
  };

  // `timers`, `context` and `faults` must outlive the Caller.
  Caller(Timers& timers, zmq::context_t& context, FaultBook& faults, Options options);
  // Closes every socket. Calls in flight are dropped without their Done.
  ~Caller();
  Caller(const Caller&) = delete;
  Caller& operator=(const Caller&) = delete;

  // Edges are declared before calls are made; ids are 0, 1, 2... in the order added.
  EdgeId addEdge(EdgeKey key, CallPolicy policy, model::CallMode mode = model::CallMode::Sync);
  std::size_t edgeCount() const { return edges_.size(); }
  Edge& edge(EdgeId id) { return edges_[id]; }
  const Edge& edge(EdgeId id) const { return edges_[id]; }
  // The breaker as REPORT shows it: `none` without one or while breakers are switched off.
  model::BreakerState breakerState(EdgeId id) const;

  // Replaces what the caller knows of where components can be called. Connects a DEALER to
  // each ready replica of every component an edge calls; closes those no longer listed once no
  // attempt of ours waits on them.
  void setRoutes(const protocol::Routes& routes);
  // Ready replicas of `component` now (0 when ROUTES does not list it).
  std::size_t readyReplicas(const std::string& component) const;

  // One sync call on `edge` for the request described by `context`.
  void call(EdgeId edge, const CallContext& context, Done done);

  Resilience& resilience() { return resilience_; }
  const Resilience& resilience() const { return resilience_; }

  // Stops reading answers (an emulated pause); timers are frozen by the Timers' owner.
  void setPaused(bool paused);

  const Stats& stats() const { return stats_; }
  std::size_t connectionCount() const { return connections_.size(); }
  std::size_t callsInFlight() const { return pending_.size(); }

 private:
  struct Connection;
  struct Run;
  struct Attempt;
  struct Target;

  void start(Run run);
  void failed(Run run, model::FailureCause cause, bool retryable, bool recorded);
  void finish(Run& run, model::FailureCause cause);
  void send(std::uint64_t requestId);
  void settle(Attempt& attempt);
  void onTimeout(std::uint64_t requestId);
  void onReadable(Connection& connection);
  void onAnswer(Connection& connection, const protocol::RequestHeader& header);
  Connection* connect(const std::string& endpoint);
  void closeIdle();

  Timers& timers_;
  zmq::context_t& context_;
  FaultBook& faults_;
  Options options_;
  Resilience resilience_;
  engine::Rng rng_;
  std::vector<Edge> edges_;
  std::unordered_map<std::string, Target> targets_;         // by component called
  std::unordered_map<std::string, std::uint32_t> cursors_;  // by callee deployment
  std::unordered_map<std::string, std::unique_ptr<Connection>> connections_;  // by endpoint
  std::unordered_map<std::uint64_t, Attempt> pending_;                        // by request id
  std::uint64_t nextRequestId_ = 1;
  bool insideCall_ = false;
  bool paused_ = false;
  bool closeScheduled_ = false;
  ReceivedMessage message_;
  Stats stats_;
};

}  // namespace clusterscope::agents::calls
