// Messages through clusterscope-broker (a child process joined to a real hub): a publisher
// (PUBLISH -> PUBLISH_ACK, at most WINDOW unacknowledged) and a consumer (CONSUMER_READY, then
// an ACK granting one more credit per DELIVER), each on a thread of this benchmark, 100-byte
// payloads; without a journal and with --journal (fsync batch, then periodic). Baseline in the
// same run: raw ZeroMQ PUSH -> PULL of the same count of 100-byte messages, the same two
// threads. Messages per second each way and the ratio. Figures and the command:
// docs/benchmarks.md.
//
//   bench_async_broker [MESSAGES=300000] [RUNS=3] [WINDOW=1000]

#include <cstdio>
#include <cstdlib>
#include <thread>
#include <zmq.hpp>

#include "broker_frames.h"
#include "live_bench.h"
#include "live_hub.h"
#include "message_io.h"
#include "socket_setup.h"

using namespace clusterscope;
using namespace clusterscope::bench;
using namespace std::chrono_literals;

namespace {

constexpr std::size_t kPayloadBytes = 100;
constexpr const char* kQueue = "bench";

struct Result {
  double published = 0;  // PUBLISH_ACKs accepted per second (raw: messages sent per second)
  double consumed = 0;   // messages delivered and acknowledged per second (raw: received)
  std::uint64_t rejected = 0;
};

double perSecond(std::uint64_t n, Clock::time_point from, Clock::time_point to) {
  return static_cast<double>(n) / std::chrono::duration<double>(to - from).count();
}

Result runRaw(std::uint64_t messages) {
  zmq::context_t context(1);
  zmq::socket_t pull(context, zmq::socket_type::pull);
  pull.set(zmq::sockopt::linger, 0);
  pull.bind("tcp://127.0.0.1:*");
  const std::string endpoint = pull.get(zmq::sockopt::last_endpoint);
  Clock::time_point lastReceived;
  std::atomic<bool> connected{false};
  std::thread consumer([&] {
    zmq::message_t m;
    (void)pull.recv(m);  // the first, untimed: the connection is up
    connected = true;
    for (std::uint64_t n = 0; n < messages; ++n) (void)pull.recv(m);
    lastReceived = Clock::now();
  });
  zmq::socket_t push(context, zmq::socket_type::push);
  push.set(zmq::sockopt::linger, 0);
  push.connect(endpoint);
  const std::string payload(kPayloadBytes, 'x');
  push.send(zmq::buffer(payload));
  while (!connected) std::this_thread::sleep_for(1ms);
  const auto start = Clock::now();
  for (std::uint64_t n = 0; n < messages; ++n) push.send(zmq::buffer(payload));
  const auto sent = Clock::now();
  consumer.join();
  return {perSecond(messages, start, sent), perSecond(messages, start, lastReceived), 0};
}

void sendBroker(zmq::socket_t& s, p::BrokerType type, std::uint64_t id, std::uint32_t credit,
                std::string_view service, std::string_view payload = {}) {
  p::BrokerHeader h;
  h.type = type;
  h.id = id;
  h.credit = credit;
  if (type == p::BrokerType::Publish) h.originNs = 1;
  agents::sendFrames(s, {}, p::encodeBroker(h, service, payload));
}

Result runBroker(const std::string& endpoint, std::uint64_t messages, std::uint32_t window,
                 std::uint64_t firstId) {
  zmq::context_t context(1);
  std::atomic<bool> consumerReady{false};
  Clock::time_point lastConsumed;
  std::thread consumer([&] {
    zmq::socket_t s = agents::makeSocket(context, agents::SocketKind::BrokerClient);
    s.connect(endpoint);
    sendBroker(s, p::BrokerType::ConsumerReady, 0, window, kQueue);
    consumerReady = true;
    agents::ReceivedMessage m;
    zmq::pollitem_t item{s.handle(), 0, ZMQ_POLLIN, 0};
    auto lastSent = Clock::now();
    for (std::uint64_t n = 0; n < messages;) {
      zmq::poll(&item, 1, 100ms);
      while (agents::receiveMessage(s, m, 0, 3) == agents::ReceiveStatus::Message) {
        const auto d = p::decodeBroker(m.frames());
        if (!d) continue;
        if (d->header.type == p::BrokerType::Reset) {
          sendBroker(s, p::BrokerType::ConsumerReady, 0, window, kQueue);
        } else if (d->header.type == p::BrokerType::Deliver) {
          sendBroker(s, p::BrokerType::Ack, d->header.id, 1, kQueue);
          ++n;
        }
        lastSent = Clock::now();
      }
      if (Clock::now() - lastSent > 250ms) {  // idle: tell the broker this consumer lives
        sendBroker(s, p::BrokerType::Heartbeat, 0, 0, "");
        lastSent = Clock::now();
      }
    }
    lastConsumed = Clock::now();
  });
  while (!consumerReady) std::this_thread::sleep_for(1ms);
  std::this_thread::sleep_for(100ms);  // its CONSUMER_READY reaches the broker first

  zmq::socket_t s = agents::makeSocket(context, agents::SocketKind::BrokerClient);
  s.connect(endpoint);
  const std::string payload(kPayloadBytes, 'x');
  agents::ReceivedMessage m;
  zmq::pollitem_t item{s.handle(), 0, ZMQ_POLLIN, 0};
  Result r;
  std::uint64_t sent = 0, answered = 0, accepted = 0;
  const auto start = Clock::now();
  auto lastAnswer = start;
  while (answered < messages) {
    if (Clock::now() - lastAnswer > 10s) {  // the broker is gone: its log says why
      std::fprintf(stderr, "no PUBLISH_ACK for 10 s after %llu of %llu\n",
                   static_cast<unsigned long long>(answered),
                   static_cast<unsigned long long>(messages));
      std::exit(1);
    }
    while (sent < messages && sent - answered < window) {
      sendBroker(s, p::BrokerType::Publish, firstId + sent, 0, kQueue, payload);
      ++sent;
    }
    zmq::poll(&item, 1, 100ms);
    while (agents::receiveMessage(s, m, 0, 3) == agents::ReceiveStatus::Message) {
      const auto d = p::decodeBroker(m.frames());
      if (!d || d->header.type != p::BrokerType::PublishAck) continue;
      ++answered;
      lastAnswer = Clock::now();
      if (d->header.status == p::PublishStatus::Accepted) ++accepted;
    }
  }
  const auto published = Clock::now();
  r.rejected = messages - accepted;
  if (r.rejected > 0) {
    std::fprintf(stderr, "%llu publishes rejected: not all will be consumed\n",
                 static_cast<unsigned long long>(r.rejected));
    std::exit(1);
  }
  consumer.join();
  r.published = perSecond(accepted, start, published);
  r.consumed = perSecond(messages, start, lastConsumed);
  return r;
}

double median(std::vector<double> v) { return percentiles(std::move(v)).p50; }

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t messages = argc > 1 ? std::max(1000ll, std::atoll(argv[1])) : 300000;
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  const auto window = static_cast<std::uint32_t>(argc > 3 ? std::max(1, std::atoi(argv[3])) : 1000);

