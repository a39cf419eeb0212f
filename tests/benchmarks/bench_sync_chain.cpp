// A three-service sync chain of real clusterscope-agent processes (a -> b -> c, service time 0,
// 64 workers each, launched by the launcher library), driven by a closed loop of N requests in
// flight (1, 8, 32) that this benchmark sends itself as REQUEST frames (docs/protocol.md,
// "Request plane") to a#0. Baseline in the same run: three raw ZeroMQ processes chained the
// same way (a ROUTER in front, a DEALER to the next; the last echoes), the same driver and the
// same N. Round trips per second and p50 / p99 latency, both ways, and the ratio.
// Figures and the command: docs/benchmarks.md.
//
//   bench_sync_chain [SECONDS=5] [IN_FLIGHT...=1 8 32]

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <zmq.hpp>
#include <zmq_addon.hpp>

#include "live_bench.h"
#include "request_frames.h"
#include "socket_setup.h"

using namespace clusterscope;
using namespace clusterscope::bench;
using namespace std::chrono_literals;

namespace {

constexpr auto kWarmUp = 1s;
constexpr std::size_t kHeaderBytes = 40;

const char* kChain = R"({"format": 1, "name": "bench sync chain", "duration_s": 3600,
  "services": [
    {"name": "a", "workers": 64, "service_time_ms": 0, "calls": [{"to": "b", "timeout_ms": 10000}]},
    {"name": "b", "workers": 64, "service_time_ms": 0, "calls": [{"to": "c", "timeout_ms": 10000}]},
    {"name": "c", "workers": 64, "service_time_ms": 0}],
  "workload": {"entry": "a", "rate_rps": 1}})";

// ---- the baseline: one raw hop (a mode of this executable, run as a child process) ----

// ROUTER in front; with a next hop, what comes in goes on through a DEALER with the caller's
// routing id as a frame of its own, and what comes back goes to that caller; the last hop
// echoes. Plain libzmq sockets, no decoding, no bookkeeping: the least a chain can do.
int runRawHop(const char* next) {
  zmq::context_t context(1);
  zmq::socket_t front(context, zmq::socket_type::router);
  front.set(zmq::sockopt::linger, 0);
  front.bind("tcp://127.0.0.1:*");
  std::optional<zmq::socket_t> back;
  if (next) {
    back.emplace(context, zmq::socket_type::dealer);
    back->set(zmq::sockopt::linger, 0);
    back->connect(next);
  }
  std::printf("raw hop listening on %s\n", front.get(zmq::sockopt::last_endpoint).c_str());
  std::fflush(stdout);
  std::vector<zmq::message_t> parts;
  auto forward = [&](zmq::socket_t& from, zmq::socket_t& to) {
    for (;;) {
      parts.clear();
      if (!zmq::recv_multipart(from, std::back_inserter(parts), zmq::recv_flags::dontwait)) return;
      zmq::send_multipart(to, parts);
    }
  };
  std::vector<zmq::pollitem_t> items = {{front.handle(), 0, ZMQ_POLLIN, 0}};
  if (back) items.push_back({back->handle(), 0, ZMQ_POLLIN, 0});
  for (;;) {
    zmq::poll(items, -1ms);
    forward(front, back ? *back : front);
    if (back) forward(*back, front);
  }
}

// ---- the driver: N requests in flight on one DEALER, a new one as each answer comes ----

struct Result {
  double perSecond = 0;
  Percentiles latencyUs;
  std::uint64_t errors = 0;
};

