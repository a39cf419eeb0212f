// How long a killed agent takes to be shown down. A cluster launched by the launcher library
// (10 replicas of one service, clusterscope-agent) and 2 replicas of another service that this
// benchmark starts itself (`external` to the launcher, as agents started by hand or on another
// host are). A monitor (a HubClient subscribed to the hub, on a thread of its own) notes each
// PEER_STATE. Over KILLS rounds, one launched agent is SIGKILLed by this benchmark (not through
// the launcher: as the OOM killer or a crash would), the time to the monitor's `down` is taken,
// then the launcher restarts it (restart_replica) and the next round waits until it reports
// ready. Baseline in the same run: the same for the external agents, which the hub can only
// find down by the silence of their reports (no launcher sees them exit). Requirement: down in
// under 2 s. Figures and the command: docs/benchmarks.md.
//
//   bench_kill_to_down [KILLS=30] [HEARTBEAT_KILLS=30]

#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <random>

#include "live_bench.h"

using namespace clusterscope;
using namespace clusterscope::bench;
using namespace std::chrono_literals;

namespace {

constexpr int kLaunched = 10;
constexpr int kExternal = 2;

const char* kScenario = R"({"format": 1, "name": "bench kill to down", "duration_s": 3600,
  "services": [
    {"name": "svc", "replicas": 10, "workers": 2, "service_time_ms": 1},
    {"name": "ext", "replicas": 2, "workers": 2, "service_time_ms": 1}],
  "workload": {"entry": "svc", "rate_rps": 1}})";

