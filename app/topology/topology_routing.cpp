#include "topology_routing.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace clusterscope::app {

namespace {

enum class Shape { Forward, SameColumn, Backward };

// Offsets of `count` ports along a side of length `side`, centred on its middle.
double portOffset(int k, int count, double side) {
  if (count <= 1) return 0.0;
  const double spacing = std::min(18.0, (side - 24.0) / (count - 1));
  return (k - (count - 1) / 2.0) * std::max(spacing, 2.0);
}

}  // namespace

std::vector<EdgeRoute> routeEdges(const model::ClusterLayout& layout,
                                  const TopologyPlacement& placement) {
  const auto n = layout.edges.size();
  const auto nc = static_cast<int>(placement.components.size());
  std::vector<EdgeRoute> routes(n);
  std::vector<Shape> shapes(n, Shape::Forward);
  std::vector<bool> valid(n, false);
  auto rectOf = [&](int c) { return c >= 0 && c < nc ? placement.components[c] : QRectF(); };

  // Group forward edges by the side they use, to spread their ports.
  std::map<int, std::vector<std::size_t>> outPorts, inPorts;
  for (std::size_t e = 0; e < n; ++e) {
    const QRectF s = rectOf(layout.edges[e].from), t = rectOf(layout.edges[e].to);
    if (s.isNull() || t.isNull() || layout.edges[e].from == layout.edges[e].to) continue;
    valid[e] = true;
    if (t.left() >= s.right() - 1.0) {
      shapes[e] = Shape::Forward;
      outPorts[layout.edges[e].from].push_back(e);
      inPorts[layout.edges[e].to].push_back(e);
    } else if (std::abs(s.center().x() - t.center().x()) < 1.0) {
      shapes[e] = Shape::SameColumn;
    } else {
      shapes[e] = Shape::Backward;
    }
  }
  std::vector<double> outOffset(n, 0.0), inOffset(n, 0.0);
  auto spread = [&](std::map<int, std::vector<std::size_t>>& groups, bool outgoing) {
    for (auto& [component, list] : groups) {
      // Order by the height of the other end so that the fan does not cross itself.
      std::stable_sort(list.begin(), list.end(), [&](std::size_t a, std::size_t b) {
        const int ca = outgoing ? layout.edges[a].to : layout.edges[a].from;
        const int cb = outgoing ? layout.edges[b].to : layout.edges[b].from;
        return rectOf(ca).center().y() < rectOf(cb).center().y();
      });
      const double side = rectOf(component).height();
      const int count = static_cast<int>(list.size());
      for (int k = 0; k < count; ++k) {
        (outgoing ? outOffset : inOffset)[list[k]] = portOffset(k, count, side);
      }
    }
  };
  spread(outPorts, true);
  spread(inPorts, false);

  for (std::size_t e = 0; e < n; ++e) {
    if (!valid[e]) continue;
    const QRectF s = rectOf(layout.edges[e].from), t = rectOf(layout.edges[e].to);
    EdgeRoute& r = routes[e];
    QPainterPath& path = r.path;
    switch (shapes[e]) {
      case Shape::Forward: {
        const QPointF a(s.right(), s.center().y() + outOffset[e]);
        const QPointF b(t.left(), t.center().y() + inOffset[e]);
        const double dx = std::max(30.0, (b.x() - a.x()) * 0.5);
        path.moveTo(a);
        path.cubicTo(a + QPointF(dx, 0), b - QPointF(dx, 0), b);
        r.direction = QPointF(1, 0);
        r.forward = true;
        break;
      }
      case Shape::SameColumn: {
        const double bulge = 50.0 + 0.15 * std::abs(t.center().y() - s.center().y());
        const QPointF a(s.right(), s.center().y() + 8);
        const QPointF b(t.right(), t.center().y() - 8);
        path.moveTo(a);
        path.cubicTo(a + QPointF(bulge, 0), b + QPointF(bulge, 0), b);
        r.direction = QPointF(-1, 0);
        r.forward = false;
        break;
      }
      case Shape::Backward: {
        // Loops under both boxes, entering the callee from below, right of its centre so
        // that it does not meet a loop leaving from there.
        const QPointF a(s.center().x() - 12, s.bottom());
        const QPointF b(t.center().x() + 12, t.bottom());
        const double drop = 45.0 + 0.08 * std::abs(a.x() - b.x());
        const double low = std::max(a.y(), b.y()) + drop;
        path.moveTo(a);
        path.cubicTo(QPointF(a.x(), low), QPointF(b.x(), low), b);
        r.direction = QPointF(0, -1);
        r.forward = false;
        break;
      }
    }
    r.labelAnchor = path.pointAtPercent(0.5);
    if (shapes[e] != Shape::Forward) continue;
    // Beside an end, where the curve is flat and the fan of calls does not crowd the label;
    // above the line unless the curve arrives from (or leaves towards) above.
    const QPointF a = path.pointAtPercent(0), b = path.currentPosition();
    const bool nearCallee =
        inPorts[layout.edges[e].to].size() <= outPorts[layout.edges[e].from].size();
    if (nearCallee) {
      const bool fromAbove = a.y() < b.y() - 1;
      r.labelAnchor = QPointF(b.x() - 14, b.y() + (fromAbove ? 6 : -6));
      r.labelAlign = Qt::AlignRight | (fromAbove ? Qt::AlignTop : Qt::AlignBottom);
    } else {
      const bool upwards = b.y() < a.y() - 1;
      r.labelAnchor = QPointF(a.x() + 8, a.y() + (upwards ? 6 : -6));
      r.labelAlign = Qt::AlignLeft | (upwards ? Qt::AlignTop : Qt::AlignBottom);
    }
  }
  return routes;
}

}  // namespace clusterscope::app
