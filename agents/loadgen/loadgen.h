#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <zmq.hpp>

#include "caller.h"
#include "fault_book.h"
#include "hub_client.h"
#include "load_generator.h"
#include "metrics_endpoint.h"
#include "timers.h"

// The load generator process (docs/protocol.md, "What a load generator does"): it joins the hub
// (role `loadgen`), follows ROUTES, waits for its start condition reporting `starting`, then
// runs the workload (LoadGenerator) reporting `ready` with its `loadgen` section, obeys
// `set_arrival_rate` (and `reset_faults`, which has nothing to clear here), serves /metrics,
// and on stop() finishes its requests in flight before BYE.
//
// Loop-thread only.

namespace clusterscope::agents::loadgen {

// When the workload starts.
enum class StartWhen {
  Ready,  // every planned replica of every service is in ROUTES (and the broker, if needed)
  Entry,  // the entry component has a ready replica in ROUTES
  Now,    // at once
};

struct LoadgenOptions {
  WorkloadConfig workload;
  std::string entry;  // the component requests are sent to
  engine::LbPolicy entryLb = engine::LbPolicy::RoundRobin;
  StartWhen startWhen = StartWhen::Entry;
  // Ready: the services and how many replicas each must have ready.
  std::map<std::string, int> planned;
  bool needsBroker = false;  // Ready: the scenario makes async calls
  // Wall-clock start (Unix epoch ns), overriding startWhen; nothing: by startWhen.
  std::optional<std::int64_t> startAtNs;
  std::string instance = "loadgen";
  HubConnection hub;
  std::string bindHost = "127.0.0.1";  // /metrics
  bool metrics = true;
  bool exitWhenDone = false;  // BYE once the workload has ended and nothing is in flight
  std::chrono::milliseconds drainTimeout{2000};
  std::chrono::milliseconds helloRetry{1000};
};

class Loadgen {
 public:
  using Clock = calls::Clock;

  Loadgen(EventLoop& loop, zmq::context_t& context, LoadgenOptions options);
  ~Loadgen();
  Loadgen(const Loadgen&) = delete;
  Loadgen& operator=(const Loadgen&) = delete;

  // Serves /metrics and joins the hub. Throws std::runtime_error when /metrics cannot bind.
  void start();
  // Sends nothing more, waits for what is in flight (at most the drain timeout), says BYE.
  void stop();
  bool finished() const { return finished_; }
  int exitStatus() const { return exitStatus_; }

  const std::string& metricsUrl() const { return metricsUrl_; }
  const LoadGenerator& generator() const { return *generator_; }
  // One JSON object: the counters, latency mean and percentiles in ms, send lateness.
  std::string summaryJson() const;

 private:
  void onRoutes(const protocol::Routes& routes);
  bool startConditionMet(const protocol::Routes& routes) const;
  void beginWorkload();
  void onCommand(const protocol::Command& command, CommandReply reply);
  void fillReport(protocol::Report& report);
  void renderMetrics();
  void watchForEnd();

  EventLoop& loop_;
  zmq::context_t& context_;
  LoadgenOptions options_;
  calls::Timers timers_;
  calls::FaultBook faults_;
  calls::Caller caller_;
  std::unique_ptr<LoadGenerator> generator_;
  std::unique_ptr<HubClient> hub_;
  MetricsEndpoint metrics_;
  std::string metricsUrl_;
  model::ReplicaState state_ = model::ReplicaState::Starting;
  bool draining_ = false;
  bool finished_ = false;
  int exitStatus_ = 0;
  EventLoop::TimerId startTimer_ = 0;
  EventLoop::TimerId metricsTimer_ = 0;
  EventLoop::TimerId endTimer_ = 0;
  Clock::time_point drainDeadline_;
};

}  // namespace clusterscope::agents::loadgen
