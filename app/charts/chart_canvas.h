#pragma once

#include <qcustomplot.h>

#include <array>

#include "chart_style.h"

// The drawing surface of the charts panel: one QCustomPlot holding a strip for marker labels
// on top, then five plots stacked on one shared time axis, each with its legend in a column on
// the right (so legends never cover data). One widget means one replot and one export for all
// five. Only the time axis moves with the mouse (drag to pan, wheel to zoom); value axes are
// fitted to the visible data by autoscaleY(). GUI thread only.

namespace clusterscope::app {

enum class ChartPlot { Throughput, Latency, Errors, Queue, Utilization, Replicas };
inline constexpr int kChartPlotCount = 6;

class ChartCanvas : public QCustomPlot {
  Q_OBJECT

 public:
  explicit ChartCanvas(QWidget* parent = nullptr);

  QCPAxisRect* plotRect(ChartPlot plot) const { return rects_[static_cast<int>(plot)]; }
  QCPLegend* plotLegend(ChartPlot plot) const { return legends_[static_cast<int>(plot)]; }
  // The strip above the plots where ChartMarkers writes action labels; x follows the plots.
  QCPAxisRect* lane() const { return lane_; }
  // Layers of the markers: lines under the data, labels over everything in the lane (their
  // background hides other markers' lines passing behind them).
  static const char* markerLayer() { return "markers"; }
  static const char* markerLabelLayer() { return "markerLabels"; }

  QCPRange xRange() const;
  // Moves every time axis without counting as a user move.
  void setXRange(const QCPRange& range);
  // What the user may pan and zoom over: the history. Kept as is when lo >= hi.
  void setXLimits(double lo, double hi);

  bool logLatency() const { return logLatency_; }
  void setLogLatency(bool on);

  // Fits each value axis to the data of its visible graphs inside the time range. Linear axes
  // start at zero (every metric here is a rate, a count or a duration).
  void autoscaleY();

  const ChartStyle& style() const { return style_; }
  // Fonts of axes, legends and lane; the pen width of every graph already added.
  void applyStyle(const ChartStyle& style);

 signals:
  // The user dragged or zoomed the time axis of a plot.
  void userMovedX();

 private:
  void onXRangeChanged(QCPAxis* axis, const QCPRange& range);
  void sizeLane();
  QCPRange clamp(QCPRange range) const;

  QCPAxisRect* lane_ = nullptr;
  std::array<QCPAxisRect*, kChartPlotCount> rects_{};
  std::array<QCPLegend*, kChartPlotCount> legends_{};
  std::array<QCPTextElement*, kChartPlotCount> titles_{};
  double limitLo_ = 0.0;
  double limitHi_ = 0.0;
  bool syncing_ = false;       // inside onXRangeChanged: ignore the echoes
  bool programmatic_ = false;  // inside setXRange: not the user
  bool logLatency_ = false;
  ChartStyle style_;
};

}  // namespace clusterscope::app
