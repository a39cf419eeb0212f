// A 200-service, 2,000-replica cluster at 10,000 requests per second: how much faster than
// real time it runs, and whether memory stays flat as simulated time goes on.

#include <cstdio>

#include "bench_util.h"
#include "simulation.h"
#include "test_scenarios.h"

using namespace clusterscope;
using namespace clusterscope::engine;
using namespace clusterscope::model;

int main(int argc, char** argv) {
  const double duration = argc > 1 ? std::atof(argv[1]) : 120.0;
  std::printf("== 200 services, 2,000 replicas, 10,000 requests/s, %.0f s simulated ==\n",
              duration);
  const double before = bench::residentMiB();
  Simulation sim(testing::largeCluster(200, 10, 10000, duration));
  std::printf("  %8s %10s %12s %10s %8s\n", "sim s", "wall s", "events", "x realtime", "RSS MiB");
  const auto start = std::chrono::steady_clock::now();
  const SimTime step = secondsToSim(duration / 6);
  for (SimTime t = step; !sim.finished(); t += step) {
    sim.runUntil(t);
    const double wall = bench::seconds(start);
    std::printf("  %8.0f %10.2f %12llu %10.1f %8.1f\n", simToSeconds(sim.now()), wall,
                static_cast<unsigned long long>(sim.eventsProcessed()),
                simToSeconds(sim.now()) / wall, bench::residentMiB());
  }
  const double wall = bench::seconds(start);
  const double speed = duration / wall;
  std::printf("  events/s  %.2f M\n", static_cast<double>(sim.eventsProcessed()) / wall / 1e6);
  std::printf("  speed     %.1fx real time (target 20x: %s)\n", speed,
              speed >= 20 ? "met" : "NOT MET");
  std::printf("  memory    %.1f MiB before, %.1f MiB at the end\n", before, bench::residentMiB());
  // The GUI takes up to 30 snapshots a second of this cluster.
  const int snapshots = 300;
  const auto snapStart = std::chrono::steady_clock::now();
  std::size_t replicas = 0;
  for (int i = 0; i < snapshots; ++i) {
    for (const auto& d : sim.snapshot().deployments) replicas += d.replicas.size();
  }
  const double perSnapshotMs = bench::seconds(snapStart) / snapshots * 1e3;
  std::printf("  snapshot  %.3f ms for %zu replicas (%.1f %% of a 30 Hz frame budget)\n",
              perSnapshotMs, replicas / snapshots, perSnapshotMs / (1000.0 / 30.0) * 100.0);
  return 0;
}