// A pause of 0 to 250 ms before each kill. Without it the rounds lock in step: each ends on an
// UPDATE and lasts about as long as the last, so the next kill falls at the same phase of the
// victim's 100 ms reports every time (just after one), and heartbeat detection looks a steady
// 1,000 ms when it really spreads over a report interval.
void randomPause() {
  static std::mt19937 random(42);
  std::this_thread::sleep_for(
      std::chrono::microseconds(std::uniform_int_distribution<int>(0, 250'000)(random)));
}

bool isDownSince(const Watcher::Peers& peers, const std::string& instance, Clock::time_point t) {
  const auto it = peers.find(instance);
  return it != peers.end() && it->second.liveness == p::Liveness::Down && it->second.changedAt >= t;
}

bool isReadySince(const Watcher::Peers& peers, const std::string& instance, Clock::time_point t) {
  const auto it = peers.find(instance);
  return it != peers.end() && it->second.liveness == p::Liveness::Joined && it->second.ready &&
         it->second.readyAt >= t;
}

void print(const char* name, const std::vector<double>& ms) {
  const Percentiles s = percentiles(ms);
  std::printf("%-44s %5zu %9.1f %9.1f %9.1f\n", name, s.n, s.p50, s.p95, s.max);
}

}  // namespace

int main(int argc, char** argv) {
  const int kills = argc > 1 ? std::max(1, std::atoi(argv[1])) : 30;
  const int heartbeatKills = argc > 2 ? std::max(0, std::atoi(argv[2])) : 30;

  TempDir dir("bench_kill_to_down");
  const std::string scenarioFile = dir.file("scenario.json");
  writeFile(scenarioFile, kScenario);
  LaunchedCluster cluster(scenarioFrom(kScenario), dir.path(), {"ext"});
  cluster.start();
  const std::string connection = cluster.info().connectionFile;
  int started = 0;  // each start logs to a file of its own: the banner read is its own
  auto startExternal = [&](int r) {
    ++started;
    return spawnWithBanner(
        {CLUSTERSCOPE_AGENT_PATH, "--connection", connection, "--scenario", scenarioFile,
         "--service", "ext", "--replica", std::to_string(r), "--no-metrics"},
        dir.file("ext-" + std::to_string(started) + ".log"), "serving on ");
  };
  std::vector<BannerChild> external;
  for (int r = 0; r < kExternal; ++r) external.push_back(startExternal(r));
  if (!cluster.waitAllReady(60s)) {
    std::fprintf(stderr, "the cluster did not become ready: %s\n", cluster.error().c_str());
    return 1;
  }
  Watcher watcher(connection);
  watcher.waitUntil(
      [](const Watcher::Peers& peers) {
        int ready = 0;
        for (const auto& [_, peer] : peers) ready += peer.ready ? 1 : 0;
        return ready >= kLaunched + kExternal;
      },
      20s);
  std::printf("%d launched agents, %d external, %d + %d kills\n", kLaunched, kExternal, kills,
              heartbeatKills);

  std::vector<double> toDown, toExitSeen, toReady, heartbeatToDown, heartbeatToReady;
  for (int k = 0; k < kills; ++k) {
    const int r = k % kLaunched;
    const std::string instance = "svc#" + std::to_string(r);
    const pid_t pid = cluster.pidOf(instance);
    if (pid <= 0) {
      std::fprintf(stderr, "no process for %s\n", instance.c_str());
      return 1;
    }
    randomPause();
    const auto killedAt = Clock::now();
    ::kill(pid, SIGKILL);
    if (!watcher.waitUntil(
            [&](const auto& peers) { return isDownSince(peers, instance, killedAt); }, 10s)) {
      std::fprintf(stderr, "%s was never shown down\n", instance.c_str());
      return 1;
    }
    toDown.push_back(msSince(killedAt, watcher.peer(instance)->changedAt));
    if (const auto seen = cluster.exitedAt(pid)) toExitSeen.push_back(msSince(killedAt, *seen));
    model::Action restart;
    restart.kind = model::ActionKind::RestartReplica;
    restart.service = "svc";
    restart.replica = r;
    const auto restartedAt = Clock::now();
    if (!cluster.apply(restart) ||
        !watcher.waitUntil(
            [&](const auto& peers) { return isReadySince(peers, instance, restartedAt); }, 20s)) {
      std::fprintf(stderr, "%s did not come back\n", instance.c_str());
      return 1;
    }
    toReady.push_back(msSince(restartedAt, watcher.peer(instance)->readyAt));
  }

  for (int k = 0; k < heartbeatKills; ++k) {
    const int r = k % kExternal;
    const std::string instance = "ext#" + std::to_string(r);
    randomPause();
    const auto killedAt = Clock::now();
    external[r].process->signal(SIGKILL);
    if (!watcher.waitUntil(
            [&](const auto& peers) { return isDownSince(peers, instance, killedAt); }, 10s)) {
      std::fprintf(stderr, "%s was never shown down\n", instance.c_str());
      return 1;
    }
    heartbeatToDown.push_back(msSince(killedAt, watcher.peer(instance)->changedAt));
    waitExit(*external[r].process);
    const auto restartedAt = Clock::now();
    external[r] = startExternal(r);
    if (!watcher.waitUntil(
            [&](const auto& peers) { return isReadySince(peers, instance, restartedAt); }, 20s)) {
      std::fprintf(stderr, "%s did not come back\n", instance.c_str());
      return 1;
    }
    heartbeatToReady.push_back(msSince(restartedAt, watcher.peer(instance)->readyAt));
  }

  std::printf("\n%-44s %5s %9s %9s %9s\n", "ms", "n", "p50", "p95", "max");
  print("launched: kill -> launcher sees the exit", toExitSeen);
  print("launched: kill -> monitor's PEER_STATE down", toDown);
  print("launched: restart_replica -> ready again", toReady);
  print("baseline, heartbeat only: kill -> down", heartbeatToDown);
  print("baseline: new process -> ready again", heartbeatToReady);
  const Percentiles launched = percentiles(toDown), heartbeat = percentiles(heartbeatToDown);
  if (heartbeat.n > 0) {
    std::printf("\nratio launched / heartbeat only: p50 %.4f, p95 %.4f\n",
                launched.p50 / heartbeat.p50, launched.p95 / heartbeat.p95);
  }
  std::printf("requirement (down in under 2 s): launched p95 %s, heartbeat p95 %s\n",
              launched.p95 < 2000 ? "met" : "NOT met",
              heartbeat.n == 0       ? "not measured"
              : heartbeat.p95 < 2000 ? "met"
                                     : "NOT met");
  return 0;
}
