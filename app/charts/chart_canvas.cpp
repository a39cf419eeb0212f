#include "chart_canvas.h"

#include <QFontMetrics>
#include <algorithm>
#include <cmath>

namespace clusterscope::app {

namespace {

constexpr double kMinSpanS = 5.0;  // zooming in further shows nothing but two points
constexpr int kLaneRows = 3;       // marker labels close in time stack in up to three rows

// Axis labels are units only: short enough to fit beside a plot in presenter mode. What the
// plot shows is its title, above its legend.
QString title(ChartPlot plot) {
  switch (plot) {
    case ChartPlot::Throughput:
      return ChartCanvas::tr("Throughput");
    case ChartPlot::Latency:
      return ChartCanvas::tr("Latency");
    case ChartPlot::Errors:
      return ChartCanvas::tr("Errors by cause");
    case ChartPlot::Queue:
      return ChartCanvas::tr("Queues");
    case ChartPlot::Utilization:
      return ChartCanvas::tr("Utilisation");
    case ChartPlot::Replicas:
      return ChartCanvas::tr("Capacity");
  }
  return QString();
}

QString leftLabel(ChartPlot plot) {
  switch (plot) {
    case ChartPlot::Throughput:
      return ChartCanvas::tr("req/s");
    case ChartPlot::Latency:
      return ChartCanvas::tr("ms");
    case ChartPlot::Errors:
      return ChartCanvas::tr("failed/s");
    case ChartPlot::Queue:
      return ChartCanvas::tr("tasks");
    case ChartPlot::Utilization:
      return ChartCanvas::tr("busy");
    case ChartPlot::Replicas:
      return ChartCanvas::tr("replicas");
  }
  return QString();
}

// The right axis carries a cluster-wide figure of another magnitude, or nothing (empty).
QString rightLabel(ChartPlot plot) {
  switch (plot) {
    case ChartPlot::Queue:
      return ChartCanvas::tr("messages");
    case ChartPlot::Replicas:
      return ChartCanvas::tr("cores");
    default:
      return QString();
  }
}

void setLogTicker(QCPAxis* axis, bool log) {
  axis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
  if (log) {
    axis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  } else {
    axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
  }
}

}  // namespace

ChartCanvas::ChartCanvas(QWidget* parent) : QCustomPlot(parent) {
  plotLayout()->clear();  // drops the default axis rect and legend
  // Each graph goes to its own plot's legend, never to whichever legend came first.
  setAutoAddPlottableToLegend(false);
  addLayer(markerLayer(), layer("main"), QCustomPlot::limBelow);
  addLayer(markerLabelLayer(), layer("main"), QCustomPlot::limAbove);
  setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  // Large histories stay smooth while dragging; the static picture keeps its antialiasing.
  setNoAntialiasingOnDrag(true);
  setPlottingHint(QCP::phCacheLabels, true);
  setPlottingHint(QCP::phFastPolylines, true);

  auto* margins = new QCPMarginGroup(this);
  lane_ = new QCPAxisRect(this);
  lane_->axis(QCPAxis::atBottom)->setVisible(false);
  lane_->axis(QCPAxis::atLeft)->setVisible(false);
  lane_->axis(QCPAxis::atLeft)->setRange(0, 1);
  lane_->setAutoMargins(QCP::msLeft | QCP::msRight);
  lane_->setMargins(QMargins(0, 2, 0, 0));
  lane_->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
  plotLayout()->addElement(0, 0, lane_);

  for (int i = 0; i < kChartPlotCount; ++i) {
    const auto plot = static_cast<ChartPlot>(i);
    const bool bottom = i == kChartPlotCount - 1;
    auto* rect = new QCPAxisRect(this);
    rect->setupFullAxesBox(false);  // a frame on all four sides; ticks on top and right too
    rect->axis(QCPAxis::atBottom)->setTickLabels(bottom);
    if (bottom) rect->axis(QCPAxis::atBottom)->setLabel(tr("cluster time (s)"));
    rect->axis(QCPAxis::atLeft)->setLabel(leftLabel(plot));
    if (const QString right = rightLabel(plot); !right.isEmpty()) {
      rect->axis(QCPAxis::atRight)->setTickLabels(true);
      rect->axis(QCPAxis::atRight)->setLabel(right);
    }
    if (plot == ChartPlot::Replicas) {
      // Replicas are whole: ticks at 1, 2, 5, 10, ... rather than at 2.5 replicas.
      for (QCPAxis* axis : {rect->axis(QCPAxis::atLeft), rect->axis(QCPAxis::atRight)}) {
        auto ticker = QSharedPointer<QCPAxisTickerFixed>(new QCPAxisTickerFixed);
        ticker->setTickStep(1.0);
        ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
        axis->setTicker(ticker);
      }
    }
    rect->setAutoMargins(bottom ? QCP::msLeft | QCP::msRight | QCP::msBottom
                                : QCP::msLeft | QCP::msRight);
    rect->setMargins(QMargins(0, 8, 0, 0));
    rect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    rect->setRangeDrag(Qt::Horizontal);
    rect->setRangeZoom(Qt::Horizontal);
    rect->setRangeDragAxes(rect->axis(QCPAxis::atBottom), nullptr);
    rect->setRangeZoomAxes(rect->axis(QCPAxis::atBottom), nullptr);
    plotLayout()->addElement(i + 1, 0, rect);
    rects_[i] = rect;

    // A legend fills its layout cell: a sub-grid with a spacer below keeps it at the top of
    // its plot instead of spreading its entries over the plot's height.
    auto* cell = new QCPLayoutGrid;
    plotLayout()->addElement(i + 1, 1, cell);
    auto* heading = new QCPTextElement(this, title(plot));
    heading->setTextFlags(Qt::AlignLeft | Qt::AlignVCenter);
    heading->setMargins(QMargins(10, 6, 4, 0));
    cell->addElement(0, 0, heading);
    auto* legend = new QCPLegend;
    cell->addElement(1, 0, legend);
    cell->addElement(2, 0, new QCPLayoutElement(this));
    cell->setRowStretchFactor(0, 0.001);
    cell->setRowStretchFactor(1, 0.001);
    cell->setRowStretchFactor(2, 1.0);
    cell->setRowSpacing(0);
    titles_[i] = heading;
    legend->setLayer("legend");
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(Qt::NoBrush);
    // Errors may list every cause: a second column rather than a legend taller than its plot.
    legend->setWrap(plot == ChartPlot::Errors ? 5 : 6);
    legend->setRowSpacing(0);
    legend->setMargins(QMargins(6, 2, 4, 0));
    legend->setSelectableParts(QCPLegend::spNone);
    legends_[i] = legend;
  }
  lane_->setRangeDrag(Qt::Horizontal);
  lane_->setRangeZoom(Qt::Horizontal);
  lane_->setRangeDragAxes(lane_->axis(QCPAxis::atBottom), nullptr);
  lane_->setRangeZoomAxes(lane_->axis(QCPAxis::atBottom), nullptr);

  plotLayout()->setColumnStretchFactor(0, 1.0);
  plotLayout()->setColumnStretchFactor(1, 0.01);  // the legends get just what they need
  plotLayout()->setRowStretchFactor(0, 0.01);
  // The bottom row also holds the time axis's labels: a little more height keeps its plot
  // about as tall as the others.
  plotLayout()->setRowStretchFactor(kChartPlotCount, 1.2);
  plotLayout()->setRowSpacing(0);

  std::array<QCPAxisRect*, kChartPlotCount + 1> all{};
  all[0] = lane_;
  std::copy(rects_.begin(), rects_.end(), all.begin() + 1);
  for (QCPAxisRect* rect : all) {
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    x->setRange(0, 120);
    connect(x, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            [this, x](const QCPRange& r) { onXRangeChanged(x, r); });
  }
  applyStyle(style_);
}

QCPRange ChartCanvas::xRange() const { return rects_[0]->axis(QCPAxis::atBottom)->range(); }

void ChartCanvas::setXRange(const QCPRange& range) {
  programmatic_ = true;
  rects_[0]->axis(QCPAxis::atBottom)->setRange(range);
  programmatic_ = false;
}

void ChartCanvas::setXLimits(double lo, double hi) {
  limitLo_ = lo;
  limitHi_ = hi;
}

QCPRange ChartCanvas::clamp(QCPRange r) const {
  if (!(limitLo_ < limitHi_)) return r;
  const double span = limitHi_ - limitLo_;
  double width = std::max(r.size(), std::min(kMinSpanS, span));
  if (width >= span) return QCPRange(limitLo_, limitHi_);
  double lo = std::clamp((r.lower + r.upper - width) / 2.0, limitLo_, limitHi_ - width);
  return QCPRange(lo, lo + width);
}

void ChartCanvas::onXRangeChanged(QCPAxis* axis, const QCPRange& range) {
  if (syncing_) return;
  syncing_ = true;
  const QCPRange r = programmatic_ ? range : clamp(range);
  axis->setRange(r);
  lane_->axis(QCPAxis::atBottom)->setRange(r);
  for (QCPAxisRect* rect : rects_) rect->axis(QCPAxis::atBottom)->setRange(r);
  syncing_ = false;
  if (!programmatic_) emit userMovedX();
}

void ChartCanvas::setLogLatency(bool on) {
  logLatency_ = on;
  setLogTicker(plotRect(ChartPlot::Latency)->axis(QCPAxis::atLeft), on);
}

void ChartCanvas::autoscaleY() {
  const QCPRange xr = xRange();
  for (QCPAxisRect* rect : rects_) {
    for (QCPAxis* axis : {rect->axis(QCPAxis::atLeft), rect->axis(QCPAxis::atRight)}) {
      const bool log = axis->scaleType() == QCPAxis::stLogarithmic;
      bool any = false;
      QCPRange total;
      for (QCPGraph* g : axis->graphs()) {
        if (!g->visible() || g->valueAxis() != axis) continue;
        bool found = false;
        const QCPRange r = g->getValueRange(found, log ? QCP::sdPositive : QCP::sdBoth, xr);
        if (!found) continue;
        total = any ? QCPRange(std::min(total.lower, r.lower), std::max(total.upper, r.upper)) : r;
        any = true;
      }
      if (log) {
        // At least a decade, so that the log ticker has a labelled tick to draw.
        double lo = any ? total.lower / 1.5 : 1.0;
        double hi = any ? total.upper * 1.5 : 100.0;
        if (hi / lo < 10.0) {
          const double mid = std::sqrt(lo * hi);
          lo = mid / std::sqrt(10.0);
          hi = mid * std::sqrt(10.0);
        }
        axis->setRange(lo, hi);
      } else {
        // Rates and counts start at zero: a line that hugs the top would look like a crisis.
        const double hi = any && total.upper > 0.0 ? total.upper * 1.12 : 1.0;
        axis->setRange(0.0, hi);
      }
    }
  }
}

void ChartCanvas::sizeLane() {
  const int rowHeight = QFontMetrics(style_.markerFont()).height() + 2;
  const int h = kLaneRows * rowHeight + 2;
  lane_->setMinimumSize(0, h);
  lane_->setMaximumSize(QWIDGETSIZE_MAX, h);
}

void ChartCanvas::applyStyle(const ChartStyle& style) {
  style_ = style;
  for (QCPAxisRect* rect : rects_) {
    for (QCPAxis* axis : rect->axes()) {
      axis->setTickLabelFont(style.tickFont());
      axis->setLabelFont(style.axisLabelFont());
      axis->setLabelPadding(style.presenter ? 6 : 3);
      // Large type in short plots: two or three value ticks, so that their labels do not collide.
      if (axis->axisType() != QCPAxis::atBottom)
        axis->ticker()->setTickCount(style.presenter ? 2 : 5);
    }
  }
  for (QCPLegend* legend : legends_) legend->setFont(style.legendFont());
  for (int i = 0; i < kChartPlotCount; ++i) {
    // In large type a rotated axis title is taller than its short plot and runs into the
    // next one: presenter mode moves the units into the heading beside the legend instead.
    const auto plot = static_cast<ChartPlot>(i);
    const QString left = leftLabel(plot);
    const QString right = rightLabel(plot);
    QString heading = title(plot);
    if (style.presenter) {
      heading = right.isEmpty() ? tr("%1 (%2)", "plot title (unit)").arg(heading, left)
                                : tr("%1 (%2, %3)", "plot title (units)").arg(heading, left, right);
    }
    titles_[i]->setText(heading);
    titles_[i]->setFont(style.axisLabelFont());
    rects_[i]->axis(QCPAxis::atLeft)->setLabel(style.presenter ? QString() : left);
    if (!right.isEmpty()) {
      rects_[i]->axis(QCPAxis::atRight)->setLabel(style.presenter ? QString() : right);
    }
  }
  for (int i = 0; i < graphCount(); ++i) {
    QPen pen = graph(i)->pen();
    pen.setWidthF(style.lineWidth());
    graph(i)->setPen(pen);
  }
  sizeLane();
}

}  // namespace clusterscope::app
