// clusterscope-broker as a real process, joined to a real hub: publish, deliver and
// acknowledge with credit; fair shares across consumers; an outage and its recovery ordered
// through the hub; capacity and delivery latency from a scenario; 10^5 garbage messages then
// still serving, every one counted; its /metrics page through promtool; command lines.

#include <httplib.h>

#include <QStandardPaths>
#include <random>

#include "broker_test_support.h"
#include "promtool_check.h"

using namespace clusterscope::testing;
using clusterscope::model::Action;
using clusterscope::model::ActionKind;

namespace {

Action brokerAction(ActionKind kind, double durationS = 0) {
  Action a;
  a.kind = kind;
  a.durationS = durationS;
  return a;
}

std::string fetchMetrics(const std::string& url) {
  const auto m =
      QRegularExpression(R"(http://([^:/]+):(\d+)(/\S*))").match(QString::fromStdString(url));
  if (!m.hasMatch()) return {};
  httplib::Client http(m.captured(1).toStdString(), m.captured(2).toInt());
  http.set_connection_timeout(5);
  const auto res = http.Get(m.captured(3).toStdString());
  return res && res->status == 200 ? res->body : std::string();
}

double sample(const std::string& page, const std::string& series) {
  const auto at = page.find("\n" + series + " ");
  return at == std::string::npos ? -1 : std::stod(page.substr(at + series.size() + 2));
}

struct Finished {
  int code = -1;
  QString out, err;
};

}  // namespace

class TestBrokerProcess : public QObject {
  Q_OBJECT

 private slots:
  void cleanup() { QCOMPARE(childProcesses(), 0); }

  void publishDeliverAcknowledgeWithCredit() {
    HubRig rig;
    BrokerProcess broker(rig);
    QVERIFY2(broker.ok(), qPrintable(broker.banner + broker.child->err()));
    // The hub knows it as the broker, and routes to it.
    QVERIFY(runUntil(
        rig.loop, [&] { return rig.brokerReport().has_value(); }, 5000ms));
    AsyncPeer publisher(rig.context, broker.endpoint);
    AsyncPeer consumer(rig.context, broker.endpoint);
    for (int i = 1; i <= 20; ++i) {
      publisher.send(p::BrokerType::Publish, "billing", 100 + i, 0, "message " + std::to_string(i));
    }
    QVERIFY(publisher.waitFor(rig.loop, p::BrokerType::PublishAck, 20));
    for (const auto& ack : publisher.of(p::BrokerType::PublishAck)) {
      QCOMPARE(ack.status, p::PublishStatus::Accepted);
    }
    QCOMPARE(publisher.of(p::BrokerType::PublishAck)[0].id, 101u);
    // Credit 3: three deliveries and no more until an ACK gives credit back.
    consumer.send(p::BrokerType::ConsumerReady, "billing", 0, 3);
    QVERIFY(consumer.waitFor(rig.loop, p::BrokerType::Deliver, 3));
    runFor(rig.loop, 100ms);
    consumer.poll();
    QCOMPARE(consumer.of(p::BrokerType::Deliver).size(), 3u);
    QVERIFY(runUntil(rig.loop, [&] {
      const auto q = rig.queue("billing");
      return q && q->backlog == 17 && q->unacknowledged == 3 && q->consumers == 1;
    }));
    std::size_t acked = 0;
    QVERIFY(runUntil(rig.loop, [&] {
      consumer.poll();
      const auto d = consumer.of(p::BrokerType::Deliver);
      for (; acked < d.size(); ++acked)
        consumer.send(p::BrokerType::Ack, "billing", d[acked].id, 1);
      return acked == 20;
    }));
    const auto d = consumer.of(p::BrokerType::Deliver);
    for (std::size_t i = 0; i < d.size(); ++i) {
      QCOMPARE(d[i].messageId, 101 + i);  // oldest first
      QCOMPARE(d[i].attempt, 1);
      QCOMPARE(consumer.payloads[i], "message " + std::to_string(i + 1));
      if (i) QVERIFY(d[i].id > d[i - 1].id);
    }
    // Delivery ids start at the broker's start time in ns since the epoch.
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    QVERIFY(d[0].id > static_cast<std::uint64_t>(
                          std::chrono::duration_cast<std::chrono::nanoseconds>(now - 60s).count()));
    QVERIFY(runUntil(rig.loop, [&] {
      const auto q = rig.queue("billing");
      return q && q->acknowledged == 20 && q->backlog == 0 && q->unacknowledged == 0 &&
             q->published == 20 && q->delivered == 20;
    }));
    QCOMPARE(broker.child->stop(SIGTERM), 0);
    QVERIFY(broker.child->out().contains("clusterscope-broker stopped"));
    QVERIFY(
        runUntil(rig.loop, [&] { return rig.monitor->liveness("broker") == p::Liveness::Left; }));
  }

