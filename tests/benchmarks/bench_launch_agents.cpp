// How long the launcher library takes to bring up 50 clusterscope-agent processes until every
// one reports ready (a generated scenario: one service of 50 replicas, no load generator, as
// `clusterscope-cli launch --no-load` runs it): from start to "traffic would start", repeated
// RUNS times. Baselines in the same run, with the launcher's own ChildProcess::spawn: 50
// `clusterscope-agent --help` (the same executable, loaded and exiting at once) and 50
// `/bin/true`, started and waited for. Figures and the command: docs/benchmarks.md.
//
//   bench_launch_agents [RUNS=3] [AGENTS=50]

#include <cstdio>
#include <cstdlib>

#include "live_bench.h"

using namespace clusterscope;
using namespace clusterscope::bench;
using namespace std::chrono_literals;

namespace {

std::string scenarioText(int agents) {
  return R"({"format": 1, "name": "bench launch", "duration_s": 3600,
  "services": [{"name": "svc", "replicas": )" +
         std::to_string(agents) + R"(, "workers": 1, "service_time_ms": 1}],
  "workload": {"entry": "svc", "rate_rps": 1}})";
}

// Starts `count` processes of `argv` at once and waits for every one to exit: ms.
double spawnAndWait(const std::vector<std::string>& argv, int count) {
  const auto start = Clock::now();
  std::vector<std::unique_ptr<ln::ChildProcess>> children;
  for (int i = 0; i < count; ++i) children.push_back(ln::ChildProcess::spawn({argv, {}, {}, {}}));
  for (auto& child : children) waitExit(*child);
  return msSince(start, Clock::now());
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
  const int agents = argc > 2 ? std::clamp(std::atoi(argv[2]), 1, 1000) : 50;
  const engine::Scenario scenario = scenarioFrom(scenarioText(agents));
  std::printf("%d agents, %d runs\n", agents, runs);
  std::printf("%-4s %14s %14s %16s %12s\n", "run", "launch ms", "stop ms", "agent --help ms",
              "/bin/true ms");
  std::vector<double> launch, stop, help, trivial;
  for (int run = 1; run <= runs; ++run) {
    double ready = 0, killed = 0;
    {
      TempDir dir("bench_launch_agents");
      LaunchedCluster cluster(scenario, dir.path());
      cluster.start();
      const auto t = cluster.waitAllReady(120s);
      if (!t) {
        std::fprintf(stderr, "not ready within 120 s: %s\n", cluster.error().c_str());
        return 1;
      }
      ready = *t;
      const auto stopStart = Clock::now();
      cluster.kill();  // SIGKILL to every child, each reaped
      killed = msSince(stopStart, Clock::now());
    }
    launch.push_back(ready);
    stop.push_back(killed);
    help.push_back(spawnAndWait({CLUSTERSCOPE_AGENT_PATH, "--help"}, agents));
    trivial.push_back(spawnAndWait({"/bin/true"}, agents));
    std::printf("%-4d %14.0f %14.0f %16.1f %12.1f\n", run, launch.back(), stop.back(), help.back(),
                trivial.back());
    std::fflush(stdout);
  }
  const double l = percentiles(launch).p50, h = percentiles(help).p50, t = percentiles(trivial).p50;
  std::printf("%-4s %14.0f %14.0f %16.1f %12.1f\n", "p50", l, percentiles(stop).p50, h, t);
  std::printf("\nratio launch / %d agent --help: %.1f;  launch / %d /bin/true: %.1f\n", agents,
              l / h, agents, l / t);
  std::printf("per agent: %.1f ms to ready, against %.2f ms to start and end `--help`\n",
              l / agents, h / agents);
  return 0;
}
