#pragma once

#include <QString>

#include "cluster_layout.h"
#include "cluster_snapshot.h"
#include "selection.h"

namespace clusterscope::app {

// The hover text for what `target` designates: every figure the snapshot has about it, in a
// few lines of rich text. Empty when there is nothing to say. Pure.
QString topologyToolTip(const LayoutTarget& target, const model::ClusterLayout& layout,
                        const model::ClusterSnapshot* snapshot);

}  // namespace clusterscope::app
