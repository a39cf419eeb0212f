// What the agent says about itself: its HELLO, its REPORT every interval and its /metrics page.

#include <unistd.h>

#include <algorithm>
#include <map>

#include "agent.h"
#include "prometheus_text.h"
#include "wire_names.h"

namespace clusterscope::agents::agent {

namespace {

using model::FailureCause;

// The decode reasons of one plane, and the plane's other refusals, as /metrics samples.
void addDrops(PrometheusText& page, const Labels& base, const char* plane,
              const std::array<std::uint64_t, protocol::kDecodeReasonCount>& reasons,
              std::initializer_list<std::pair<const char*, std::uint64_t>> others) {
  auto add = [&](const char* reason, std::uint64_t n) {
    Labels l = base;
    l.emplace_back("plane", plane);
    l.emplace_back("reason", reason);
    page.counter("clusterscope_dropped_messages_total",
                 "Incoming messages refused (by the decoders, or with no business there)",
                 static_cast<double>(n), l);
  };
  for (int r = 0; r < protocol::kDecodeReasonCount; ++r) {
    add(protocol::decodeReasonName(static_cast<protocol::DecodeReason>(r)), reasons[r]);
  }
  for (const auto& [reason, n] : others) add(reason, n);
}

}  // namespace

protocol::Hello Agent::hello() const {
  const AgentConfig& config = options_.config;
  protocol::Hello h;
  h.role = protocol::PeerRole::Agent;
  h.instance = instance_;
  h.service = config.service;
  h.replica = options_.replica;
  if (config.monolith) {
    for (const ComponentConfig& c : config.components) h.modules.push_back(c.name);
  }
  h.language = config.language;
  h.pid = ::getpid();
  h.node = options_.node;
  h.workers = config.workers;
  if (config.queueCapacity) h.queueCapacity = *config.queueCapacity;
  for (std::size_t e = 0; e < caller_.edgeCount() && h.calls.size() < protocol::kMaxCalls; ++e) {
    const calls::Caller::Edge& edge = caller_.edge(e);
    h.calls.push_back({edge.key.from, edge.key.to, edge.mode});
  }
  h.endpoints.requests = requestEndpoint_;
  h.endpoints.metrics = metricsUrl_;
  return h;
}

void Agent::fillReport(protocol::Report& report) {
  report.state = state_;
  const Service::Counters& c = service_->counters();
  const Service::Knobs& knobs = service_->knobs();
  protocol::ServiceTelemetry s;
  s.arrivals = c.arrivals;
  s.completed = c.completed;
  s.failed = c.failures.total();
  s.failedBy = c.failures;
  s.queued = service_->queued();
  s.busy = service_->busy();
  s.workers = service_->workers();
  s.inFlight = s.queued + s.busy;
  s.slowFactor = knobs.slowFactor;
  s.errorRate = *std::max_element(knobs.errorRates.begin(), knobs.errorRates.end());
  s.faults = faults_.inForce(Clock::now());
  if (s.faults.size() > protocol::kMaxFaults) s.faults.resize(protocol::kMaxFaults);
  for (std::size_t e = 0; e < caller_.edgeCount() && s.edges.size() < protocol::kMaxCalls; ++e) {
    const calls::Caller::Edge& edge = caller_.edge(e);
    protocol::EdgeTelemetry t = edge.stats.telemetry();
    t.from = edge.key.from;
    t.to = edge.key.to;
    t.mode = edge.mode;
    t.breaker = caller_.breakerState(e);
    s.edges.push_back(std::move(t));
  }
  s.latency = protocol::SparseHistogram::of(c.latency);
  report.service = std::move(s);
}

void Agent::renderMetrics() {
  const AgentConfig& config = options_.config;
  const Service::Counters& c = service_->counters();
  const Service::Knobs& knobs = service_->knobs();
  const Labels base = {{"service", config.service}, {"replica", std::to_string(options_.replica)}};
  auto with = [&](std::initializer_list<std::pair<std::string, std::string>> more) {
    Labels l = base;
    l.insert(l.end(), more.begin(), more.end());
    return l;
  };
  PrometheusText page;
  page.counter("clusterscope_requests_received_total", "Requests received (arrivals)",
               static_cast<double>(c.arrivals), base);
  page.counter("clusterscope_requests_completed_total", "Requests answered with a REPLY",
               static_cast<double>(c.completed), base);
  for (int i = 0; i < model::kFailureCauseCount; ++i) {
    const auto cause = static_cast<FailureCause>(i);
    page.counter("clusterscope_requests_failed_total",
                 "Requests answered with an ERROR, or whose answer was dropped (cause none)",
                 static_cast<double>(c.failures[cause]),
                 with({{"cause", model::failureCauseName(cause)}}));
  }
  page.histogram("clusterscope_request_duration_seconds", "Receipt to reply of completed requests",
                 latencyBuckets(c.latency), base);
  page.gauge("clusterscope_queued_requests", "Requests waiting for a worker", service_->queued(),
             base);
  page.gauge("clusterscope_busy_workers", "Workers holding a request", service_->busy(), base);
  page.gauge("clusterscope_workers", "Workers of the pool", service_->workers(), base);
  page.gauge("clusterscope_slow_factor", "Service-time factor in force", knobs.slowFactor, base);
  page.gauge("clusterscope_error_rate", "Largest injected error rate in force",
             *std::max_element(knobs.errorRates.begin(), knobs.errorRates.end()), base);
  // One series per edge; two calls of one component to the same callee add up.
  struct Sum {
    model::CallMode mode = model::CallMode::Sync;
    std::uint64_t calls = 0;
    model::FailureCounts failures;
    engine::LatencyHistogram latency;
  };
  std::map<std::pair<std::string, std::string>, Sum> edges;
  for (std::size_t e = 0; e < caller_.edgeCount(); ++e) {
    const calls::Caller::Edge& edge = caller_.edge(e);
    Sum& sum = edges[{edge.key.from.empty() ? config.service : edge.key.from, edge.key.to}];
    sum.mode = edge.mode;
    sum.calls += edge.stats.calls;
    sum.failures.merge(edge.stats.failures);
    sum.latency.merge(edge.stats.latency);
  }
  for (const auto& [key, sum] : edges) {
    const char* mode = model::callModeName(sum.mode);
    page.counter("clusterscope_calls_total", "Call attempts made on each edge (async: publishes)",
                 static_cast<double>(sum.calls),
                 with({{"from", key.first}, {"to", key.second}, {"mode", mode}}));
    for (int i = 0; i < model::kFailureCauseCount; ++i) {
      const auto cause = static_cast<FailureCause>(i);
      if (cause == FailureCause::None) continue;
      page.counter("clusterscope_calls_failed_total", "Call attempts that failed, by cause",
                   static_cast<double>(sum.failures[cause]),
                   with({{"from", key.first},
                         {"to", key.second},
                         {"mode", mode},
                         {"cause", model::failureCauseName(cause)}}));
    }
    page.histogram("clusterscope_call_duration_seconds", "Call latency of completed calls",
                   latencyBuckets(sum.latency), with({{"from", key.first}, {"to", key.second}}));
  }
  const calls::Caller::Stats& calls = caller_.stats();
  std::array<std::uint64_t, protocol::kDecodeReasonCount> request = c.decodeErrors;
  for (int r = 0; r < protocol::kDecodeReasonCount; ++r) request[r] += calls.decodeErrors[r];
  addDrops(page, base, "request", request,
           {{"unexpected", c.unexpected + calls.unexpected}, {"late", calls.late}});
  const BrokerLink::Stats& broker = broker_->stats();
  addDrops(page, base, "async", broker.decodeErrors,
           {{"unexpected", broker.unexpected}, {"late", broker.lateAcks}});
  const HubClient::Stats& hub = hub_ ? hub_->stats() : HubClient::Stats{};
  addDrops(page, base, "control", hub.decodeErrors, {});
  metrics_.publish(page.text());
}

}  // namespace clusterscope::agents::agent
