#pragma once

#include <QPainterPath>
#include <QPointF>
#include <vector>

#include "cluster_layout.h"
#include "topology_layout.h"

// The curves of the call edges, computed once per layout from the boxes' places. Pure (Qt
// Gui value types only).

namespace clusterscope::app {

struct EdgeRoute {
  QPainterPath path;    // from the caller's side to the callee's side (the arrow's tip)
  QPointF direction;    // unit vector of the path at its end, for the arrow head
  QPointF labelAnchor;  // a point the label touches...
  Qt::Alignment labelAlign = Qt::AlignHCenter | Qt::AlignBottom;  // ...with this side/corner
  bool forward = true;                                            // the callee is in a later column
};

// One route per layout edge, in the layout's order. A forward call leaves the caller's right
// side and enters the callee's left side, with the ports of one side spread out and ordered
// by the other end's height so that they do not cross; a call to an earlier column loops
// under the boxes; a call within one column bulges out on the right. A forward call's label
// goes beside the end where the calls do not fan (the callee's, unless it has more callers
// than the caller has calls), on the side of the line the curve leaves free. An edge whose
// ends have no box gets an empty path.
std::vector<EdgeRoute> routeEdges(const model::ClusterLayout& layout,
                                  const TopologyPlacement& placement);

}  // namespace clusterscope::app
