#pragma once

#include <QColor>
#include <QPointer>
#include <QString>
#include <cstddef>
#include <vector>

#include "chart_canvas.h"
#include "chart_history.h"

// The graphs one source draws on a ChartCanvas: throughput; p50, p95 and p99; failures by
// cause; queued tasks and broker backlog; one service's utilisation; ready replicas and cores.
// The theory overlay adds the mean latency and queueing theory's predictions of it and of
// the utilisation, dashed, while switched on and predicted for the scope. Colours come from the
// source's family, causes keep their own hue; a second source is dashed. A cause's graph stays
// hidden, and out of the legend, until that cause has occurred in the scope shown. GUI thread
// only; the canvas owns the graphs, this class tracks and removes them.

namespace clusterscope::app {

class ChartSourceGraphs {
 public:
  // `index` is the source's place in the panel (0 solid, later ones dashed); `tag` prefixes
  // the legend names when several sources share the charts ("" for a single source).
  ChartSourceGraphs(ChartCanvas* canvas, int index, const QColor& base, const QString& tag);
  ~ChartSourceGraphs();
  ChartSourceGraphs(const ChartSourceGraphs&) = delete;
  ChartSourceGraphs& operator=(const ChartSourceGraphs&) = delete;

  // Replaces every graph's data with the whole history of `scope`.
  void rebuild(const ChartHistory& history, int scope);
  // Adds the last `count` samples of the history (just appended) to the graphs.
  void appendTail(const ChartHistory& history, int scope, std::size_t count);
  // Drops the points before the history's oldest sample, as the history dropped them.
  void trimTo(const ChartHistory& history);

  void setTag(const QString& tag);
  // Whether a later source may draw its dashes. Qt strokes a dashed polyline of thousands of
  // sub-pixel segments a hundred times slower than a solid one, and at that density dashes do
  // not read anyway: the panel turns them off when a view is that dense.
  void setDashesAllowed(bool allowed);
  // The queueing-theory overlay: the measured mean latency and theory's dashed prediction,
  // shown while `on` and while the scope has a prediction somewhere in its history.
  void setTheoryShown(bool on);
  bool theoryVisible() const;
  // Graphs of one plot, in creation order, hidden ones included.
  std::vector<QCPGraph*> graphs(ChartPlot plot) const;

 private:
  struct Series {
    QCPGraph* graph = nullptr;
    ChartPlot plot = ChartPlot::Throughput;
    ChartMetric metric = ChartMetric::Throughput;
    model::FailureCause cause = model::FailureCause::None;
    QString name;
    bool onlyOnceSeen = false;  // a cause: shown from its first non-zero value on
    bool theory = false;        // part of the theory overlay
  };

  void add(ChartPlot plot, ChartMetric metric, const QString& name, const QColor& color,
           bool rightAxis = false, model::FailureCause cause = model::FailureCause::None);
  void show(Series& s, bool shown);
  void revealIfSeen(Series& s, const QVector<double>& values);
  void addTheory(ChartPlot plot, ChartMetric metric);
  void showTheory();

  QPointer<ChartCanvas> canvas_;
  int index_;
  QString tag_;
  bool dashesAllowed_ = true;
  bool theoryOn_ = false;
  bool theorySeen_ = false;  // the scope shown has a prediction in its history
  std::vector<Series> series_;
};

}  // namespace clusterscope::app
