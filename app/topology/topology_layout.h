#pragma once

#include <QRectF>
#include <vector>

#include "cluster_layout.h"

// Where the topology view puts things: a pure function of the cluster's shape (no widget, no
// font, no snapshot), so any scenario gets a drawing and tests can check it. Deployments go
// in columns by call depth from the workload's entry, left to right; the modules of a
// monolith are laid out the same way inside their host's box; the broker goes below the
// graph and the nodes in a strip below that.

namespace clusterscope::app {

// Sizes in scene units (pixels at zoom 1). Everything that holds text grows with
// `textScale` (presenter mode) so that larger fonts still fit; replica marks do not.
struct TopologyMetrics {
  double textScale = 1.0;
  double padding = 8;
  double titleHeight = 22;  // the name line of a box
  double marksHeight = 40;  // the grid of replica marks
  double lineHeight = 15;   // one line of figures
  int statsLines = 2;
  double boxWidth = 210;  // at least; longer names widen a box
  double moduleWidth = 160;
  double moduleHeight = 66;
  double columnGap = 150;  // room for an edge label between two columns
  double rowGap = 40;
  double moduleColumnGap = 150;
  double moduleRowGap = 22;
  double brokerWidth = 280;
  double brokerHeight = 73;
  double nodeWidth = 250;
  double nodeHeight = 74;
  double nodeGap = 28;
  double sectionGap = 80;  // above the broker and the node strip: room for looping edges
  double entryGap = 120;   // left of the entry: the clients' arrow

  // The metrics for a text scale (1 normal, about 1.5 for a projector).
  static TopologyMetrics scaled(double textScale);
  // Height of a service box, or of a monolith's header above its modules.
  double boxHeight() const;
  // Estimated width of `chars` characters of the title font: the layout cannot measure text.
  double titleTextWidth(int chars) const { return chars * 8.6 * textScale; }
};

struct TopologyPlacement {
  std::vector<QRectF> deployments;  // per deployment, in scene coordinates
  std::vector<QRectF> components;   // per component: a module's box inside its host, else
                                    // the deployment's box
  std::vector<int> columns;         // per deployment: its column, 0 for the entry's
  std::vector<bool> reachable;      // per deployment: reachable from the entry by calls
  QRectF graph;                     // the boxes' bounding rectangle
  QRectF broker;                    // null when no call crosses deployments
  std::vector<QRectF> nodes;        // per node; empty when the node is implicit
  QRectF bounds;                    // everything, with the clients' arrow on the left
};

TopologyPlacement layoutTopology(const model::ClusterLayout& layout,
                                 const TopologyMetrics& metrics = {});

}  // namespace clusterscope::app