Result drive(const std::string& endpoint, int inFlight, std::chrono::milliseconds measured,
             std::chrono::milliseconds warmUp = kWarmUp) {
  zmq::context_t context(1);
  zmq::socket_t s(context, zmq::socket_type::dealer);
  s.set(zmq::sockopt::linger, 0);
  s.set(zmq::sockopt::rcvtimeo, 1000);
  s.connect(endpoint);
  p::RequestHeader h;
  h.originNs = 1;
  const std::string header = p::encodeRequest(h).at(0);
  std::vector<Clock::time_point> sentAt(static_cast<std::size_t>(inFlight));
  std::uint64_t next = 0;
  auto send = [&](std::size_t slot) {
    char frame[kHeaderBytes];
    std::memcpy(frame, header.data(), kHeaderBytes);
    const std::uint64_t id = (++next << 8) | slot;  // the slot in the low byte
    std::memcpy(frame + 8, &id, 8);                 // little-endian, as the header says
    sentAt[slot] = Clock::now();
    s.send(zmq::buffer(frame, kHeaderBytes));
  };
  for (int i = 0; i < inFlight; ++i) send(static_cast<std::size_t>(i));

  Result r;
  std::vector<double> latencies;
  const auto start = Clock::now();
  const auto measureFrom = start + warmUp, end = measureFrom + measured;
  std::uint64_t counted = 0;
  std::vector<zmq::message_t> parts;
  for (auto now = start; now < end;) {
    parts.clear();
    const bool got = zmq::recv_multipart(s, std::back_inserter(parts)).has_value();
    now = Clock::now();
    if (!got) continue;
    if (parts.empty() || parts[0].size() < kHeaderBytes) continue;
    const char* frame = parts[0].data<char>();
    std::uint64_t id = 0;
    std::memcpy(&id, frame + 8, 8);
    const std::size_t slot = id & 0xff;
    if (slot >= sentAt.size()) continue;
    if (now >= measureFrom) {
      ++counted;
      latencies.push_back(std::chrono::duration<double, std::micro>(now - sentAt[slot]).count());
      if (frame[3] == static_cast<char>(p::RequestType::Error)) ++r.errors;
    }
    send(slot);
  }
  r.perSecond = static_cast<double>(counted) /
                std::max(1e-3, std::chrono::duration<double>(measured).count());
  if (counted == 0) r.errors = 1;  // nothing came back
  r.latencyUs = percentiles(std::move(latencies));
  return r;  // the answers still in flight are dropped with the socket
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "--raw-hop") == 0) {
    return runRawHop(argc >= 3 ? argv[2] : nullptr);
  }
  const int seconds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  std::vector<int> inFlight;
  for (int i = 2; i < argc; ++i) inFlight.push_back(std::clamp(std::atoi(argv[i]), 1, 255));
  if (inFlight.empty()) inFlight = {1, 8, 32};

  TempDir dir("bench_sync_chain");
  // The baseline chain: c first, then b in front of it, then a.
  std::vector<BannerChild> raw;
  std::string nextHop;
  for (const char* name : {"c", "b", "a"}) {
    std::vector<std::string> args = {argv[0], "--raw-hop"};
    if (!nextHop.empty()) args.push_back(nextHop);
    raw.push_back(spawnWithBanner(args, dir.file(std::string("raw-") + name + ".log"),
                                  "raw hop listening on "));
    nextHop = raw.back().word;
  }
  const std::string rawEntry = nextHop;

  // The agents' chain, launched; its entry is a#0's request endpoint, from its HELLO.
  LaunchedCluster cluster(scenarioFrom(kChain), dir.path());
  cluster.start();
  if (!cluster.waitAllReady(60s)) {
    std::fprintf(stderr, "the chain did not become ready: %s\n", cluster.error().c_str());
    return 1;
  }
  Watcher watcher(cluster.info().connectionFile);
  std::string entry;
  watcher.waitUntil(
      [&](const Watcher::Peers& peers) {
        const auto it = peers.find("a#0");
        if (it != peers.end()) entry = it->second.hello.endpoints.requests;
        return !entry.empty();
      },
      10s);
  if (entry.empty()) {
    std::fprintf(stderr, "no HELLO from a#0\n");
    return 1;
  }
  // a calls b once ROUTES has named it: wait until requests go all the way.
  for (int i = 0; i < 20 && drive(entry, 1, 200ms, 0ms).errors > 0; ++i) {
  }

  std::printf("3-hop sync chain, %d s measured after a %lld s warm-up per row, tcp loopback\n",
              seconds, static_cast<long long>(kWarmUp.count()));
  std::printf("%9s  %-7s %12s %10s %10s %8s\n", "in flight", "chain", "round trips/s", "p50 us",
              "p99 us", "errors");
  struct Row {
    int n;
    Result raw, agents;
  };
  std::vector<Row> rows;
  for (const int n : inFlight) {
    Row row{n, drive(rawEntry, n, std::chrono::seconds(seconds)),
            drive(entry, n, std::chrono::seconds(seconds))};
    for (const auto& [name, r] : {std::pair{"raw", &row.raw}, std::pair{"agents", &row.agents}}) {
      std::printf("%9d  %-7s %12.0f %10.1f %10.1f %8llu\n", n, name, r->perSecond, r->latencyUs.p50,
                  r->latencyUs.p99, static_cast<unsigned long long>(r->errors));
    }
    std::fflush(stdout);
    rows.push_back(row);
  }
  std::printf("\nratio agents / raw (throughput; goal >= 0.5), and latency agents / raw\n");
  for (const Row& row : rows) {
    std::printf("%9d  throughput %.2f   p50 %.1fx   p99 %.1fx\n", row.n,
                row.agents.perSecond / row.raw.perSecond,
                row.agents.latencyUs.p50 / row.raw.latencyUs.p50,
                row.agents.latencyUs.p99 / row.raw.latencyUs.p99);
  }
  return 0;
}
