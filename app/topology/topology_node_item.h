#pragma once

#include <QColor>
#include <QGraphicsItem>
#include <QString>
#include <vector>

#include "cluster_snapshot.h"
#include "topology_mark_grid.h"
#include "topology_style.h"

namespace clusterscope::app {

// A node of the cluster: a rounded region with its name, the cores its replicas reserve, and
// a small mark per replica placed there, coloured by state. Greyed out with a red cross when
// the node is down. GUI thread only.
class TopologyNodeItem : public QGraphicsItem {
 public:
  enum { Type = kNodeItemType };

  // `rect` is in scene coordinates; `style` must outlive the item.
  TopologyNodeItem(int node, const QString& name, const QRectF& rect, const TopologyStyle* style);

  int type() const override { return Type; }
  int node() const { return node_; }
  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

  // The colours of the replicas placed on the node, in a stable order.
  void setState(const model::NodeView& view, std::vector<QColor> replicaColors);
  void setHighlight(bool on);
  bool isUp() const { return up_; }
  int markCount() const { return static_cast<int>(colors_.size()); }

 private:
  int node_;
  const TopologyStyle* style_;
  QRectF rect_;
  QString name_, cores_;
  std::vector<QColor> colors_;
  MarkGrid grid_;
  bool up_ = true;
  bool highlight_ = false;
};

}  // namespace clusterscope::app
