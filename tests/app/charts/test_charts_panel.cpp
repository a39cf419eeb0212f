// The charts panel on the fake back end: samples, markers, scope, exports, comparison mode,
// bursts merged into one replot, and a history that survives a change of the cluster's shape.

#include <unistd.h>

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <cstdio>

#include "charts_panel.h"
#include "fake_cluster_backend.h"

using namespace clusterscope;
using app::ChartPlot;
using app::ChartsPanel;
using testing::FakeCluster;
using testing::FakeClusterBackend;

namespace {

double pointValue(const ChartsPanel& panel, ChartPlot plot, int graph, int i) {
  return panel.canvas()->plotRect(plot)->graphs()[graph]->data()->at(i)->value;
}

QByteArray head(const QString& path, int n) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.read(n) : QByteArray();
}

long residentBytes() {
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return resident * sysconf(_SC_PAGESIZE);
}

QVector<model::ChartSample> samples(const FakeCluster& c, double fromS, double toS) {
  QVector<model::ChartSample> out;
  for (double t = fromS; t <= toS; t += 1.0) out.push_back(c.sample(t));
  return out;
}

model::Action kill(const std::string& service, int replica) {
  model::Action a;
  a.kind = model::ActionKind::KillReplica;
  a.service = service;
  a.replica = replica;
  return a;
}

}  // namespace

class TestChartsPanel : public QObject {
  Q_OBJECT

