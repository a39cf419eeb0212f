// A consumer of one broker queue that says what it does, line by line on stdout, so a test can
// kill it (SIGKILL) in the middle of a message and then account for every message id:
//
//   broker_test_consumer ENDPOINT SERVICE WORKERS SERVICE_MS
//
//   deliver <message id> <attempt> <delivery id>   a DELIVER arrived (a worker holds it)
//   ack <message id> <attempt>                     its service time passed: ACK sent next
//
// It follows docs/protocol.md's consumer rules: CONSUMER_READY with its free workers as
// credit, an ACK that gives the worker back, HEARTBEAT when it has sent nothing for 250 ms,
// CONSUMER_READY again after RESET or a second without a word from the broker.

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "broker_frames.h"
#include "event_loop.h"
#include "message_io.h"
#include "socket_setup.h"

using namespace clusterscope::agents;
namespace p = protocol;
using Clock = EventLoop::Clock;

namespace {

struct Consumer {
  EventLoop& loop;
  zmq::socket_t& socket;
  std::string service;
  int workers = 1;
  std::chrono::milliseconds serviceTime{0};
  int busy = 0;
  std::uint32_t credit = 0;  // granted and not yet used
  Clock::time_point lastSent = Clock::now();
  Clock::time_point lastHeard = Clock::now();

  void send(p::BrokerType type, std::uint64_t id = 0, std::uint32_t more = 0,
            std::string_view queue = {}) {
    p::BrokerHeader h;
    h.type = type;
    h.id = id;
    h.credit = more;
    sendFrames(socket, {}, p::encodeBroker(h, type == p::BrokerType::Heartbeat ? "" : queue));
    lastSent = Clock::now();
  }

  std::uint32_t freeCredit() const {
    const int free = workers - busy - static_cast<int>(credit);
    return free > 0 ? static_cast<std::uint32_t>(free) : 0;
  }

  void ready() {
    credit = 0;
    if (const std::uint32_t more = freeCredit()) {
      send(p::BrokerType::ConsumerReady, 0, more, service);
      credit += more;
    }
  }

  void onReadable() {
    ReceivedMessage m;
    while (receiveMessage(socket, m, 0, 3) != ReceiveStatus::Nothing) {
      const auto decoded = p::decodeBroker(m.frames());
      if (!decoded) continue;
      lastHeard = Clock::now();
      const p::BrokerHeader& h = decoded->header;
      if (h.type == p::BrokerType::Reset) {
        ready();
      } else if (h.type == p::BrokerType::Deliver) {
        if (credit > 0) --credit;
        ++busy;
        std::printf("deliver %llu %d %llu\n", static_cast<unsigned long long>(h.messageId),
                    h.attempt, static_cast<unsigned long long>(h.id));
        std::fflush(stdout);
        const std::uint64_t delivery = h.id, messageId = h.messageId;
        const int attempt = h.attempt;
        loop.after(serviceTime, [this, delivery, messageId, attempt] {
          // Said before it is sent: a test that stops this process between the two must count
          // the message consumed (the broker may have its ACK), never lost.
          std::printf("ack %llu %d\n", static_cast<unsigned long long>(messageId), attempt);
          std::fflush(stdout);
          --busy;
          const std::uint32_t more = freeCredit();
          send(p::BrokerType::Ack, delivery, more, service);
          credit += more;
        });
      }
    }
  }

  void tick() {
    const auto now = Clock::now();
    if (now - lastHeard >= std::chrono::seconds(1)) {
      lastHeard = now;
      ready();
    } else if (now - lastSent >= std::chrono::milliseconds(250)) {
      send(p::BrokerType::Heartbeat);
    }
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: broker_test_consumer ENDPOINT SERVICE WORKERS SERVICE_MS\n");
    return 2;
  }
  zmq::context_t context;
  zmq::socket_t socket = makeSocket(context, SocketKind::BrokerClient);
  socket.connect(argv[1]);
  EventLoop loop;
  Consumer c{loop, socket, argv[2], std::atoi(argv[3]),
             std::chrono::milliseconds(std::atoi(argv[4]))};
  loop.watch(socket, [&] { c.onReadable(); });
  loop.every(std::chrono::milliseconds(50), [&] { c.tick(); });
  c.ready();
  loop.run([] { return true; });
}
