// GUI responsiveness with a 200-service, 2,000-replica cluster and an hour of chart history.
//
// The main window runs on the offscreen platform with the real simulation behind it. A 1 ms
// timer on the GUI thread measures how long the thread is kept from its event loop: each gap
// between two ticks is, at worst, one frame of work (snapshot -> topology, samples -> charts,
// repaint). Baseline in the same run: the same measure on a three-service scenario.
//
//   QT_QPA_PLATFORM=offscreen build/tests/benchmarks/bench_gui_frames [history-seconds]

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <vector>

#include "bench_util.h"
#include "main_window.h"
#include "simulation_backend.h"
#include "test_scenarios.h"

using namespace clusterscope;
using namespace clusterscope::app;

namespace {

double simSeconds(const MainWindow& w) {
  const auto s = w.backend()->lastSnapshot();
  return s ? model::toSeconds(s->time) : 0.0;
}

void waitUntil(const std::function<bool()>& done) {
  while (!done()) QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
}

struct Frames {
  double p50, p95, p99, max;
};

// Runs the window live at `speed` for `wallMs` and returns the GUI thread's gap percentiles.
Frames measure(MainWindow& w, double speed, int wallMs) {
  w.backend()->setSpeed(speed);
  w.backend()->start();
  std::vector<double> gaps;
  QElapsedTimer clock;
  clock.start();
  qint64 last = clock.nsecsElapsed();
  QTimer tick;
  tick.setInterval(1);
  QObject::connect(&tick, &QTimer::timeout, [&] {
    const qint64 now = clock.nsecsElapsed();
    gaps.push_back((now - last) / 1e6);
    last = now;
  });
  tick.start();
  QEventLoop loop;
  QTimer::singleShot(wallMs, &loop, &QEventLoop::quit);
  loop.exec();
  tick.stop();
  w.backend()->pause();
  std::sort(gaps.begin(), gaps.end());
  auto at = [&](double q) { return gaps[static_cast<std::size_t>(q * (gaps.size() - 1))]; };
  return {at(0.50), at(0.95), at(0.99), gaps.back()};
}

void print(const char* what, const Frames& f) {
  std::printf("  %-34s p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %6.1f ms\n", what, f.p50,
              f.p95, f.p99, f.max);
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  const double history = argc > 1 ? std::atof(argv[1]) : 3600.0;
  QApplication::setOrganizationName("ClusterScopeBench");  // its own settings

  std::printf("== GUI frames, offscreen, 1600x1000 ==\n");
  MainWindow small;
  small.setScenarioSession(new ScenarioSession(&small));
  small.resize(1600, 1000);
  small.show();
  small.openScenario(":/scenarios/node-failure.json");
  waitUntil([&] { return small.backend()->runState() == RunState::Paused; });
  const Frames base = measure(small, 10, 5000);
  print("baseline: 3 services, 9 replicas", base);
  small.close();

  MainWindow w;
  auto* session = new ScenarioSession(&w);
  w.setScenarioSession(session);
  w.resize(1600, 1000);
  w.show();
  engine::Scenario big = testing::largeCluster(200, 10, 10000, history + 600);
  session->backend()->load(big);
  waitUntil([&] { return w.backend()->runState() == RunState::Paused; });
  std::printf("  filling %.0f s of chart history at full speed...\n", history);
  const auto fillStart = std::chrono::steady_clock::now();
  w.backend()->setSpeed(0);
  w.backend()->start();
  double nextReport = history / 4;
  while (simSeconds(w) < history) {
    QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    if (simSeconds(w) >= nextReport) {
      std::printf("    %6.0f s of history after %5.1f s, RSS %7.1f MiB\n", simSeconds(w),
                  bench::seconds(fillStart), bench::residentMiB());
      nextReport += history / 4;
    }
  }
  w.backend()->pause();
  waitUntil([&] { return w.backend()->runState() == RunState::Paused; });
  const double rssBefore = bench::residentMiB();
  const Frames live = measure(w, 10, 10000);
  print("200 services, 2,000 replicas", live);
  std::printf("  ratio p95 (large / baseline)       %.2f\n", live.p95 / base.p95);
  std::printf("  RSS %.1f MiB before the measured run, %.1f MiB after (%.0f s more)\n", rssBefore,
              bench::residentMiB(), 100.0);
  std::printf("  target: no frame over 50 ms: %s\n", live.max <= 50.0 ? "met" : "NOT MET");
  return 0;
}
