// 10^5 messages of garbage to the hub from authenticated connections: random frame counts and
// bytes, right headers with wrong bodies, mutated and truncated real messages, wrong magic and
// versions, JSON nested too deep, oversized bodies and frames, messages only the hub may send,
// messages before HELLO. Every one is counted by reason and dropped (or, if a mutation still
// decodes, handled as what it is); the hub answers at most one ERROR a second per connection
// and still serves a normal peer afterwards.

#include <random>

#include "hub_test_support.h"
#include "protocol_samples.h"

using namespace clusterscope::testing;

namespace {

constexpr int kMessages = 100'000;

class Garbage {
 public:
  explicit Garbage(std::uint32_t seed) : rng_(seed) {
    for (const auto& m : clusterscope::testing::sampleControlMessages()) {
      samples_.push_back(p::encodeControl(m));
    }
  }

  p::Frames next() {
    switch (pick(7)) {
      case 0: {  // any number of frames of any bytes
        p::Frames f(1 + pick(6));
        for (auto& frame : f) frame = bytes(pick(80));
        return f;
      }
      case 1:  // our header, any type, any body
        return {std::string("CS\x01", 3) + static_cast<char>(pick(256)), bytes(pick(200))};
      case 2: {  // a real message with bytes changed
        p::Frames f = samples_[pick(samples_.size())];
        std::string& body = f[1];
        for (int i = 0, n = 1 + pick(4); i < n && !body.empty(); ++i) {
          body[pick(body.size())] = static_cast<char>(pick(256));
        }
        return f;
      }
      case 3: {  // a real message cut short, or with a frame too many
        p::Frames f = samples_[pick(samples_.size())];
        if (pick(2)) {
          f[1].resize(pick(f[1].size() + 1));
        } else {
          f.push_back(bytes(pick(10)));
        }
        return f;
      }
      case 4: {  // wrong magic or major version
        p::Frames f = samples_[pick(samples_.size())];
        f[0][pick(3)] = static_cast<char>(pick(256));
        return f;
      }
      case 5:  // nesting deeper than 16
        return {std::string("CS\x01\x05", 4),
                "{\"seq\":1,\"a\":" + std::string(40 + pick(200), '[') + "]}"};
      default:  // what only the hub sends, or the right shape with values out of range
        return pick(2) ? samples_[1 + pick(2)]  // WELCOME, ERROR
                       : p::Frames{std::string("CS\x01\x05", 4),
                                   R"({"seq":-1,"time_ns":0,"state":"ready"})"};
    }
  }

 private:
  std::size_t pick(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  }
  std::string bytes(std::size_t n) {
    std::string s(n, '\0');
    for (char& c : s) c = static_cast<char>(pick(256));
    return s;
  }
  std::mt19937 rng_;
  std::vector<p::Frames> samples_;
};

void sendAll(zmq::socket_t& socket, const p::Frames& frames) {
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const bool more = i + 1 < frames.size();
    const auto sent = socket.send(zmq::buffer(frames[i]),
                                  more ? zmq::send_flags::sndmore : zmq::send_flags::none);
    QVERIFY(sent.has_value());  // SNDTIMEO bounds it: a hub that stopped reading fails here
  }
}

}  // namespace

class TestHubGarbage : public QObject {
  Q_OBJECT

  Keys keys_;
  zmq::context_t context_;