 private slots:
  // A run's worth of data in bursts: curves, markers in time order, scope, exports.
  void samplesMarkersScopeAndExports() {
    const FakeCluster shop = FakeCluster::shop();
    FakeClusterBackend backend;
    ChartsPanel panel;
    panel.resize(1200, 900);
    panel.show();
    panel.addSource(&backend, "shop");
    backend.resetCluster(shop);
    for (int t = 1; t <= 270; t += 30) {
      backend.publishSamples(samples(shop, t, t + 29));
      if (t == 31) backend.emitApplied(45.0, kill("orders", 0));
      if (t == 121) backend.emitApplied(130.0, kill("catalog", 1));
    }
    QCOMPARE(panel.history(0)->size(), std::size_t(270));
    QCOMPARE(panel.markerLabels(), (QStringList{"killed orders#0", "killed catalog#1"}));
    QCOMPARE(panel.graphCount(ChartPlot::Throughput), 1);
    QCOMPARE(panel.graphPointCount(ChartPlot::Throughput, 0), 270);
    QCOMPARE(panel.graphPointCount(ChartPlot::Latency, 2), 270);
    QCOMPARE(panel.graphPointCount(ChartPlot::Replicas, 0), 270);
    QTRY_VERIFY(panel.refreshCount() >= 1);
    QTRY_COMPARE(panel.visibleRange().upper, 270.0);  // following the newest data

    // The errors plot lists only the causes that occurred (timeouts, in the fake's samples).
    panel.replotNow();
    const auto errors = panel.canvas()->plotRect(ChartPlot::Errors)->graphs();
    int shown = 0;
    for (QCPGraph* g : errors) shown += g->visible() ? 1 : 0;
    QCOMPARE(shown, 1);
    QCOMPARE(panel.canvas()->plotLegend(ChartPlot::Errors)->itemCount(), shown);

    // One service: its own figures, exactly as sent.
    const int orders = panel.history(0)->layout()->componentIndex("orders");
    QSignalSpy scopeSpy(&panel, &ChartsPanel::scopeChanged);
    panel.followSelection(app::Selection::ofReplica("orders", 2));
    QCOMPARE(panel.scope(), orders);
    QCOMPARE(scopeSpy.count(), 1);
    QCOMPARE(pointValue(panel, ChartPlot::Throughput, 0, 20),
             double(shop.sample(21).components[orders].throughputRps));
    panel.followSelection(app::Selection::edge("orders", "payment"));
    QCOMPARE(panel.scope(), panel.history(0)->layout()->componentIndex("payment"));
    panel.followSelection({});
    QCOMPARE(panel.scope(), -1);

    QTemporaryDir dir;
    const QString png = dir.filePath("c.png");
    const QString pdf = dir.filePath("c.pdf");
    const QString csv = dir.filePath("c.csv");
    QVERIFY(panel.exportPng(png));
    QVERIFY(panel.exportPdf(pdf));
    panel.setScope(orders);
    QVERIFY(panel.exportCsv(csv));
    QCOMPARE(head(png, 8), QByteArray("\x89PNG\r\n\x1a\n", 8));
    QCOMPARE(head(pdf, 5), QByteArray("%PDF-"));
    QVERIFY(QFileInfo(pdf).size() > 10000);
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 271);
    QVERIFY(lines[0].startsWith("scope,start_s,end_s,"));
    QVERIFY(lines[1].startsWith("orders,"));
    // The action at 45 s belongs to the interval that starts then: [45, 46], the 46th row.
    QVERIFY(lines[46].endsWith("killed orders#0"));
    QVERIFY(!panel.exportCsv(dir.filePath("no/such/dir/c.csv")));
    QVERIFY(!panel.lastError().isEmpty());
  }

  // Comparison mode: two clusters overlaid, the second dashed and named.
  void twoSourcesOverlay() {
    const FakeCluster shop = FakeCluster::shop();
    FakeClusterBackend a;
    FakeClusterBackend b;
    ChartsPanel panel;
    panel.resize(1200, 900);
    panel.show();
    panel.addSource(&a, "sync");
    // p50, p95, p99, and the theory overlay's mean and prediction (hidden without one).
    QCOMPARE(panel.graphCount(ChartPlot::Latency), 5);
    const int errorGraphs = panel.graphCount(ChartPlot::Errors);
    panel.addSource(&b, "async");
    QCOMPARE(panel.graphCount(ChartPlot::Throughput), 2);
    QCOMPARE(panel.graphCount(ChartPlot::Latency), 10);
    QCOMPARE(panel.graphCount(ChartPlot::Errors), 2 * errorGraphs);
    a.resetCluster(shop);
    b.resetCluster(shop);
    a.publishSamples(samples(shop, 1, 60));
    b.publishSamples(samples(shop, 1, 50));
    a.emitApplied(20.0, kill("orders", 0));
    QCOMPARE(panel.graphPointCount(ChartPlot::Latency, 1), 60);
    QCOMPARE(panel.graphPointCount(ChartPlot::Latency, 6), 50);
    panel.replotNow();
    const auto graphs = panel.canvas()->plotRect(ChartPlot::Latency)->graphs();
    QCOMPARE(graphs[6]->name(), QStringLiteral("async: p95"));
    QVERIFY(graphs[6]->pen().style() == Qt::DashLine);
    QVERIFY(graphs[6]->pen().color() != graphs[1]->pen().color());
    QVERIFY(!panel.theoryOverlayVisible());  // the fake samples carry no prediction
    QCOMPARE(panel.markerLabels(), QStringList{"killed orders#0"});

    QTemporaryDir dir;
    QVERIFY(panel.exportCsv(dir.filePath("both.csv")));
    QFile f(dir.filePath("both.csv"));
    QVERIFY(f.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 60 + 50 + 1);
    QVERIFY(lines[0].startsWith("source,scope,"));
    QVERIFY(lines.last().startsWith("async,end to end,"));
  }

  // A service joins while the cluster runs: history, markers and the scope (by name) stay; the
  // newcomer has a gap before it joined. A reset, on the other hand, clears everything.
  void aNewShapeKeepsTheHistory() {
    const FakeCluster shop = FakeCluster::shop();
    FakeClusterBackend backend;
    ChartsPanel panel;
    panel.addSource(&backend, "shop");
    backend.resetCluster(shop);
    backend.publishSamples(samples(shop, 1, 100));
    backend.emitApplied(50.0, kill("orders", 0));
    panel.followSelection(app::Selection::deployment("orders"));
    const double ordersAt10 = pointValue(panel, ChartPlot::Throughput, 0, 10);

    FakeCluster bigger;
    bigger.service("audit", 1).service("web", 2).service("catalog", 2).service("orders", 3);
    bigger.service("payment", 2).service("notifications", 1);
    QSignalSpy scopeSpy(&panel, &ChartsPanel::scopeChanged);
    backend.reshape(bigger.layout());
    QCOMPARE(panel.history(0)->size(), std::size_t(100));
    QCOMPARE(panel.markerLabels(), QStringList{"killed orders#0"});
    QCOMPARE(panel.scope(), 3);  // orders, now fourth
    QCOMPARE(scopeSpy.count(), 1);
    QCOMPARE(pointValue(panel, ChartPlot::Throughput, 0, 10), ordersAt10);
    backend.publishSamples(samples(bigger, 101, 110));
    QCOMPARE(panel.graphPointCount(ChartPlot::Throughput, 0), 110);
    panel.setScope(0);  // audit: nothing before it joined, its own figures after
    QVERIFY(std::isnan(pointValue(panel, ChartPlot::Throughput, 0, 50)));
    QCOMPARE(pointValue(panel, ChartPlot::Throughput, 0, 105),
             double(bigger.sample(106).components[0].throughputRps));

    backend.resetCluster(bigger);
    QCOMPARE(panel.history(0)->size(), std::size_t(0));
    QVERIFY(panel.markerLabels().isEmpty());
  }

  // A burst of samples costs one replot; following, looking back, following again.
  void coalescesAndFollows() {
    const FakeCluster four = FakeCluster::services(4);
    FakeClusterBackend backend;
    ChartsPanel panel;
    panel.resize(1000, 800);
    panel.show();
    panel.addSource(&backend, "fake");
    backend.resetCluster(four, false);
    QTest::qWait(100);
    const int before = panel.refreshCount();
    for (int batch = 0; batch < 50; ++batch) {
      backend.publishSamples(samples(four, batch * 10 + 1, batch * 10 + 10));
    }
    QCOMPARE(panel.history(0)->size(), std::size_t(500));
    QTest::qWait(150);
    QCOMPARE(panel.refreshCount(), before + 1);
    QCOMPARE(panel.visibleRange().upper, 500.0);
    QCOMPARE(panel.visibleRange().size(), 120.0);

    // The user drags the time axis back: following stops, new data does not move the view.
    QSignalSpy followSpy(&panel, &ChartsPanel::followChanged);
    panel.canvas()->plotRect(ChartPlot::Latency)->axis(QCPAxis::atBottom)->setRange(100, 200);
    QVERIFY(!panel.follow());
    QCOMPARE(followSpy.count(), 1);
    QCOMPARE(panel.canvas()->plotRect(ChartPlot::Queue)->axis(QCPAxis::atBottom)->range().lower,
             100.0);
    backend.publishSamples(samples(four, 501, 560));
    panel.replotNow();
    QCOMPARE(panel.visibleRange().lower, 100.0);
    // Zooming out past the history stops at the history.
    panel.canvas()->plotRect(ChartPlot::Errors)->axis(QCPAxis::atBottom)->setRange(-1000, 5000);
    QCOMPARE(panel.visibleRange().lower, 0.0);
    QCOMPARE(panel.visibleRange().upper, 560.0);
    panel.setFollow(true);
    panel.setWindowSeconds(60);
    panel.replotNow();
    QCOMPARE(panel.visibleRange().lower, 500.0);
    QCOMPARE(panel.visibleRange().upper, 560.0);

    // An action is a marker; a reset clears history, graphs and markers.
    backend.emitApplied(555.0, kill("svc-1", 0));
    QCOMPARE(panel.markerLabels(), QStringList{"killed svc-1#0"});
    backend.resetCluster(four, false);
    QCOMPARE(panel.history(0)->size(), std::size_t(0));
    QCOMPARE(panel.graphPointCount(ChartPlot::Throughput, 0), 0);
    QVERIFY(panel.markerLabels().isEmpty());
  }

  // A 1 ms interval fills a sample a millisecond: the history must count what its plots hold
  // too, or those (17 points per sample) grow far past the cap of a small cluster's history.
  void chartMemoryStaysNearItsCapWhateverTheInterval() {
#ifndef __linux__
    QSKIP("reads the resident size from /proc");
#else
    const FakeCluster one = FakeCluster::services(1);
    FakeClusterBackend backend;
    ChartsPanel panel;
    panel.resize(1000, 800);
    panel.show();
    panel.addSource(&backend, "fake");
    backend.resetCluster(one, false);
    QTest::qWait(50);
    const long before = residentBytes();
    double t = 0;
    for (int batch = 0; batch < 100; ++batch) {
      QVector<model::ChartSample> burst;
      for (int i = 0; i < 10'000; ++i) {
        t += 0.001;
        model::ChartSample s = one.sample(t);
        s.startS = t - 0.001;
        burst.push_back(std::move(s));
      }
      backend.publishSamples(burst);
    }
    panel.replotNow();
    const long grown = residentBytes() - before;
    const auto cap = static_cast<long>(panel.history(0)->limits().maxBytes);
    QVERIFY2(panel.history(0)->bytesUsed() <= static_cast<std::size_t>(cap), "over the cap");
    // The estimate and the real heap agree within a third.
    qInfo("grew by %.0f MB, %zu samples kept", grown / 1e6, panel.history(0)->size());
    QVERIFY2(grown < cap * 4 / 3, qPrintable(QString("grew by %1 MB").arg(grown / 1e6)));
#endif
  }

  void scopeLogScaleAndPresenterMode() {
    const FakeCluster three = FakeCluster::services(3);
    FakeClusterBackend backend;
    ChartsPanel panel;
    panel.addSource(&backend, "fake");
    backend.resetCluster(three, false);
    backend.publishSamples(samples(three, 1, 100));
    panel.followSelection(app::Selection::component("svc-2"));
    QCOMPARE(panel.scope(), 2);
    QCOMPARE(pointValue(panel, ChartPlot::Latency, 0, 0), 4.0);  // svc-2's p50
    panel.followSelection(app::Selection::ofReplica("svc-1", 0));
    QCOMPARE(panel.scope(), 1);
    panel.setScope(99);  // no such component: end to end
    QCOMPARE(panel.scope(), -1);

    panel.setLogLatency(true);
    panel.replotNow();
    QCPAxis* latency = panel.canvas()->plotRect(ChartPlot::Latency)->axis(QCPAxis::atLeft);
    QCOMPARE(latency->scaleType(), QCPAxis::stLogarithmic);
    QVERIFY(latency->range().lower > 0.0);
    QVERIFY(latency->range().upper / latency->range().lower >= 10.0);

    const double thin = panel.canvas()->graph(0)->pen().widthF();
    const int small = panel.canvas()
                          ->plotRect(ChartPlot::Errors)
                          ->axis(QCPAxis::atLeft)
                          ->tickLabelFont()
                          .pointSize();
    panel.setPresenterMode(true);
    QVERIFY(panel.canvas()->graph(0)->pen().widthF() > thin);
    QVERIFY(panel.canvas()
                ->plotRect(ChartPlot::Errors)
                ->axis(QCPAxis::atLeft)
                ->tickLabelFont()
                .pointSize() > small);
  }

  void droppedBackendIsRemoved() {
    ChartsPanel panel;
    auto* backend = new FakeClusterBackend;
    panel.addSource(backend, "gone");
    QCOMPARE(panel.graphCount(ChartPlot::Throughput), 1);
    delete backend;
    QCOMPARE(panel.sourceCount(), 0);
    QCOMPARE(panel.graphCount(ChartPlot::Throughput), 0);
  }

  // Sources removed while their graphs are listed in the plots' legends (a back end swapped in
  // a window, or destroyed): the next replots draw the legends without them.
  void removedSourcesLeaveTheLegends() {
    const FakeCluster shop = FakeCluster::shop();
    ChartsPanel panel;
    panel.resize(1000, 800);
    panel.show();
    auto* first = new FakeClusterBackend;
    panel.addSource(first, "first");
    first->resetCluster(shop);
    first->publishSamples(samples(shop, 1, 30));
    panel.replotNow();
    QVERIFY(panel.canvas()->plotLegend(ChartPlot::Errors)->itemCount() > 0);
    panel.clearSources();
    panel.replotNow();
    QCOMPARE(panel.canvas()->plotLegend(ChartPlot::Errors)->itemCount(), 0);
    panel.addSource(first, "again");
    first->publishSamples(samples(shop, 31, 60));
    panel.replotNow();
    delete first;
    panel.replotNow();
    QCOMPARE(panel.canvas()->plotLegend(ChartPlot::Latency)->itemCount(), 0);
  }
};

QTEST_MAIN(TestChartsPanel)
#include "test_charts_panel.moc"
