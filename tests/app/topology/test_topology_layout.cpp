// The pure half of the topology: layering, placement, routing, mark grids and labels.

#include <QtTest>
#include <algorithm>
#include <chrono>

#include "cluster_layout.h"
#include "topology_format.h"
#include "topology_layers.h"
#include "topology_layout.h"
#include "topology_mark_grid.h"
#include "topology_routing.h"

using namespace clusterscope;
using app::layoutTopology;

namespace {

// Services named by `names`, each its own deployment, calling along `calls`; the first is the
// entry.
model::ClusterLayout services(const std::vector<std::string>& names,
                              const std::vector<std::pair<int, int>>& calls,
                              model::CallMode mode = model::CallMode::Sync) {
  model::ClusterLayout l;
  for (const auto& n : names) {
    l.components.push_back({n, static_cast<int>(l.deployments.size()), false});
    l.deployments.push_back(
        {n, {static_cast<int>(l.components.size()) - 1}, false, "go", 4, false});
  }
  for (auto [a, b] : calls) l.edges.push_back({a, b, mode, false});
  return l;
}

bool overlapping(const std::vector<QRectF>& rects) {
  for (std::size_t i = 0; i < rects.size(); ++i) {
    for (std::size_t j = i + 1; j < rects.size(); ++j) {
      if (rects[i].intersects(rects[j])) return true;
    }
  }
  return false;
}

}  // namespace

class TestTopologyLayout : public QObject {
  Q_OBJECT

 private slots:
  void chainReadsLeftToRight() {
    const auto l = services({"a", "b", "c", "d", "e"}, {{0, 1}, {1, 2}, {2, 3}, {3, 4}});
    const auto p = layoutTopology(l);
    for (int i = 0; i + 1 < 5; ++i) {
      QVERIFY(p.deployments[i].right() < p.deployments[i + 1].left());
      QCOMPARE(p.deployments[i].center().y(), p.deployments[i + 1].center().y());
      QCOMPARE(p.columns[i], i);
    }
  }

  void chainReadsLeftToRightWhateverTheIndexOrder() {
    // Calls e -> c -> a -> d -> b, with e as the entry.
    auto l = services({"a", "b", "c", "d", "e"}, {{4, 2}, {2, 0}, {0, 3}, {3, 1}});
    l.entryComponent = 4;
    const auto p = layoutTopology(l);
    const int order[] = {4, 2, 0, 3, 1};
    for (int i = 0; i + 1 < 5; ++i) {
      QVERIFY(p.deployments[order[i]].right() < p.deployments[order[i + 1]].left());
    }
  }

  void fanOutPutsSiblingsInOneColumn() {
    const auto l = services({"a", "b", "c", "d"}, {{0, 1}, {0, 2}, {0, 3}});
    const auto p = layoutTopology(l);
    QCOMPARE(p.deployments[1].left(), p.deployments[2].left());
    QCOMPARE(p.deployments[2].left(), p.deployments[3].left());
    QVERIFY(p.deployments[0].right() < p.deployments[1].left());
    QVERIFY(!overlapping(p.deployments));
    // The caller sits level with the middle of its callees.
    QCOMPARE(p.deployments[0].center().y(), p.deployments[2].center().y());
  }

  void cyclesThroughAsyncEdgesTerminate() {
    auto l = services({"a", "b", "c"}, {{0, 1}, {1, 2}, {2, 0}, {1, 0}});
    l.edges[2].mode = l.edges[3].mode = model::CallMode::Async;
    const auto p = layoutTopology(l);
    QCOMPARE(p.columns[0], 0);
    QVERIFY(p.columns[1] > 0 && p.columns[2] > p.columns[1]);
    QVERIFY(!overlapping(p.deployments));
    // Calls back to the entry loop under the boxes, entering from below.
    const auto routes = app::routeEdges(l, p);
    QVERIFY(!routes[2].forward);
    QCOMPARE(routes[2].direction, QPointF(0, -1));
    QVERIFY(routes[2].path.boundingRect().bottom() > p.deployments[2].bottom());
  }

  void selfCallsAndDuplicatesAreHarmless() {
    const auto l = services({"a", "b"}, {{0, 0}, {0, 1}, {0, 1}});
    const auto p = layoutTopology(l);
    QVERIFY(p.deployments[0].right() < p.deployments[1].left());
    QCOMPARE(app::routeEdges(l, p)[0].path.isEmpty(), true);
  }

