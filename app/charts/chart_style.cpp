#include "chart_style.h"

#include <QGuiApplication>

namespace clusterscope::app {

namespace {

QFont sized(double points, bool bold = false) {
  QFont f = QGuiApplication::font();
  f.setPointSizeF(points);
  f.setBold(bold);
  return f;
}

}  // namespace

QFont ChartStyle::tickFont() const { return sized(presenter ? 14 : 9); }
QFont ChartStyle::axisLabelFont() const { return sized(presenter ? 14 : 9, true); }
QFont ChartStyle::legendFont() const { return sized(presenter ? 13 : 9); }
QFont ChartStyle::markerFont() const { return sized(presenter ? 13 : 9); }

Qt::PenStyle ChartStyle::sourcePenStyle(int source) {
  return source == 0 ? Qt::SolidLine : Qt::DashLine;
}

QColor ChartStyle::sourceColor(int source) {
  static const QColor kColors[] = {QColor(0x1f, 0x78, 0xb4), QColor(0xe6, 0x55, 0x0d),
                                   QColor(0x6a, 0x3d, 0x9a), QColor(0x33, 0xa0, 0x2c)};
  return kColors[source % 4];
}

QColor ChartStyle::shade(const QColor& base, int role, int roles) {
  if (roles <= 1) return base;
  // From a lighter tint to a darker one around the base; lightness keeps the order readable
  // even for viewers who cannot tell the hues apart.
  const double t = static_cast<double>(role) / (roles - 1);                   // 0 = lightest
  if (t < 0.5) return base.lighter(static_cast<int>(100 + 100 * (0.5 - t)));  // up to 150 %
  return base.darker(static_cast<int>(100 + 260 * (t - 0.5)));                // down to 1/2.3
}

QColor ChartStyle::causeColor(model::FailureCause cause) {
  using model::FailureCause;
  switch (cause) {
    case FailureCause::Timeout:
      return QColor(0xe6, 0x9f, 0x00);  // amber
    case FailureCause::QueueFull:
      return QColor(0x75, 0x70, 0xb3);  // purple
    case FailureCause::Error:
      return QColor(0xd7, 0x19, 0x1c);  // red
    case FailureCause::NoReplica:
      return QColor(0x8c, 0x2d, 0x04);  // brown
    case FailureCause::CircuitOpen:
      return QColor(0xe7, 0x29, 0x8a);  // magenta
    case FailureCause::BulkheadFull:
      return QColor(0x1b, 0x9e, 0x77);  // teal
    case FailureCause::Crashed:
      return QColor(0x25, 0x25, 0x25);  // near black
    case FailureCause::BrokerRejected:
      return QColor(0x66, 0xa6, 0x1e);  // olive green
    case FailureCause::TooDeep:
      return QColor(0x80, 0x80, 0x80);  // grey
    case FailureCause::None:
      break;
  }
  return QColor(0x80, 0x80, 0x80);
}

}  // namespace clusterscope::app
