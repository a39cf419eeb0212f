#pragma once

#include <QRectF>

// Places `count` small square marks (one per replica) in a rectangle: as large as possible up
// to a maximum size, row by row, so that a box keeps its size whether it holds 2 replicas or
// 200. A value type; cheap to recompute when the count changes.

namespace clusterscope::app {

class MarkGrid {
 public:
  MarkGrid() = default;
  MarkGrid(const QRectF& area, int count, double maxSize = 14.0);

  int count() const { return count_; }
  double markSize() const { return size_; }
  // The mark of item i (0 <= i < count), or an empty rect.
  QRectF rect(int i) const;
  // The item whose mark contains p (with a small margin), or -1.
  int indexAt(const QPointF& p) const;

 private:
  QRectF area_;
  int count_ = 0;
  int columns_ = 1;
  double size_ = 0.0;
  double step_ = 0.0;
};

}  // namespace clusterscope::app
