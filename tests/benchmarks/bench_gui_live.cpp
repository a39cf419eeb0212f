// The GUI following 200 live agents reporting at 10 Hz, against the same GUI on the simulation
// of the same layout, in the same run (issue 9, item 8).
//
// Live: a clusterscope-hub child process (CURVE, fresh keys) and a second child process of this
// executable holding 200 agent peers (HubClients on one thread, 20 services x 10 replicas, as
// FakeProcess counts them: cumulative counters and histograms, edges to the services called),
// a load generator peer, and a launcher peer that announces the CLUSTER plan (clusterPlan() of
// the scenario, as `launch` does). The main window follows the hub through its connection file
// (File > Connect: LiveBackend). Baseline: the same scenario in a SimulationBackend at speed 1 in
// a main window. Each window runs in a child process of its own (forked before Qt starts), so
// its resident size is its own; both are 1600x1000 on the offscreen platform.
//
// Measured the way bench_gui_frames does: a 1 ms timer on the GUI thread records how long the
// thread is kept from its event loop (each gap is at most one frame of work); and the resident
// size every second. --past-cap first fills each window's chart history to its cap (4 h of
// one-second samples, ChartHistory::Limits) with samples before cluster time 0, so the whole
// measured run is past the cap: every new sample drops the oldest. Figures: docs/benchmarks.md.
//
//   bench_gui_live [SECONDS=60] [--past-cap]

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "bench_child.h"
#include "bench_util.h"
#include "charts_panel.h"
#include "curve_keys.h"
#include "event_loop.h"
#include "hub_client.h"
#include "hub_stream.h"
#include "launch_settings.h"
#include "main_window.h"
#include "simulation_backend.h"
#include "test_scenarios.h"

using namespace clusterscope;
using namespace clusterscope::app;
using namespace std::chrono_literals;
using bench::Child;
using bench::cpuSeconds;
namespace p = agents::protocol;

