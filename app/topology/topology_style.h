#pragma once

#include <QColor>
#include <QFont>
#include <QPalette>

#include "topology_layout.h"

// What the topology's items share: sizes, fonts, neutral colours and the clock of the
// traffic animation. Owned by the TopologyScene; items keep a const pointer to it. State
// colours do not live here: they come from StateColors, the one palette.

namespace clusterscope::app {

// QGraphicsItem::type() values, so that a hit can be told apart without dynamic_cast.
enum TopologyItemType {
  kServiceItemType = 65536 + 100,  // QGraphicsItem::UserType + 100
  kModuleItemType,
  kEdgeItemType,
  kBrokerItemType,
  kNodeItemType,
};

struct TopologyStyle {
  TopologyMetrics metrics;
  QFont title, body, small;
  QColor text, mutedText, boxFill, moduleFill, regionFill, line, highlight;
  double animationS = 0.0;  // the traffic dots' clock, seconds

  // Fonts and sizes for a text scale (1 normal, 1.5 in presenter mode); neutral colours from
  // the palette so that a dark theme stays readable.
  void configure(double textScale, const QPalette& palette);
};

}  // namespace clusterscope::app
