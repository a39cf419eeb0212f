#include "chart_source_graphs.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>

#include "model_text.h"

namespace clusterscope::app {

namespace {

QString causeLabel(model::FailureCause cause) { return ModelText::failureCause(cause); }

bool isPrediction(ChartMetric m) {
  return m == ChartMetric::TheoryMean || m == ChartMetric::TheoryUtilization;
}

bool anyFinite(const QVector<double>& values) {
  return std::any_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
}

}  // namespace

ChartSourceGraphs::ChartSourceGraphs(ChartCanvas* canvas, int index, const QColor& base,
                                     const QString& tag)
    : canvas_(canvas), index_(index), tag_(tag) {
  using P = ChartPlot;
  using M = ChartMetric;
  add(P::Throughput, M::Throughput, ChartCanvas::tr("completed"), base);
  add(P::Latency, M::P50, QStringLiteral("p50"), ChartStyle::shade(base, 0, 3));
  add(P::Latency, M::P95, QStringLiteral("p95"), ChartStyle::shade(base, 1, 3));
  add(P::Latency, M::P99, QStringLiteral("p99"), ChartStyle::shade(base, 2, 3));
  // Theory predicts a mean, so the overlay compares it with the measured mean, not a
  // percentile.
  add(P::Latency, M::Mean, ChartCanvas::tr("mean"),
      base.darker(140));
  series_.back().theory = true;
  show(series_.back(), false);
  addTheory(ChartPlot::Latency, ChartMetric::TheoryMean);
  for (int c = 1; c < model::kFailureCauseCount; ++c) {
    const auto cause = static_cast<model::FailureCause>(c);
    add(P::Errors, M::Failures, causeLabel(cause), ChartStyle::causeColor(cause), false, cause);
  }
  add(P::Queue, M::Queue, ChartCanvas::tr("queued"), base);
  add(P::Queue, M::BrokerBacklog, ChartCanvas::tr("broker backlog"), ChartStyle::shade(base, 0, 3),
      true);
  // One service's busy share of its workers; end to end there is none.
  add(P::Utilization, M::Utilization, ChartCanvas::tr("busy workers"), base);
  addTheory(ChartPlot::Utilization, ChartMetric::TheoryUtilization);
  add(P::Replicas, M::ReadyReplicas, ChartCanvas::tr("ready replicas"), base);
  add(P::Replicas, M::Cores, ChartCanvas::tr("cores"), ChartStyle::shade(base, 0, 3), true);
}

ChartSourceGraphs::~ChartSourceGraphs() {
  if (!canvas_) return;
  for (Series& s : series_) {
    // removeGraph() takes a graph out of the plot's default legend only; ours sit in one
    // legend per plot, where a dangling item would be drawn at the next replot.
    s.graph->removeFromLegend(canvas_->plotLegend(s.plot));
    canvas_->removeGraph(s.graph);
  }
}

void ChartSourceGraphs::add(ChartPlot plot, ChartMetric metric, const QString& name,
                            const QColor& color, bool rightAxis, model::FailureCause cause) {
  QCPAxisRect* rect = canvas_->plotRect(plot);
  QCPGraph* g = canvas_->addGraph(rect->axis(QCPAxis::atBottom),
                                  rect->axis(rightAxis ? QCPAxis::atRight : QCPAxis::atLeft));
  QPen pen(color, canvas_->style().lineWidth(), ChartStyle::sourcePenStyle(index_));
  pen.setCapStyle(Qt::FlatCap);
  pen.setJoinStyle(Qt::RoundJoin);
  g->setPen(pen);
  g->setSelectable(QCP::stNone);
  // Counts and provisioned capacity hold over an interval; the point sits at its end.
  if (metric == ChartMetric::ReadyReplicas || metric == ChartMetric::Cores) {
    g->setLineStyle(QCPGraph::lsStepRight);
  }
  // The right axis's cluster-wide figure is a light area behind the left axis's line: told
  // apart by shape, not by a second hue, so a comparison's colours still mean "which source".
  if (rightAxis) {
    QColor fill = color;
    fill.setAlpha(index_ == 0 ? 55 : 40);
    g->setBrush(fill);
  }
  g->setAdaptiveSampling(true);
  Series s;
  s.graph = g;
  s.plot = plot;
  s.metric = metric;
  s.cause = cause;
  s.name = name;
  s.onlyOnceSeen = cause != model::FailureCause::None;
  series_.push_back(s);
  show(series_.back(), !s.onlyOnceSeen);
}

// A prediction, hidden until asked for: dashed, in a neutral dark grey that reads as "not
// measured" beside the source's colours.
void ChartSourceGraphs::addTheory(ChartPlot plot, ChartMetric metric) {
  add(plot, metric, ChartCanvas::tr("theory"),
      QColor(0x30, 0x30, 0x30));
  Series& s = series_.back();
  QPen pen = s.graph->pen();
  pen.setStyle(Qt::DashLine);
  pen.setWidthF(pen.widthF() * 1.5);
  s.graph->setPen(pen);
  // A prediction holds from one interval's end to the next: steps, not slopes.
  s.graph->setLineStyle(QCPGraph::lsStepLeft);
  s.theory = true;
  show(s, false);
}

void ChartSourceGraphs::showTheory() {
  for (Series& s : series_) {
    if (s.theory) show(s, theoryOn_ && theorySeen_);
  }
}

void ChartSourceGraphs::setTheoryShown(bool on) {
  theoryOn_ = on;
  showTheory();
}

bool ChartSourceGraphs::theoryVisible() const {
  return std::any_of(series_.begin(), series_.end(),
                     [](const Series& s) { return s.theory && s.graph->visible(); });
}

void ChartSourceGraphs::show(Series& s, bool shown) {
  s.graph->setName(
      tag_.isEmpty() ? s.name : ChartCanvas::tr("%1: %2", "a source: a series").arg(tag_, s.name));
  QCPLegend* legend = canvas_->plotLegend(s.plot);
  const bool listed = legend->hasItemWithPlottable(s.graph);
  if (shown == s.graph->visible() && shown == listed) return;
  s.graph->setVisible(shown);
  if (shown && !listed) s.graph->addToLegend(legend);
  if (!shown && listed) s.graph->removeFromLegend(legend);
}

void ChartSourceGraphs::revealIfSeen(Series& s, const QVector<double>& values) {
  if (!s.onlyOnceSeen || s.graph->visible()) return;
  if (std::any_of(values.begin(), values.end(), [](double v) { return v > 0.0; })) {
    show(s, true);
  }
}

void ChartSourceGraphs::rebuild(const ChartHistory& history, int scope) {
  theorySeen_ = false;
  for (Series& s : series_) {
    ChartSeries data = history.series(s.metric, scope, 0, s.cause);
    if (s.onlyOnceSeen) show(s, false);
    revealIfSeen(s, data.y);
    if (s.metric == ChartMetric::TheoryMean && anyFinite(data.y)) theorySeen_ = true;
    s.graph->setData(data.x, data.y, true);
  }
  showTheory();
}

void ChartSourceGraphs::appendTail(const ChartHistory& history, int scope, std::size_t count) {
  count = std::min(count, history.size());
  if (count == 0) return;
  for (Series& s : series_) {
    ChartSeries data = history.series(s.metric, scope, history.size() - count, s.cause);
    revealIfSeen(s, data.y);
    if (s.metric == ChartMetric::TheoryMean && !theorySeen_ && anyFinite(data.y)) {
      theorySeen_ = true;
      showTheory();
    }
    s.graph->addData(data.x, data.y, true);
  }
}

void ChartSourceGraphs::trimTo(const ChartHistory& history) {
  if (history.empty()) {
    for (Series& s : series_) s.graph->data()->clear();
    return;
  }
  const double oldest = history.at(0).endS;
  for (Series& s : series_) s.graph->data()->removeBefore(oldest);
}

void ChartSourceGraphs::setTag(const QString& tag) {
  tag_ = tag;
  for (Series& s : series_) {
    s.graph->setName(tag_.isEmpty()
                         ? s.name
                         : ChartCanvas::tr("%1: %2", "a source: a series").arg(tag_, s.name));
  }
}

void ChartSourceGraphs::setDashesAllowed(bool allowed) {
  if (allowed == dashesAllowed_) return;
  dashesAllowed_ = allowed;
  const Qt::PenStyle style = allowed ? ChartStyle::sourcePenStyle(index_) : Qt::SolidLine;
  for (Series& s : series_) {
    if (isPrediction(s.metric)) continue;  // always dashed
    QPen pen = s.graph->pen();
    pen.setStyle(style);
    s.graph->setPen(pen);
  }
}

std::vector<QCPGraph*> ChartSourceGraphs::graphs(ChartPlot plot) const {
  std::vector<QCPGraph*> out;
  for (const Series& s : series_) {
    if (s.plot == plot) out.push_back(s.graph);
  }
  return out;
}

}  // namespace clusterscope::app
