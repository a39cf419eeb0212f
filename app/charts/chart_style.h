#pragma once

#include <QColor>
#include <QFont>
#include <Qt>

#include "failure_cause.h"

// Fonts, line widths and colours of the charts, in one place so that presenter mode (a
// projector at the back of a room) scales everything together.

namespace clusterscope::app {

struct ChartStyle {
  bool presenter = false;

  double lineWidth() const { return presenter ? 3.0 : 1.6; }
  double markerLineWidth() const { return presenter ? 2.0 : 1.0; }
  QFont tickFont() const;
  QFont axisLabelFont() const;
  QFont legendFont() const;
  QFont markerFont() const;

  // Source 0 draws solid lines, later sources dashed: with the colour, a second cue that
  // survives a black-and-white print of a comparison.
  static Qt::PenStyle sourcePenStyle(int source);
  // A default colour family for the n-th source: blue, then orange (they stay apart for the
  // common colour-vision deficiencies).
  static QColor sourceColor(int source);
  // Shade `role` of `roles` within a source's family, darkest last (p50, p95, p99 read as
  // light to dark).
  static QColor shade(const QColor& base, int role, int roles);
  // A fixed hue per failure cause, the same in every view and every source.
  static QColor causeColor(model::FailureCause cause);
  static QColor markerColor() { return QColor(0x55, 0x55, 0x55); }
};

}  // namespace clusterscope::app