  void consumersShareFairly() {
    HubRig rig;
    BrokerProcess broker(rig);
    QVERIFY(broker.ok());
    std::vector<std::unique_ptr<AsyncPeer>> consumers;
    for (int i = 0; i < 3; ++i) {
      consumers.push_back(std::make_unique<AsyncPeer>(rig.context, broker.endpoint));
      consumers.back()->send(p::BrokerType::ConsumerReady, "billing", 0, 2);
    }
    runFor(rig.loop, 200ms);  // every consumer known before the first message
    AsyncPeer publisher(rig.context, broker.endpoint);
    const int total = 3000;
    for (int i = 1; i <= total; ++i) publisher.send(p::BrokerType::Publish, "billing", i);
    std::vector<std::size_t> acked(3, 0);
    QVERIFY(runUntil(
        rig.loop,
        [&] {
          std::size_t all = 0;
          for (int c = 0; c < 3; ++c) {
            consumers[c]->poll();
            const auto d = consumers[c]->of(p::BrokerType::Deliver);
            for (; acked[c] < d.size(); ++acked[c]) {
              consumers[c]->send(p::BrokerType::Ack, "billing", d[acked[c]].id, 1);
            }
            all += acked[c];
          }
          return all == total;
        },
        20000ms));
    qInfo("shares of %d messages: %zu %zu %zu", total, acked[0], acked[1], acked[2]);
    for (const auto n : acked) {
      QVERIFY(n >= total / 3 - total / 20 && n <= total / 3 + total / 20);
    }
  }

  void outageAndRecoveryThroughTheHub() {
    HubRig rig;
    BrokerProcess broker(rig);
    QVERIFY(broker.ok());
    QVERIFY(runUntil(
        rig.loop, [&] { return rig.brokerReport().has_value(); }, 5000ms));
    AsyncPeer publisher(rig.context, broker.endpoint);
    AsyncPeer consumer(rig.context, broker.endpoint);
    publisher.send(p::BrokerType::Publish, "billing", 1);
    publisher.send(p::BrokerType::Publish, "billing", 2);
    consumer.send(p::BrokerType::ConsumerReady, "billing", 0, 1);
    QVERIFY(consumer.waitFor(rig.loop, p::BrokerType::Deliver, 1));

    auto result = rig.command(brokerAction(ActionKind::BrokerOutage));
    QVERIFY(result && result->ok);
    QVERIFY(runUntil(rig.loop, [&] { return !rig.brokerReport()->up; }));
    publisher.send(p::BrokerType::Publish, "billing", 3);
    QVERIFY(publisher.waitFor(rig.loop, p::BrokerType::PublishAck, 3));
    QCOMPARE(publisher.of(p::BrokerType::PublishAck)[2].status, p::PublishStatus::Outage);
    // The ACK is taken and gives credit, yet the waiting message stays: nothing is delivered.
    consumer.send(p::BrokerType::Ack, "billing", consumer.of(p::BrokerType::Deliver)[0].id, 1);
    QVERIFY(runUntil(rig.loop, [&] {
      const auto q = rig.queue("billing");
      return q && q->acknowledged == 1 && q->rejected == 1 && q->backlog == 1;
    }));
    runFor(rig.loop, 300ms);
    consumer.poll();
    QCOMPARE(consumer.of(p::BrokerType::Deliver).size(), 1u);
    QVERIFY(runUntil(
        rig.loop,
        [&] {  // the page is rendered once a second
          return fetchMetrics(broker.metricsUrl).find("clusterscope_broker_up 0\n") !=
                 std::string::npos;
        },
        3000ms));

    result = rig.command(brokerAction(ActionKind::BrokerRecover));
    QVERIFY(result && result->ok);
    QVERIFY(consumer.waitFor(rig.loop, p::BrokerType::Deliver, 2));
    QCOMPARE(consumer.of(p::BrokerType::Deliver)[1].messageId, 2u);
    QVERIFY(runUntil(rig.loop, [&] { return rig.brokerReport()->up; }));

    // An outage with a duration ends by itself; reset_faults ends one without.
    result = rig.command(brokerAction(ActionKind::BrokerOutage, 0.5));
    QVERIFY(result && result->ok);
    const auto started = std::chrono::steady_clock::now();
    publisher.send(p::BrokerType::Publish, "billing", 4);
    QVERIFY(publisher.waitFor(rig.loop, p::BrokerType::PublishAck, 4));
    QCOMPARE(publisher.of(p::BrokerType::PublishAck)[3].status, p::PublishStatus::Outage);
    QVERIFY(runUntil(
        rig.loop,
        [&] {
          publisher.send(p::BrokerType::Publish, "billing", 5);
          runFor(rig.loop, 20ms);
          publisher.poll();
          return publisher.of(p::BrokerType::PublishAck).back().status ==
                 p::PublishStatus::Accepted;
        },
        3000ms));
    const double took =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    qInfo("an outage of 0.5 s ended after %.3f s", took);
    QVERIFY(took > 0.45 && took < 1.0);
    QVERIFY(rig.command(brokerAction(ActionKind::BrokerOutage))->ok);
    QVERIFY(rig.command(p::ResetFaults{})->ok);
    publisher.send(p::BrokerType::Publish, "billing", 6);
    runFor(rig.loop, 200ms);
    publisher.poll();
    QCOMPARE(publisher.of(p::BrokerType::PublishAck).back().status, p::PublishStatus::Accepted);
    // What is not the broker's to carry out, sent to it by name, is answered "unsupported".
    Action rate;
    rate.kind = ActionKind::SetArrivalRate;
    rate.rate = 5;
    result = rig.command(rate, "broker");
    QVERIFY(result && !result->ok);
    QCOMPARE(result->error, std::string("unsupported"));
  }

