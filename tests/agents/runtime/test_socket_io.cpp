// Sockets as the protocol's table makes them, and the helpers that send and receive without
// blocking: options read back from libzmq, endpoints read back after binding port *, what a
// send returns at the high-water mark and to a vanished peer, a message with too many frames
// read to its end and refused, the next one clean.

#include <QtTest>
#include <chrono>

#include "message_io.h"
#include "socket_setup.h"

using namespace clusterscope::agents;
using namespace std::chrono_literals;
namespace p = clusterscope::agents::protocol;

namespace {

ReceiveStatus receiveWithin(zmq::socket_t& socket, ReceivedMessage& m, std::size_t envelope,
                            std::size_t maxFrames) {
  for (int i = 0; i < 300; ++i) {
    const ReceiveStatus s = receiveMessage(socket, m, envelope, maxFrames);
    if (s != ReceiveStatus::Nothing) return s;
    std::this_thread::sleep_for(10ms);
  }
  return ReceiveStatus::Nothing;
}

}  // namespace

class TestSocketIo : public QObject {
  Q_OBJECT

  zmq::context_t context_;

 private slots:
  void socketsHaveTheTablesOptions() {
    zmq::socket_t hub = makeSocket(context_, SocketKind::HubControl);
    QCOMPARE(hub.get(zmq::sockopt::linger), 0);
    QCOMPARE(hub.get(zmq::sockopt::sndhwm), 10000);
    QCOMPARE(hub.get(zmq::sockopt::rcvhwm), 10000);
    QCOMPARE(hub.get(zmq::sockopt::maxmsgsize), std::int64_t{(4 << 20) + 64});
    QCOMPARE(hub.get(zmq::sockopt::type), ZMQ_ROUTER);
    zmq::socket_t client = makeSocket(context_, SocketKind::ControlClient);
    QCOMPARE(client.get(zmq::sockopt::sndhwm), 100);
    QCOMPARE(client.get(zmq::sockopt::rcvhwm), 1000);
    QCOMPARE(client.get(zmq::sockopt::reconnect_ivl), 100);
    QCOMPARE(client.get(zmq::sockopt::reconnect_ivl_max), 1000);
    zmq::socket_t requests = makeSocket(context_, SocketKind::RequestServer);
    QCOMPARE(requests.get(zmq::sockopt::maxmsgsize), std::int64_t{65536});
    zmq::socket_t pub = makeSocket(context_, SocketKind::TelemetryPub);
    QCOMPARE(pub.get(zmq::sockopt::sndhwm), 1000);
    QCOMPARE(pub.get(zmq::sockopt::type), ZMQ_PUB);
  }

  void bindReadsTheEndpointBack() {
    zmq::socket_t a = makeSocket(context_, SocketKind::RequestServer);
    zmq::socket_t b = makeSocket(context_, SocketKind::RequestServer);
    const std::string ea = bindTcp(a, "127.0.0.1");
    const std::string eb = bindTcp(b, "127.0.0.1");
    QVERIFY(ea.rfind("tcp://127.0.0.1:", 0) == 0);
    QVERIFY(ea != eb);
    QVERIFY(std::stoi(ea.substr(ea.rfind(':') + 1)) > 0);
    // A port in use is an error, not a silent second bind.
    zmq::socket_t c = makeSocket(context_, SocketKind::RequestServer);
    QVERIFY_THROWS_EXCEPTION(zmq::error_t,
                             bindTcp(c, "127.0.0.1", std::stoi(ea.substr(ea.rfind(':') + 1))));
  }

