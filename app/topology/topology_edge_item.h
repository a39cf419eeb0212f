#pragma once

#include <QGraphicsItem>
#include <QPainterPath>
#include <QString>
#include <vector>

#include "cluster_snapshot.h"
#include "topology_routing.h"
#include "topology_style.h"

namespace clusterscope::app {

// A call edge: a curve with an arrow, solid when synchronous and dashed when asynchronous,
// coloured by health, labelled "120 rps · p95 12 ms · 0.5 %", with traffic dots whose number
// follows the rate on a log scale (trafficDots()). The dots move at a constant speed on the
// scene's animation clock (TopologyStyle::animationS); the scene's one timer repaints the
// edges, the edge has no timer of its own. GUI thread only.
class TopologyEdgeItem : public QGraphicsItem {
 public:
  enum { Type = kEdgeItemType };

  // `style` must outlive the item.
  TopologyEdgeItem(int edge, const EdgeRoute& route, model::CallMode mode, bool inProcess,
                   const TopologyStyle* style);

  int type() const override { return Type; }
  int edge() const { return edge_; }
  QRectF boundingRect() const override;
  QPainterPath shape() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

  void setState(const model::EdgeView& view);
  void setHighlight(bool on);

  bool isDashed() const { return mode_ == model::CallMode::Async; }
  int dotCount() const { return dots_; }
  const QString& label() const { return label_; }

 private:
  QPointF pointAt(double distance) const;
  QRectF labelBox() const;

  int edge_;
  const TopologyStyle* style_;
  QPainterPath path_;
  QPolygonF arrow_;
  QRectF labelRect_;  // fixed room, so that a changing label never moves the bounds
  QRectF bounds_;
  std::vector<QPointF> samples_;  // the path as a polyline, for the dots
  std::vector<double> lengths_;   // cumulative length at each sample
  model::CallMode mode_;
  bool inProcess_;
  Qt::Alignment labelAlign_;
  QString label_;          // one line, as edgeLabel() writes it
  QString rate_, detail_;  // the label as drawn, in two lines
  double labelWidth_ = 0;
  QColor color_;
  int dots_ = 0;
  int errorDots_ = 0;
  bool idle_ = true;
  bool highlight_ = false;
};

}  // namespace clusterscope::app