namespace {

constexpr int kServices = 20;
constexpr int kReplicas = 10;
constexpr double kRateRps = 2000;   // into svc-0; a request visits about four services
constexpr int kWarmUpS = 5;         // after the window shows all 200 replicas ready
constexpr double kCapS = 4 * 3600;  // ChartHistory::Limits::maxAgeS

// 20 services in a binary tree of sync calls, 10 replicas of 8 workers each, no nodes.
engine::Scenario scenario(double durationS) {
  engine::Scenario s = testing::largeCluster(kServices, kReplicas, kRateRps, durationS);
  s.name = "gui live bench";
  s.nodes.clear();
  for (auto& svc : s.services) {
    for (auto& call : svc.calls) call.mode = model::CallMode::Sync;  // no broker
  }
  return s;
}

// ---- child processes ----

pid_t forkChild() {
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork");
  if (pid == 0) bench::dieWithParent();
  return pid;
}

double ownCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// ---- the peers (a mode of this executable, run as a child process) ----

std::atomic<bool> peersStopping{false};

int runPeers(const std::string& endpoint, const std::string& keyDir) {
  signal(SIGTERM, [](int) { peersStopping = true; });
  const std::string hubKey = agents::readCertificateFile(keyDir + "/hub.key").publicKey;
  const agents::HubConnection agentLink{
      endpoint, hubKey, agents::readSecretCertificateFile(keyDir + "/agent.key_secret")};
  const agents::HubConnection controllerLink{
      endpoint, hubKey, agents::readSecretCertificateFile(keyDir + "/controller.key_secret")};
  const engine::Scenario s = scenario(24 * 3600);

  // Each service's expected arrival rate down the tree of calls (services come in call order).
  std::vector<double> rate(s.services.size(), 0.0);
  rate[0] = kRateRps;
  for (std::size_t i = 0; i < s.services.size(); ++i) {
    for (const auto& call : s.services[i].calls) {
      for (std::size_t j = 0; j < s.services.size(); ++j) {
        if (s.services[j].name == call.to) rate[j] += rate[i] * call.probability;
      }
    }
  }

  zmq::context_t context(1);
  agents::EventLoop loop;
  std::mt19937_64 rng(42);
  std::lognormal_distribution<double> latency(std::log(4e6), 0.6);
  std::uniform_real_distribution<double> coin(0, 1);

  struct Peer {
    testing::FakeProcess process;
    std::size_t service = 0;
    double owed = 0;  // requests due but not yet served (fractions carried over)
    std::unique_ptr<agents::HubClient> client;
  };
  std::deque<Peer> peers;
  auto add = [&](p::Hello hello, std::size_t service, const agents::HubConnection& link) {
    Peer& peer = peers.emplace_back(Peer{testing::FakeProcess(hello), service, 0, nullptr});
    agents::HubClient::Callbacks c;
    c.fillReport = [&peer, &s, &rate, &rng, &latency, &coin](p::Report& r) {
      testing::FakeProcess& proc = peer.process;
      const bool loadgen = proc.hello().role == p::PeerRole::Loadgen;
      const double perReplica = loadgen ? kRateRps : rate[peer.service] / kReplicas;
      peer.owed += perReplica * 0.1;  // one report interval of traffic
      for (; peer.owed >= 1; peer.owed -= 1) {
        const auto v = static_cast<std::int64_t>(latency(rng));
        if (loadgen) {
          proc.request(v);
          continue;
        }
        proc.serve(v);
        for (const auto& call : s.services[peer.service].calls) {
          if (coin(rng) < call.probability) proc.call(call.to, v / 3);
        }
      }
      if (!loadgen) {
        proc.setGauges(static_cast<std::int64_t>(std::lround(perReplica * 0.002)), 0, 8);
      }
      r = proc.report();
    };
    peer.client = std::make_unique<agents::HubClient>(loop, context,
                                                      agents::HubClient::Options{link, hello}, c);
  };
  for (std::size_t i = 0; i < s.services.size(); ++i) {
    for (int r = 0; r < kReplicas; ++r) {
      p::Hello h = testing::agentHello(s.services[i].name, r, 100000 + peers.size());
      h.workers = 8;
      h.endpoints.requests = "tcp://127.0.0.1:" + std::to_string(20000 + peers.size());
      for (const auto& call : s.services[i].calls) h.calls.push_back({"", call.to, call.mode});
      add(h, i, agentLink);
    }
  }
  add(testing::loadgenHello(s.workload.entry), 0, agentLink);

  p::Hello launcherHello;
  launcherHello.role = p::PeerRole::Launcher;
  launcherHello.instance = "launcher";
  launcherHello.language = "c++";
  launcherHello.pid = getpid();
  agents::HubClient launcher(loop, context, {controllerLink, launcherHello}, {});
  launcher.setClusterPlan(agents::launcher::clusterPlan(s));
  launcher.start();
  for (Peer& peer : peers) peer.client->start();
  std::printf("peers started: %zu\n", peers.size());
  std::fflush(stdout);
  loop.run([] { return !peersStopping.load(); }, 50ms);
  for (Peer& peer : peers) peer.client->stop();
  launcher.stop();
  return 0;
}

// ---- one window, measured (in a child process of its own) ----

// What a window's child process sends back through a pipe.
struct Result {
  double p50 = 0, p95 = 0, p99 = 0, max = 0;
  std::uint64_t frames = 0, over16 = 0, over50 = 0;
  double cpuShare = 0;  // of one core, over the measured run
  double historySamples = 0, historyMiB = 0;
  double readyReplicas = 0;
  int rssCount = 0;
  double rss[4096] = {};       // MiB, one a second from the start of the measured run
  double heap[4096] = {};      // MiB malloc has handed out, at the same moments
  double windowMax[512] = {};  // worst gap of each 10 s window
  double windowP95[512] = {};
  int windows = 0;
  // Gaps over 16 ms: how long, and how much of it the GUI thread spent on a core (the rest it
  // waited for one: a busy machine, not GUI work).
  double slowWall[256] = {};
  double slowCpu[256] = {};
  int slow = 0;
};

int readyReplicas(const ClusterBackend& b) {
  const auto snapshot = b.lastSnapshot();
  if (!snapshot) return 0;
  int ready = 0;
  for (const auto& d : snapshot->deployments) {
    for (const auto& r : d.replicas) ready += r.state == model::ReplicaState::Ready ? 1 : 0;
  }
  return ready;
}

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
}

