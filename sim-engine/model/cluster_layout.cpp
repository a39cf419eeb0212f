#include "cluster_layout.h"

namespace clusterscope::model {

namespace {

template <typename T>
int indexByName(const std::vector<T>& items, std::string_view name) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

int ClusterLayout::componentIndex(std::string_view name) const {
  return indexByName(components, name);
}

int ClusterLayout::deploymentIndex(std::string_view name) const {
  return indexByName(deployments, name);
}

int ClusterLayout::nodeIndex(std::string_view name) const { return indexByName(nodes, name); }

int ClusterLayout::edgeIndex(int from, int to) const {
  for (std::size_t i = 0; i < edges.size(); ++i) {
    if (edges[i].from == from && edges[i].to == to) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace clusterscope::model
