#pragma once

#include <QMetaType>

// What the user has selected in a view; shared by the topology, the details panel and the
// charts (which follow a selected service). Indexes follow engine::ClusterLayout.

namespace clusterscope::app {

struct Selection {
  enum class Kind { None, Deployment, Component, Replica, Edge, Node, Broker };
  Kind kind = Kind::None;
  int index = -1;    // deployment, component, edge or node index
  int replica = -1;  // Replica: the replica number within deployment `index`

  bool operator==(const Selection&) const = default;
};

}  // namespace clusterscope::app

Q_DECLARE_METATYPE(clusterscope::app::Selection)
