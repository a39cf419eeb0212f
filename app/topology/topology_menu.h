#pragma once

#include <QString>
#include <optional>
#include <vector>

#include "action.h"
#include "cluster_capabilities.h"
#include "cluster_layout.h"
#include "cluster_snapshot.h"
#include "selection.h"

// What a right-click on the topology offers, as plain values: the view turns them into a
// QMenu, tests read them without opening one. The actions and their texts come from the
// ActionCatalog. Pure.

namespace clusterscope::app {

struct TopologyMenuEntry {
  QString text;                         // empty: a separator
  std::optional<model::Action> action;  // what triggering it requests
  bool enabled = true;
  bool checkable = false;
  bool checked = false;
  QString submenu;  // non-empty: the entry goes into a submenu with this title
  QString toolTip;  // why a disabled entry is disabled, when the cluster cannot do it
};

struct TopologyMenu {
  QString title;  // what was clicked, e.g. "orders#0"; empty when nothing was
  std::vector<TopologyMenuEntry> entries;
};

// The menu for `target` (resolved against `layout`), with entries enabled according to the
// latest snapshot (a replica that is down can be restarted, not killed; a node that is up can
// fail...) and to what the cluster can do: an action kind it refuses is disabled, its reason
// in the tool tip. Without a snapshot, entries that need the current state are disabled.
// Indexes out of range give an empty menu.
TopologyMenu topologyMenu(const LayoutTarget& target, const model::ClusterLayout& layout,
                          const model::ClusterSnapshot* snapshot,
                          const model::ClusterCapabilities& capabilities);

}  // namespace clusterscope::app