// Fills `w`'s chart history up to its cap with one-second samples ending at cluster time 0, as
// soon as the back end announces its cluster (before any real sample can arrive).
void fillHistoryOnReset(MainWindow& w, ClusterBackend* backend) {
  auto done = std::make_shared<bool>(false);
  QObject::connect(
      backend, &ClusterBackend::clusterReset, &w,
      [&w, backend, done](std::shared_ptr<const model::ClusterLayout> layout,
                          std::shared_ptr<const model::ClusterDescription>) {
        if (*done || !layout) return;
        *done = true;
        model::ScopeSample scope;
        scope.arrivalRps = scope.throughputRps = 100;
        scope.p50Ms = 4;
        scope.p95Ms = 9;
        scope.p99Ms = 14;
        scope.utilization = 0.3F;
        scope.readyReplicas = kReplicas;
        model::ChartSample sample;
        sample.requests = scope;
        sample.components.assign(layout->components.size(), scope);
        sample.readyReplicas = kServices * kReplicas;
        QVector<model::ChartSample> batch;
        for (int i = 0; i < static_cast<int>(kCapS); ++i) {
          sample.startS = -kCapS + i;
          sample.endS = sample.startS + 1;
          batch.push_back(sample);
          if (batch.size() == 600) {
            emit backend->samplesReady(batch);
            batch.clear();
          }
        }
        if (!batch.isEmpty()) emit backend->samplesReady(batch);
        std::printf("    %s: chart history filled to the cap: %zu samples, %.1f MiB counted\n",
                    qPrintable(w.windowTitle()), w.charts()->history(0)->size(),
                    static_cast<double>(w.charts()->history(0)->bytesUsed()) / (1 << 20));
        std::fflush(stdout);
      },
      Qt::DirectConnection);
}

void waitUntil(const std::function<bool()>& done, int timeoutMs) {
  QElapsedTimer t;
  t.start();
  while (!done()) {
    if (t.elapsed() > timeoutMs) throw std::runtime_error("timed out waiting for the window");
    QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
  }
}

// CPU time of the calling thread, in ms.
double threadCpuMs() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

