#pragma once

#include <QMetaType>
#include <string>

#include "cluster_layout.h"

// What the user has selected in a view; shared by the topology, the details panel, the control
// bar and the charts (which follow a selected service). A selection names what it designates,
// so it survives a change of the cluster's shape (a service added, an agent joining) as long
// as the named element is still there.

namespace clusterscope::app {

struct Selection {
  enum class Kind { None, Deployment, Component, Replica, Edge, Node, Broker };
  Kind kind = Kind::None;
  // Deployment and Replica: the deployment; Component: the component; Node: the node; Edge:
  // the calling component.
  std::string name;
  std::string callee;  // Edge: the called component
  int replica = -1;    // Replica: its number within the deployment (ReplicaView::index)

  static Selection deployment(std::string name) {
    return {Kind::Deployment, std::move(name), {}, -1};
  }
  static Selection component(std::string name) {
    return {Kind::Component, std::move(name), {}, -1};
  }
  static Selection ofReplica(std::string deployment, int replica) {
    return {Kind::Replica, std::move(deployment), {}, replica};
  }
  static Selection edge(std::string from, std::string to) {
    return {Kind::Edge, std::move(from), std::move(to), -1};
  }
  static Selection node(std::string name) { return {Kind::Node, std::move(name), {}, -1}; }
  static Selection broker() { return {Kind::Broker, {}, {}, -1}; }

  bool operator==(const Selection&) const = default;
};

// A selection resolved against one layout: indexes into that layout's vectors (and its
// snapshots'), meaningful only with it. `index` is the deployment (Deployment, Replica), the
// component, the edge or the node; -1 with Kind::None.
struct LayoutTarget {
  Selection::Kind kind = Selection::Kind::None;
  int index = -1;
  int replica = -1;

  bool operator==(const LayoutTarget&) const = default;
};

// Kind::None when what the selection names is not in `layout` (a replica's number is not
// checked: replicas come and go with snapshots).
LayoutTarget resolve(const Selection& selection, const model::ClusterLayout& layout);
// The selection that names `target` of `layout`; Kind::None when an index is out of range.
Selection selectionOf(const LayoutTarget& target, const model::ClusterLayout& layout);
// The deployment a selection belongs to (a service, one of its replicas or modules), or -1.
int selectedDeployment(const LayoutTarget& target, const model::ClusterLayout& layout);

}  // namespace clusterscope::app

Q_DECLARE_METATYPE(clusterscope::app::Selection)
