#include "hub_stream.h"

#include <QtGlobal>
#include <algorithm>

#include "control_codec.h"

namespace clusterscope::testing {

using protocol::PeerRole;

protocol::Hello agentHello(const std::string& service, int replica, std::int64_t pid,
                           const std::string& language, const std::string& node) {
  protocol::Hello h;
  h.role = PeerRole::Agent;
  h.instance = service + "#" + std::to_string(replica);
  h.service = service;
  h.replica = replica;
  h.language = language;
  h.pid = pid;
  h.node = node;
  h.workers = 4;
  h.endpoints.requests = "tcp://127.0.0.1:" + std::to_string(40000 + replica);
  return h;
}

protocol::Hello loadgenHello(const std::string& entry) {
  protocol::Hello h;
  h.role = PeerRole::Loadgen;
  h.instance = "loadgen";
  h.pid = 900;
  h.calls = {{"", entry, model::CallMode::Sync}};
  return h;
}

protocol::Hello brokerHello() {
  protocol::Hello h;
  h.role = PeerRole::Broker;
  h.instance = "broker";
  h.pid = 901;
  h.endpoints.broker = "tcp://127.0.0.1:39999";
  return h;
}

protocol::ClusterPlan twoServicePlan() {
  protocol::ClusterPlan p;
  p.description.name = "Two services";
  p.description.nominalRateRps = 100;
  p.description.durationS = 60;
  model::ClusterLayout& l = p.layout;
  l.components = {{"frontend", 0, false}, {"backend", 1, false}};
  l.deployments = {{"frontend", {0}, false, "c++", 4, false},
                   {"backend", {1}, false, "c++", 4, false}};
  l.edges = {{0, 1, model::CallMode::Sync, false}};
  l.nodes = {{"node-a", 4, false}, {"node-b", 4, false}};
  l.entryComponent = 0;
  p.replicas = {2, 1};
  return p;
}

void FakeProcess::serve(std::int64_t latencyNs) {
  ++arrivals_;
  ++completed_;
  latency_.record(latencyNs);
}

void FakeProcess::fail(model::FailureCause cause) {
  ++arrivals_;
  ++failed_;
  failedBy_.add(cause);
}

void FakeProcess::call(const std::string& to, std::int64_t latencyNs) {
  auto it = std::find_if(edges_.begin(), edges_.end(), [&](const Edge& e) { return e.to == to; });
  if (it == edges_.end()) it = edges_.insert(edges_.end(), Edge{to, 0, {}});
  ++it->calls;
  it->latency.record(latencyNs);
}

void FakeProcess::setGauges(std::int64_t busy, std::int64_t queued, std::int64_t workers) {
  busy_ = busy;
  queued_ = queued;
  workers_ = workers;
}

void FakeProcess::request(std::int64_t latencyNs) { serve(latencyNs); }

void FakeProcess::requestFailed(model::FailureCause cause) { fail(cause); }

protocol::Report FakeProcess::report(model::ReplicaState state) {
  protocol::Report r;
  r.seq = ++seq_;
  r.timeNs = static_cast<std::int64_t>(seq_) * 100'000'000;
  r.state = state;
  if (hello_.role != PeerRole::Agent && hello_.role != PeerRole::Loadgen) return r;  // heartbeat
  if (hello_.role == PeerRole::Loadgen) {
    protocol::LoadTelemetry& l = r.load.emplace();
    l.sent = arrivals_;
    l.completed = completed_;
    l.failed = failed_;
    l.failedBy = failedBy_;
    l.inFlight = inFlight_;
    l.rateRps = 100;
    l.latency = protocol::SparseHistogram::of(latency_);
    return r;
  }
  protocol::ServiceTelemetry& s = r.service.emplace();
  s.arrivals = arrivals_;
  s.completed = completed_;
  s.failed = failed_;
  s.failedBy = failedBy_;
  s.busy = busy_;
  s.queued = queued_;
  s.workers = workers_;
  s.latency = protocol::SparseHistogram::of(latency_);
  for (const Edge& e : edges_) {
    protocol::EdgeTelemetry& t = s.edges.emplace_back();
    t.to = e.to;
    t.calls = t.completed = e.calls;
    t.latency = protocol::SparseHistogram::of(e.latency);
  }
  return r;
}

void FakeProcess::restart() {
  const protocol::Hello hello = hello_;
  *this = FakeProcess(hello);
  hello_.pid = hello.pid + 1000;
}

HubStream::HubStream(cv::ClusterView& view, std::string hub) : view_(view), hub_(std::move(hub)) {}

void HubStream::send(const protocol::ControlMessage& message) {
  const protocol::Frames frames = protocol::encodeControl(message);
  const auto views = protocol::viewsOf(frames);
  auto decoded = protocol::decodeControl(views);
  if (!decoded.ok())
    qFatal("the test built a message the codec refuses: %s", decoded.error().message.c_str());
  view_.apply(std::move(decoded.value()), now_);
}

void HubStream::welcome() {
  protocol::Welcome w;
  w.hub = hub_;
  send(w);
}

void HubStream::cluster(const protocol::ClusterPlan& plan) {
  send(protocol::Cluster{plan, ++seq_});
}

void HubStream::joined(const protocol::Hello& hello) {
  send(protocol::PeerState{++seq_, hello.instance, protocol::Liveness::Joined, "hello", hello});
}

void HubStream::liveness(const std::string& instance, protocol::Liveness liveness,
                         const std::string& reason) {
  send(protocol::PeerState{++seq_, instance, liveness, reason, std::nullopt});
}

void HubStream::update(const std::string& instance, const protocol::Report& report) {
  send(protocol::Update{++seq_, instance, report});
}

void HubStream::snapshot(const std::vector<protocol::PeerEntry>& peers,
                         const protocol::ClusterPlan* plan, std::size_t perPart) {
  const std::uint64_t at = ++seq_;
  const std::size_t parts = std::max<std::size_t>(1, (peers.size() + perPart - 1) / perPart);
  for (std::size_t p = 0; p < parts; ++p) {
    protocol::Snapshot s;
    s.seq = at;
    s.part = static_cast<std::int64_t>(p + 1);
    s.parts = static_cast<std::int64_t>(parts);
    if (p == 0 && plan != nullptr) s.cluster = *plan;
    const std::size_t end = std::min(peers.size(), (p + 1) * perPart);
    s.peers.assign(peers.begin() + static_cast<std::ptrdiff_t>(p * perPart),
                   peers.begin() + static_cast<std::ptrdiff_t>(end));
    send(s);
  }
}

Monitor::Monitor(const protocol::ClusterPlan* plan, cv::ViewOptions options) : view(options) {
  hub.welcome();
  if (plan != nullptr) hub.cluster(*plan);
}

FakeProcess& Monitor::start(protocol::Hello hello) {
  FakeProcess& p = processes.emplace_back(std::move(hello));
  hub.joined(p.hello());
  hub.update(p);
  return p;
}

}  // namespace clusterscope::testing
