#pragma once

#include <memory>
#include <string>
#include <vector>

#include "chart_sample.h"
#include "cluster_description.h"
#include "cluster_layout.h"
#include "cluster_snapshot.h"

// Small clusters built by hand for the view tests: a layout, a snapshot that matches it (every
// replica ready, placed round robin over the nodes) and a description. Tests change the
// snapshot's fields to show a state (a replica down, an edge async) and publish it through a
// FakeClusterBackend. No engine: what a view shows is exactly what the test says.

namespace clusterscope::testing {

class FakeCluster {
 public:
  FakeCluster& node(const std::string& name, double cores = 8);
  // A service: one component, one deployment.
  FakeCluster& service(const std::string& name, int replicas, int workers = 4,
                       const std::string& language = {});
  // A monolith: one deployment whose components are its modules.
  FakeCluster& monolith(const std::string& name, const std::vector<std::string>& modules,
                        int replicas, int workers = 8);
  // A call between components; between modules of one monolith it is in-process.
  FakeCluster& call(const std::string& from, const std::string& to,
                    model::CallMode mode = model::CallMode::Sync);
  FakeCluster& autoscaled(const std::string& service);
  FakeCluster& entry(const std::string& component);

  // The shop of the default lesson: web -> catalog, web -> orders, orders -> payment (sync),
  // orders -> notifications (async), on node-a, node-b and node-c; a lesson of two steps.
  static FakeCluster shop();
  // The same shop as one monolith with three modules.
  static FakeCluster monolithShop();
  // `count` services "svc-0", "svc-1"... with no calls: a cluster of any size for the charts.
  static FakeCluster services(int count);

  std::shared_ptr<const model::ClusterLayout> layout() const;
  std::shared_ptr<const model::ClusterDescription> description() const;
  // A copy of the snapshot at cluster time `timeS`.
  std::shared_ptr<const model::ClusterSnapshot> snapshot(double timeS = 0.0) const;
  // A chart sample for [timeS - 1, timeS] with figures that vary with time and component.
  model::ChartSample sample(double timeS) const;

  // Parts of the snapshot to change; a name not in the cluster throws std::out_of_range.
  model::ReplicaView& replica(const std::string& service, int replica);
  model::DeploymentView& deploymentView(const std::string& service);
  model::EdgeView& edgeView(const std::string& from, const std::string& to);
  model::NodeView& nodeView(const std::string& node);
  model::ClusterSnapshot& state() { return snapshot_; }
  model::ClusterDescription& about() { return description_; }

 private:
  int placeReplica(int index) const;

  model::ClusterLayout layout_;
  model::ClusterSnapshot snapshot_;
  model::ClusterDescription description_;
};

}  // namespace clusterscope::testing
