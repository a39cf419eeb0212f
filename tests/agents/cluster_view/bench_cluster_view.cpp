// What the cluster view costs a monitor fed by 200 agents at 10 Hz: per report applied, per
// one-second interval closed, per snapshot taken. The baseline, measured in the same run on the
// same reports, is the protocol's own decoding of them (decodeControl), which every monitor pays
// anyway: the ratio says what interpreting a report costs next to reading it.
//
//   bench_cluster_view [seconds of telemetry, default 30]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "bench_util.h"
#include "control_codec.h"
#include "hub_stream.h"

using namespace clusterscope;
using namespace clusterscope::testing;
using Steady = std::chrono::steady_clock;

namespace {

constexpr int kServices = 20;
constexpr int kReplicas = 10;  // 200 agents
constexpr int kRoundsPerSecond = 10;

double nsSince(Steady::time_point t0) {
  return std::chrono::duration<double, std::nano>(Steady::now() - t0).count();
}

// 200 agents in 20 services (each calling the next two), a load generator; every agent serves
// ~50 requests a second with latencies spread over ~150 buckets, as a loaded service's would.
struct Cluster {
  std::vector<FakeProcess> procs;
  std::mt19937_64 rng{42};
  std::lognormal_distribution<double> latency{std::log(8e6), 0.6};

  Cluster() {
    for (int s = 0; s < kServices; ++s) {
      for (int r = 0; r < kReplicas; ++r) {
        protocol::Hello h = agentHello("svc" + std::to_string(s), r, 1000 + s * kReplicas + r);
        for (int k = 1; k <= 2 && s + k < kServices; ++k) {
          h.calls.push_back({"", "svc" + std::to_string(s + k), model::CallMode::Sync});
        }
        procs.emplace_back(h);
      }
    }
    procs.emplace_back(loadgenHello("svc0"));
  }

  // One round (100 ms) of traffic, then every process's report as UPDATE frames.
  void round(std::uint64_t& seq, std::vector<protocol::Frames>& out) {
    for (FakeProcess& p : procs) {
      for (int i = 0; i < 5; ++i) {
        const auto v = static_cast<std::int64_t>(latency(rng));
        if (p.hello().role == protocol::PeerRole::Loadgen) {
          p.request(v);
          continue;
        }
        p.serve(v);
        for (const auto& call : p.hello().calls) p.call(call.to, v / 3);
      }
      p.setGauges(3, 1, 8);
      out.push_back(protocol::encodeControl(protocol::Update{++seq, p.instance(), p.report()}));
    }
  }
};

}  // namespace

int main(int argc, char** argv) {
  const int seconds = argc > 1 ? std::max(2, std::atoi(argv[1])) : 30;
  Cluster cluster;
  std::uint64_t seq = 0;
  cv::ClusterView view;
  cv::Instant now = cv::Instant{} + std::chrono::seconds(1000);
  for (const FakeProcess& p : cluster.procs) {
    const protocol::Frames frames = protocol::encodeControl(
        protocol::PeerState{++seq, p.instance(), protocol::Liveness::Joined, "hello", p.hello()});
    const auto views = protocol::viewsOf(frames);
    view.apply(protocol::decodeControl(views).value(), now);
  }

  // Each second of telemetry is made (untimed), decoded (the baseline) and applied, then the
  // interval closes and snapshots are taken; one second is in memory at a time.
  double decodeNs = 0, applyNs = 0, closeNs = 0, snapshotNs = 0, bodyBytes = 0;
  std::vector<double> closes;
  std::size_t reports = 0, snapshots = 0, reportsPerSecond = 0;
  for (int second = 0; second < seconds; ++second) {
    std::vector<protocol::Frames> frames;
    for (int r = 0; r < kRoundsPerSecond; ++r) cluster.round(seq, frames);
    reportsPerSecond = frames.size();
    std::vector<protocol::ControlMessage> messages;
    messages.reserve(frames.size());
    for (const auto& f : frames) {
      bodyBytes += static_cast<double>(f[1].size());
      const auto views = protocol::viewsOf(f);
      const auto t0 = Steady::now();
      auto d = protocol::decodeControl(views);
      decodeNs += nsSince(t0);
      if (!d.ok()) return std::fprintf(stderr, "decode: %s\n", d.error().message.c_str()), 1;
      messages.push_back(std::move(d.value()));
    }
    for (std::size_t i = 0; i < messages.size(); ++i, ++reports) {
      if (i % (reportsPerSecond / kRoundsPerSecond) == 0) now += std::chrono::milliseconds(100);
      const auto t0 = Steady::now();
      view.apply(std::move(messages[i]), now);
      applyNs += nsSince(t0);
    }
    auto t0 = Steady::now();
    const cv::LiveInterval* iv = view.closeInterval(now);
    const double c = nsSince(t0);
    closeNs += c;
    closes.push_back(c);
    if (iv == nullptr || iv->report.requests->completed == 0) return std::puts("no interval"), 1;
    for (int k = 0; k < 10; ++k, ++snapshots) {
      t0 = Steady::now();
      const auto snap = view.snapshot(now);
      snapshotNs += nsSince(t0);
      if (snap.deployments.size() != kServices) return std::puts("bad snapshot"), 1;
    }
  }
  std::sort(closes.begin(), closes.end());
  const double n = static_cast<double>(reports);
  const double perDecode = decodeNs / n, perApply = applyNs / n;
  const double perClose = closeNs / static_cast<double>(closes.size());
  const double perSnapshot = snapshotNs / static_cast<double>(snapshots);
  const double secondOfDecoding = perDecode * static_cast<double>(reportsPerSecond);
  std::printf("agents %d, reports per second %zu, seconds %d\n", kServices * kReplicas,
              reportsPerSecond, seconds);
  std::printf("report body        %9.0f bytes of JSON on average\n", bodyBytes / n);
  std::printf("decode (baseline)  %9.2f us per report\n", perDecode / 1e3);
  std::printf("apply              %9.2f us per report   ratio to decode %.4f\n", perApply / 1e3,
              perApply / perDecode);
  std::printf(
      "close interval     %9.2f ms mean, %.2f ms p50, %.2f ms max   ratio to one second of "
      "decoding %.4f\n",
      perClose / 1e6, closes[closes.size() / 2] / 1e6, closes.back() / 1e6,
      perClose / secondOfDecoding);
  std::printf("snapshot           %9.3f ms per call\n", perSnapshot / 1e6);
  std::printf(
      "view's CPU share   %9.2f %% of one core (apply + close + 1 snapshot each second); "
      "decoding: %.1f %%\n",
      (perApply * static_cast<double>(reportsPerSecond) + perClose + perSnapshot) / 1e7,
      secondOfDecoding / 1e7);
  std::printf("resident           %9.1f MiB (the whole benchmark)\n", bench::residentMiB());
  return 0;
}
