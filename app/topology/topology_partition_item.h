#pragma once

#include <QGraphicsItem>
#include <utility>
#include <vector>

#include "topology_style.h"

namespace clusterscope::app {

// Network partitions between nodes, drawn over the node strip as dashed red lines: a wall in
// the gap between two neighbouring regions, an arc under the strip between two others.
// Draws nothing while there is no partition. GUI thread only.
class TopologyPartitionItem : public QGraphicsItem {
 public:
  // `nodes` are the node regions in scene coordinates; `style` must outlive the item.
  TopologyPartitionItem(std::vector<QRectF> nodes, const TopologyStyle* style);

  QRectF boundingRect() const override { return bounds_; }
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

  // Node index pairs, as in ClusterSnapshot::partitions; pairs naming no region are skipped.
  void setPartitions(const std::vector<std::pair<int, int>>& partitions);
  int partitionCount() const { return static_cast<int>(partitions_.size()); }

 private:
  std::vector<QRectF> nodes_;
  const TopologyStyle* style_;
  QRectF bounds_;
  std::vector<std::pair<int, int>> partitions_;
};

}  // namespace clusterscope::app
