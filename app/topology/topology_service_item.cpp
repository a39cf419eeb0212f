#include "topology_service_item.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include "state_colors.h"
#include "topology_format.h"

namespace clusterscope::app {

namespace {

// Below this zoom text is a smudge: skip it and keep the colours, which still read.
constexpr double kTextLod = 0.4;
constexpr double kHighlightMargin = 6.0;

}  // namespace

TopologyServiceItem::TopologyServiceItem(int deployment, const model::DeploymentInfo& info,
                                         const QRectF& rect, const TopologyStyle* style)
    : deployment_(deployment),
      style_(style),
      rect_(0, 0, rect.width(), rect.height()),
      name_(QString::fromStdString(info.name)),
      language_(QString::fromStdString(info.language)),
      workers_(info.workersPerReplica),
      border_(style->line) {
  setPos(rect.topLeft());
  setZValue(1);
  const auto& m = style_->metrics;
  const QFontMetricsF titleFm(style_->title), tagFm(style_->small);
  double x = m.padding + titleFm.horizontalAdvance(name_) + 8;
  if (!language_.isEmpty()) {
    const double h = tagFm.height() + 2;
    tagRect_ =
        QRectF(x, m.padding + (m.titleHeight - h) / 2, tagFm.horizontalAdvance(language_) + 10, h);
    x = tagRect_.right() + 8;
  }
  if (info.isMonolith) {
    // Says why the modules share one box: they live and die together.
    kind_ = Topology::tr("monolith: %1 modules in one process").arg(info.components.size());
    kindRect_ = QRectF(x, m.padding, tagFm.horizontalAdvance(kind_) + 2, m.titleHeight);
  }
}

QRectF TopologyServiceItem::boundingRect() const {
  return rect_.adjusted(-kHighlightMargin, -kHighlightMargin, kHighlightMargin, kHighlightMargin);
}

QRectF TopologyServiceItem::marksArea() const {
  const auto& m = style_->metrics;
  return QRectF(m.padding, m.padding + m.titleHeight, rect_.width() - 2 * m.padding, m.marksHeight);
}

void TopologyServiceItem::setState(const model::DeploymentView& view,
                                   const model::ComponentView& main, double failedRatio) {
  bool changed = false;
  std::vector<Mark> marks;
  marks.reserve(view.replicas.size());
  int ready = 0;
  for (const auto& r : view.replicas) {
    marks.push_back(Mark{r.index, StateColors::replica(r, workers_), r.state, r.inPlan});
    if (r.state == model::ReplicaState::Ready) ++ready;
  }
  if (marks != marks_) {
    if (marks.size() != marks_.size())
      grid_ = MarkGrid(marksArea(), static_cast<int>(marks.size()), 20.0);
    marks_ = std::move(marks);
    changed = true;
  }
  const bool allDown = ready == 0 && !view.replicas.empty();
  QString line1 = Topology::tr("util %1 · %2")
                      .arg(formatPercent(view.utilization), formatRate(main.throughputRps));
  QString line2 = QStringLiteral("p95 %1").arg(formatLatency(main.p95Ms));
  if (failedRatio >= 0.0005) line2 += Topology::tr(" · err %1").arg(formatPercent(failedRatio));
  if (view.backlog > 0) {
    line2 += Topology::tr(" · backlog %1").arg(formatCount(static_cast<double>(view.backlog)));
  }
  QString count = QStringLiteral("%1/%2").arg(ready).arg(view.desiredReplicas);
  const QColor border = allDown || view.replicas.empty()
                            ? StateColors::critical()
                            : StateColors::health(failedRatio, view.utilization);
  // Long figures (seconds, errors and a backlog at once) are cut rather than spill out.
  const QFontMetricsF fm(style_->body);
  const double width = rect_.width() - 2 * style_->metrics.padding;
  line1 = fm.elidedText(line1, Qt::ElideRight, width);
  line2 = fm.elidedText(line2, Qt::ElideRight, width);
  if (line1 != line1_ || line2 != line2_ || count != count_ || border != border_ ||
      allDown != allDown_) {
    line1_ = std::move(line1);
    line2_ = std::move(line2);
    count_ = std::move(count);
    border_ = border;
    allDown_ = allDown;
    changed = true;
  }
  if (changed) update();
}

void TopologyServiceItem::setHighlight(bool box, int replica) {
  if (box == highlightBox_ && replica == highlightReplica_) return;
  highlightBox_ = box;
  highlightReplica_ = replica;
  update();
}

int TopologyServiceItem::replicaAt(const QPointF& local) const {
  const int i = grid_.indexAt(local);
  return i >= 0 && i < static_cast<int>(marks_.size()) ? marks_[i].replica : -1;
}

QRectF TopologyServiceItem::replicaRect(int replica) const {
  for (std::size_t i = 0; i < marks_.size(); ++i) {
    if (marks_[i].replica == replica) return grid_.rect(static_cast<int>(i));
  }
  return {};
}

QColor TopologyServiceItem::replicaColor(int replica) const {
  for (const auto& m : marks_) {
    if (m.replica == replica) return m.color;
  }
  return {};
}

bool TopologyServiceItem::replicaOutsidePlan(int replica) const {
  for (const auto& m : marks_) {
    if (m.replica == replica) return !m.inPlan;
  }
  return false;
}

std::vector<int> TopologyServiceItem::replicaNumbers() const {
  std::vector<int> numbers;
  for (const auto& m : marks_) numbers.push_back(m.replica);
  return numbers;
}

void TopologyServiceItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option,
                                QWidget*) {
  const auto& m = style_->metrics;
  const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
  painter->setRenderHint(QPainter::Antialiasing, lod > kTextLod);
  QColor fill = style_->boxFill;
  if (allDown_) fill = StateColors::draining();  // a dead deployment greys out
  painter->setPen(QPen(border_, 2.5));
  painter->setBrush(fill);
  painter->drawRoundedRect(rect_.adjusted(1, 1, -1, -1), 8, 8);
  if (highlightBox_) {
    painter->setPen(QPen(style_->highlight, 4));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(rect_.adjusted(-3, -3, 3, 3), 10, 10);
  }

  // Replica marks: squares, with a cross on dead ones so that the state does not rest on
  // colour alone.
  const double size = grid_.markSize();
  const bool detailed = lod * size >= 6;
  for (std::size_t i = 0; i < marks_.size(); ++i) {
    const QRectF r = grid_.rect(static_cast<int>(i));
    if (!detailed) {
      painter->fillRect(r, marks_[i].color);
      continue;
    }
    painter->setPen(QPen(style_->line, 1));
    painter->setBrush(marks_[i].color);
    painter->drawRoundedRect(r, 2, 2);
    if (!marks_[i].inPlan) {
      // Not in the plan (an agent started by hand, another language): a dashed ring says so.
      QPen pen(style_->text, 1.5, Qt::DashLine);
      painter->setPen(pen);
      painter->setBrush(Qt::NoBrush);
      painter->drawRoundedRect(r.adjusted(-2, -2, 2, 2), 3, 3);
    }
    if (marks_[i].state == model::ReplicaState::Down && size >= 8) {
      painter->setPen(QPen(Qt::white, 1.5));
      const QRectF x = r.adjusted(size * 0.25, size * 0.25, -size * 0.25, -size * 0.25);
      painter->drawLine(x.topLeft(), x.bottomRight());
      painter->drawLine(x.topRight(), x.bottomLeft());
    }
  }
  if (highlightReplica_ >= 0) {
    const QRectF r = replicaRect(highlightReplica_);
    if (!r.isEmpty()) {
      painter->setPen(QPen(style_->highlight, 3));
      painter->setBrush(Qt::NoBrush);
      painter->drawRect(r.adjusted(-2.5, -2.5, 2.5, 2.5));
    }
  }
  if (lod < kTextLod) return;

  const QRectF titleRect(m.padding, m.padding, rect_.width() - 2 * m.padding, m.titleHeight);
  painter->setPen(style_->text);
  painter->setFont(style_->title);
  painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter, name_);
  painter->setFont(style_->small);
  painter->setPen(style_->mutedText);
  painter->drawText(titleRect, Qt::AlignRight | Qt::AlignVCenter, count_);
  if (!tagRect_.isNull()) {
    painter->setBrush(style_->moduleFill);
    painter->drawRoundedRect(tagRect_, 4, 4);
    painter->drawText(tagRect_, Qt::AlignCenter, language_);
  }
  if (!kind_.isEmpty()) painter->drawText(kindRect_, Qt::AlignLeft | Qt::AlignVCenter, kind_);
  painter->setFont(style_->body);
  painter->setPen(style_->text);
  const double y = m.padding + m.titleHeight + m.marksHeight + 4;
  const double w = rect_.width() - 2 * m.padding;
  painter->drawText(QRectF(m.padding, y, w, m.lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                    line1_);
  painter->drawText(QRectF(m.padding, y + m.lineHeight, w, m.lineHeight),
                    Qt::AlignLeft | Qt::AlignVCenter, line2_);
}

}  // namespace clusterscope::app
