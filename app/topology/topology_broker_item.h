#pragma once

#include <QGraphicsItem>
#include <QString>

#include "cluster_snapshot.h"
#include "topology_style.h"

namespace clusterscope::app {

// The message broker: a box with its backlog as a bar (log scale, full at 100,000 messages),
// the count and the lag (the age of the oldest waiting message, i.e. how far behind the
// asynchronous consumers are). Red when the broker is down. GUI thread only.
class TopologyBrokerItem : public QGraphicsItem {
 public:
  enum { Type = kBrokerItemType };

  // `rect` is in scene coordinates; `style` must outlive the item.
  TopologyBrokerItem(const QRectF& rect, const TopologyStyle* style);

  int type() const override { return Type; }
  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

  void setState(bool up, std::uint64_t backlog, double lagMs);
  void setHighlight(bool on);
  bool isUp() const { return up_; }

 private:
  const TopologyStyle* style_;
  QRectF rect_;
  bool up_ = true;
  std::uint64_t backlog_ = 0;
  QString text_;
  bool highlight_ = false;
};

}  // namespace clusterscope::app
