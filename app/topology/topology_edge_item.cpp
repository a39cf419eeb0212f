#include "topology_edge_item.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <algorithm>
#include <cmath>

#include "state_colors.h"
#include "topology_format.h"

namespace clusterscope::app {

namespace {

constexpr int kSamples = 48;
constexpr double kDotSpeed = 90.0;  // scene units per second, whatever the rate
constexpr double kDotRadius = 3.5;
constexpr double kArrowLength = 11.0;

}  // namespace

TopologyEdgeItem::TopologyEdgeItem(int edge, const EdgeRoute& route, model::CallMode mode,
                                   bool inProcess, const TopologyStyle* style)
    : edge_(edge),
      style_(style),
      path_(route.path),
      mode_(mode),
      inProcess_(inProcess),
      labelAlign_(route.labelAlign),
      color_(style->line) {
  // Above the boxes' background only when inside a monolith's box, where it must show.
  setZValue(inProcess ? 1.5 : 0.5);
  if (path_.isEmpty()) return;
  const QPointF tip = path_.currentPosition();
  const QPointF d = route.direction, n(-d.y(), d.x());
  arrow_ << tip << tip - d * kArrowLength + n * kArrowLength * 0.45
         << tip - d * kArrowLength - n * kArrowLength * 0.45;

  // pointAtPercent() is length-based but slow; sample once, interpolate every frame.
  samples_.reserve(kSamples + 1);
  lengths_.reserve(kSamples + 1);
  double total = 0;
  for (int i = 0; i <= kSamples; ++i) {
    const QPointF p = path_.pointAtPercent(static_cast<double>(i) / kSamples);
    if (!samples_.empty())
      total += std::hypot(p.x() - samples_.back().x(), p.y() - samples_.back().y());
    samples_.push_back(p);
    lengths_.push_back(total);
  }

  // Room for the widest label the figures can make, so that the bounds never change.
  const QFontMetricsF fm(style_->small);
  const double w = std::max(fm.horizontalAdvance(Topology::tr("8888 rps · half-open",
                                                              "the widest edge label, to size it")),
                            fm.horizontalAdvance(QStringLiteral("p95 888 ms · 88.8 %"))) +
                   8;
  const double h = 2 * fm.height() + 4;
  // Beside the curve rather than on it, so that the line (solid or dashed) stays visible.
  const QPointF at = route.labelAnchor;
  double left = at.x() - w / 2;
  if (labelAlign_ & Qt::AlignLeft) left = at.x();
  if (labelAlign_ & Qt::AlignRight) left = at.x() - w;
  const double top = (labelAlign_ & Qt::AlignTop) ? at.y() : at.y() - h;
  labelRect_ = QRectF(left, top, w, h);
  bounds_ = path_.boundingRect().united(arrow_.boundingRect()).united(labelRect_);
  bounds_.adjust(-8, -8, 8, 8);
}

QRectF TopologyEdgeItem::boundingRect() const { return bounds_; }

QPainterPath TopologyEdgeItem::shape() const {
  QPainterPathStroker stroker;
  stroker.setWidth(12);  // easy to hit with a mouse on a projector
  QPainterPath s = stroker.createStroke(path_);
  s.addRect(labelBox());
  return s;
}

void TopologyEdgeItem::setState(const model::EdgeView& view) {
  QString rate = formatRate(view.rateRps);
  if (view.breaker == model::BreakerState::Open) rate += Topology::tr(" · open");
  if (view.breaker == model::BreakerState::HalfOpen) rate += Topology::tr(" · half-open");
  QString detail =
      QStringLiteral("p95 %1 · %2").arg(formatLatency(view.p95Ms), formatPercent(view.errorRatio));
  QColor color = style_->line;
  if (view.errorRatio >= 0.005) color = StateColors::health(view.errorRatio, 0);
  if (view.breaker == model::BreakerState::Open) color = StateColors::critical();
  const int dots = trafficDots(view.rateRps);
  // At least one red dot as soon as errors show, then in proportion.
  const int errorDots =
      view.errorRatio >= 0.005
          ? std::clamp(static_cast<int>(std::lround(dots * view.errorRatio)), 1, std::max(dots, 1))
          : 0;
  const bool idle = !(view.rateRps > 0);
  if (rate == rate_ && detail == detail_ && color == color_ && dots == dots_ &&
      errorDots == errorDots_ && view.mode == mode_ && idle == idle_) {
    return;
  }
  // The label's width changes the hit shape only, never the bounds: no geometry change.
  if (rate != rate_ || detail != detail_) {
    const QFontMetricsF fm(style_->small);
    labelWidth_ = std::max(fm.horizontalAdvance(rate), fm.horizontalAdvance(detail));
    label_ = edgeLabel(view);
  }
  rate_ = std::move(rate);
  detail_ = std::move(detail);
  color_ = color;
  dots_ = dots;
  errorDots_ = std::min(errorDots, dots);
  mode_ = view.mode;
  idle_ = idle;
  update();
}

void TopologyEdgeItem::setHighlight(bool on) {
  if (on == highlight_) return;
  highlight_ = on;
  update();
}

QRectF TopologyEdgeItem::labelBox() const {
  // As wide as the text, against the side of the room that touches the curve.
  const double w = std::min(labelRect_.width(), labelWidth_ + 10);
  double left = labelRect_.center().x() - w / 2;
  if (labelAlign_ & Qt::AlignRight) left = labelRect_.right() - w;
  if (labelAlign_ & Qt::AlignLeft) left = labelRect_.left();
  return QRectF(left, labelRect_.top(), w, labelRect_.height());
}

QPointF TopologyEdgeItem::pointAt(double distance) const {
  const auto it = std::lower_bound(lengths_.begin(), lengths_.end(), distance);
  if (it == lengths_.begin()) return samples_.front();
  if (it == lengths_.end()) return samples_.back();
  const auto i = static_cast<std::size_t>(it - lengths_.begin());
  const double span = lengths_[i] - lengths_[i - 1];
  const double f = span > 0 ? (distance - lengths_[i - 1]) / span : 0.0;
  return samples_[i - 1] + (samples_[i] - samples_[i - 1]) * f;
}

void TopologyEdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
  if (path_.isEmpty()) return;
  const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
  painter->setRenderHint(QPainter::Antialiasing, lod > 0.4);
  if (highlight_) {
    painter->setPen(QPen(style_->highlight, 8, Qt::SolidLine, Qt::RoundCap));
    painter->drawPath(path_);
  }
  QColor color = color_;
  if (idle_) color.setAlphaF(color.alphaF() * 0.5f);
  QPen pen(color, inProcess_ ? 1.8 : 2.4);
  if (mode_ == model::CallMode::Async) pen.setDashPattern({4.0, 3.0});
  painter->setPen(pen);
  painter->setBrush(Qt::NoBrush);
  painter->drawPath(path_);
  painter->setPen(Qt::NoPen);
  painter->setBrush(color);
  painter->drawPolygon(arrow_);

  if (dots_ > 0 && lengths_.back() > 0) {
    const double length = lengths_.back();
    const double spacing = length / dots_;
    const double offset = std::fmod(style_->animationS * kDotSpeed, length);
    for (int i = 0; i < dots_; ++i) {
      const QPointF p = pointAt(std::fmod(offset + i * spacing, length));
      painter->setBrush(i < errorDots_ ? StateColors::down() : StateColors::busy());
      painter->drawEllipse(p, kDotRadius, kDotRadius);
    }
  }

  if (lod < 0.45 || rate_.isEmpty()) return;
  const QRectF box = labelBox();
  QColor back = style_->boxFill;
  back.setAlphaF(0.85f);
  painter->setBrush(back);
  painter->drawRoundedRect(box, 4, 4);
  painter->setFont(style_->small);
  painter->setPen(color_ == style_->line ? style_->text : color_.darker(115));
  const QRectF inner = box.adjusted(0, 2, 0, -2);
  painter->drawText(inner, Qt::AlignHCenter | Qt::AlignTop, rate_);
  painter->drawText(inner, Qt::AlignHCenter | Qt::AlignBottom, detail_);
}

}  // namespace clusterscope::app
