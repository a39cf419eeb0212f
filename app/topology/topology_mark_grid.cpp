#include "topology_mark_grid.h"

#include <algorithm>
#include <cmath>

namespace clusterscope::app {

MarkGrid::MarkGrid(const QRectF& area, int count, double maxSize) : area_(area), count_(count) {
  if (count <= 0 || area.width() <= 0 || area.height() <= 0) {
    count_ = 0;
    return;
  }
  // The largest step (mark plus a gap of a fifth of it) at which every mark fits; from the
  // area per mark, then shrunk until the rows fit (rounding down columns loses some).
  double step = std::min(maxSize * 1.25, std::sqrt(area.width() * area.height() / count));
  for (;;) {
    const int cols = std::max(1, static_cast<int>(std::floor(area.width() / step)));
    const int rows = std::max(1, static_cast<int>(std::floor(area.height() / step)));
    if (cols * rows >= count || step <= 1.0) {
      columns_ = cols;
      break;
    }
    step *= 0.95;
  }
  step_ = step;
  size_ = std::max(1.0, step * 0.8);
}

QRectF MarkGrid::rect(int i) const {
  if (i < 0 || i >= count_) return {};
  const int row = i / columns_, col = i % columns_;
  return QRectF(area_.left() + col * step_, area_.top() + row * step_, size_, size_);
}

int MarkGrid::indexAt(const QPointF& p) const {
  if (count_ == 0 || step_ <= 0) return -1;
  const double dx = p.x() - area_.left(), dy = p.y() - area_.top();
  if (dx < 0 || dy < 0) return -1;
  const int col = static_cast<int>(dx / step_), row = static_cast<int>(dy / step_);
  if (col >= columns_) return -1;
  const int i = row * columns_ + col;
  return i < count_ ? i : -1;
}

}  // namespace clusterscope::app