  void capacityAndDeliveryLatencyFromTheScenario() {
    HubRig rig;
    const QString scenario = QString::fromStdString(rig.keys.dir.path().toStdString()) + "/s.json";
    QFile f(scenario);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"format": 1, "name": "b", "duration_s": 10,
      "services": [{"name": "orders", "service_time_ms": 1, "calls": [{"to": "billing", "mode": "async"}]},
                   {"name": "billing", "service_time_ms": 1}],
      "broker": {"delivery_latency_ms": 80, "capacity": 5},
      "workload": {"entry": "orders", "rate_rps": 1}})");
    f.close();
    BrokerProcess broker(rig, {"--scenario", scenario});
    QVERIFY2(broker.ok(), qPrintable(broker.child->err()));
    AsyncPeer publisher(rig.context, broker.endpoint);
    for (int i = 1; i <= 7; ++i) publisher.send(p::BrokerType::Publish, "billing", i);
    QVERIFY(publisher.waitFor(rig.loop, p::BrokerType::PublishAck, 7));
    const auto acks = publisher.of(p::BrokerType::PublishAck);
    for (int i = 0; i < 7; ++i) {
      QCOMPARE(acks[i].status, i < 5 ? p::PublishStatus::Accepted : p::PublishStatus::Full);
    }
    QVERIFY(runUntil(rig.loop, [&] {
      const auto q = rig.queue("billing");
      return q && q->rejected == 2 && q->backlog == 5 && q->published == 5;
    }));
    // Drain them, then time one message from publish to delivery: 80 ms of latency.
    AsyncPeer consumer(rig.context, broker.endpoint);
    consumer.send(p::BrokerType::ConsumerReady, "billing", 0, 100);
    QVERIFY(consumer.waitFor(rig.loop, p::BrokerType::Deliver, 5));
    std::vector<double> ms;
    for (int i = 0; i < 5; ++i) {
      const auto sent = std::chrono::steady_clock::now();
      publisher.send(p::BrokerType::Publish, "billing", 100 + i);
      // Waiting on the consumer's socket itself: the time is the broker's, not a poll's.
      while (consumer.of(p::BrokerType::Deliver).size() < 6u + i &&
             std::chrono::steady_clock::now() - sent < 2s) {
        zmq::pollitem_t item{consumer.socket.handle(), 0, ZMQ_POLLIN, 0};
        zmq::poll(&item, 1, 1ms);
        consumer.poll();
      }
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - sent)
              .count());
    }
    std::sort(ms.begin(), ms.end());
    qInfo(
        "publish to DELIVER with 80 ms of delivery latency: min %.2f ms, median %.2f ms, max %.2f "
        "ms",
        ms.front(), ms[2], ms.back());
    QVERIFY(ms.front() >= 80.0);
    QVERIFY(ms[2] < 80.0 + 5.0);
  }

  void garbageIsCountedAndDroppedThenItStillServes() {
    HubRig rig;
    BrokerProcess broker(rig);
    QVERIFY(broker.ok());
    zmq::socket_t junk(rig.context, zmq::socket_type::dealer);
    junk.set(zmq::sockopt::linger, 0);
    junk.connect(broker.endpoint);
    std::mt19937_64 rng(11);
    char valid[p::kBrokerHeaderBytes];
    p::BrokerHeader h;
    h.type = p::BrokerType::Heartbeat;
    p::writeBrokerHeader(h, valid);
    const int total = 100000;
    const std::size_t sizes[] = {0, 1, 3, 39, 40, 41, 64, 65, 200};
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < total; ++i) {
      const int frames = 1 + static_cast<int>(rng() % 5);
      for (int k = 0; k < frames; ++k) {
        std::string part(sizes[rng() % std::size(sizes)], '\0');
        for (char& c : part) c = static_cast<char>(rng());
        if (k == 0 && i % 3 == 0) {  // a near miss: a valid header with one byte changed
          part.assign(valid, sizeof valid);
          part[4 + rng() % 36] = static_cast<char>(rng());  // magic, version, type kept
          part[3] = static_cast<char>(1 + rng() % 9);
        }
        junk.send(zmq::buffer(part),
                  k + 1 < frames ? zmq::send_flags::sndmore : zmq::send_flags::none);
      }
    }
    // And a frame over MAXMSGSIZE: libzmq drops that connection before reading it.
    zmq::socket_t big(rig.context, zmq::socket_type::dealer);
    big.set(zmq::sockopt::linger, 0);
    big.connect(broker.endpoint);
    big.send(zmq::buffer(std::string(70000, 'x')), zmq::send_flags::none);
    AsyncPeer publisher(rig.context, broker.endpoint);
    publisher.send(p::BrokerType::Publish, "billing", 1);
    QVERIFY(publisher.waitFor(rig.loop, p::BrokerType::PublishAck, 1, 30000ms));
    QCOMPARE(publisher.of(p::BrokerType::PublishAck)[0].status, p::PublishStatus::Accepted);
    AsyncPeer consumer(rig.context, broker.endpoint);
    consumer.send(p::BrokerType::ConsumerReady, "billing", 0, 1);
    QVERIFY(consumer.waitFor(rig.loop, p::BrokerType::Deliver, 1));
    qInfo("%d garbage messages sent and the broker served after %.2f s", total,
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    // Every garbage message was read and counted (a near miss may decode as a valid message of
    // another type: it is counted by the core instead).
    std::string page;
    double dropped = 0, received = 0;
    QVERIFY(runUntil(
        rig.loop,
        [&] {
          page = fetchMetrics(broker.metricsUrl);
          received = sample(page, "clusterscope_broker_messages_received_total");
          dropped = 0;
          std::istringstream lines(page);
          for (std::string line; std::getline(lines, line);) {
            if (line.rfind("clusterscope_dropped_messages_total{plane=\"async\"", 0) == 0) {
              dropped += std::stod(line.substr(line.rfind(' ') + 1));
            }
          }
          return received >= total + 2;
        },
        5000ms));
    qInfo("read %.0f messages, dropped %.0f", received, dropped);
    QVERIFY(dropped >= 0.95 * total);
    QCOMPARE(broker.child->stop(SIGTERM), 0);
  }

  void itsMetricsPagePassesPromtool() {
    HubRig rig;
    BrokerProcess broker(rig, {"--journal", rig.keys.dir.path() + "/journal"});
    QVERIFY(broker.ok());
    AsyncPeer peer(rig.context, broker.endpoint);
    peer.send(p::BrokerType::Publish, "billing", 1);
    peer.send(p::BrokerType::Publish, "stock", 2);
    peer.send(p::BrokerType::ConsumerReady, "billing", 0, 1);
    QVERIFY(peer.waitFor(rig.loop, p::BrokerType::Deliver, 1));
    std::string page;
    QVERIFY(runUntil(
        rig.loop,
        [&] {
          page = fetchMetrics(broker.metricsUrl);
          return page.find("clusterscope_broker_unacknowledged_messages{queue=\"billing\"} 1\n") !=
                 std::string::npos;
        },
        5000ms));
    for (const char* family :
         {"clusterscope_broker_backlog_messages{queue=\"stock\"} 1", "clusterscope_broker_up 1",
          "clusterscope_broker_published_total{queue=\"billing\"} 1",
          "clusterscope_broker_oldest_message_age_seconds{queue=\"stock\"}",
          "clusterscope_dropped_messages_total{plane=\"async\",reason=\"frame_count\"} 0",
          "clusterscope_broker_journal_bytes"}) {
      QVERIFY2(page.find(family) != std::string::npos, family);
    }
    const QString problems = promtoolProblems(page);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
  }

  void commandLinesAndImpossibleStarts() {
    HubRig rig;
    const QString connection = QString::fromStdString(rig.connectionFile);
    const auto run = [&](QStringList args) {
      Child c(CLUSTERSCOPE_BROKER_PATH, args);
      Finished f;
      f.code = c.stop(0, 10000);  // signal 0: only wait for it to end
      f.out = c.out();
      f.err = c.err();
      return f;
    };
    Finished f = run({"--help"});
    QCOMPARE(f.code, 0);
    QVERIFY(f.out.contains("--journal FILE") && f.out.contains("fdatasync"));
    f = run({"--connection", connection, "--capacity", "0"});
    QCOMPARE(f.code, 2);
    QVERIFY(f.err.contains("--capacity"));
    f = run({"--connection", connection, "--fsync", "sometimes", "--journal", "x"});
    QCOMPARE(f.code, 2);
    f = run({"--connection", connection, "--fsync", "periodic"});
    QCOMPARE(f.code, 2);
    QVERIFY(f.err.contains("go with --journal"));
    f = run({"--connection", connection, "--hub", "tcp://127.0.0.1:1"});
    QCOMPARE(f.code, 2);
    f = run({"--connection", connection, "--instance", "a b"});
    QCOMPARE(f.code, 2);
    f = run({"--connection", connection, "--scenario", "/nonexistent.json"});
    QCOMPARE(f.code, 2);
    QVERIFY(f.err.contains("/nonexistent.json"));
    f = run({"--connection", "/nonexistent/connection.json"});
    QCOMPARE(f.code, 1);
    // A journal that is somebody else's file: refused, untouched.
    const QString notes = rig.keys.dir.path() + "/notes.txt";
    QFile n(notes);
    QVERIFY(n.open(QIODevice::WriteOnly));
    n.write("not a journal\n");
    n.close();
    f = run({"--connection", connection, "--journal", notes});
    QCOMPARE(f.code, 1);
    QVERIFY2(f.err.contains("not a clusterscope-broker journal"), qPrintable(f.err));
    QFile back(notes);
    QVERIFY(back.open(QIODevice::ReadOnly));
    QCOMPARE(back.readAll(), QByteArray("not a journal\n"));
    // A journal a running broker holds.
    const QString journal = rig.keys.dir.path() + "/journal";
    BrokerProcess first(rig, {"--journal", journal});
    QVERIFY(first.ok());
    f = run({"--connection", connection, "--journal", journal, "--instance", "broker"});
    QCOMPARE(f.code, 1);
    QVERIFY2(f.err.contains("in use by another running broker"), qPrintable(f.err));
    // Another instance's journal.
    QCOMPARE(first.child->stop(SIGTERM), 0);
    f = run({"--connection", connection, "--journal", journal, "--instance", "broker-2"});
    QCOMPARE(f.code, 1);
    QVERIFY2(f.err.contains("the journal of broker \"broker\""), qPrintable(f.err));
  }
};

QTEST_GUILESS_MAIN(TestBrokerProcess)
#include "test_broker_process.moc"
