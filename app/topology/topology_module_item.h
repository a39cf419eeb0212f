#pragma once

#include <QGraphicsItem>
#include <QString>

#include "cluster_snapshot.h"
#include "topology_style.h"

namespace clusterscope::app {

// A module of a monolith, drawn inside its host's box (a child of its TopologyServiceItem):
// name, throughput, p95, errors. It has no replicas of its own: it lives and dies with the
// host's. GUI thread only.
class TopologyModuleItem : public QGraphicsItem {
 public:
  enum { Type = kModuleItemType };

  // `rect` is in the parent's coordinates; `style` must outlive the item.
  TopologyModuleItem(int component, const QString& name, const QRectF& rect,
                     const TopologyStyle* style, QGraphicsItem* parent);

  int type() const override { return Type; }
  int component() const { return component_; }
  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

  // `hostDown`: no replica of the host is up, so the module cannot run either.
  void setState(const model::ComponentView& view, bool hostDown);
  void setHighlight(bool on);

 private:
  int component_;
  const TopologyStyle* style_;
  QRectF rect_;
  QString name_, line1_, line2_;
  QColor border_;
  bool hostDown_ = false;
  bool highlight_ = false;
};

}  // namespace clusterscope::app