  void sendsNeverBlock() {
    // A DEALER with no peer at all has nowhere to queue: EAGAIN, at once.
    zmq::socket_t lonely = makeSocket(context_, SocketKind::CallClient);
    const auto start = std::chrono::steady_clock::now();
    QCOMPARE(sendFrames(lonely, {}, {"x"}), SendStatus::WouldBlock);
    QVERIFY(std::chrono::steady_clock::now() - start < 100ms);
    // A ROUTER_MANDATORY ROUTER told to send to nobody: EHOSTUNREACH.
    zmq::socket_t router = makeSocket(context_, SocketKind::RequestServer);
    bindTcp(router, "127.0.0.1");
    SendCounters counters;
    QCOMPARE(counters.count(sendFrames(router, "nobody", {"x"})), SendStatus::Unreachable);
    QCOMPARE(counters.unreachable, std::uint64_t{1});
    QCOMPARE(counters.dropped(), std::uint64_t{1});
    // A DEALER whose peer never reads: the queue fills, then EAGAIN (dropped, counted).
    zmq::socket_t sink = makeSocket(context_, SocketKind::RequestServer);
    const std::string endpoint = bindTcp(sink, "127.0.0.1");
    zmq::socket_t client = makeSocket(context_, SocketKind::ControlClient);
    client.connect(endpoint);
    const std::string big(60000, 'x');  // fills kernel buffers quickly too
    SendCounters filled;
    for (int i = 0; i < 20000 && filled.wouldBlock == 0; ++i) {
      filled.count(sendFrames(client, {}, {big}));
    }
    QVERIFY(filled.wouldBlock > 0);
    QVERIFY(filled.sent >= 100);  // the SNDHWM's worth at least
  }

  void receivingCapsFramesAndKeepsTheRoutingId() {
    zmq::socket_t router = makeSocket(context_, SocketKind::HubControl);
    const std::string endpoint = bindTcp(router, "127.0.0.1");
    zmq::socket_t dealer = makeSocket(context_, SocketKind::ControlClient);
    dealer.set(zmq::sockopt::routing_id, "peer-1");
    dealer.connect(endpoint);
    p::Frames many;
    for (int i = 0; i < 10; ++i) many.push_back("frame " + std::to_string(i));
    QCOMPARE(sendFrames(dealer, {}, many), SendStatus::Sent);
    QCOMPARE(sendFrames(dealer, {}, {"head", "body"}), SendStatus::Sent);
    ReceivedMessage m;
    QCOMPARE(receiveWithin(router, m, 1, 2), ReceiveStatus::TooManyFrames);
    QCOMPARE(m.frameCount(), std::size_t{10});
    QCOMPARE(m.frames().size(), std::size_t{2});
    QCOMPARE(m.routingId(), std::string_view("peer-1"));
    // The refused message was read to its end: the next starts at its first frame.
    QCOMPARE(receiveWithin(router, m, 1, 2), ReceiveStatus::Message);
    QCOMPARE(m.frames().size(), std::size_t{2});
    QCOMPARE(m.frames()[0], std::string_view("head"));
    QCOMPARE(m.frames()[1], std::string_view("body"));
    QVERIFY(m.userId().empty());  // no ZAP handler, no user id
    QCOMPARE(receiveMessage(router, m, 1, 2), ReceiveStatus::Nothing);
    // The answer goes back through the envelope.
    QCOMPARE(sendFrames(router, "peer-1", {"reply"}), SendStatus::Sent);
    QCOMPARE(receiveWithin(dealer, m, 0, 2), ReceiveStatus::Message);
    QCOMPARE(m.frames()[0], std::string_view("reply"));
    QVERIFY(m.routingId().empty());
  }

  void anOversizedFrameNeverArrives() {
    zmq::socket_t server = makeSocket(context_, SocketKind::RequestServer);
    const std::string endpoint = bindTcp(server, "127.0.0.1");
    zmq::socket_t client = makeSocket(context_, SocketKind::CallClient);
    client.connect(endpoint);
    QCOMPARE(sendFrames(client, {}, {std::string(65537, 'x')}), SendStatus::Sent);
    ReceivedMessage m;
    for (int i = 0; i < 30; ++i) {
      QCOMPARE(receiveMessage(server, m, 1, 2), ReceiveStatus::Nothing);
      std::this_thread::sleep_for(10ms);
    }
    // libzmq dropped that connection; the DEALER reconnects and the next message arrives.
    QCOMPARE(sendFrames(client, {}, {std::string(65536, 'y')}), SendStatus::Sent);
    QCOMPARE(receiveWithin(server, m, 1, 2), ReceiveStatus::Message);
    QCOMPARE(m.frames()[0].size(), std::size_t{65536});
  }
};

QTEST_GUILESS_MAIN(TestSocketIo)
#include "test_socket_io.moc"
