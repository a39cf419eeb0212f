#include <unistd.h>

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <cstdio>

#include "chart_test_backend.h"
#include "charts_panel.h"
#include "scenario_loader.h"
#include "simulation.h"
#include "simulation_backend.h"

using namespace clusterscope;
using app::ChartPlot;
using app::ChartsPanel;
using app::SimulationBackend;
using app::testing::ChartTestBackend;

namespace {

engine::Scenario bundled(const char* name) {
  auto r = engine::loadScenarioFile(std::string(CLUSTERSCOPE_SCENARIO_DIR) + "/" + name);
  if (!r.ok()) qFatal("cannot load %s: %s", name, r.errors.front().format().c_str());
  return *r.scenario;
}

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

QVector<model::ChartSample> samples(double fromS, double toS, int components) {
  QVector<model::ChartSample> out;
  for (double t = fromS; t <= toS; t += 1.0) out.push_back(ChartTestBackend::sample(t, components));
  return out;
}

}  // namespace

class TestChartsPanel : public QObject {
  Q_OBJECT

 private slots:
  // A real simulation, run as fast as possible: data, a user action's marker, scope, exports.
  void liveSimulation() {
    SimulationBackend backend;
    ChartsPanel panel;
    panel.resize(1200, 900);
    panel.show();
    panel.addSource(&backend, "lesson");
    backend.load(bundled("lesson-microservices.json"));
    QTRY_VERIFY(backend.layout() != nullptr);
    backend.setSpeed(0);
    backend.start();
    QTRY_VERIFY_WITH_TIMEOUT(panel.history(0)->size() >= 20, 10000);
    model::Action kill;
    kill.kind = model::ActionKind::KillReplica;
    kill.service = "catalog";
    kill.replica = 1;
    backend.applyAction(kill);
    QTRY_COMPARE_WITH_TIMEOUT(backend.runState(), app::RunState::Finished, 30000);
    QTRY_VERIFY(panel.markerLabels().contains("killed catalog#1"));
    // The timeline's own actions are markers too, in time order.
    const QStringList labels = panel.markerLabels();
    QVERIFY2(labels.contains("killed orders#0"), qPrintable(labels.join(" | ")));
    QVERIFY(labels.indexOf("killed orders#0") < labels.indexOf("recovered node node-b"));

    const int samples = static_cast<int>(panel.history(0)->size());
    QCOMPARE(samples, 270);  // one per second of the lesson
    QCOMPARE(panel.graphCount(ChartPlot::Throughput), 1);
    QCOMPARE(panel.graphPointCount(ChartPlot::Throughput, 0), samples);
    QCOMPARE(panel.graphPointCount(ChartPlot::Latency, 2), samples);
    QCOMPARE(panel.graphPointCount(ChartPlot::Replicas, 0), samples);
    // Bursts were merged: far fewer replots than sample batches would have asked for.
    QVERIFY(panel.refreshCount() >= 1);
    QTRY_VERIFY(panel.visibleRange().upper >= 269.0);  // following the newest data

    // The errors plot lists only the causes that occurred.
    const auto errors = panel.canvas()->plotRect(ChartPlot::Errors)->graphs();
    int shown = 0;
    for (QCPGraph* g : errors) shown += g->visible() ? 1 : 0;
    QVERIFY(shown >= 1);
    QVERIFY(shown < errors.size());
    QCOMPARE(panel.canvas()->plotLegend(ChartPlot::Errors)->itemCount(), shown);

    // One service: its throughput is a share of the end-to-end one.
    const double e2e = pointValue(panel, ChartPlot::Throughput, 0, 20);
    const int catalog = panel.history(0)->layout()->componentIndex("catalog");
    QSignalSpy scopeSpy(&panel, &ChartsPanel::scopeChanged);
    panel.setScope(catalog);
    QCOMPARE(scopeSpy.count(), 1);
    QCOMPARE(panel.graphPointCount(ChartPlot::Throughput, 0), samples);
    const double one = pointValue(panel, ChartPlot::Throughput, 0, 20);
    QVERIFY2(one > 0.5 * 0.7 * e2e && one < e2e, qPrintable(QString("%1 vs %2").arg(one).arg(e2e)));
    panel.followSelection({app::Selection::Kind::None, -1, -1});
    QCOMPARE(panel.scope(), -1);

    QTemporaryDir dir;
    const QString png = dir.filePath("c.png");
    const QString pdf = dir.filePath("c.pdf");
    const QString csv = dir.filePath("c.csv");
    QVERIFY(panel.exportPng(png));
    QVERIFY(panel.exportPdf(pdf));
    panel.setScope(catalog);
    QVERIFY(panel.exportCsv(csv));
    QCOMPARE(head(png, 8), QByteArray("\x89PNG\r\n\x1a\n", 8));
    QCOMPARE(head(pdf, 5), QByteArray("%PDF-"));
    QVERIFY(QFileInfo(pdf).size() > 10000);
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), samples + 1);
    QVERIFY(lines[0].startsWith("scope,start_s,end_s,"));
    QVERIFY(lines[1].startsWith("catalog,"));
    QVERIFY(!panel.exportCsv(dir.filePath("no/such/dir/c.csv")));
    QVERIFY(!panel.lastError().isEmpty());
  }

  // Comparison mode: the same scenario as is and with every call async, overlaid.
  void twoSourcesOverlay() {
    engine::Scenario sync = bundled("sync-chain-slow-db.json");
    engine::Scenario async = sync;
    engine::forceCallMode(async, model::CallMode::Async);
    SimulationBackend a;
    SimulationBackend b;
    ChartsPanel panel;
    panel.resize(1200, 900);
    panel.show();
    panel.addSource(&a, "sync");
    QCOMPARE(panel.graphCount(ChartPlot::Latency), 3);
    const int errorGraphs = panel.graphCount(ChartPlot::Errors);
    panel.addSource(&b, "async");
    QCOMPARE(panel.graphCount(ChartPlot::Throughput), 2);
    QCOMPARE(panel.graphCount(ChartPlot::Latency), 6);
    QCOMPARE(panel.graphCount(ChartPlot::Errors), 2 * errorGraphs);
    a.load(sync);
    b.load(async);
    QTRY_VERIFY(a.layout() && b.layout());
    for (auto* backend : {&a, &b}) {
      backend->setSpeed(0);
      backend->start();
    }
    QTRY_COMPARE_WITH_TIMEOUT(a.runState(), app::RunState::Finished, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(b.runState(), app::RunState::Finished, 30000);
    QCOMPARE(panel.graphPointCount(ChartPlot::Latency, 1), int(panel.history(0)->size()));
    QCOMPARE(panel.graphPointCount(ChartPlot::Latency, 4), int(panel.history(1)->size()));
    QVERIFY(panel.history(1)->size() > 0);
    panel.replotNow();
    const auto graphs = panel.canvas()->plotRect(ChartPlot::Latency)->graphs();
    QCOMPARE(graphs[4]->name(), QStringLiteral("async: p95"));
    QVERIFY(graphs[4]->pen().style() == Qt::DashLine);
    QVERIFY(graphs[4]->pen().color() != graphs[1]->pen().color());
    // One timeline, one marker per action.
    QStringList labels = panel.markerLabels();
    QVERIFY(!labels.isEmpty());
    QCOMPARE(labels.removeDuplicates(), 0);

    QTemporaryDir dir;
    QVERIFY(panel.exportCsv(dir.filePath("both.csv")));
    QFile f(dir.filePath("both.csv"));
    QVERIFY(f.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), int(panel.history(0)->size() + panel.history(1)->size()) + 1);
    QVERIFY(lines[0].startsWith("source,scope,"));
    QVERIFY(lines.last().startsWith("async,end to end,"));
  }

  // A burst of samples costs one replot; following, looking back, following again.
  void coalescesAndFollows() {
    ChartTestBackend backend;
    ChartsPanel panel;
    panel.resize(1000, 800);
    panel.show();
    panel.addSource(&backend, "fake");
    backend.emitLayout(4);
    QTest::qWait(100);
    const int before = panel.refreshCount();
    for (int batch = 0; batch < 50; ++batch) {
      emit backend.samplesReady(samples(batch * 10 + 1, batch * 10 + 10, 4));
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
    emit backend.samplesReady(samples(501, 560, 4));
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

    // An action is a marker; a reset (layoutChanged) clears history, graphs and markers.
    emit backend.actionApplied(555.0, model::Action{}, "killed svc-1#0");
    QCOMPARE(panel.markerLabels(), QStringList{"killed svc-1#0"});
    backend.emitLayout(4);
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
    ChartTestBackend backend;
    ChartsPanel panel;
    panel.resize(1000, 800);
    panel.show();
    panel.addSource(&backend, "fake");
    backend.emitLayout(1);
    QTest::qWait(50);
    const long before = residentBytes();
    double t = 0;
    for (int batch = 0; batch < 100; ++batch) {
      QVector<model::ChartSample> burst;
      for (int i = 0; i < 10'000; ++i) {
        t += 0.001;
        model::ChartSample s = ChartTestBackend::sample(t, 1);
        s.startS = t - 0.001;
        burst.push_back(std::move(s));
      }
      emit backend.samplesReady(burst);
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
    ChartTestBackend backend;
    ChartsPanel panel;
    panel.addSource(&backend, "fake");
    backend.emitLayout(3);
    emit backend.samplesReady(samples(1, 100, 3));
    panel.followSelection({app::Selection::Kind::Component, 2, -1});
    QCOMPARE(panel.scope(), 2);
    QCOMPARE(pointValue(panel, ChartPlot::Latency, 0, 0), 4.0);  // svc-2's p50
    panel.followSelection({app::Selection::Kind::Replica, 1, 0});
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
    auto* backend = new ChartTestBackend;
    panel.addSource(backend, "gone");
    QCOMPARE(panel.graphCount(ChartPlot::Throughput), 1);
    delete backend;
    QCOMPARE(panel.sourceCount(), 0);
    QCOMPARE(panel.graphCount(ChartPlot::Throughput), 0);
  }
};

QTEST_MAIN(TestChartsPanel)
#include "test_charts_panel.moc"