 private slots:
  void garbageIsCountedAndDroppedAndTheHubStillServes() {
    HubThread hub(keys_.hubOptions());
    hub.start();
    auto dealer = [&](const p::Certificate& key) {
      zmq::socket_t s = rawDealer(context_, hub.endpoint(), keys_.keys.hub.publicKey, key);
      s.set(zmq::sockopt::sndtimeo, 10000);
      s.set(zmq::sockopt::rcvhwm, 0);
      return s;
    };
    // One connection that joined first, one that never says HELLO, one with a controller key.
    zmq::socket_t joined = dealer(keys_.keys.agent);
    sendAll(joined, p::encodeControl(agentHello("garbage", 0, "tcp://127.0.0.1:2")));
    QVERIFY(receiveControl(joined, 3000ms).has_value());
    zmq::socket_t stranger = dealer(keys_.keys.agent);
    zmq::socket_t controller = dealer(keys_.keys.controller);
    zmq::socket_t* sockets[] = {&joined, &stranger, &controller};

    Garbage garbage(20260101);
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < kMessages; ++i) sendAll(*sockets[i % 3], garbage.next());
    // Oversized: a REPORT body over 1 MiB (the decoder's limit) and a frame over MAXMSGSIZE
    // (libzmq's: it drops the connection, which then comes back by itself).
    for (int i = 0; i < 10; ++i) {
      sendAll(joined, {std::string("CS\x01\x05", 4), std::string((1 << 20) + 1, ' ')});
    }
    sendAll(stranger, {std::string("CS\x01\x05", 4), std::string((4 << 20) + 1024, ' ')});

    // Every message accounted for: dropped by reason, or decoded and handled.
    std::uint64_t accounted = 0;
    QVERIFY(runUntil(
        {},
        [&] {
          const auto s = hub.call([](agents::Hub& h) { return h.stats(); });
          std::uint64_t decoded = 0;
          for (auto n : s.received) decoded += n;
          accounted = s.decodeDrops[0];
          for (int r = 1; r < p::kDecodeReasonCount; ++r) accounted += s.decodeDrops[r];
          accounted += decoded;
          return accounted >= kMessages + 10 + 1;  // the HELLO too; the huge frame never arrives
        },
        60000ms));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto s = hub.call([](agents::Hub& h) { return h.stats(); });
    qInfo("%d messages in %.1f s; dropped %llu, ERRORs sent %llu, suppressed %llu", kMessages,
          seconds, static_cast<unsigned long long>(s.drops()),
          static_cast<unsigned long long>(s.errorsSent),
          static_cast<unsigned long long>(s.errorsSuppressed));
    for (int r = 0; r < p::kDecodeReasonCount; ++r) {
      if (s.decodeDrops[r]) {
        qInfo("  %-14s %llu", p::decodeReasonName(static_cast<p::DecodeReason>(r)),
              static_cast<unsigned long long>(s.decodeDrops[r]));
      }
    }
    QVERIFY(s.drops() > kMessages * 8 / 10);
    for (auto reason :
         {p::DecodeReason::FrameCount, p::DecodeReason::FrameSize, p::DecodeReason::BadMagic,
          p::DecodeReason::BadVersion, p::DecodeReason::UnknownType, p::DecodeReason::BadJson,
          p::DecodeReason::TooDeep, p::DecodeReason::OutOfRange}) {
      QVERIFY2(s.decodeDrop(reason) > 0, p::decodeReasonName(reason));
    }
    QVERIFY(s.hubDrop(agents::HubDrop::NotAllowed) > 0);
    QVERIFY(s.hubDrop(agents::HubDrop::UnknownPeer) > 0);
    QCOMPARE(s.decodeDrop(p::DecodeReason::FrameSize) >= 10, true);
    // Never amplified: at most one ERROR per connection per second (plus one each at the start).
    QVERIFY(s.errorsSent <= static_cast<std::uint64_t>(3 * (seconds + 2)));

    // And a normal peer is served as if nothing had happened.
    EventLoop loop;
    Peer orders(loop, context_, keys_.connection(hub.endpoint(), keys_.keys.agent),
                agentHello("orders", 0, "tcp://127.0.0.1:3"));
    Peer monitor(loop, context_, keys_.connection(hub.endpoint(), keys_.keys.controller),
                 roleHello(p::PeerRole::Monitor, "monitor@test:1"), true);
    orders.client->start();
    monitor.client->start();
    QVERIFY(runUntil(loop, [&] {
      for (const auto& u : monitor.updates)
        if (u.instance == "orders#0") return true;
      return false;
    }));
    QVERIFY(!orders.routes.empty());
  }
};

QTEST_GUILESS_MAIN(TestHubGarbage)
#include "test_hub_garbage.moc"