  void unreachableServicesComeLast() {
    // a -> b is reached from the entry; c -> d is not.
    const auto l = services({"a", "b", "c", "d"}, {{0, 1}, {2, 3}});
    const auto p = layoutTopology(l);
    QVERIFY(p.reachable[0] && p.reachable[1] && !p.reachable[2] && !p.reachable[3]);
    QVERIFY(p.deployments[2].top() > p.deployments[0].bottom());
    QVERIFY(p.deployments[3].top() > p.deployments[1].bottom());
    QVERIFY(p.deployments[2].right() < p.deployments[3].left());
  }

  void callsFromUnreachableServicesKeepTheEntryFirst() {
    const auto l = services({"entry", "x", "cron"}, {{0, 1}, {2, 0}});
    const auto p = layoutTopology(l);
    QCOMPARE(p.columns[0], 0);
  }

  void barycenterRemovesACrossing() {
    // 0 -> 1, 0 -> 2; 1 -> 3, 1 -> 4, 2 -> 3. In discovery order column 2 is [3, 4], and
    // 2 -> 3 crosses 1 -> 4; [4, 3] has no crossing.
    const std::vector<std::pair<int, int>> edges{{0, 1}, {0, 2}, {1, 3}, {1, 4}, {2, 3}};
    app::LayeredGraph naive;
    naive.column = {0, 1, 1, 2, 2};
    naive.columns = {{0}, {1, 2}, {3, 4}};
    QCOMPARE(app::countCrossings(naive, edges), 1);
    const auto lg = app::layerGraph(5, edges, {0});
    QCOMPARE(app::countCrossings(lg, edges), 0);
  }

  void twoHundredServicesWithoutOverlap() {
    // The benchmark cluster's shape: a binary tree of calls.
    std::vector<std::string> names;
    std::vector<std::pair<int, int>> calls;
    for (int i = 0; i < 200; ++i) {
      names.push_back("svc-" + std::to_string(i));
      for (int c : {2 * i + 1, 2 * i + 2}) {
        if (c < 200) calls.emplace_back(i, c);
      }
    }
    const auto l = services(names, calls);
    const auto start = std::chrono::steady_clock::now();
    const auto p = layoutTopology(l);
    const auto routes = app::routeEdges(l, p);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    qInfo("200 services laid out and routed in %.1f ms", ms);
    QVERIFY(ms < 1000);
    QVERIFY(!overlapping(p.deployments));
    for (std::size_t e = 0; e < l.edges.size(); ++e) {
      QCOMPARE(p.columns[l.edges[e].to], p.columns[l.edges[e].from] + 1);
      QVERIFY(routes[e].forward);
    }
    for (const auto& r : p.deployments) QVERIFY(p.bounds.contains(r));
  }

  void tenThousandServicesMakeADrawingThatFits() {
    // The most a scenario may hold: 10,000 services, a few of them called by the entry and
    // the rest on their own. One column of 10,000 boxes was 1.5 million pixels tall: "fit"
    // shrank it below a pixel and showed nothing. Long columns wrap into a block.
    std::vector<std::string> names;
    std::vector<std::pair<int, int>> calls;
    for (int i = 0; i < 10000; ++i) names.push_back("svc-" + std::to_string(i));
    for (int c = 1; c <= 5; ++c) calls.emplace_back(0, c);
    const auto l = services(names, calls);
    const auto start = std::chrono::steady_clock::now();
    const auto p = layoutTopology(l);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    qInfo("10,000 services laid out in %.0f ms: %.0f x %.0f", ms, p.bounds.width(),
          p.bounds.height());
    QVERIFY(ms < 5000);
    const double aspect = p.bounds.width() / p.bounds.height();
    QVERIFY2(aspect > 0.3 && aspect < 4, qPrintable(QString::number(aspect)));
    // At the view's smallest zoom (0.02) the whole drawing fits a 1,920 x 1,080 screen.
    QVERIFY(p.bounds.width() * 0.02 < 1920 && p.bounds.height() * 0.02 < 1080);
    for (const auto& r : p.deployments) QVERIFY(p.bounds.contains(r));
    // No two boxes overlap (sorted by left edge, each compared with its near neighbours).
    std::vector<QRectF> boxes = p.deployments;
    std::sort(boxes.begin(), boxes.end(),
              [](const QRectF& a, const QRectF& b) { return a.left() < b.left(); });
    for (std::size_t i = 0; i < boxes.size(); ++i) {
      for (std::size_t j = i + 1; j < boxes.size() && boxes[j].left() < boxes[i].right(); ++j) {
        QVERIFY(!boxes[i].intersects(boxes[j]));
      }
    }
    // The entry and what it calls keep their places: left, then one column to the right.
    QCOMPARE(p.columns[0], 0);
    QVERIFY(p.deployments[1].left() > p.deployments[0].right());
  }

