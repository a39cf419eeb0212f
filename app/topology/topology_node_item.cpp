#include "topology_node_item.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include "state_colors.h"
#include "topology_format.h"

namespace clusterscope::app {

TopologyNodeItem::TopologyNodeItem(int node, const QString& name, const QRectF& rect,
                                   const TopologyStyle* style)
    : node_(node), style_(style), rect_(0, 0, rect.width(), rect.height()), name_(name) {
  setPos(rect.topLeft());
  setZValue(1);
}

QRectF TopologyNodeItem::boundingRect() const { return rect_.adjusted(-6, -6, 6, 6); }

void TopologyNodeItem::setState(const model::NodeView& view, std::vector<QColor> colors) {
  // A live node says nothing of its cores (agents reserve none): its replicas, then.
  QString cores =
      view.cores > 0
          ? Topology::tr("%1/%2 cores")
                .arg(localNumber(view.usedCores, 'g', 3), localNumber(view.cores, 'g', 3))
          : Topology::tr("%n replicas", nullptr, static_cast<int>(colors.size()));
  if (view.up == up_ && cores == cores_ && colors == colors_) return;
  if (colors.size() != colors_.size()) {
    const auto& m = style_->metrics;
    const QRectF area(m.padding, m.padding + m.titleHeight, rect_.width() - 2 * m.padding,
                      rect_.height() - 2 * m.padding - m.titleHeight);
    grid_ = MarkGrid(area, static_cast<int>(colors.size()), 14.0);
  }
  up_ = view.up;
  cores_ = std::move(cores);
  colors_ = std::move(colors);
  update();
}

void TopologyNodeItem::setHighlight(bool on) {
  if (on == highlight_) return;
  highlight_ = on;
  update();
}

void TopologyNodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
  const auto& m = style_->metrics;
  const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
  painter->setRenderHint(QPainter::Antialiasing, lod > 0.4);
  painter->setPen(QPen(up_ ? style_->line : StateColors::down(), up_ ? 1.5 : 2.5, Qt::DashLine));
  painter->setBrush(up_ ? style_->regionFill : StateColors::draining());
  painter->drawRoundedRect(rect_.adjusted(1, 1, -1, -1), 14, 14);
  if (highlight_) {
    painter->setPen(QPen(style_->highlight, 4));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(rect_.adjusted(-3, -3, 3, 3), 16, 16);
  }
  const bool detailed = lod * grid_.markSize() >= 5;
  painter->setPen(detailed ? QPen(style_->line, 1) : Qt::NoPen);
  for (std::size_t i = 0; i < colors_.size(); ++i) {
    const QRectF r = grid_.rect(static_cast<int>(i));
    if (detailed) {
      painter->setBrush(colors_[i]);
      painter->drawRect(r);
    } else {
      painter->fillRect(r, colors_[i]);
    }
  }
  if (!up_) {
    painter->setPen(QPen(StateColors::down(), 4, Qt::SolidLine, Qt::RoundCap));
    // Under the title, which must stay readable.
    const QRectF x = rect_.adjusted(24, m.padding + m.titleHeight + 4, -24, -10);
    painter->drawLine(x.topLeft(), x.bottomRight());
    painter->drawLine(x.topRight(), x.bottomLeft());
  }
  if (lod < 0.4) return;
  const QRectF titleRect(m.padding + 4, m.padding, rect_.width() - 2 * m.padding - 8,
                         m.titleHeight);
  painter->setFont(style_->title);
  painter->setPen(style_->text);
  painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter, name_);
  painter->setFont(style_->small);
  painter->setPen(up_ ? style_->mutedText : StateColors::down());
  painter->drawText(titleRect, Qt::AlignRight | Qt::AlignVCenter,
                    up_ ? cores_ : Topology::tr("DOWN"));
}

}  // namespace clusterscope::app
