// clusterscope-agent on the async plane, against a minimal broker written here from
// docs/protocol.md ("Async plane", "Broker delivery"): a publisher's PUBLISH is acknowledged
// and counted on its edge; a consumer announces credit up to its free workers, serves each
// DELIVER like a request and ACKs it with new credit, NACKs one that failed, says HEARTBEAT when
// silent, announces its credit again after RESET; garbage from the broker is dropped.

#include <deque>
#include <map>

#include "agent_test_support.h"
#include "broker_frames.h"
#include "request_client.h"
#include "socket_setup.h"

using namespace clusterscope;
using namespace clusterscope::testing;
using namespace std::chrono_literals;
namespace p = clusterscope::agents::protocol;
using model::FailureCause;

namespace {

const char* kAsync = R"({"format": 1, "name": "async", "seed": 3, "duration_s": 60,
  "services": [
    {"name": "orders", "workers": 2, "service_time_ms": 1,
     "calls": [{"to": "billing", "mode": "async"}]},
    {"name": "billing", "workers": 2, "service_time_ms": 20}],
  "workload": {"entry": "orders", "rate_rps": 10}})";

// The broker's side of the async plane, just enough to see what agents send.
struct TestBroker {
  struct Message {
    std::uint64_t id;
    std::int64_t originNs;
  };
  zmq::socket_t socket;
  std::string endpoint;
  agents::EventLoop& loop;
  std::unique_ptr<agents::HubClient> hub;
  std::map<std::string, std::deque<Message>> queues;
  std::map<std::pair<std::string, std::string>, std::int64_t> credit;  // (consumer, queue)
  std::vector<std::pair<std::string, std::uint32_t>> consumerReady;   // (queue, credit)
  std::vector<std::uint32_t> ackCredit;
  int published = 0, acks = 0, nacks = 0, heartbeats = 0;
  std::uint64_t nextDelivery = 1000;
  agents::ReceivedMessage message;

  TestBroker(agents::EventLoop& l, zmq::context_t& context, const LiveHub& live)
      : socket(agents::makeSocket(context, agents::SocketKind::BrokerServer)), loop(l) {
    endpoint = agents::bindTcp(socket, "127.0.0.1");
    loop.watch(socket, [this] { read(); });
    p::Hello hello;
    hello.role = p::PeerRole::Broker;
    hello.instance = "broker";
    hello.endpoints.broker = endpoint;
    agents::HubClient::Options o{live.controller(), hello, false, 200ms};
    hub = std::make_unique<agents::HubClient>(loop, context, std::move(o),
                                              agents::HubClient::Callbacks{});
    hub->start();
  }
  ~TestBroker() {
    hub->stop();
    loop.unwatch(socket);
  }

  void send(const std::string& to, const p::BrokerHeader& h, const std::string& service) {
    agents::sendFrames(socket, to, p::encodeBroker(h, service));
  }
  void read() {
    while (agents::receiveMessage(socket, message, 1, 3) == agents::ReceiveStatus::Message) {
      auto decoded = p::decodeBroker(message.frames());
      if (!decoded) continue;
      const std::string from(message.routingId());
      const std::string service(decoded->service);
      const p::BrokerHeader& h = decoded->header;
      switch (h.type) {
        case p::BrokerType::Publish: {
          ++published;
          queues[service].push_back({h.id, h.originNs});
          p::BrokerHeader ack;
          ack.type = p::BrokerType::PublishAck;
          ack.id = h.id;
          send(from, ack, service);
          break;
        }
        case p::BrokerType::ConsumerReady:
          consumerReady.emplace_back(service, h.credit);
          credit[{from, service}] += h.credit;
          break;
        case p::BrokerType::Ack:
        case p::BrokerType::Nack:
          ++(h.type == p::BrokerType::Ack ? acks : nacks);
          ackCredit.push_back(h.credit);
          credit[{from, service}] += h.credit;
          break;
        case p::BrokerType::Heartbeat:
          ++heartbeats;
          break;
        default:
          break;
      }
      deliverAll();
    }
  }
  void deliverAll() {
    for (auto& [key, n] : credit) {
      auto& q = queues[key.second];
      while (n > 0 && !q.empty()) {
        p::BrokerHeader d;
        d.type = p::BrokerType::Deliver;
        d.id = nextDelivery++;
        d.messageId = q.front().id;
        d.attempt = 1;
        d.originNs = q.front().originNs;
        send(key.first, d, key.second);
        q.pop_front();
        --n;
      }
    }
  }
  std::string consumerOf(const std::string& queue) const {
    for (const auto& [key, n] : credit) {
      if (key.second == queue) return key.first;
    }
    return {};
  }
};

}  // namespace

class TestAgentAsync : public QObject {
  Q_OBJECT

  zmq::context_t context_;

