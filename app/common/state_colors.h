#pragma once

#include <QColor>

#include "cluster_snapshot.h"

// The one palette every view uses, so that "down" is the same red everywhere. Chosen to stay
// distinguishable on a projector and for the common colour-vision deficiencies (blue/orange
// contrast, with red reserved for "down").

namespace clusterscope::app {

struct StateColors {
  static QColor idle() { return QColor(0x9e, 0xc9, 0xe2); }      // light blue
  static QColor busy() { return QColor(0x1f, 0x78, 0xb4); }      // blue
  static QColor slow() { return QColor(0xff, 0x99, 0x1c); }      // orange
  static QColor down() { return QColor(0xd7, 0x19, 0x1c); }      // red
  static QColor suspect() { return QColor(0xf4, 0xa5, 0x82); }   // pale red: silent, maybe down
  static QColor starting() { return QColor(0xb2, 0xdf, 0x8a); }  // light green
  static QColor draining() { return QColor(0xbd, 0xbd, 0xbd); }  // grey
  static QColor pending() { return QColor(0xff, 0xff, 0xff); }   // white, outlined
  static QColor healthy() { return QColor(0x33, 0xa0, 0x2c); }   // green
  static QColor warning() { return QColor(0xff, 0x99, 0x1c); }
  static QColor critical() { return QColor(0xd7, 0x19, 0x1c); }

  // A replica's colour: its state, and for a ready one how busy it is.
  static QColor replica(const model::ReplicaView& r, int workers);
  // Health from an error ratio and a utilisation: green, orange or red.
  static QColor health(double errorRatio, double utilization);
};

}  // namespace clusterscope::app
