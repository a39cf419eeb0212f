#include "fake_cluster.h"

#include <cmath>
#include <stdexcept>

namespace clusterscope::testing {

namespace {

int require(int index, const std::string& what) {
  if (index < 0) throw std::out_of_range("no such element in the fake cluster: " + what);
  return index;
}

}  // namespace

FakeCluster& FakeCluster::node(const std::string& name, double cores) {
  layout_.nodes.push_back({name, cores, false});
  snapshot_.nodes.push_back({true, cores, 0.0});
  return *this;
}

int FakeCluster::placeReplica(int index) const {
  return layout_.nodes.empty() ? -1 : index % static_cast<int>(layout_.nodes.size());
}

FakeCluster& FakeCluster::service(const std::string& name, int replicas, int workers,
                                  const std::string& language) {
  // A service is a deployment with one component of its own name.
  monolith(name, {name}, replicas, workers);
  layout_.deployments.back().isMonolith = false;
  layout_.deployments.back().language = language;
  layout_.components.back().isModule = false;
  return *this;
}

FakeCluster& FakeCluster::monolith(const std::string& name, const std::vector<std::string>& modules,
                                   int replicas, int workers) {
  const int d = static_cast<int>(layout_.deployments.size());
  model::DeploymentInfo info{name, {}, true, "", workers, false};
  for (const auto& m : modules) {
    info.components.push_back(static_cast<int>(layout_.components.size()));
    layout_.components.push_back({m, d, true});
    snapshot_.components.emplace_back();
  }
  layout_.deployments.push_back(info);
  model::DeploymentView view;
  view.desiredReplicas = replicas;
  for (int r = 0; r < replicas; ++r) {
    view.replicas.push_back({r, model::ReplicaState::Ready, placeReplica(r), 0, 0, 1.0});
  }
  snapshot_.deployments.push_back(view);
  return *this;
}

FakeCluster& FakeCluster::call(const std::string& from, const std::string& to,
                               model::CallMode mode) {
  const int f = require(layout_.componentIndex(from), from);
  const int t = require(layout_.componentIndex(to), to);
  const bool inProcess = layout_.components[f].deployment == layout_.components[t].deployment;
  layout_.edges.push_back({f, t, mode, inProcess});
  model::EdgeView view;
  view.mode = mode;
  snapshot_.edges.push_back(view);
  return *this;
}

FakeCluster& FakeCluster::autoscaled(const std::string& service) {
  const int d = require(layout_.deploymentIndex(service), service);
  layout_.deployments[d].autoscaled = true;
  snapshot_.deployments[d].autoscalerOn = true;
  return *this;
}

FakeCluster& FakeCluster::entry(const std::string& component) {
  layout_.entryComponent = require(layout_.componentIndex(component), component);
  return *this;
}

FakeCluster FakeCluster::shop() {
  FakeCluster c;
  c.node("node-a").node("node-b").node("node-c");
  c.service("web", 2).service("catalog", 2).service("orders", 3).service("payment", 2);
  c.service("notifications", 1, 2, "python");
  c.call("web", "catalog").call("web", "orders").call("orders", "payment");
  c.call("orders", "notifications", model::CallMode::Async);
  c.entry("web");
  c.description_.name = "A small shop";
  c.description_.description = "Five services on three nodes.";
  c.description_.lesson = {{0.0, "A healthy cluster", "Everything is green.", {}},
                           {30.0, "A replica dies", "Watch orders.", {}}};
  c.description_.nominalRateRps = 100.0;
  c.description_.durationS = 120.0;
  c.snapshot_.duration = static_cast<model::ClusterTime>(120e9);
  return c;
}

FakeCluster FakeCluster::monolithShop() {
  FakeCluster c;
  c.node("node-a").node("node-b");
  c.monolith("shop", {"catalog", "orders", "payment"}, 2);
  c.call("catalog", "orders").call("orders", "payment").call("catalog", "payment");
  c.entry("catalog");
  c.description_.name = "The shop as a monolith";
  c.description_.nominalRateRps = 50.0;
  return c;
}

FakeCluster FakeCluster::services(int count) {
  FakeCluster c;
  for (int i = 0; i < count; ++i) c.service("svc-" + std::to_string(i), 2);
  c.description_.name = std::to_string(count) + " services";
  return c;
}

std::shared_ptr<const model::ClusterLayout> FakeCluster::layout() const {
  return std::make_shared<const model::ClusterLayout>(layout_);
}

std::shared_ptr<const model::ClusterDescription> FakeCluster::description() const {
  return std::make_shared<const model::ClusterDescription>(description_);
}

std::shared_ptr<const model::ClusterSnapshot> FakeCluster::snapshot(double timeS) const {
  auto s = std::make_shared<model::ClusterSnapshot>(snapshot_);
  s->time = static_cast<model::ClusterTime>(std::llround(timeS * 1e9));
  return s;
}

model::ChartSample FakeCluster::sample(double t) const {
  model::ChartSample s;
  s.startS = t - 1.0;
  s.endS = t;
  s.requests.throughputRps = static_cast<float>(100.0 + 10.0 * std::sin(t / 30.0));
  s.requests.arrivalRps = s.requests.throughputRps + 1.0F;
  s.requests.p50Ms = static_cast<float>(10.0 + std::fmod(t, 7.0));
  s.requests.p95Ms = static_cast<float>(40.0 + std::fmod(t, 13.0));
  s.requests.p99Ms = static_cast<float>(90.0 + std::fmod(t, 29.0));
  s.requests.failuresByCause[static_cast<int>(model::FailureCause::Timeout)] =
      std::fmod(t, 50.0) < 10.0 ? 4.0F : 0.0F;
  s.components.resize(layout_.components.size());
  for (std::size_t c = 0; c < s.components.size(); ++c) {
    model::ScopeSample& p = s.components[c];
    p.throughputRps = static_cast<float>(50.0 + static_cast<double>(c) + std::sin(t / 10.0));
    p.p50Ms = 2.0F + static_cast<float>(c % 5);
    p.p95Ms = 8.0F + static_cast<float>(c % 7);
    p.p99Ms = 20.0F + static_cast<float>(c % 11);
    p.meanQueue = static_cast<float>(c % 3);
    p.utilization = 0.5F;
    p.readyReplicas = 2.0F;
  }
  s.readyReplicas = 2 * static_cast<int>(layout_.deployments.size());
  s.cores = 4.0;
  s.brokerBacklog = std::fmod(t, 60.0);
  return s;
}

model::ReplicaView& FakeCluster::replica(const std::string& service, int replica) {
  for (auto& r : deploymentView(service).replicas) {
    if (r.index == replica) return r;
  }
  throw std::out_of_range("no such replica in the fake cluster: " + service);
}

model::DeploymentView& FakeCluster::deploymentView(const std::string& service) {
  return snapshot_.deployments[require(layout_.deploymentIndex(service), service)];
}

model::EdgeView& FakeCluster::edgeView(const std::string& from, const std::string& to) {
  const int e = layout_.edgeIndex(require(layout_.componentIndex(from), from),
                                  require(layout_.componentIndex(to), to));
  return snapshot_.edges[require(e, from + " -> " + to)];
}

model::NodeView& FakeCluster::nodeView(const std::string& node) {
  return snapshot_.nodes[require(layout_.nodeIndex(node), node)];
}

}  // namespace clusterscope::testing
