#include "topology_module_item.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include "state_colors.h"
#include "topology_format.h"

namespace clusterscope::app {

TopologyModuleItem::TopologyModuleItem(int component, const QString& name, const QRectF& rect,
                                       const TopologyStyle* style, QGraphicsItem* parent)
    : QGraphicsItem(parent),
      component_(component),
      style_(style),
      rect_(0, 0, rect.width(), rect.height()),
      name_(name),
      border_(style->line) {
  setPos(rect.topLeft());
}

QRectF TopologyModuleItem::boundingRect() const { return rect_.adjusted(-5, -5, 5, 5); }

void TopologyModuleItem::setState(const model::ComponentView& view, bool hostDown) {
  QString line1 =
      QStringLiteral("%1 · p95 %2").arg(formatRate(view.throughputRps), formatLatency(view.p95Ms));
  QString line2;
  if (view.failedRatio >= 0.0005)
    line2 = Topology::tr("err %1").arg(formatPercent(view.failedRatio));
  if (view.errorRate > 0) {
    if (!line2.isEmpty()) line2 += QStringLiteral(" · ");
    line2 += Topology::tr("injected %1").arg(formatPercent(view.errorRate));
  }
  const QColor border =
      hostDown ? StateColors::critical() : StateColors::health(view.failedRatio, 0);
  if (line1 == line1_ && line2 == line2_ && border == border_ && hostDown == hostDown_) return;
  line1_ = std::move(line1);
  line2_ = std::move(line2);
  border_ = border;
  hostDown_ = hostDown;
  update();
}

void TopologyModuleItem::setHighlight(bool on) {
  if (on == highlight_) return;
  highlight_ = on;
  update();
}

void TopologyModuleItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option,
                               QWidget*) {
  const auto& m = style_->metrics;
  const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
  painter->setPen(QPen(border_, 2));
  painter->setBrush(hostDown_ ? StateColors::draining() : style_->moduleFill);
  painter->drawRoundedRect(rect_.adjusted(1, 1, -1, -1), 6, 6);
  if (highlight_) {
    painter->setPen(QPen(style_->highlight, 4));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(rect_.adjusted(-3, -3, 3, 3), 8, 8);
  }
  if (lod < 0.4) return;
  const double w = rect_.width() - 2 * m.padding;
  const double titleH = m.titleHeight * 0.9;
  QFont title = style_->body;
  title.setBold(true);
  painter->setFont(title);
  painter->setPen(style_->text);
  painter->drawText(QRectF(m.padding, m.padding, w, titleH), Qt::AlignLeft | Qt::AlignVCenter,
                    name_);
  painter->setFont(style_->small);
  const double y = m.padding + titleH;
  painter->drawText(QRectF(m.padding, y, w, m.lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                    line1_);
  painter->drawText(QRectF(m.padding, y + m.lineHeight, w, m.lineHeight),
                    Qt::AlignLeft | Qt::AlignVCenter, line2_);
}

}  // namespace clusterscope::app
