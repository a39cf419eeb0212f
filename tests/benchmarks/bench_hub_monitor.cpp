// The hub fed by N simulated peers (HubClients, 200 by default) reporting at 10 Hz, with one
// subscribed monitor: the hub process's CPU share and the monitor's lag (report sent -> UPDATE
// received), window by window, so a lag that grows shows. Baseline in the same run: the same
// peers and the same traffic through a bare relay process (a CURVE ROUTER with the same ZAP
// handler that answers HELLO with a fixed WELCOME and forwards every REPORT, unread, to the
// monitor). Figures and the command: docs/benchmarks.md.
//
//   bench_hub_monitor [SECONDS=60] [PEERS=200]

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bench_child.h"
#include "bench_util.h"
#include "control_codec.h"
#include "curve_keys.h"
#include "event_loop.h"
#include "hub_client.h"
#include "hub_keys.h"
#include "message_io.h"
#include "socket_setup.h"
#include "zap_handler.h"

using namespace clusterscope;
using namespace clusterscope::agents;
using namespace std::chrono_literals;
namespace p = agents::protocol;
using Clock = std::chrono::steady_clock;
using bench::Child;
using bench::cpuSeconds;

namespace {

constexpr auto kWarmUp = 3s;
constexpr auto kWindow = 10s;

std::int64_t nowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
      .count();
}

// ---- the baseline relay (a mode of this executable, run as a child process) ----

std::atomic<bool> relayStopping{false};

int runRelay(const std::string& keyDir) {
  signal(SIGTERM, [](int) { relayStopping = true; });
  const HubKeys keys = loadHubKeys(keyDir);
  zmq::context_t context(1);
  ZapHandler zap(context);
  for (const auto& [key, role] : keys.allowed) zap.allow(key, role);
  zmq::socket_t router = makeSocket(context, SocketKind::HubControl);
  makeCurveServer(router, keys.server, kControlZapDomain);
  std::printf("relay listening on %s\n", bindTcp(router, "127.0.0.1").c_str());
  std::fflush(stdout);
  p::Welcome w;
  w.hub = "relay";
  const p::Frames welcome = p::encodeControl(w);
  std::string monitor;
  ReceivedMessage m;
  zmq::pollitem_t items[] = {{router.handle(), 0, ZMQ_POLLIN, 0},
                             {zap.socket().handle(), 0, ZMQ_POLLIN, 0}};
  while (!relayStopping) {
    zmq_poll(items, 2, 100);  // EINTR (our SIGTERM) falls through to the loop's test
    zap.handlePending();
    for (int i = 0; i < 512; ++i) {
      if (receiveMessage(router, m, 1, 2) != ReceiveStatus::Message) break;
      if (m.frames().size() != 2 || m.frames()[0].size() != 4) continue;
      const std::string from(m.routingId());
      switch (static_cast<p::ControlType>(m.frames()[0][3])) {
        case p::ControlType::Hello:
          sendFrames(router, from, welcome);
          break;
        case p::ControlType::Subscribe:
          monitor = from;
          break;
        case p::ControlType::Report:
          if (!monitor.empty()) {
            sendFrames(router, monitor, {std::string(m.frames()[0]), std::string(m.frames()[1])});
          }
          break;
        default:
          break;
      }
    }
  }
  return 0;
}

// ---- the lag the monitor sees, window by window ----

class Lags {
 public:
  void start(Clock::time_point t) {
    std::lock_guard lock(mutex_);
    start_ = t;
    windows_.clear();
  }
  void record(std::int64_t sentNs) {
    const auto now = Clock::now();
    std::lock_guard lock(mutex_);
    if (start_ == Clock::time_point{} || now < start_) return;
    const auto w = static_cast<std::size_t>((now - start_) / kWindow);
    if (windows_.size() <= w) windows_.resize(w + 1);
    windows_[w].push_back(static_cast<double>(nowNs() - sentNs) / 1e3);
  }
  std::vector<std::vector<double>> take() {
    std::lock_guard lock(mutex_);
    return std::move(windows_);
  }