 private slots:
  void publishConsumeAcknowledge() {
    LiveHub hub;
    agents::EventLoop loop;
    TestBroker broker(loop, context_, hub);
    Monitor monitor(loop, context_, hub);
    const std::string scenario = writeText(hub.dir(), "async.json", kAsync);
    AgentProcess orders(hub, {"--scenario", QString::fromStdString(scenario), "--service", "orders"});
    AgentProcess billing(hub, {"--scenario", QString::fromStdString(scenario), "--service", "billing"});
    QVERIFY(!orders.endpoint.empty() && !billing.endpoint.empty());
    QVERIFY(monitor.waitReady("orders#0", 10s) && monitor.waitReady("billing#0", 10s));
    // Ready, and ROUTES names a broker: each consumes its own queue with its free workers.
    QVERIFY(runUntil(
        loop,
        [&] { return !broker.consumerOf("billing").empty() && !broker.consumerOf("orders").empty(); },
        5s));
    QCOMPARE(broker.consumerReady.front().second, std::uint32_t{2});

    RequestClient client(loop, context_, orders.endpoint);
    for (int i = 0; i < 10; ++i) QCOMPARE(client.call()->type, p::RequestType::Reply);
    QVERIFY(runUntil(loop, [&] { return broker.acks == 10; }, 5s));
    QCOMPARE(broker.published, 10);
    QCOMPARE(broker.nacks, 0);
    // Each ACK gives back the worker it freed.
    for (const auto c : broker.ackCredit) QVERIFY(c <= 2);
    QVERIFY(runUntil(
        loop,
        [&] {
          const p::Report* o = monitor.report("orders#0");
          const p::Report* b = monitor.report("billing#0");
          return o && b && o->service->edges.at(0).completed == 10 && b->service->completed == 10;
        },
        5s));
    const p::EdgeTelemetry& edge = monitor.report("orders#0")->service->edges.at(0);
    QCOMPARE(edge.mode, model::CallMode::Async);
    QCOMPARE(edge.calls, std::uint64_t{10});
    QVERIFY(edge.latency && edge.latency->count() == 10);  // PUBLISH to PUBLISH_ACK
    const p::ServiceTelemetry& b = *monitor.report("billing#0")->service;
    QCOMPARE(b.arrivals, std::uint64_t{10});
    QVERIFY(b.latency.minNs >= 20'000'000);  // served like a request, from DELIVER

    // Silent for 250 ms: a consumer says HEARTBEAT.
    const int beats = broker.heartbeats;
    QVERIFY(runUntil(loop, [&] { return broker.heartbeats > beats; }, 2s));

    // RESET: it announces its credit again.
    const auto announced = broker.consumerReady.size();
    p::BrokerHeader reset;
    reset.type = p::BrokerType::Reset;
    broker.send(broker.consumerOf("billing"), reset, "");
    QVERIFY(runUntil(loop, [&] { return broker.consumerReady.size() > announced; }, 2s));
    QCOMPARE(broker.consumerReady.back().first, std::string("billing"));

    // A failed delivery is NACKed (an injected error): error rate 1 on billing.
    model::Action errors;
    errors.kind = model::ActionKind::SetErrorRate;
    errors.service = "billing";
    errors.rate = 1;
    p::Command command;
    command.what = errors;
    QVERIFY(monitor.command(command)->ok);
    QCOMPARE(client.call()->type, p::RequestType::Reply);  // the publisher does not wait
    QVERIFY(runUntil(loop, [&] { return broker.nacks == 1; }, 5s));

    // Garbage from the broker is dropped; the consumer goes on.
    agents::sendFrames(broker.socket, broker.consumerOf("billing"), {"junk", "", "x"});
    agents::sendFrames(broker.socket, broker.consumerOf("billing"), {std::string(40, 'C')});
    errors.rate = 0;
    command.what = errors;
    QVERIFY(monitor.command(command)->ok);
    QCOMPARE(client.call()->type, p::RequestType::Reply);
    QVERIFY(runUntil(loop, [&] { return broker.acks == 11; }, 5s));
  }

  void withoutABrokerAPublishFails() {
    LiveHub hub;
    agents::EventLoop loop;
    Monitor monitor(loop, context_, hub);
    const std::string scenario = writeText(hub.dir(), "async.json", kAsync);
    AgentProcess orders(hub, {"--scenario", QString::fromStdString(scenario), "--service", "orders"});
    QVERIFY(monitor.waitReady("orders#0", 10s));
    RequestClient client(loop, context_, orders.endpoint);
    // The request itself succeeds: an async call is not waited for.
    QCOMPARE(client.call()->type, p::RequestType::Reply);
    QVERIFY(runUntil(
        loop,
        [&] {
          const p::Report* o = monitor.report("orders#0");
          return o && o->service->edges.at(0).failedBy[FailureCause::BrokerRejected] == 1;
        },
        3s));
  }
};

QTEST_GUILESS_MAIN(TestAgentAsync)
#include "test_agent_async.moc"
