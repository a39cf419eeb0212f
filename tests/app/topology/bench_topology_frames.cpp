// The topology stays responsive on the benchmark cluster (200 services, 2,000 replicas): a
// snapshot and a full repaint of the view, or one animation frame, take well under the 50 ms
// of a frame. The bar is generous because test machines are shared; the timings are printed.

#include <QElapsedTimer>
#include <QtTest>
#include <algorithm>
#include <memory>
#include <numeric>
#include <vector>

#include "fake_cluster_backend.h"
#include "simulation.h"
#include "test_scenarios.h"
#include "topology_scene.h"
#include "topology_view.h"

using namespace clusterscope;

namespace {

constexpr int kFrames = 100;
constexpr double kMaxP95Ms = 50.0;

struct Stats {
  double mean = 0, p95 = 0, max = 0;
};

Stats stats(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  Stats s;
  s.mean = std::accumulate(ms.begin(), ms.end(), 0.0) / ms.size();
  s.p95 = ms[static_cast<std::size_t>(0.95 * (ms.size() - 1))];
  s.max = ms.back();
  return s;
}

}  // namespace

class TestTopologyPerformance : public QObject {
  Q_OBJECT

  testing::FakeClusterBackend backend_;
  std::unique_ptr<app::TopologyView> view_;
  std::vector<std::shared_ptr<const model::ClusterSnapshot>> snapshots_;
  int replicas_ = 0;

  Stats measure(const char* what, const std::function<void(int)>& frame) {
    std::vector<double> ms;
    QElapsedTimer t;
    for (int i = 0; i < kFrames; ++i) {
      t.start();
      frame(i);
      view_->viewport()->repaint();
      ms.push_back(t.nsecsElapsed() / 1e6);
    }
    const Stats s = stats(ms);
    qInfo("%-34s mean %5.1f ms  p95 %5.1f ms  max %5.1f ms", what, s.mean, s.p95, s.max);
    return s;
  }

 private slots:
  void initTestCase() {
    // Snapshots are made before any timing: only the view's work is measured.
    engine::Simulation sim(testing::largeCluster(200, 10, 10000, 600));
    for (int i = 0; i < kFrames; ++i) {
      sim.runUntil(engine::secondsToSim(1.0 + 0.1 * i));
      snapshots_.push_back(std::make_shared<const model::ClusterSnapshot>(sim.snapshot()));
    }
    for (const auto& d : snapshots_.back()->deployments)
      replicas_ += static_cast<int>(d.replicas.size());
    view_ = std::make_unique<app::TopologyView>();
    view_->resize(1600, 1000);
    view_->setBackend(&backend_);
    view_->show();
    QVERIFY(QTest::qWaitForWindowExposed(view_.get()));
    QElapsedTimer t;
    t.start();
    backend_.resetCluster(std::make_shared<const model::ClusterLayout>(sim.layout()), nullptr);
    qInfo("built the scene for 200 services in %.1f ms", t.nsecsElapsed() / 1e6);
    QCOMPARE(view_->topologyScene()->serviceItemCount(), 200);
    QCOMPARE(replicas_, 2000);
  }

  void snapshotsFittedToTheWindow() {
    view_->fitAll();
    const Stats s = measure("snapshot + repaint, whole cluster",
                            [&](int i) { backend_.publish(snapshots_[i]); });
    QVERIFY2(s.p95 < kMaxP95Ms, "a snapshot took too long to show");
    // Traffic flows: the last snapshot gives dots to most edges.
    int withDots = 0;
    for (int e = 0; e < view_->topologyScene()->edgeItemCount(); ++e) {
      withDots += view_->topologyScene()->edgeDotCount(e) > 0 ? 1 : 0;
    }
    QVERIFY(withDots > 100);
  }

  void animationFramesFittedToTheWindow() {
    const Stats s = measure("animation frame, whole cluster",
                            [&](int) { view_->topologyScene()->advanceAnimation(0.033); });
    QVERIFY2(s.p95 < kMaxP95Ms, "an animation frame took too long");
  }

  void snapshotsZoomedIn() {
    // At zoom 1 every label and figure is drawn: the text-heavy case.
    view_->setTransform(QTransform());
    view_->centerOn(view_->topologyScene()->deploymentSceneRect(0).center());
    const Stats s = measure("snapshot + repaint, zoom 1",
                            [&](int i) { backend_.publish(snapshots_[kFrames - 1 - i]); });
    QVERIFY2(s.p95 < kMaxP95Ms, "a snapshot took too long to show");
  }

  void animationFramesZoomedIn() {
    const Stats s = measure("animation frame, zoom 1",
                            [&](int) { view_->topologyScene()->advanceAnimation(0.033); });
    QVERIFY2(s.p95 < kMaxP95Ms, "an animation frame took too long");
  }

  void cleanupTestCase() { view_.reset(); }
};

QTEST_MAIN(TestTopologyPerformance)
#include "bench_topology_frames.moc"
