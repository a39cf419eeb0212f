#pragma once

#include <QColor>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QWidget>
#include <memory>
#include <vector>

#include "chart_canvas.h"
#include "chart_history.h"
#include "charts_toolbar.h"
#include "cluster_backend.h"
#include "selection.h"

// The charts of issue 3: throughput; latency p50/p95/p99 (log scale optional); errors by cause;
// queued tasks and broker backlog; one service's utilisation; ready replicas and cores; for a
// service that fits a classic queue, queueing theory's predictions; a labelled vertical marker at
// every action. End to end or one component. A rolling window follows the newest data; dragging
// or zooming the time axis stops following and looks back into the history; "Follow" resumes.
// In comparison mode two sources (variants of one scenario) overlay their curves.
//
// Samples and actions only update the data and mark the panel dirty; one single-shot timer
// replots at most ~30 times a second, so a burst of hundreds of samples costs one replot.
// Memory is bounded by each source's ChartHistory limits. GUI thread only.

namespace clusterscope::app {

class ChartMarkers;
class ChartSourceGraphs;

class ChartsPanel : public QWidget {
  Q_OBJECT

 public:
  explicit ChartsPanel(QWidget* parent = nullptr);
  ~ChartsPanel() override;

  // Charts a back end's samples and actions from now on (and its layout if it has one). The
  // first source is the normal case; a second one (comparison mode) is drawn in its own
  // colour family, dashed unless the view is too dense for dashes to read, and legends then
  // prefix names with `label`. An invalid `base` picks a default colour (blue, then orange).
  // The panel does not own the back end; one destroyed is dropped.
  void addSource(ClusterBackend* backend, const QString& label, const QColor& base = QColor());
  void clearSources();
  int sourceCount() const { return static_cast<int>(sources_.size()); }
  // The source's history, or null when out of range.
  const ChartHistory* history(int source) const;

  // -1 = end to end, else a component index of the (first source's) layout. When the layout
  // changes shape the scope follows its component by name.
  int scope() const { return scope_; }
  // Width of the rolling window, in cluster seconds (10 s .. 4 h).
  double windowSeconds() const { return windowS_; }
  bool follow() const { return follow_; }
  bool logLatency() const;
  // The queueing-theory overlay on the latency chart (remembered across runs), and whether it
  // is drawn now: only for a component scope with a prediction in its history.
  bool theoryShown() const { return theoryShown_; }
  bool theoryOverlayVisible() const;
  bool presenterMode() const { return style_.presenter; }

  // Write the charts as they are shown (PNG, PDF) or every sample of the current scope (CSV;
  // with several sources a first "source" column tells them apart). Return false and leave a
  // message in lastError() when the file cannot be written.
  bool exportPng(const QString& path);
  bool exportPdf(const QString& path);
  bool exportCsv(const QString& path);
  QString lastError() const { return lastError_; }

  // For tests and tools: marker labels in time order; graphs of a plot (all sources, hidden
  // cause graphs included) and the points of one; the visible time range; timer replots so far.
  QStringList markerLabels() const;
  int graphCount(ChartPlot plot) const;
  int graphPointCount(ChartPlot plot, int graph) const;
  QCPRange visibleRange() const;
  int refreshCount() const { return refreshCount_; }
  ChartCanvas* canvas() const { return canvas_; }
  // What the refresh timer does (window, axes, labels, replot), now and with a synchronous
  // repaint: for benchmarks and screenshots.
  void replotNow();

 public slots:
  void setScope(int component);
  void setWindowSeconds(double seconds);
  void setFollow(bool on);
  void setLogLatency(bool on);
  void setTheoryShown(bool on);
  void setPresenterMode(bool on);
  // Follows the topology's selection: a component, or the (first) component of a selected
  // deployment, replica or call edge's callee; anything else shows end to end.
  void followSelection(const clusterscope::app::Selection& selection);

 signals:
  void scopeChanged(int component);
  void followChanged(bool on);

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  struct Source;

  int indexOf(const Source& s) const;
  void connectSource(Source& s);
  void removeSource(Source* s);
  void onReset(Source& s, std::shared_ptr<const model::ClusterLayout> layout);
  void onReshape(Source& s, std::shared_ptr<const model::ClusterLayout> layout);
  void onSamples(Source& s, const QVector<model::ChartSample>& samples);
  void onAction(Source& s, double atS, const QString& label);
  void refreshScopeChoices();
  void retag();
  void markDirty();
  void refresh();
  void prepareFrame();
  void exportWithDialog(ChartsToolbar::ExportFormat format);

  ChartCanvas* canvas_;
  ChartsToolbar* toolbar_;
  std::unique_ptr<ChartMarkers> markers_;
  std::vector<std::unique_ptr<Source>> sources_;
  QTimer refreshTimer_;
  int scope_ = ChartHistory::kEndToEnd;
  double windowS_ = 120.0;
  bool follow_ = true;
  bool theoryShown_ = true;
  ChartStyle style_;
  int refreshCount_ = 0;
  QString lastError_;
};

}  // namespace clusterscope::app
