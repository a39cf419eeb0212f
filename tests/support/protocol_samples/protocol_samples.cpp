#include "protocol_samples.h"

namespace clusterscope::testing {

using namespace agents::protocol;
using model::ActionKind;
using model::CallMode;
using model::FailureCause;

namespace {

SparseHistogram histogram(std::initializer_list<std::int64_t> valuesNs) {
  engine::LatencyHistogram h;
  for (std::int64_t v : valuesNs) h.record(v);
  return SparseHistogram::of(h);
}

model::FailureCounts causes(std::uint64_t timeouts, std::uint64_t queueFull) {
  model::FailureCounts c;
  c.add(FailureCause::Timeout, timeouts);
  c.add(FailureCause::QueueFull, queueFull);
  return c;
}

Fault latencyOnEdge() {
  Fault f;
  f.kind = FaultKind::Latency;
  f.from = "api";
  f.to = "orders";
  f.latencyMs = 50;
  f.jitterMs = 12.5;
  f.durationS = 30;
  return f;
}

Fault failFirstOnReplica() {
  Fault f;
  f.kind = FaultKind::FailFirst;
  f.service = "orders";
  f.replica = 1;
  f.count = 10;
  return f;
}

}  // namespace

Hello sampleAgentHello() {
  Hello h;
  h.minor = 3;
  h.capabilities = {"journal", "x.future-thing"};
  h.role = PeerRole::Agent;
  h.instance = "orders#1";
  h.service = "orders";
  h.replica = 1;
  h.modules = {};
  h.language = "c++";
  h.pid = 4242;
  h.node = "node-a";
  h.workers = 4;
  h.queueCapacity = 200;
  h.calls = {{"", "billing", CallMode::Async}, {"", "stock", CallMode::Sync}};
  h.endpoints = {"tcp://127.0.0.1:40001", "", "http://127.0.0.1:9101/metrics"};
  return h;
}

Report sampleServiceReport() {
  Report r;
  r.seq = 17;
  r.timeNs = 123'456'789'012;
  r.state = model::ReplicaState::Ready;
  ServiceTelemetry& s = r.service.emplace();
  s.arrivals = 1000;
  s.completed = 950;
  s.failed = 30;
  s.failedBy = causes(20, 10);
  s.queued = 5;
  s.busy = 4;
  s.workers = 4;
  s.inFlight = 20;
  s.slowFactor = 2.5;
  s.errorRate = 0.1;
  s.faults = {{latencyOnEdge(), 12.5}, {failFirstOnReplica(), 0}};
  EdgeTelemetry e;
  e.to = "stock";
  e.mode = CallMode::Sync;
  e.calls = 700;
  e.completed = 690;
  e.failed = 8;
  e.failedBy = causes(8, 0);
  e.inFlight = 2;
  e.breaker = model::BreakerState::HalfOpen;
  e.latency = histogram({900'000, 1'200'000, 35'000'000});
  s.edges = {e};
  e.from = "cart";
  e.to = "billing";
  e.mode = CallMode::Async;
  e.latency.reset();
  e.breaker = model::BreakerState::None;
  s.edges.push_back(e);
  s.latency = histogram({50, 127, 128, 5'000, 2'000'000, 2'000'001, 7'000'000'000});
  return r;
}

Report sampleBrokerReport() {
  Report r;
  r.seq = 3;
  r.timeNs = 99;
  r.state = model::ReplicaState::Starting;
  BrokerTelemetry& b = r.broker.emplace();
  b.up = false;
  b.queues = {{"billing", 12, 3, 850.5, 2, 400, 380, 5, 377, 9},
              {"audit", 0, 0, 0, 0, 0, 0, 0, 0, 0}};
  return r;
}

Report sampleLoadReport() {
  Report r;
  r.seq = 1;
  r.timeNs = 5;
  r.state = model::ReplicaState::Draining;
  LoadTelemetry& l = r.load.emplace();
  l.sent = 5000;
  l.completed = 4900;
  l.failed = 40;
  l.failedBy = causes(40, 0);
  l.inFlight = 60;
  l.rateRps = 150;
  l.users = 0;
  l.latency = histogram({3'000'000, 4'000'000, 90'000'000});
  return r;
}

ClusterPlan samplePlan() {
  ClusterPlan p;
  p.description.name = "Sync chain — é";
  p.description.description = "Two lines\nof text";
  p.description.lesson = {{0, "A healthy cluster", "Look at p95.", {}}, {30, "Kill one", "", {}}};
  p.description.nominalRateRps = 150;
  p.description.durationS = 120;
  model::ClusterLayout& l = p.layout;
  l.components = {{"api", 0, false}, {"orders", 1, false}, {"cart", 2, true}, {"pay", 2, true}};
  l.deployments = {{"api", {0}, false, "", 8, false},
                   {"orders", {1}, false, "python", 4, true},
                   {"shop", {2, 3}, true, "", 2, false}};
  l.edges = {
      {0, 1, CallMode::Sync, false}, {1, 2, CallMode::Async, false}, {2, 3, CallMode::Sync, true}};
  l.nodes = {{"node-a", 8, false}, {"node-b", 4.5, false}};
  l.entryComponent = 0;
  p.replicas = {2, 3, 1};
  p.scenario = "{\n  \"format\": 1,\n  \"name\": \"Sync chain — é\"\n}";
  return p;
}

std::vector<ControlMessage> sampleControlMessages() {
  std::vector<ControlMessage> out;
  out.push_back(sampleAgentHello());
  out.push_back(Welcome{1, {"telemetry_pub"}, "hub-7f3a", 100, 500, 1000});
  out.push_back(ErrorMessage{"unknown_peer", "send HELLO first"});
  out.push_back(Bye{"shutting down"});
  out.push_back(sampleServiceReport());
  out.push_back(Cluster{samplePlan(), 0});
  out.push_back(Subscribe{});
  out.push_back(Subscribe{500});
  Snapshot snapshot;
  snapshot.seq = 77;
  snapshot.cluster = samplePlan();
  snapshot.peers = {
      {sampleAgentHello(), Liveness::Suspect, "silent for 0.6 s", sampleServiceReport()}};
  out.push_back(snapshot);
  out.push_back(Update{78, "orders#1", sampleServiceReport()});
  out.push_back(PeerState{79, "orders#1", Liveness::Joined, "hello", sampleAgentHello()});
  model::Action kill;
  kill.kind = ActionKind::KillReplica;
  kill.service = "orders";
  kill.replica = 1;
  out.push_back(Command{5, "launcher", kill});
  out.push_back(CommandResult{5, false, "no replica 1 of \"orders\""});
  Routes routes;
  routes.version = 4;
  routes.broker = "tcp://127.0.0.1:40100";
  routes.services = {{"orders",
                      {},
                      {{"orders#0", 0, "node-a", "tcp://127.0.0.1:40001"},
                       {"orders#1", 1, "", "tcp://127.0.0.1:40002"}}},
                     {"shop", {"cart", "pay"}, {}}};
  out.push_back(routes);
  // Other roles, reports and command kinds.
  Hello broker;
  broker.role = PeerRole::Broker;
  broker.instance = "broker";
  broker.endpoints.broker = "tcp://127.0.0.1:40100";
  out.push_back(broker);
  Hello monitor;
  monitor.role = PeerRole::Monitor;
  monitor.instance = "monitor@host:1234";
  out.push_back(monitor);
  out.push_back(sampleBrokerReport());
  out.push_back(sampleLoadReport());
  Report heartbeat;
  heartbeat.seq = 9;
  out.push_back(heartbeat);
  out.push_back(Command{6, "", latencyOnEdge()});
  out.push_back(Command{7, "orders#1", failFirstOnReplica()});
  out.push_back(Command{8, "", ResetFaults{}});
  model::Action mode;
  mode.kind = ActionKind::SetCallMode;
  mode.from = "orders";
  mode.to = "billing";
  mode.mode = CallMode::Async;
  out.push_back(Command{9, "", mode});
  out.push_back(CommandResult{9, true, ""});
  out.push_back(PeerState{80, "orders#0", Liveness::Down, "silent for 1.0 s", std::nullopt});
  // A launcher's notice that a child exited.
  out.push_back(
      PeerState{0, "orders#1", Liveness::Down, "process exited (signal 9)", std::nullopt, 4242});
  return out;
}

std::vector<Frames> sampleRequestFrames() {
  RequestHeader request;
  request.flags = kRequestFlagRetry;
  request.depth = 2;
  request.requestId = 0x0102030405060708ull;
  request.originNs = 1'700'000'000'123'456'789;
  request.timeoutNs = 500'000'000;
  request.target = "cart";
  RequestHeader plain;
  plain.requestId = 1;
  return {encodeRequest(request, "payload bytes \x01\x02"), encodeRequest(plain),
          encodeRequest(answerTo(request, 1'500'000), std::string(100, 'x')),
          encodeRequest(answerTo(request, 20, FailureCause::QueueFull))};
}

std::vector<Frames> sampleBrokerFrames() {
  const auto header = [](BrokerType type) {
    BrokerHeader h;
    h.type = type;
    return h;
  };
  BrokerHeader publish = header(BrokerType::Publish);
  publish.id = 42;
  publish.originNs = 1'700'000'000'000'000'000;
  BrokerHeader ack = header(BrokerType::PublishAck);
  ack.id = 42;
  ack.status = PublishStatus::Full;
  BrokerHeader ready = header(BrokerType::ConsumerReady);
  ready.credit = 4;
  BrokerHeader deliver = header(BrokerType::Deliver);
  deliver.id = 9001;
  deliver.messageId = 42;
  deliver.attempt = 2;
  deliver.originNs = 1'700'000'000'000'000'000;
  BrokerHeader done = header(BrokerType::Ack);
  done.id = 9001;
  done.credit = 1;
  BrokerHeader nack = header(BrokerType::Nack);
  nack.id = 9001;
  nack.flags = kNackFlagRequeue;
  return {encodeBroker(publish, "billing", "order 17"),
          encodeBroker(ack, "billing"),
          encodeBroker(ready, "billing"),
          encodeBroker(deliver, "billing", "order 17"),
          encodeBroker(done, "billing"),
          encodeBroker(nack, "billing"),
          encodeBroker(header(BrokerType::Heartbeat), ""),
          encodeBroker(header(BrokerType::Reset), "")};
}

TelemetrySample sampleTelemetry() {
  return {telemetryTopic("orders#1"),
          {{"arrival_rps", 150.5}, {"busy", 3}, {"p95_ms", 12.25}},
          1'700'000'000.25};
}

}  // namespace clusterscope::testing
