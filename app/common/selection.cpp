#include "selection.h"

namespace clusterscope::app {

namespace {

template <typename T>
bool inRange(int i, const std::vector<T>& v) {
  return i >= 0 && i < static_cast<int>(v.size());
}

}  // namespace

LayoutTarget resolve(const Selection& s, const model::ClusterLayout& layout) {
  using Kind = Selection::Kind;
  int index = -1;
  switch (s.kind) {
    case Kind::None:
      return {};
    case Kind::Broker:
      return {Kind::Broker};
    case Kind::Deployment:
    case Kind::Replica:
      index = layout.deploymentIndex(s.name);
      break;
    case Kind::Component:
      index = layout.componentIndex(s.name);
      break;
    case Kind::Edge: {
      const int from = layout.componentIndex(s.name), to = layout.componentIndex(s.callee);
      if (from >= 0 && to >= 0) index = layout.edgeIndex(from, to);
      break;
    }
    case Kind::Node:
      index = layout.nodeIndex(s.name);
      break;
  }
  if (index < 0) return {};
  return {s.kind, index, s.kind == Kind::Replica ? s.replica : -1};
}

Selection selectionOf(const LayoutTarget& t, const model::ClusterLayout& layout) {
  using Kind = Selection::Kind;
  switch (t.kind) {
    case Kind::None:
      return {};
    case Kind::Broker:
      return Selection::broker();
    case Kind::Deployment:
      if (inRange(t.index, layout.deployments)) {
        return Selection::deployment(layout.deployments[t.index].name);
      }
      break;
    case Kind::Replica:
      if (inRange(t.index, layout.deployments)) {
        return Selection::ofReplica(layout.deployments[t.index].name, t.replica);
      }
      break;
    case Kind::Component:
      if (inRange(t.index, layout.components)) {
        return Selection::component(layout.components[t.index].name);
      }
      break;
    case Kind::Edge:
      if (inRange(t.index, layout.edges)) {
        const auto& e = layout.edges[t.index];
        if (inRange(e.from, layout.components) && inRange(e.to, layout.components)) {
          return Selection::edge(layout.components[e.from].name, layout.components[e.to].name);
        }
      }
      break;
    case Kind::Node:
      if (inRange(t.index, layout.nodes)) return Selection::node(layout.nodes[t.index].name);
      break;
  }
  return {};
}

int selectedDeployment(const LayoutTarget& t, const model::ClusterLayout& layout) {
  switch (t.kind) {
    case Selection::Kind::Deployment:
    case Selection::Kind::Replica:
      return inRange(t.index, layout.deployments) ? t.index : -1;
    case Selection::Kind::Component:
      return inRange(t.index, layout.components) ? layout.components[t.index].deployment : -1;
    default:
      return -1;
  }
}

}  // namespace clusterscope::app