  void monolithModulesSitInsideTheirHost() {
    model::ClusterLayout l;
    const char* modules[] = {"catalog", "cart", "payment", "recommendations"};
    for (const char* m : modules) l.components.push_back({m, 0, true});
    l.deployments.push_back({"shop", {0, 1, 2, 3}, true, "java", 16, false});
    l.edges = {{0, 3, model::CallMode::Sync, true},
               {0, 1, model::CallMode::Sync, true},
               {1, 2, model::CallMode::Sync, true}};
    const auto p = layoutTopology(l);
    std::vector<QRectF> inner(p.components.begin(), p.components.end());
    for (const auto& r : inner) QVERIFY(p.deployments[0].contains(r));
    QVERIFY(!overlapping(inner));
    QVERIFY(p.components[0].right() < p.components[1].left());
    QVERIFY(p.components[1].right() < p.components[2].left());
    // Only in-process calls: nothing would go through a broker.
    QVERIFY(p.broker.isNull());
  }

  void brokerAndNodesGoBelowTheGraph() {
    auto l = services({"a", "b"}, {{0, 1}});
    l.nodes = {{"n1", 8, false}, {"n2", 8, false}, {"n3", 8, false}};
    const auto p = layoutTopology(l);
    QVERIFY(!p.broker.isNull());
    QVERIFY(p.broker.top() > p.graph.bottom());
    QCOMPARE(p.nodes.size(), std::size_t(3));
    QVERIFY(!overlapping(p.nodes));
    for (const auto& n : p.nodes) QVERIFY(n.top() > p.broker.bottom());
    l.nodes = {{"implicit", 1e9, true}};
    QVERIFY(layoutTopology(l).nodes.empty());
  }

  void forwardRoutesJoinFacingSides() {
    const auto l = services({"a", "b", "c"}, {{0, 1}, {0, 2}});
    const auto p = layoutTopology(l);
    const auto routes = app::routeEdges(l, p);
    for (int e = 0; e < 2; ++e) {
      const QPointF start = routes[e].path.pointAtPercent(0);
      const QPointF end = routes[e].path.pointAtPercent(1);
      QCOMPARE(start.x(), p.deployments[0].right());
      QCOMPARE(end.x(), p.deployments[l.edges[e].to].left());
    }
    // Two ports, one per call, the upper one to the upper callee.
    const double y1 = routes[0].path.pointAtPercent(0).y(),
                 y2 = routes[1].path.pointAtPercent(0).y();
    QVERIFY((y1 < y2) == (p.deployments[1].top() < p.deployments[2].top()));
  }

  void emptyLayout() {
    const auto p = layoutTopology(model::ClusterLayout{});
    QVERIFY(p.deployments.empty());
    QVERIFY(p.bounds.isNull());
  }

  void trafficDotsFollowTheRateOnALogScale() {
    QCOMPARE(app::trafficDots(0), 0);
    QCOMPARE(app::trafficDots(9), 3);
    QCOMPARE(app::trafficDots(99), 6);
    QCOMPARE(app::trafficDots(999), 9);
    QCOMPARE(app::trafficDots(1e6), 12);
    QVERIFY(app::trafficDots(1000) - app::trafficDots(100) == 3);
  }

  void labels() {
    model::EdgeView e;
    e.rateRps = 120.4;
    e.p95Ms = 12.2;
    e.errorRatio = 0.005;
    QCOMPARE(app::edgeLabel(e), QStringLiteral("120 rps · p95 12 ms · 0.5 %"));
    QCOMPARE(app::formatLatency(1500), QStringLiteral("1.5 s"));
    QCOMPARE(app::formatRate(25000), QStringLiteral("25.0k rps"));
    QCOMPARE(app::formatCount(4136), QStringLiteral("4136"));
  }

  void markGridFitsAnyCount() {
    const QRectF area(10, 10, 190, 40);
    for (int n : {1, 3, 10, 40, 200, 2000}) {
      const app::MarkGrid g(area, n, 20);
      for (int i = 0; i < n; ++i) {
        QVERIFY2(area.contains(g.rect(i)), qPrintable(QString("n=%1 i=%2").arg(n).arg(i)));
        QCOMPARE(g.indexAt(g.rect(i).center()), i);
      }
      QVERIFY(g.markSize() <= 20);
    }
    QCOMPARE(app::MarkGrid(area, 3, 20).markSize(), 20.0);
  }
};

QTEST_GUILESS_MAIN(TestTopologyLayout)
#include "test_topology_layout.moc"
