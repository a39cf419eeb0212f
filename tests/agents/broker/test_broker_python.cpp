// The Python agent (agents/python), written from docs/protocol.md alone, against the real
// broker: it publishes through it (an async call), consumes from it, and when one of two
// consuming replicas is killed (SIGKILL) holding a message, the other gets it again.

#include "broker_test_support.h"
#include "request_frames.h"

using namespace clusterscope::testing;

namespace {

std::unique_ptr<Child> pythonAgent(const HubRig& rig, QStringList args) {
  return std::make_unique<Child>(
      "/usr/bin/python3",
      QStringList{CLUSTERSCOPE_PYTHON_AGENT, "--connection",
                  QString::fromStdString(rig.connectionFile), "--drain-s", "0.2"} +
          args);
}

// The request endpoint of a live agent, from the monitor's picture.
std::string requestsOf(const HubRig& rig, const std::string& instance) {
  for (const auto& s : rig.monitor->states) {
    if (s.instance == instance && s.hello) return s.hello->endpoints.requests;
  }
  for (const auto& snapshot : rig.monitor->snapshots) {
    for (const auto& peer : snapshot.peers) {
      if (peer.hello.instance == instance) return peer.hello.endpoints.requests;
    }
  }
  return {};
}

std::optional<p::ServiceTelemetry> serviceReport(const HubRig& rig, const std::string& instance) {
  for (auto it = rig.monitor->updates.rbegin(); it != rig.monitor->updates.rend(); ++it) {
    if (it->instance == instance && it->report.service) return it->report.service;
  }
  return std::nullopt;
}

}  // namespace

class TestBrokerPython : public QObject {
  Q_OBJECT

 private slots:
  void cleanup() { QCOMPARE(childProcesses(), 0); }

  void pythonAgentsPublishConsumeAndSurviveAKill() {
    HubRig rig;
    BrokerProcess broker(rig);
    QVERIFY(broker.ok());
    auto orders = pythonAgent(rig, {"--service", "orders", "--service-time", "0", "--call",
                                    R"({"to": "billing", "mode": "async"})"});
    auto billing0 = pythonAgent(
        rig, {"--service", "billing", "--replica", "0", "--service-time", "700", "--workers", "1"});
    auto billing1 = pythonAgent(
        rig, {"--service", "billing", "--replica", "1", "--service-time", "700", "--workers", "1"});
    // Both replicas consume as soon as they are ready and ROUTES names the broker.
    QVERIFY2(runUntil(
                 rig.loop,
                 [&] {
                   const auto q = rig.queue("billing");
                   return q && q->consumers == 2 && !requestsOf(rig, "orders#0").empty();
                 },
                 15000ms),
             qPrintable(billing0->err() + orders->err()));

    // Four requests to orders: each publishes one message to billing through the broker.
    zmq::socket_t caller = agents::makeSocket(rig.context, agents::SocketKind::CallClient);
    caller.connect(requestsOf(rig, "orders#0"));
    for (std::uint64_t id = 1; id <= 4; ++id) {
      p::RequestHeader h;
      h.type = p::RequestType::Request;
      h.requestId = id;
      agents::sendFrames(caller, {}, p::encodeRequest(h));
    }
    QVERIFY(runUntil(
        rig.loop,
        [&] {
          const auto q = rig.queue("billing");
          return q && q->published == 4 && q->unacknowledged == 2;
        },
        5000ms));

    // billing#0 dies holding one: billing#1 serves all the rest, that one again.
    const auto killed = std::chrono::steady_clock::now();
    QCOMPARE(billing0->stop(SIGKILL), -SIGKILL);
    QVERIFY(runUntil(
        rig.loop,
        [&] {
          const auto q = rig.queue("billing");
          return q && q->acknowledged == 4 && q->backlog == 0 && q->unacknowledged == 0;
        },
        10000ms));
    qInfo("4 messages, a consumer killed holding one: all acknowledged after %.2f s",
          std::chrono::duration<double>(std::chrono::steady_clock::now() - killed).count());
    const auto q = rig.queue("billing");
    QCOMPARE(q->redelivered, 1u);
    QCOMPARE(q->delivered, 4u);
    QVERIFY(runUntil(
        rig.loop,
        [&] {
          const auto s = serviceReport(rig, "billing#1");
          return s && s->completed == 4;  // its own, the one taken back, and the two waiting
        },
        3000ms));
    // The publisher's edge: four publishes, each accepted.
    const auto edges = serviceReport(rig, "orders#0")->edges;
    QCOMPARE(edges.size(), 1u);
    QCOMPARE(edges[0].to, std::string("billing"));
    QCOMPARE(edges[0].calls, 4u);
    QCOMPARE(edges[0].completed, 4u);
    QCOMPARE(orders->stop(SIGTERM), 0);
    QCOMPARE(billing1->stop(SIGTERM), 0);
  }
};

QTEST_GUILESS_MAIN(TestBrokerPython)
#include "test_broker_python.moc"
