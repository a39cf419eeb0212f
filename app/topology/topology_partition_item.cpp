#include "topology_partition_item.h"

#include <QPainter>
#include <QPainterPath>
#include <cmath>

#include "state_colors.h"
#include "topology_format.h"

namespace clusterscope::app {

namespace {

double arcDepth(const QRectF& a, const QRectF& b) {
  return 30.0 + 0.12 * std::abs(a.center().x() - b.center().x());
}

}  // namespace

TopologyPartitionItem::TopologyPartitionItem(std::vector<QRectF> nodes, const TopologyStyle* style)
    : nodes_(std::move(nodes)), style_(style) {
  setZValue(3);  // over the regions it separates
  for (const auto& r : nodes_) bounds_ = bounds_.isNull() ? r : bounds_.united(r);
  if (!bounds_.isNull()) bounds_.adjust(-20, -20, 20, 40 + 0.12 * bounds_.width());
}

void TopologyPartitionItem::setPartitions(const std::vector<std::pair<int, int>>& partitions) {
  std::vector<std::pair<int, int>> valid;
  const int n = static_cast<int>(nodes_.size());
  for (auto [a, b] : partitions) {
    if (a >= 0 && b >= 0 && a < n && b < n && a != b) valid.emplace_back(a, b);
  }
  if (valid == partitions_) return;
  partitions_ = std::move(valid);
  update();
}

void TopologyPartitionItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
  if (partitions_.empty()) return;
  painter->setRenderHint(QPainter::Antialiasing);
  QPen pen(StateColors::down(), 4, Qt::DashLine, Qt::RoundCap);
  painter->setBrush(Qt::NoBrush);
  painter->setFont(style_->small);
  for (auto [i, j] : partitions_) {
    QRectF a = nodes_[i], b = nodes_[j];
    if (a.center().x() > b.center().x()) std::swap(a, b);
    const bool sameRow = std::abs(a.top() - b.top()) < 1.0;
    const double gap = b.left() - a.right();
    painter->setPen(pen);
    if (sameRow && gap >= 0 && gap <= style_->metrics.nodeGap + 1.0) {
      const double x = (a.right() + b.left()) / 2;
      painter->drawLine(QPointF(x, a.top() - 14), QPointF(x, a.bottom() + 14));
      continue;
    }
    const QPointF p(a.center().x(), a.bottom()), q(b.center().x(), b.bottom());
    const double low = std::max(p.y(), q.y()) + arcDepth(a, b);
    QPainterPath path(p);
    path.cubicTo(QPointF(p.x(), low), QPointF(q.x(), low), q);
    painter->drawPath(path);
    painter->setPen(StateColors::down());
    const QPointF mid = path.pointAtPercent(0.5);
    painter->drawText(QRectF(mid.x() - 60, mid.y() + 2, 120, 18), Qt::AlignCenter,
                      Topology::tr("partitioned"));
  }
}

}  // namespace clusterscope::app
