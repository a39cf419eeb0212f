#include "topology_broker_item.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <algorithm>
#include <cmath>

#include "state_colors.h"
#include "topology_format.h"

namespace clusterscope::app {

namespace {

// Decades shown by the bar: 1 message to 100,000. A linear bar would sit at zero until the
// backlog is huge; in decades a growing backlog moves visibly from the first messages on.
constexpr double kBarDecades = 5.0;

}  // namespace

TopologyBrokerItem::TopologyBrokerItem(const QRectF& rect, const TopologyStyle* style)
    : style_(style), rect_(0, 0, rect.width(), rect.height()) {
  setPos(rect.topLeft());
  setZValue(1);
  setState(true, 0, 0);
}

QRectF TopologyBrokerItem::boundingRect() const { return rect_.adjusted(-6, -6, 6, 6); }

void TopologyBrokerItem::setState(bool up, std::uint64_t backlog, double lagMs) {
  QString text = Topology::tr("%1 waiting").arg(formatCount(static_cast<double>(backlog)));
  if (backlog > 0) text += Topology::tr(" · lag %1").arg(formatLatency(lagMs));
  if (up == up_ && backlog == backlog_ && text == text_) return;
  up_ = up;
  backlog_ = backlog;
  text_ = std::move(text);
  update();
}

void TopologyBrokerItem::setHighlight(bool on) {
  if (on == highlight_) return;
  highlight_ = on;
  update();
}

void TopologyBrokerItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option,
                               QWidget*) {
  const auto& m = style_->metrics;
  const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
  painter->setRenderHint(QPainter::Antialiasing, lod > 0.4);
  QColor fill = style_->boxFill;
  if (!up_) {
    fill = StateColors::down();
    fill.setAlphaF(0.18f);
  }
  painter->setPen(QPen(up_ ? style_->line : StateColors::down(), up_ ? 2 : 3));
  painter->setBrush(fill);
  painter->drawRoundedRect(rect_.adjusted(1, 1, -1, -1), 12, 12);
  if (highlight_) {
    painter->setPen(QPen(style_->highlight, 4));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(rect_.adjusted(-3, -3, 3, 3), 14, 14);
  }

  const double w = rect_.width() - 2 * m.padding;
  const QRectF bar(m.padding, m.padding + m.titleHeight + 2, w, std::max(8.0, m.lineHeight * 0.8));
  const double f =
      std::clamp(std::log10(1.0 + static_cast<double>(backlog_)) / kBarDecades, 0.0, 1.0);
  painter->setPen(QPen(style_->line, 1));
  painter->setBrush(style_->moduleFill);
  painter->drawRect(bar);
  if (f > 0) {
    painter->fillRect(QRectF(bar.left(), bar.top(), bar.width() * f, bar.height()),
                      backlog_ >= 10000 ? StateColors::warning() : StateColors::busy());
  }
  if (lod < 0.4) return;
  const QRectF titleRect(m.padding, m.padding, w, m.titleHeight);
  painter->setFont(style_->title);
  painter->setPen(style_->text);
  painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter, Topology::tr("broker"));
  if (!up_) {
    painter->setPen(StateColors::down());
    painter->drawText(titleRect, Qt::AlignRight | Qt::AlignVCenter, Topology::tr("DOWN"));
  }
  painter->setFont(style_->body);
  painter->setPen(style_->text);
  painter->drawText(QRectF(m.padding, bar.bottom() + 2, w, m.lineHeight + 4),
                    Qt::AlignLeft | Qt::AlignVCenter, text_);
}

}  // namespace clusterscope::app
