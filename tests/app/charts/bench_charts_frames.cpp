#include <QElapsedTimer>
#include <QtTest>
#include <algorithm>
#include <vector>

#include "charts_panel.h"
#include "fake_cluster_backend.h"

// The GUI bar of the brief: with a 200-service cluster and an hour of chart history, no frame
// over 50 ms. Samples are built in code (no engine); each frame is what the refresh timer does,
// with a synchronous repaint. Prints the times; asserts a generous bound on the 95th percentile.

using namespace clusterscope;
using app::ChartPlot;
using app::ChartsPanel;
using testing::FakeCluster;
using testing::FakeClusterBackend;

namespace {

constexpr int kComponents = 200;
constexpr int kHistoryS = 3600;
constexpr int kFrames = 100;

struct Stats {
  double p50 = 0, p95 = 0, max = 0;
};

Stats stats(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms[ms.size() * 95 / 100], ms.back()};
}

void report(const char* what, const Stats& s) {
  qInfo("%-44s p50 %6.2f ms   p95 %6.2f ms   max %6.2f ms", what, s.p50, s.p95, s.max);
}

}  // namespace

class TestChartsPerformance : public QObject {
  Q_OBJECT

 private slots:
  void anHourOfTwoHundredServices() {
    const FakeCluster large = FakeCluster::services(kComponents);
    FakeClusterBackend backend;
    ChartsPanel panel;
    panel.resize(1600, 1000);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.addSource(&backend, "large");
    backend.resetCluster(large, false);

    // An hour, in bursts of 100 intervals as a fast simulation delivers them.
    QElapsedTimer clock;
    std::vector<double> ingest;
    for (int t = 1; t <= kHistoryS; t += 100) {
      QVector<model::ChartSample> burst;
      for (int i = t; i < t + 100; ++i) burst.push_back(large.sample(i));
      clock.start();
      backend.publishSamples(burst);
      ingest.push_back(clock.nsecsElapsed() / 1e6);
    }
    QCOMPARE(panel.history(0)->size(), std::size_t(kHistoryS));
    qInfo("history: %zu samples, %.1f MB", panel.history(0)->size(),
          panel.history(0)->bytesUsed() / 1e6);
    report("ingest a burst of 100 samples", stats(ingest));

    // Live: one new interval per frame, a two-minute window, one service's scope.
    panel.setScope(17);
    std::vector<double> live;
    for (int f = 0; f < kFrames; ++f) {
      clock.start();
      backend.publishSamples({large.sample(kHistoryS + 1 + f)});
      panel.replotNow();
      live.push_back(clock.nsecsElapsed() / 1e6);
    }
    report("frame, 120 s window, one service", stats(live));

    // Looking back: the whole hour on screen, end to end, with markers.
    panel.setScope(-1);
    for (int m = 0; m < 40; ++m) {
      emit backend.actionApplied(100.0 + m * 90.0, model::Action{},
                                 QStringLiteral("killed svc-%1#0").arg(m));
    }
    panel.setWindowSeconds(kHistoryS + kFrames);
    std::vector<double> whole;
    for (int f = 0; f < kFrames; ++f) {
      clock.start();
      backend.publishSamples({large.sample(kHistoryS + kFrames + 1 + f)});
      panel.replotNow();
      whole.push_back(clock.nsecsElapsed() / 1e6);
    }
    report("frame, whole hour, end to end, 40 markers", stats(whole));

    // A scope change redraws the whole history of the new scope.
    std::vector<double> scope;
    for (int c = 0; c < 20; ++c) {
      clock.start();
      panel.setScope(c * 10);
      panel.replotNow();
      scope.push_back(clock.nsecsElapsed() / 1e6);
    }
    report("scope change and frame, whole hour", stats(scope));

    // Comparison mode: a second source (dashed lines) over the same hour.
    FakeClusterBackend second;
    panel.addSource(&second, "variant");
    second.resetCluster(large, false);
    for (int t = 1; t <= kHistoryS + 2 * kFrames; t += 100) {
      QVector<model::ChartSample> burst;
      for (int i = t; i < t + 100; ++i) burst.push_back(large.sample(i));
      second.publishSamples(burst);
    }
    std::vector<double> compare;
    for (int f = 0; f < kFrames / 4; ++f) {
      clock.start();
      panel.replotNow();
      compare.push_back(clock.nsecsElapsed() / 1e6);
    }
    report("frame, whole hour, two sources", stats(compare));
    // To look at what was timed: CHARTS_PERF_GRAB=out.png.
    if (qEnvironmentVariableIsSet("CHARTS_PERF_GRAB")) {
      panel.grab().save(qEnvironmentVariable("CHARTS_PERF_GRAB"));
    }

    QVERIFY2(stats(live).p95 < 50.0, "a live frame takes over 50 ms");
    QVERIFY2(stats(compare).p95 < 50.0, "a comparison frame takes over 50 ms");
    QVERIFY2(stats(whole).p95 < 50.0, "a whole-history frame takes over 50 ms");
    QVERIFY2(stats(ingest).p95 < 50.0, "ingesting a burst takes over 50 ms");
  }
};

QTEST_MAIN(TestChartsPerformance)
#include "bench_charts_frames.moc"
