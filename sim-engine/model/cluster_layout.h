#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "action.h"

// The static shape of a simulated cluster as observers see it: names and indexes of
// components (services and monolith modules), deployments (what has replicas), call edges
// and nodes. Indexes match the vectors of IntervalReport and ClusterSnapshot. Only an edge's
// mode changes during a run.

namespace clusterscope::model {

struct ComponentInfo {
  std::string name;
  int deployment = 0;
  bool isModule = false;
  bool operator==(const ComponentInfo&) const = default;
};

struct DeploymentInfo {
  std::string name;
  std::vector<int> components;
  bool isMonolith = false;
  std::string language;
  int workersPerReplica = 1;
  bool autoscaled = false;
  double coresPerReplica = 0.0;  // what each replica reserves on its node (0: unknown)
  bool operator==(const DeploymentInfo&) const = default;
};

struct EdgeInfo {
  int from = 0;  // component indexes
  int to = 0;
  CallMode mode = CallMode::Sync;
  bool inProcess = false;  // between modules of one monolith: no network, no broker
  bool operator==(const EdgeInfo&) const = default;
};

struct NodeInfo {
  std::string name;
  double cores = 0.0;
  bool implicit = false;  // the scenario named no nodes: one node large enough
  bool operator==(const NodeInfo&) const = default;
};

struct ClusterLayout {
  std::vector<ComponentInfo> components;
  std::vector<DeploymentInfo> deployments;
  std::vector<EdgeInfo> edges;
  std::vector<NodeInfo> nodes;
  int entryComponent = 0;
  bool operator==(const ClusterLayout&) const = default;

  // -1 when there is no such name.
  int componentIndex(std::string_view name) const;
  int deploymentIndex(std::string_view name) const;
  int nodeIndex(std::string_view name) const;
  int edgeIndex(int from, int to) const;
};

}  // namespace clusterscope::model
