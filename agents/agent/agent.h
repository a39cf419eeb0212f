#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include <zmq.hpp>

#include "agent_config.h"
#include "broker_link.h"
#include "caller.h"
#include "fault_book.h"
#include "hub_client.h"
#include "metrics_endpoint.h"
#include "service.h"
#include "timers.h"

// One agent process: one replica of one service (docs/protocol.md, "What an agent does"). It
// serves requests (Service), makes its calls (calls::Caller for sync, BrokerLink for async),
// consumes its queues at the broker, joins the hub and reports ten times a second
// (HubClient), obeys the commands the protocol gives agents, and serves /metrics.
//
// Lifecycle: start() binds and joins; the agent reports `starting` until the service's
// startup_s has passed, then `ready`. stop() drains (state `draining`: new requests are
// answered no_replica, no more credit at the broker) until it holds nothing or the drain timeout
// passes, then says BYE; finished() is then true and the owner may stop the loop.
//
// Threading: loop-thread only; construct, call and destroy it on the EventLoop's thread.

namespace clusterscope::agents::agent {

struct AgentOptions {
  AgentConfig config;
  int replica = 0;
  std::string instance;  // empty: SERVICE#REPLICA
  std::string node;      // empty: not placed (partitions are ignored)
  HubConnection hub;
  std::string bindHost = "127.0.0.1";  // the request ROUTER and /metrics
  // Announced instead of a wildcard bind address (0.0.0.0, ::); empty: the machine's host name.
  std::string advertiseHost;
  bool metrics = true;
  std::chrono::milliseconds drainTimeout{2000};
  std::chrono::milliseconds helloRetry{1000};
};

class Agent {
 public:
  using Clock = calls::Clock;

  Agent(EventLoop& loop, zmq::context_t& context, AgentOptions options);
  ~Agent();
  Agent(const Agent&) = delete;
  Agent& operator=(const Agent&) = delete;

  // Binds the request ROUTER (and /metrics), then joins the hub. Throws zmq::error_t or
  // std::runtime_error when it cannot bind.
  void start();
  // Drains, then says BYE (see above). Idempotent.
  void stop();
  // BYE sent (or the hub refused this process for good): nothing more to do.
  bool finished() const { return finished_; }
  // 0, or 3 when the hub refused the process (duplicate_instance, bad_version).
  int exitStatus() const { return exitStatus_; }

  const std::string& instance() const { return instance_; }
  const std::string& requestEndpoint() const { return requestEndpoint_; }
  const std::string& metricsUrl() const { return metricsUrl_; }
  model::ReplicaState state() const { return state_; }

 private:
  // agent_commands.cpp
  void onCommand(const protocol::Command& command, CommandReply reply);
  std::string applyAction(const model::Action& action);
  std::string applyFault(const protocol::Fault& fault);
  void resetFaults();
  void pause(std::optional<Clock::time_point> until);
  void endPause();
  bool concerns(const std::string& service, int replica) const;
  // agent_report.cpp
  protocol::Hello hello() const;
  void fillReport(protocol::Report& report);
  void renderMetrics();
  // agent.cpp
  void onRoutes(const protocol::Routes& routes);
  void onError(const protocol::ErrorMessage& error);
  void becomeReady();
  void updateConsuming();
  void checkDrained();
  std::string advertised(const std::string& endpoint) const;

  EventLoop& loop_;
  zmq::context_t& context_;
  AgentOptions options_;
  std::string instance_;
  calls::Timers timers_;
  calls::FaultBook faults_;
  calls::Caller caller_;
  std::unique_ptr<BrokerLink> broker_;
  std::unique_ptr<Service> service_;
  std::unique_ptr<HubClient> hub_;
  MetricsEndpoint metrics_;
  std::string requestEndpoint_;
  std::string metricsUrl_;
  model::ReplicaState state_ = model::ReplicaState::Starting;
  bool started_ = false;
  bool draining_ = false;
  bool finished_ = false;
  int exitStatus_ = 0;
  bool paused_ = false;
  EventLoop::TimerId pauseTimer_ = 0;  // the loop's own: a pause must end while timers freeze
  EventLoop::TimerId metricsTimer_ = 0;
  EventLoop::TimerId drainTimer_ = 0;
  Clock::time_point drainDeadline_;
  Clock::time_point startedAt_;
};

}  // namespace clusterscope::agents::agent