  testing::LiveHub hub;
  TempDir dir("bench_async_broker");
  struct Mode {
    const char* name;
    std::vector<std::string> flags;
    std::vector<double> published, consumed;
  };
  std::vector<Mode> modes = {
      {"raw PUSH/PULL", {}, {}, {}},
      {"broker", {}, {}, {}},
      {"broker --journal (fsync batch)", {"--fsync", "batch"}, {}, {}},
      {"broker --journal (fsync periodic)", {"--fsync", "periodic"}, {}, {}},
  };
  std::printf("%llu messages of %zu bytes per run, %d runs, publish window %u, tcp loopback\n",
              static_cast<unsigned long long>(messages), kPayloadBytes, runs, window);
  std::uint64_t firstId = 1;
  for (int run = 0; run < runs; ++run) {
    for (std::size_t i = 0; i < modes.size(); ++i) {
      Mode& mode = modes[i];
      Result r;
      if (i == 0) {
        r = runRaw(messages);
      } else {
        std::vector<std::string> args = {CLUSTERSCOPE_BROKER_PATH,
                                         "--connection",
                                         hub.connectionFile(),
                                         "--no-metrics",
                                         "--instance",
                                         "broker-" + std::to_string(run) + "-" + std::to_string(i)};
        const std::string journal =
            dir.file("journal-" + std::to_string(run) + "-" + std::to_string(i));
        if (!mode.flags.empty()) {
          args.insert(args.end(), {"--journal", journal});
          args.insert(args.end(), mode.flags.begin(), mode.flags.end());
        }
        BannerChild broker = spawnWithBanner(args, journal + ".log", "listening on ");
        r = runBroker(broker.word, messages, window, firstId);
        firstId += messages;
        broker.process->killAndReap();
        std::filesystem::remove(journal);
        std::filesystem::remove(journal + ".log");
      }
      std::printf("run %d  %-34s published %9.0f /s   consumed %9.0f /s\n", run + 1, mode.name,
                  r.published, r.consumed);
      std::fflush(stdout);
      mode.published.push_back(r.published);
      mode.consumed.push_back(r.consumed);
    }
  }
  const double rawPublished = median(modes[0].published), rawConsumed = median(modes[0].consumed);
  std::printf(
      "\nmedian of %d runs                   published /s  consumed /s  ratio to raw: "
      "published  consumed\n",
      runs);
  for (const Mode& mode : modes) {
    const double published = median(mode.published), consumed = median(mode.consumed);
    std::printf("%-34s %12.0f %12.0f %19.4f %9.4f\n", mode.name, published, consumed,
                published / rawPublished, consumed / rawConsumed);
  }
  return 0;
}
