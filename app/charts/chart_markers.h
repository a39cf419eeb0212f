#pragma once

#include <QColor>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <vector>

class QCPItemStraightLine;
class QCPItemText;

// The action markers of a ChartCanvas: for each action, a vertical line through every plot and
// its label in the lane above them. Labels of actions close in time are stacked in rows of the
// lane so they do not overlap; layoutLabels() recomputes that before each replot because it
// depends on the zoom. GUI thread only; the canvas owns the items, this class tracks them.

namespace clusterscope::app {

class ChartCanvas;
struct ChartStyle;

class ChartMarkers {
 public:
  explicit ChartMarkers(ChartCanvas* canvas);
  ~ChartMarkers();
  ChartMarkers(const ChartMarkers&) = delete;
  ChartMarkers& operator=(const ChartMarkers&) = delete;

  // Adds an action of source `source` (0..31). Two sources of a comparison run the same
  // timeline: an action with the same label at the same time is drawn once, in the neutral
  // colour; one seen by a single source of several takes `color`.
  void add(double atS, const QString& label, int source, const QColor& color);
  // Forgets the markers only `source` had (it was reset or removed).
  void removeSource(int source);
  void removeBefore(double s);
  void clear();

  int count() const { return static_cast<int>(markers_.size()); }
  // In time order.
  QStringList labels() const;

  // Places the labels for the current time range and hides the items out of it.
  void layoutLabels();
  void applyStyle(const ChartStyle& style);

 private:
  struct Marker {
    double atS = 0.0;
    QString label;
    unsigned sources = 0;  // bit per source
    QColor color;
    std::vector<QCPItemStraightLine*> lines;  // one per plot and one in the lane
    QCPItemText* text = nullptr;
  };

  void createItems(Marker& m);
  void styleItems(Marker& m);
  void deleteItems(Marker& m);

  QPointer<ChartCanvas> canvas_;  // owns the items; may go first when the panel closes
  std::vector<Marker> markers_;   // sorted by atS
};

}  // namespace clusterscope::app
