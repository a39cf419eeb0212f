#include "loadgen.h"

#include <unistd.h>

#include <cstdio>

#include "prometheus_text.h"

namespace clusterscope::agents::loadgen {

namespace {

using namespace std::chrono_literals;
using model::FailureCause;

calls::Caller::Options callerOptions(const LoadgenOptions& o) {
  calls::Caller::Options c;
  c.seed = o.workload.seed;
  return c;  // no service of its own, no node: clients are outside the cluster's partitions
}

calls::CallPolicy entryPolicy(const LoadgenOptions& o) {
  calls::CallPolicy p;
  p.lb = o.entryLb;
  p.retries = 0;  // a client does not retry; its timeout is the request's budget
  return p;
}

double ms(std::int64_t ns) { return static_cast<double>(ns) / 1e6; }

}  // namespace

Loadgen::Loadgen(EventLoop& loop, zmq::context_t& context, LoadgenOptions options)
    : loop_(loop),
      context_(context),
      options_(std::move(options)),
      timers_(loop),
      caller_(timers_, context, faults_, callerOptions(options_)) {
  const auto edge = caller_.addEdge({"", options_.entry}, entryPolicy(options_));
  generator_ = std::make_unique<LoadGenerator>(timers_, caller_, edge, options_.workload);
}

Loadgen::~Loadgen() {
  loop_.cancel(startTimer_);
  loop_.cancel(metricsTimer_);
  loop_.cancel(endTimer_);
}

void Loadgen::start() {
  if (options_.metrics) {
    std::string error;
    metricsUrl_ = metrics_.start(options_.bindHost, &error);
    if (metricsUrl_.empty()) throw std::runtime_error("cannot serve /metrics: " + error);
    renderMetrics();
    metricsTimer_ = loop_.every(1s, [this] { renderMetrics(); });
  }
  protocol::Hello hello;
  hello.role = protocol::PeerRole::Loadgen;
  hello.instance = options_.instance;
  hello.language = "c++";
  hello.pid = ::getpid();
  hello.endpoints.metrics = metricsUrl_;
  HubClient::Callbacks c;
  c.fillReport = [this](protocol::Report& r) { fillReport(r); };
  c.onRoutes = [this](const protocol::Routes& r) { onRoutes(r); };
  c.onCommand = [this](const protocol::Command& cmd, CommandReply reply) {
    onCommand(cmd, std::move(reply));
  };
  c.onError = [this](const protocol::ErrorMessage& e) {
    if (e.code == "duplicate_instance" || e.code == "bad_version") {
      exitStatus_ = 3;
      finished_ = true;
    }
  };
  HubClient::Options o{options_.hub, std::move(hello), false, options_.helloRetry};
  hub_ = std::make_unique<HubClient>(loop_, context_, std::move(o), std::move(c));
  hub_->start();
  if (options_.startAtNs) {
    const auto wallNow = std::chrono::system_clock::now().time_since_epoch();
    const auto delay = std::chrono::nanoseconds(*options_.startAtNs) - wallNow;
    startTimer_ = loop_.after(std::max<Clock::duration>(delay, 0ns), [this] {
      startTimer_ = 0;
      beginWorkload();
    });
  } else if (options_.startWhen == StartWhen::Now) {
    beginWorkload();
  }
}

bool Loadgen::startConditionMet(const protocol::Routes& routes) const {
  if (options_.startWhen == StartWhen::Entry) return caller_.readyReplicas(options_.entry) > 0;
  if (options_.startWhen != StartWhen::Ready) return false;
  if (options_.needsBroker && routes.broker.empty()) return false;
  for (const auto& [service, replicas] : options_.planned) {
    std::size_t ready = 0;
    for (const protocol::ServiceRoutes& s : routes.services) {
      if (s.service == service) ready = s.replicas.size();
    }
    if (ready < static_cast<std::size_t>(replicas)) return false;
  }
  return true;
}

void Loadgen::onRoutes(const protocol::Routes& routes) {
  caller_.setRoutes(routes);
  if (!generator_->started() && !options_.startAtNs && !draining_ && startConditionMet(routes)) {
    beginWorkload();
  }
}

void Loadgen::beginWorkload() {
  if (generator_->started() || draining_) return;
  generator_->start();
  state_ = model::ReplicaState::Ready;
  if (hub_) hub_->reportNow();
  if (options_.exitWhenDone) watchForEnd();
}

void Loadgen::watchForEnd() {
  endTimer_ = loop_.after(50ms, [this] {
    endTimer_ = 0;
    if (generator_->done()) {
      stop();
    } else {
      watchForEnd();
    }
  });
}

void Loadgen::stop() {
  if (!draining_) {
    draining_ = true;
    generator_->stop();
    state_ = model::ReplicaState::Draining;
    if (hub_) hub_->reportNow();
    drainDeadline_ = Clock::now() + options_.drainTimeout;
    loop_.cancel(startTimer_);
    loop_.cancel(endTimer_);
  }
  if (generator_->counters().inFlight == 0 || Clock::now() >= drainDeadline_) {
    renderMetrics();
    if (hub_) hub_->stop("stopping");
    finished_ = true;
    return;
  }
  endTimer_ = loop_.after(10ms, [this] {
    endTimer_ = 0;
    stop();
  });
}

void Loadgen::onCommand(const protocol::Command& command, CommandReply reply) {
  if (!command.target.empty() && command.target != options_.instance) {
    return reply(false, "this is " + options_.instance + ", not " + command.target);
  }
  if (std::holds_alternative<protocol::ResetFaults>(command.what)) return reply(true);
  const auto* action = std::get_if<model::Action>(&command.what);
  if (!action || action->kind != model::ActionKind::SetArrivalRate) {
    return reply(false, "unsupported");
  }
  if (!generator_->setRate(action->rate)) {
    return reply(false, "a closed workload has no arrival rate (its users set the pace)");
  }
  reply(true);
}

void Loadgen::fillReport(protocol::Report& report) {
  report.state = state_;
  const LoadGenerator::Counters& c = generator_->counters();
  protocol::LoadTelemetry t;
  t.sent = c.sent;
  t.completed = c.completed;
  t.failed = c.failures.total();
  t.failedBy = c.failures;
  t.inFlight = c.inFlight;
  t.rateRps = generator_->rate();
  t.users = generator_->users();
  t.latency = protocol::SparseHistogram::of(c.latency);
  report.load = std::move(t);
}

void Loadgen::renderMetrics() {
  if (!options_.metrics) return;
  const LoadGenerator::Counters& c = generator_->counters();
  PrometheusText page;
  page.counter("clusterscope_loadgen_sent_total", "Requests sent", static_cast<double>(c.sent));
  page.counter("clusterscope_loadgen_completed_total", "Requests answered with a REPLY",
               static_cast<double>(c.completed));
  for (int i = 1; i < model::kFailureCauseCount; ++i) {
    const auto cause = static_cast<FailureCause>(i);
    page.counter("clusterscope_loadgen_failed_total",
                 "Requests failed (the client's own timeout included), by cause",
                 static_cast<double>(c.failures[cause]),
                 {{"cause", model::failureCauseName(cause)}});
  }
  page.histogram("clusterscope_loadgen_latency_seconds",
                 "End to end latency of completed requests, from the intended send time",
                 latencyBuckets(c.latency));
  page.gauge("clusterscope_loadgen_target_rate_rps", "The open workload's target rate now",
             generator_->rate());
  page.gauge("clusterscope_loadgen_users", "The closed workload's users", generator_->users());
  const calls::Caller::Stats& s = caller_.stats();
  for (int r = 0; r < protocol::kDecodeReasonCount; ++r) {
    page.counter("clusterscope_dropped_messages_total",
                 "Incoming messages refused (by the decoders, or with no business there)",
                 static_cast<double>(s.decodeErrors[r]),
                 {{"plane", "request"},
                  {"reason", protocol::decodeReasonName(static_cast<protocol::DecodeReason>(r))}});
  }
  page.counter("clusterscope_dropped_messages_total",
               "Incoming messages refused (by the decoders, or with no business there)",
               static_cast<double>(s.unexpected), {{"plane", "request"}, {"reason", "unexpected"}});
  page.counter("clusterscope_dropped_messages_total",
               "Incoming messages refused (by the decoders, or with no business there)",
               static_cast<double>(s.late), {{"plane", "request"}, {"reason", "late"}});
  metrics_.publish(page.text());
}

std::string Loadgen::summaryJson() const {
  const LoadGenerator::Counters& c = generator_->counters();
  const engine::LatencyHistogram& h = c.latency;
  std::string causes;
  for (int i = 0; i < model::kFailureCauseCount; ++i) {
    const auto cause = static_cast<FailureCause>(i);
    if (c.failures[cause] == 0) continue;
    causes += (causes.empty() ? "\"" : ", \"") + std::string(model::failureCauseName(cause)) +
              "\": " + std::to_string(c.failures[cause]);
  }
  const EventLoop::Lateness& late = generator_->sendLateness();
  char text[1024];
  std::snprintf(text, sizeof text,
                "{\"sent\": %llu, \"completed\": %llu, \"failed\": %llu, \"failed_by_cause\": "
                "{%s}, \"latency_ms\": {\"mean\": %.4f, \"p50\": %.4f, \"p95\": %.4f, \"p99\": "
                "%.4f, \"max\": %.4f}, \"send_lateness_ms\": {\"mean\": %.4f, \"max\": %.4f}}",
                static_cast<unsigned long long>(c.sent),
                static_cast<unsigned long long>(c.completed),
                static_cast<unsigned long long>(c.failures.total()), causes.c_str(),
                h.meanNs() / 1e6, ms(h.percentileNs(50)), ms(h.percentileNs(95)),
                ms(h.percentileNs(99)), ms(h.maxNs()), late.meanNs / 1e6, ms(late.maxNs));
  return text;
}

}  // namespace clusterscope::agents::loadgen
