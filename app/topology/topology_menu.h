#pragma once

#include <QString>
#include <optional>
#include <vector>

#include "action.h"
#include "cluster_layout.h"
#include "cluster_snapshot.h"
#include "selection.h"

// What a right-click on the topology offers, as plain values: the view turns them into a
// QMenu, tests read them without opening one. Pure.

namespace clusterscope::app {

struct TopologyMenuEntry {
  QString text;                         // empty: a separator
  std::optional<model::Action> action;  // what triggering it requests
  bool enabled = true;
  bool checkable = false;
  bool checked = false;
  QString submenu;  // non-empty: the entry goes into a submenu with this title
};

struct TopologyMenu {
  QString title;  // what was clicked, e.g. "orders#0"; empty when nothing was
  std::vector<TopologyMenuEntry> entries;
};

// The menu for `target`, with entries enabled according to the latest snapshot (a replica
// that is down can be restarted, not killed; a node that is up can fail...). Without a
// snapshot, entries that need the current state are disabled. Indexes out of range give an
// empty menu.
TopologyMenu topologyMenu(const Selection& target, const model::ClusterLayout& layout,
                          const model::ClusterSnapshot* snapshot);

}  // namespace clusterscope::app
