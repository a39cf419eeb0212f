#include "topology_style.h"

#include <cmath>

namespace clusterscope::app {

void TopologyStyle::configure(double textScale, const QPalette& palette) {
  metrics = TopologyMetrics::scaled(textScale);
  // Pixel sizes, not points: the layout's room for text is in scene pixels.
  auto font = [&](double px, bool bold) {
    QFont f;
    f.setPixelSize(static_cast<int>(std::lround(px * textScale)));
    f.setBold(bold);
    return f;
  };
  title = font(14, true);
  body = font(12, false);
  small = font(11, false);
  text = palette.color(QPalette::Text);
  mutedText = text;
  mutedText.setAlphaF(0.65f);
  boxFill = palette.color(QPalette::Base);
  moduleFill = palette.color(QPalette::AlternateBase);
  regionFill = palette.color(QPalette::Window);
  line = text;
  line.setAlphaF(0.6f);
  highlight = palette.color(QPalette::Highlight);
}

}  // namespace clusterscope::app