 private:
  std::mutex mutex_;
  Clock::time_point start_{};
  std::vector<std::vector<double>> windows_;
};

struct Summary {
  double p50 = 0, p95 = 0, max = 0;
  std::size_t n = 0;
};

Summary summarize(std::vector<double> v) {
  if (v.empty()) return {};
  std::sort(v.begin(), v.end());
  auto at = [&](double q) {
    return v[std::min(v.size() - 1, static_cast<std::size_t>(q * v.size()))];
  };
  return {at(0.50), at(0.95), v.back(), v.size()};
}

// A service replica's report with a realistic body: a histogram of 40 buckets, two edges.
p::ServiceTelemetry sampleService() {
  engine::LatencyHistogram h;
  for (int i = 0; i < 400; ++i) h.record(1'000'000 + (i % 40) * 250'000);
  p::ServiceTelemetry s;
  s.arrivals = s.completed = 12345;
  s.workers = 4;
  s.busy = 2;
  s.latency = p::SparseHistogram::of(h);
  for (const char* to : {"billing", "stock"}) {
    p::EdgeTelemetry e;
    e.to = to;
    e.calls = e.completed = 5000;
    e.latency = p::SparseHistogram::of(h);
    s.edges.push_back(e);
  }
  return s;
}

struct Run {
  std::vector<Summary> windows;
  Summary all;
  double cpuShare = 0;
  std::size_t expected = 0;
  std::uint64_t gaps = 0;
};

// The peers on one thread, the monitor on another, `server` in a child process.
Run measure(const Child& server, bool hub, const ClusterKeys& keys, int peers, int seconds) {
  zmq::context_t context(1);
  std::atomic<bool> stopping{false};
  Lags lags;
  std::atomic<std::uint64_t> gaps{0};

  std::thread monitorThread([&] {
    if (hub) {
      EventLoop loop;
      HubClient::Callbacks c;
      c.onUpdate = [&](const p::Update& u) {
        if (u.report.service) lags.record(u.report.timeNs);
      };
      p::Hello hello;
      hello.role = p::PeerRole::Monitor;
      hello.instance = "monitor@bench:1";
      HubClient monitor(loop, context,
                        {{server.endpoint, keys.hub.publicKey, keys.controller}, hello, true}, c);
      monitor.start();
      loop.run([&] { return !stopping.load(); }, 50ms);
      gaps = monitor.stats().streamGaps;
      monitor.stop();
    } else {
      zmq::socket_t s = makeSocket(context, SocketKind::ControlClient);
      makeCurveClient(s, keys.controller, keys.hub.publicKey);
      s.connect(server.endpoint);
      sendFrames(s, {}, p::encodeControl(p::Subscribe{}));
      ReceivedMessage m;
      zmq::pollitem_t item{s.handle(), 0, ZMQ_POLLIN, 0};
      while (!stopping) {
        zmq::poll(&item, 1, 50ms);
        while (receiveMessage(s, m, 0, 2) == ReceiveStatus::Message) {
          auto d = p::decodeControl(m.frames());
          if (d) {
            if (auto* r = std::get_if<p::Report>(&d.value()); r && r->service)
              lags.record(r->timeNs);
          }
        }
      }
    }
  });
  std::this_thread::sleep_for(300ms);  // the monitor subscribes before the peers join

  std::thread peersThread([&] {
    EventLoop loop;
    const p::ServiceTelemetry service = sampleService();
    std::vector<std::unique_ptr<HubClient>> clients;
    for (int i = 0; i < peers; ++i) {
      p::Hello hello;
      hello.role = p::PeerRole::Agent;
      hello.service = "svc" + std::to_string(i / 4);
      hello.replica = i % 4;
      hello.instance = hello.service + "#" + std::to_string(hello.replica);
      hello.workers = 4;
      hello.endpoints.requests = "tcp://127.0.0.1:" + std::to_string(20000 + i);
      HubClient::Callbacks c;
      c.fillReport = [&service](p::Report& r) { r.service = service; };
      clients.push_back(std::make_unique<HubClient>(
          loop, context,
          HubClient::Options{{server.endpoint, keys.hub.publicKey, keys.agent}, hello}, c));
      clients.back()->start();
    }
    loop.run([&] { return !stopping.load(); }, 50ms);
    for (auto& c : clients) c->stop();
  });

  std::this_thread::sleep_for(kWarmUp);
  const double cpuBefore = cpuSeconds(server.pid);
  const auto start = Clock::now();
  lags.start(start);
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  const double cpu = cpuSeconds(server.pid) - cpuBefore;
  const double wall = bench::seconds(start);
  const auto windows = lags.take();
  stopping = true;
  peersThread.join();
  monitorThread.join();

  Run run;
  std::vector<double> all;
  // Whole windows only: a late record past the end would make a window of its own.
  for (std::size_t i = 0; i < windows.size() && i < static_cast<std::size_t>(seconds / 10); ++i) {
    run.windows.push_back(summarize(windows[i]));
    all.insert(all.end(), windows[i].begin(), windows[i].end());
  }
  run.all = summarize(all);
  run.cpuShare = cpu / wall;
  run.expected = static_cast<std::size_t>(peers * 10 * wall);
  run.gaps = gaps;
  return run;
}

void print(const char* name, const Run& r) {
  std::printf("%s: %zu updates of %zu expected, CPU %.1f %% of one core, stream gaps %llu\n", name,
              r.all.n, r.expected, 100 * r.cpuShare, static_cast<unsigned long long>(r.gaps));
  std::printf("  window   updates   p50 ms   p95 ms   max ms\n");
  for (std::size_t i = 0; i < r.windows.size(); ++i) {
    const Summary& s = r.windows[i];
    std::printf("  %3zu-%-3zus %8zu %8.3f %8.3f %8.3f\n", i * 10, (i + 1) * 10, s.n, s.p50 / 1e3,
                s.p95 / 1e3, s.max / 1e3);
  }
  std::printf("  all      %8zu %8.3f %8.3f %8.3f\n", r.all.n, r.all.p50 / 1e3, r.all.p95 / 1e3,
              r.all.max / 1e3);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "--relay") == 0) return runRelay(argv[2]);
  const int seconds = argc > 1 ? std::max(5, std::atoi(argv[1])) : 60;
  const int peers = argc > 2 ? std::max(1, std::atoi(argv[2])) : 200;
  const std::string dir =
      (std::filesystem::temp_directory_path() / ("bench_hub_monitor-" + std::to_string(getpid())))
          .string();
  const ClusterKeys keys = makeClusterKeys(dir);
  std::printf("%d peers at 10 Hz, one monitor, %d s after a %lld s warm-up, CURVE\n", peers,
              seconds, static_cast<long long>(kWarmUp.count()));

  Child relay = bench::spawn({argv[0], "--relay", dir}, "relay listening on ");
  const Run baseline = measure(relay, false, keys, peers, seconds);
  bench::stop(relay);
  Child hub =
      bench::spawn({CLUSTERSCOPE_HUB_PATH, "--keys", dir, "--no-connection-file"}, "listening on ");
  const Run withHub = measure(hub, true, keys, peers, seconds);
  bench::stop(hub);
  std::filesystem::remove_all(dir);

  print("baseline (bare relay)", baseline);
  print("hub", withHub);
  std::printf("ratio hub / baseline: p50 %.2f, p95 %.2f, CPU %.2f\n",
              withHub.all.p50 / baseline.all.p50, withHub.all.p95 / baseline.all.p95,
              withHub.cpuShare / baseline.cpuShare);
  return 0;
}
