#include "topology_layout.h"

#include <algorithm>
#include <cmath>

#include "topology_layers.h"

namespace clusterscope::app {

TopologyMetrics TopologyMetrics::scaled(double s) {
  // Text grows by s, but the drawing must grow less than that or "fit all" would shrink it
  // back: widths grow only as far as the text they hold needs, marks and gaps not at all.
  TopologyMetrics m;
  m.textScale = s;
  const double widths = 1.0 + 0.6 * (s - 1.0);
  m.titleHeight *= s;
  m.lineHeight *= s;
  m.boxWidth *= widths;
  m.moduleWidth *= widths;
  m.moduleHeight = m.padding * 2 + m.titleHeight * 0.9 + 2 * m.lineHeight;
  m.columnGap = 20 + (m.columnGap - 20) * s;  // an edge label's width, in two lines
  m.moduleColumnGap = m.columnGap;
  m.brokerWidth *= widths;
  m.brokerHeight = m.padding * 2 + m.titleHeight + 16 + m.lineHeight + 4;
  m.nodeWidth *= widths;
  m.nodeHeight = m.padding * 2 + m.titleHeight + 36;
  m.entryGap = 80 + 40 * s;
  return m;
}

double TopologyMetrics::boxHeight() const {
  return 2 * padding + titleHeight + marksHeight + 4 + statsLines * lineHeight;
}

namespace {

// A monolith's modules, laid out like the cluster but inside the host's box.
struct InnerLayout {
  std::vector<QPointF> offsets;  // per module (in DeploymentInfo::components order)
  QSizeF size;
};

InnerLayout layoutModules(const model::ClusterLayout& layout, int d, const TopologyMetrics& m) {
  const auto& comps = layout.deployments[d].components;
  const int n = static_cast<int>(comps.size());
  std::vector<int> local(layout.components.size(), -1);
  for (int i = 0; i < n; ++i) local[comps[i]] = i;

  std::vector<std::pair<int, int>> edges;
  std::vector<int> roots;
  if (layout.entryComponent >= 0 && layout.entryComponent < static_cast<int>(local.size()) &&
      local[layout.entryComponent] >= 0) {
    roots.push_back(local[layout.entryComponent]);
  }
  for (const auto& e : layout.edges) {
    const int from = local[e.from], to = local[e.to];
    if (from >= 0 && to >= 0) edges.emplace_back(from, to);
    if (from < 0 && to >= 0) roots.push_back(to);  // called from outside the monolith
  }
  const LayeredGraph lg = layerGraph(n, edges, roots);

  InnerLayout inner;
  inner.offsets.resize(n);
  double height = 0;
  for (const auto& col : lg.columns) {
    const double h = col.size() * m.moduleHeight + (col.size() - 1.0) * m.moduleRowGap;
    height = std::max(height, h);
  }
  for (std::size_t c = 0; c < lg.columns.size(); ++c) {
    const auto& col = lg.columns[c];
    const double h = col.size() * m.moduleHeight + (col.size() - 1.0) * m.moduleRowGap;
    double y = (height - h) / 2;
    for (int v : col) {
      inner.offsets[v] = QPointF(c * (m.moduleWidth + m.moduleColumnGap), y);
      y += m.moduleHeight + m.moduleRowGap;
    }
  }
  const double cols = static_cast<double>(lg.columns.size());
  inner.size = QSizeF(cols * m.moduleWidth + (cols - 1) * m.moduleColumnGap, height);
  return inner;
}

double boxWidthFor(const model::DeploymentInfo& d, const TopologyMetrics& m) {
  // Title plus the language tag, which is drawn smaller.
  const double text = m.titleTextWidth(static_cast<int>(d.name.size())) +
                      m.titleTextWidth(static_cast<int>(d.language.size())) * 0.8 + 4 * m.padding;
  return std::max(m.boxWidth, std::ceil(text));
}

// Node regions in rows under the graph, as many per row as the graph's width allows.
std::vector<QRectF> layoutNodes(const model::ClusterLayout& layout, const QRectF& graph, double top,
                                const TopologyMetrics& m) {
  std::vector<QRectF> rects;
  const int n = static_cast<int>(layout.nodes.size());
  if (n == 0 || (n == 1 && layout.nodes[0].implicit)) return rects;
  const int fit = static_cast<int>((graph.width() + m.nodeGap) / (m.nodeWidth + m.nodeGap));
  const int perRow = std::min(n, std::max(3, fit));
  for (int i = 0; i < n; ++i) {
    const int row = i / perRow, col = i % perRow;
    const int inRow = std::min(perRow, n - row * perRow);
    const double rowWidth = inRow * m.nodeWidth + (inRow - 1) * m.nodeGap;
    const double x0 = graph.center().x() - rowWidth / 2;
    rects.emplace_back(x0 + col * (m.nodeWidth + m.nodeGap), top + row * (m.nodeHeight + m.nodeGap),
                       m.nodeWidth, m.nodeHeight);
  }
  return rects;
}

// The most boxes a column holds before it wraps: enough that ordinary clusters never wrap
// (the 200-service benchmark has 73 in its longest column), and for the largest ones a block
// about as wide as it is tall.
int wrapRows(int deployments) {
  return std::max(100, static_cast<int>(std::ceil(std::sqrt(1.5 * deployments))));
}

}  // namespace

TopologyPlacement layoutTopology(const model::ClusterLayout& layout, const TopologyMetrics& m) {
  TopologyPlacement p;
  const int nd = static_cast<int>(layout.deployments.size());
  const int nc = static_cast<int>(layout.components.size());
  p.deployments.resize(nd);
  p.components.resize(nc);
  if (nd == 0) return p;

  // Each deployment's size: a service box, or a monolith's header above its modules.
  std::vector<QSizeF> sizes(nd);
  std::vector<InnerLayout> inner(nd);
  for (int d = 0; d < nd; ++d) {
    const auto& info = layout.deployments[d];
    double w = boxWidthFor(info, m), h = m.boxHeight();
    if (info.isMonolith) {
      inner[d] = layoutModules(layout, d, m);
      w = std::max(w, inner[d].size.width() + 2 * m.padding);
      h += inner[d].size.height() + m.padding;
    }
    sizes[d] = QSizeF(w, h);
  }

  // Calls between deployments; calls inside a monolith are drawn inside its box.
  std::vector<std::pair<int, int>> edges;
  auto deploymentOf = [&](int c) {
    return c >= 0 && c < nc ? layout.components[c].deployment : -1;
  };
  for (const auto& e : layout.edges) {
    const int a = deploymentOf(e.from), b = deploymentOf(e.to);
    if (a >= 0 && b >= 0 && a != b) edges.emplace_back(a, b);
  }
  const int entry = deploymentOf(layout.entryComponent);
  const LayeredGraph lg =
      layerGraph(nd, edges, entry >= 0 ? std::vector<int>{entry} : std::vector<int>{});
  p.columns = lg.column;
  p.reachable = lg.reachable;

  // Columns side by side, each centred vertically on y = 0 so that a chain is a straight line.
  // A very long column wraps into several, closer together: ten thousand services on their
  // own made one column a million pixels tall, which "fit" shrank to nothing.
  const auto rows = static_cast<std::size_t>(wrapRows(nd));
  double x = 0;
  for (const auto& col : lg.columns) {
    for (std::size_t first = 0; first < col.size(); first += rows) {
      const std::size_t last = std::min(col.size(), first + rows);
      double width = 0, height = -m.rowGap;
      for (std::size_t i = first; i < last; ++i) {
        width = std::max(width, sizes[col[i]].width());
        height += sizes[col[i]].height() + m.rowGap;
      }
      double y = -height / 2;
      for (std::size_t i = first; i < last; ++i) {
        const int d = col[i];
        p.deployments[d] = QRectF(QPointF(x + (width - sizes[d].width()) / 2, y), sizes[d]);
        y += sizes[d].height() + m.rowGap;
      }
      x += width + (last == col.size() ? m.columnGap : m.rowGap);
    }
  }

  for (int d = 0; d < nd; ++d) {
    const QRectF& box = p.deployments[d];
    const auto& comps = layout.deployments[d].components;
    for (std::size_t i = 0; i < comps.size(); ++i) {
      if (comps[i] < 0 || comps[i] >= nc) continue;
      if (!layout.deployments[d].isMonolith) {
        p.components[comps[i]] = box;
        continue;
      }
      const double left = box.left() + (box.width() - inner[d].size.width()) / 2;
      const QPointF origin(left, box.top() + m.boxHeight());
      p.components[comps[i]] =
          QRectF(origin + inner[d].offsets[i], QSizeF(m.moduleWidth, m.moduleHeight));
    }
    p.graph = p.graph.isNull() ? box : p.graph.united(box);
  }

  // Calls that go back to an earlier column loop under the boxes: leave them room.
  bool loops = false;
  for (auto [a, b] : edges) loops = loops || p.columns[b] <= p.columns[a];
  double below = p.graph.bottom() + (loops ? m.sectionGap : m.sectionGap * 0.5);
  if (!edges.empty()) {
    // Any call between services can be switched to asynchronous at run time, so the broker is
    // shown as soon as there is one. A monolith's in-process calls do not count: the lesson
    // on monoliths has no broker to show.
    p.broker =
        QRectF(p.graph.center().x() - m.brokerWidth / 2, below, m.brokerWidth, m.brokerHeight);
    below = p.broker.bottom() + m.sectionGap * 0.6;
  }
  p.nodes = layoutNodes(layout, p.graph, below, m);

  p.bounds = p.graph.adjusted(-m.entryGap, 0, 0, 0);
  if (!p.broker.isNull()) p.bounds = p.bounds.united(p.broker);
  for (const auto& r : p.nodes) p.bounds = p.bounds.united(r);
  return p;
}

}  // namespace clusterscope::app
