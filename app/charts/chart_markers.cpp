#include "chart_markers.h"

#include <QFontMetrics>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "chart_canvas.h"

namespace clusterscope::app {

namespace {

constexpr int kRows = 3;   // as ChartCanvas sizes the lane
constexpr int kPadPx = 3;  // between a line and its label
constexpr int kGapPx = 8;  // between two labels of one row

}  // namespace

ChartMarkers::ChartMarkers(ChartCanvas* canvas) : canvas_(canvas) {}

ChartMarkers::~ChartMarkers() { clear(); }

void ChartMarkers::add(double atS, const QString& label, int source, const QColor& color) {
  const unsigned bit = 1u << (source & 31);
  auto it = std::lower_bound(markers_.begin(), markers_.end(), atS,
                             [](const Marker& m, double t) { return m.atS < t; });
  for (auto same = it; same != markers_.end() && same->atS == atS; ++same) {
    if (same->label == label && (same->sources & bit) == 0) {
      same->sources |= bit;
      same->color = ChartStyle::markerColor();
      styleItems(*same);
      return;
    }
  }
  // After the markers of the same instant, so that two actions at one time keep their order.
  while (it != markers_.end() && it->atS == atS) ++it;
  Marker m;
  m.atS = atS;
  m.label = label;
  m.sources = bit;
  m.color = color;
  createItems(m);
  markers_.insert(it, std::move(m));
}

void ChartMarkers::removeSource(int source) {
  const unsigned bit = 1u << (source & 31);
  for (auto it = markers_.begin(); it != markers_.end();) {
    it->sources &= ~bit;
    if (it->sources == 0) {
      deleteItems(*it);
      it = markers_.erase(it);
    } else {
      ++it;
    }
  }
}

void ChartMarkers::removeBefore(double s) {
  auto end =
      std::find_if(markers_.begin(), markers_.end(), [s](const Marker& m) { return m.atS >= s; });
  for (auto it = markers_.begin(); it != end; ++it) deleteItems(*it);
  markers_.erase(markers_.begin(), end);
}

void ChartMarkers::clear() {
  for (Marker& m : markers_) deleteItems(m);
  markers_.clear();
}

QStringList ChartMarkers::labels() const {
  QStringList out;
  for (const Marker& m : markers_) out << m.label;
  return out;
}

void ChartMarkers::createItems(Marker& m) {
  std::vector<QCPAxisRect*> rects = {canvas_->lane()};
  for (int i = 0; i < kChartPlotCount; ++i) {
    rects.push_back(canvas_->plotRect(static_cast<ChartPlot>(i)));
  }
  for (QCPAxisRect* rect : rects) {
    auto* line = new QCPItemStraightLine(canvas_);
    line->setLayer(ChartCanvas::markerLayer());
    line->setClipAxisRect(rect);
    line->setSelectable(false);
    // x in time, y as a fraction of the rect: valid on a log axis too.
    for (QCPItemPosition* p : {line->point1, line->point2}) {
      p->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
      p->setAxisRect(rect);
      p->setTypeX(QCPItemPosition::ptPlotCoords);
      p->setTypeY(QCPItemPosition::ptAxisRectRatio);
    }
    line->point1->setCoords(m.atS, 0.0);
    line->point2->setCoords(m.atS, 1.0);
    m.lines.push_back(line);
  }
  m.text = new QCPItemText(canvas_);
  m.text->setLayer(ChartCanvas::markerLabelLayer());
  m.text->setClipAxisRect(canvas_->lane());
  m.text->setSelectable(false);
  m.text->position->setAxes(canvas_->lane()->axis(QCPAxis::atBottom),
                            canvas_->lane()->axis(QCPAxis::atLeft));
  m.text->position->setAxisRect(canvas_->lane());
  m.text->position->setTypeX(QCPItemPosition::ptPlotCoords);
  m.text->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
  m.text->setText(m.label);
  m.text->setPadding(QMargins(kPadPx, 0, kPadPx, 0));
  styleItems(m);
}

void ChartMarkers::styleItems(Marker& m) {
  const ChartStyle& style = canvas_->style();
  QPen pen(m.color, style.markerLineWidth(), Qt::DashLine);
  pen.setCosmetic(false);
  for (QCPItemStraightLine* line : m.lines) line->setPen(pen);
  // The lane's segment is solid: it ties the label to its dashed line below.
  if (!m.lines.empty()) m.lines.front()->setPen(QPen(m.color, style.markerLineWidth()));
  m.text->setFont(style.markerFont());
  // Hides the lines of other markers passing behind the label.
  m.text->setBrush(QColor(255, 255, 255, 235));
  m.text->setColor(m.color.darker(130));
}

void ChartMarkers::deleteItems(Marker& m) {
  if (!canvas_) return;
  for (QCPItemStraightLine* line : m.lines) canvas_->removeItem(line);
  if (m.text) canvas_->removeItem(m.text);
  m.lines.clear();
  m.text = nullptr;
}

void ChartMarkers::applyStyle(const ChartStyle&) {
  for (Marker& m : markers_) styleItems(m);
}

void ChartMarkers::layoutLabels() {
  QCPAxisRect* lane = canvas_->lane();
  QCPAxis* x = lane->axis(QCPAxis::atBottom);
  const QCPRange range = x->range();
  const QFontMetrics fm(canvas_->style().markerFont());
  const double right = lane->right();
  std::array<double, kRows> rowEnd;
  rowEnd.fill(-std::numeric_limits<double>::infinity());
  for (Marker& m : markers_) {
    const bool inRange = range.contains(m.atS);
    for (QCPItemStraightLine* line : m.lines) line->setVisible(inRange);
    m.text->setVisible(inRange);
    if (!inRange) continue;
    const double px = x->coordToPixel(m.atS);
    const double width = fm.horizontalAdvance(m.label) + 2 * kPadPx;
    // Near the right edge the label goes to the left of its line rather than being clipped.
    const bool leftOfLine = px + width > right;
    const double start = leftOfLine ? px - width : px;
    int row = 0;
    while (row < kRows && rowEnd[row] > start) ++row;
    if (row == kRows) {  // every row is taken here: overlap where it overlaps least
      row = static_cast<int>(std::min_element(rowEnd.begin(), rowEnd.end()) - rowEnd.begin());
    }
    rowEnd[row] = start + width + kGapPx;
    m.text->setPositionAlignment((leftOfLine ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    m.text->position->setCoords(m.atS, (row + 0.5) / kRows);
  }
}

}  // namespace clusterscope::app
