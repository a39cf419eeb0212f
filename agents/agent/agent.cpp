#include "agent.h"

#include <unistd.h>

#include "socket_setup.h"

namespace clusterscope::agents::agent {

namespace {

using namespace std::chrono_literals;

calls::Caller::Options callerOptions(const AgentOptions& o) {
  calls::Caller::Options c;
  c.self = o.config.service;
  c.node = o.node;
  c.seed = o.config.seed + (static_cast<std::uint64_t>(o.replica) << 32);
  return c;
}

std::vector<std::string> queuesOf(const AgentConfig& config) {
  std::vector<std::string> queues;
  for (const ComponentConfig& c : config.components) queues.push_back(c.name);
  return queues;
}

bool wildcard(const std::string& host) { return host == "0.0.0.0" || host == "::" || host == "*"; }

std::string hostName() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "localhost";
  return name;
}

}  // namespace

Agent::Agent(EventLoop& loop, zmq::context_t& context, AgentOptions options)
    : loop_(loop),
      context_(context),
      options_(std::move(options)),
      instance_(options_.instance.empty()
                    ? options_.config.service + "#" + std::to_string(options_.replica)
                    : options_.instance),
      timers_(loop),
      caller_(timers_, context, faults_, callerOptions(options_)) {
  const AgentConfig& config = options_.config;
  std::vector<std::vector<calls::Caller::EdgeId>> callEdges;
  for (const ComponentConfig& c : config.components) {
    auto& ids = callEdges.emplace_back();
    for (const engine::CallSpec& call : c.calls) {
      calls::EdgeKey key{config.monolith ? c.name : std::string(), call.to};
      ids.push_back(caller_.addEdge(std::move(key),
                                    calls::CallPolicy::of(call, config.lbOf(call.to)), call.mode));
    }
  }
  BrokerLink::Callbacks callbacks;
  callbacks.freeWorkers = [this] { return service_->freeWorkers(); };
  callbacks.deliver = [this](const BrokerLink::Delivery& d) {
    const int component = options_.config.componentIndex(d.queue);
    service_->deliver(component, d.originNs, [this, d](bool ok) { broker_->finished(d, ok); });
  };
  broker_ =
      std::make_unique<BrokerLink>(timers_, context, faults_, config.service, queuesOf(config),
                                   config.seed ^ (0x5bd1e995ull + options_.replica), callbacks);
  service_ = std::make_unique<Service>(timers_, context, options_.config, options_.replica, caller_,
                                       *broker_, faults_, std::move(callEdges));
  service_->onWorkerFreed([this] { broker_->topUpCredit(); });
}

Agent::~Agent() {
  loop_.cancel(pauseTimer_);
  loop_.cancel(metricsTimer_);
  loop_.cancel(drainTimer_);
}

std::string Agent::advertised(const std::string& endpoint) const {
  if (!wildcard(options_.bindHost)) return endpoint;
  // tcp://0.0.0.0:PORT or http://0.0.0.0:PORT/metrics: nobody can dial that host.
  const std::string host = options_.advertiseHost.empty() ? hostName() : options_.advertiseHost;
  const auto scheme = endpoint.find("://");
  if (scheme == std::string::npos) return endpoint;
  const auto start = scheme + 3;
  const auto colon = endpoint.rfind(':');
  if (colon == std::string::npos || colon < start) return endpoint;
  return endpoint.substr(0, start) + host + endpoint.substr(colon);
}

void Agent::start() {
  if (started_) return;
  started_ = true;
  startedAt_ = Clock::now();
  requestEndpoint_ = advertised(service_->bind(options_.bindHost));
  if (options_.metrics) {
    std::string error;
    const std::string url = metrics_.start(options_.bindHost, &error);
    if (url.empty()) throw std::runtime_error("cannot serve /metrics: " + error);
    metricsUrl_ = advertised(url);
    renderMetrics();
    // The loop's own timer, not a freezable one: /metrics stays current through a pause.
    metricsTimer_ = loop_.every(1s, [this] { renderMetrics(); });
  }
  HubClient::Callbacks c;
  c.fillReport = [this](protocol::Report& r) { fillReport(r); };
  c.onRoutes = [this](const protocol::Routes& r) { onRoutes(r); };
  c.onCommand = [this](const protocol::Command& cmd, CommandReply reply) {
    onCommand(cmd, std::move(reply));
  };
  c.onError = [this](const protocol::ErrorMessage& e) { onError(e); };
  HubClient::Options o{options_.hub, hello(), false, options_.helloRetry};
  hub_ = std::make_unique<HubClient>(loop_, context_, std::move(o), std::move(c));
  hub_->start();
  if (options_.config.startupS <= 0) {
    becomeReady();
  } else {
    timers_.after(std::chrono::nanoseconds(engine::durationSeconds(options_.config.startupS)),
                  [this] { becomeReady(); });
  }
}

void Agent::becomeReady() {
  if (draining_) return;
  state_ = model::ReplicaState::Ready;
  updateConsuming();
  hub_->reportNow();  // into ROUTES as soon as the hub hears it
}

void Agent::updateConsuming() {
  broker_->setConsuming(state_ == model::ReplicaState::Ready && !draining_);
}

void Agent::onRoutes(const protocol::Routes& routes) {
  caller_.setRoutes(routes);
  broker_->setEndpoint(routes.broker);
}

void Agent::onError(const protocol::ErrorMessage& error) {
  // The hub will not take this process: leave (docs/protocol.md, "Joining").
  if (error.code == "duplicate_instance" || error.code == "bad_version") {
    exitStatus_ = 3;
    finished_ = true;
  }
}

void Agent::stop() {
  if (!started_ || draining_) return;
  draining_ = true;
  endPause();
  state_ = model::ReplicaState::Draining;
  service_->knobs().draining = true;
  updateConsuming();
  hub_->reportNow();
  drainDeadline_ = Clock::now() + options_.drainTimeout;
  checkDrained();
}

void Agent::checkDrained() {
  if (service_->idle() || Clock::now() >= drainDeadline_) {
    hub_->stop("stopping");
    finished_ = true;
    return;
  }
  drainTimer_ = loop_.after(10ms, [this] {
    drainTimer_ = 0;
    checkDrained();
  });
}

}  // namespace clusterscope::agents::agent