// Records the GUI thread's gaps and the resident size for `seconds`.
void measure(MainWindow& w, int seconds, Result& r) {
  // Every gap is kept, in storage made (and written) before the run: the measurement must not
  // grow the memory it measures (growing vectors of gaps once looked like a leak of the
  // window's). A 1 ms timer ticks at most 1000 times a second.
  std::vector<double> gaps(static_cast<std::size_t>(seconds) * 1100 + 1000);
  std::size_t count = 0;
  // Gaps come in time order: each 10 s window is a run of them, [start, next window's start).
  std::vector<std::size_t> windowStart(static_cast<std::size_t>((seconds + 9) / 10) + 1, 0);
  QElapsedTimer clock;
  clock.start();
  qint64 last = clock.nsecsElapsed();
  double lastCpu = threadCpuMs();
  QTimer tick;
  tick.setInterval(1);
  QObject::connect(&tick, &QTimer::timeout, [&] {
    const qint64 now = clock.nsecsElapsed();
    const double gap = static_cast<double>(now - last) / 1e6;
    const double cpu = threadCpuMs();
    if (gap > 16 && r.slow < static_cast<int>(std::size(r.slowWall))) {
      r.slowWall[r.slow] = gap;
      r.slowCpu[r.slow++] = cpu - lastCpu;
    }
    lastCpu = cpu;
    if (count < gaps.size()) gaps[count++] = gap;
    const auto win = static_cast<std::size_t>(now / 10'000'000'000LL);
    for (std::size_t k = win + 1; k < windowStart.size(); ++k) windowStart[k] = count;
    last = now;
  });
  QTimer rss;
  rss.setInterval(1000);
  QObject::connect(&rss, &QTimer::timeout, [&] {
    if (r.rssCount < static_cast<int>(std::size(r.rss))) {
      r.heap[r.rssCount] = bench::heapInUseMiB();
      r.rss[r.rssCount++] = bench::residentMiB();
    }
  });
  const double cpu0 = ownCpuSeconds();
  r.heap[r.rssCount] = bench::heapInUseMiB();
  r.rss[r.rssCount++] = bench::residentMiB();
  tick.start();
  rss.start();
  QEventLoop loop;
  QTimer::singleShot(seconds * 1000, &loop, &QEventLoop::quit);
  loop.exec();
  tick.stop();
  rss.stop();
  r.cpuShare = (ownCpuSeconds() - cpu0) / static_cast<double>(clock.nsecsElapsed()) * 1e9;
  gaps.resize(count);
  r.frames = gaps.size();
  r.p50 = percentile(gaps, 0.50);
  r.p95 = percentile(gaps, 0.95);
  r.p99 = percentile(gaps, 0.99);
  r.max = gaps.empty() ? 0 : *std::max_element(gaps.begin(), gaps.end());
  for (double g : gaps) {
    r.over16 += g > 16 ? 1 : 0;
    r.over50 += g > 50 ? 1 : 0;
  }
  for (std::size_t k = 0; k + 1 < windowStart.size(); ++k) {
    if (r.windows >= static_cast<int>(std::size(r.windowMax))) break;
    const auto from = gaps.begin() + static_cast<std::ptrdiff_t>(std::min(windowStart[k], count));
    const auto to = gaps.begin() + static_cast<std::ptrdiff_t>(std::min(windowStart[k + 1], count));
    const std::vector<double> win(from, to);
    r.windowP95[r.windows] = percentile(win, 0.95);
    r.windowMax[r.windows++] = win.empty() ? 0 : *std::max_element(win.begin(), win.end());
  }
  const ChartHistory* h = w.charts()->history(0);
  r.historySamples = h ? static_cast<double>(h->size()) : 0;
  r.historyMiB = h ? static_cast<double>(h->bytesUsed()) / (1 << 20) : 0;
  r.readyReplicas = readyReplicas(*w.backend());
}

// The window's process: `connectionFile` empty runs the simulation, else follows that hub.
Result runWindow(const std::string& connectionFile, int seconds, bool pastCap) {
  int argc = 1;
  char name[] = "bench_gui_live";
  char* argv[] = {name, nullptr};
  QApplication app(argc, argv);
  QApplication::setOrganizationName("ClusterScopeBench");  // its own settings
  Result r;
  MainWindow w;
  w.resize(1600, 1000);
  w.show();
  const bool live = !connectionFile.empty();
  if (live) {
    if (!w.connectToHub(QString::fromStdString(connectionFile))) {
      throw std::runtime_error("cannot follow the hub");
    }
    if (pastCap) fillHistoryOnReset(w, w.backend());
  } else {
    auto* session = new ScenarioSession(&w);
    w.setScenarioSession(session);
    if (pastCap) fillHistoryOnReset(w, session->backend());
    session->backend()->load(scenario(seconds + 600.0));
    waitUntil([&] { return w.backend()->runState() == RunState::Paused; }, 30000);
    w.backend()->setSpeed(1);
    w.backend()->start();
  }
  waitUntil([&] { return readyReplicas(*w.backend()) == kServices * kReplicas; }, 60000);
  const auto warm = std::chrono::steady_clock::now() + std::chrono::seconds(kWarmUpS);
  waitUntil([&] { return std::chrono::steady_clock::now() >= warm; }, 2 * kWarmUpS * 1000);
  measure(w, seconds, r);
  return r;
}

// Forks a child that runs one window and sends its Result back.
Result windowInChild(const std::string& connectionFile, int seconds, bool pastCap, pid_t& pid) {
  int pipeFd[2];
  if (pipe(pipeFd) != 0) throw std::runtime_error("pipe");
  pid = forkChild();
  if (pid == 0) {
    close(pipeFd[0]);
    int status = 0;
    try {
      const Result r = runWindow(connectionFile, seconds, pastCap);
      const char* bytes = reinterpret_cast<const char*>(&r);
      for (std::size_t sent = 0; sent < sizeof r;) {
        const ssize_t n = write(pipeFd[1], bytes + sent, sizeof r - sent);
        if (n <= 0) break;
        sent += static_cast<std::size_t>(n);
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "window: %s\n", e.what());
      status = 1;
    }
    std::fflush(stdout);
    _exit(status);  // no atexit, no second teardown of what the parent holds
  }
  close(pipeFd[1]);
  Result r;
  char* bytes = reinterpret_cast<char*>(&r);
  std::size_t got = 0;
  while (got < sizeof r) {
    const ssize_t n = read(pipeFd[0], bytes + got, sizeof r - got);
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  close(pipeFd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  pid = -1;
  if (got != sizeof r) throw std::runtime_error("the window's process failed");
  return r;
}

void print(const char* what, const Result& r) {
  std::printf(
      "  %-22s p50 %5.1f ms  p95 %5.1f ms  p99 %5.1f ms  max %6.1f ms  >16 ms %llu, >50 "
      "ms %llu of %llu\n",
      what, r.p50, r.p95, r.p99, r.max, static_cast<unsigned long long>(r.over16),
      static_cast<unsigned long long>(r.over50), static_cast<unsigned long long>(r.frames));
}

void printSeries(const char* what, const Result& r) {
  std::printf("  %s, 10 s windows (p95 / max ms):", what);
  for (int i = 0; i < r.windows; ++i) std::printf(" %.1f/%.1f", r.windowP95[i], r.windowMax[i]);
  std::printf("\n  %s, gaps over 16 ms (wall / GUI thread on a core, ms):", what);
  for (int i = 0; i < r.slow; ++i) std::printf(" %.0f/%.1f", r.slowWall[i], r.slowCpu[i]);
  std::printf("\n  %s, RSS MiB every 10 s:", what);
  for (int i = 0; i < r.rssCount; i += 10) std::printf(" %.1f", r.rss[i]);
  std::printf(" (end %.1f)\n", r.rss[r.rssCount - 1]);
  std::printf("  %s, malloc in use MiB every 10 s:", what);
  for (int i = 0; i < r.rssCount; i += 10) std::printf(" %.1f", r.heap[i]);
  std::printf(" (end %.1f)\n", r.heap[r.rssCount - 1]);
}

// Least-squares growth of a series sampled once a second, MiB per minute.
double slope(const double* y, int n) {
  if (n < 2) return 0;
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (int i = 0; i < n; ++i) {
    sx += i;
    sy += y[i];
    sxx += static_cast<double>(i) * i;
    sxy += i * y[i];
  }
  return (n * sxy - sx * sy) / (n * sxx - sx * sx) * 60;
}
double rssSlope(const Result& r) { return slope(r.rss, r.rssCount); }
double heapSlope(const Result& r) { return slope(r.heap, r.rssCount); }

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::strcmp(argv[1], "--peers") == 0) return runPeers(argv[2], argv[3]);
  int seconds = 60;
  bool pastCap = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--past-cap") == 0) {
      pastCap = true;
    } else {
      seconds = std::clamp(std::atoi(argv[i]), 10, 4000);
    }
  }
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");

  std::printf("== GUI on 200 live agents at 10 Hz against the simulation, %d s each%s ==\n",
              seconds, pastCap ? ", chart history at its cap" : "");
  std::fflush(stdout);
  pid_t windowPid = -1;
  const Result sim = windowInChild({}, seconds, pastCap, windowPid);
  print("simulation (baseline)", sim);
  std::fflush(stdout);

  const std::string dir =
      (std::filesystem::temp_directory_path() / ("bench_gui_live-" + std::to_string(getpid())))
          .string();
  const std::string connectionFile = dir + "/connection.json";
  agents::makeClusterKeys(dir + "/keys");
  Child hub = bench::spawn(
      {CLUSTERSCOPE_HUB_PATH, "--keys", dir + "/keys", "--connection-file", connectionFile},
      "  connection  ");
  std::string endpoint;
  {
    // The hub's endpoint, from the connection file it wrote.
    const auto link = agents::connectionFromFile(connectionFile, p::KeyRole::Controller);
    endpoint = link.endpoint;
  }
  Child peers =
      bench::spawn({"/proc/self/exe", "--peers", endpoint, dir + "/keys"}, "peers started");
  const double hubCpu0 = cpuSeconds(hub.pid), peersCpu0 = cpuSeconds(peers.pid);
  const auto liveStart = std::chrono::steady_clock::now();
  Result live;
  try {
    live = windowInChild(connectionFile, seconds, pastCap, windowPid);
  } catch (...) {
    bench::stop(peers);
    bench::stop(hub);
    std::filesystem::remove_all(dir);
    throw;
  }
  const double liveWall = bench::seconds(liveStart);
  const double hubShare = (cpuSeconds(hub.pid) - hubCpu0) / liveWall;
  const double peersShare = (cpuSeconds(peers.pid) - peersCpu0) / liveWall;
  bench::stop(peers);
  bench::stop(hub);
  std::filesystem::remove_all(dir);

  std::printf("\n  %d services x %d replicas, %.0f requests/s; 1600x1000, offscreen\n", kServices,
              kReplicas, kRateRps);
  print("simulation (baseline)", sim);
  print("live, 200 agents", live);
  std::printf("  ratio live / simulation: p50 %.2f, p95 %.2f, p99 %.2f, max %.2f\n",
              live.p50 / sim.p50, live.p95 / sim.p95, live.p99 / sim.p99, live.max / sim.max);
  std::printf(
      "  GUI process CPU (one core): simulation %.1f %%, live %.1f %% (ratio %.2f); "
      "during the live window: hub %.1f %%, the 200 peers' process %.1f %%\n",
      100 * sim.cpuShare, 100 * live.cpuShare, live.cpuShare / sim.cpuShare, 100 * hubShare,
      100 * peersShare);
  std::printf("  ready replicas at the end: simulation %.0f, live %.0f\n", sim.readyReplicas,
              live.readyReplicas);
  std::printf(
      "  chart history at the end: simulation %.0f samples (%.1f MiB counted), live %.0f "
      "samples (%.1f MiB)\n",
      sim.historySamples, sim.historyMiB, live.historySamples, live.historyMiB);
  printSeries("simulation", sim);
  printSeries("live", live);
  std::printf(
      "  RSS start -> end, growth: simulation %.1f -> %.1f MiB (%+.2f MiB/min), live %.1f "
      "-> %.1f MiB (%+.2f MiB/min); ratio live / simulation at the end %.2f\n",
      sim.rss[0], sim.rss[sim.rssCount - 1], rssSlope(sim), live.rss[0],
      live.rss[live.rssCount - 1], rssSlope(live),
      live.rss[live.rssCount - 1] / sim.rss[sim.rssCount - 1]);
  std::printf(
      "  malloc in use start -> end: simulation %.1f -> %.1f MiB (%+.2f MiB/min), live %.1f -> "
      "%.1f MiB (%+.2f MiB/min)\n",
      sim.heap[0], sim.heap[sim.rssCount - 1], heapSlope(sim), live.heap[0],
      live.heap[live.rssCount - 1], heapSlope(live));
  const bool met = live.max < 50 && live.p95 < 16;
  std::printf("  target (live): max under 50 ms and p95 under 16 ms: %s\n",
              met ? "met" : "NOT MET");
  return 0;
}
