// Nothing is lost: a consumer killed (SIGKILL) while it holds messages has them delivered again
// to another; a journaled broker killed (SIGKILL) in the middle of a stream of publishes and
// restarted on the same journal delivers every message it had acknowledged to its publisher
// and nobody had acknowledged to it. Every message id is accounted for, on both sides.

#include <set>

#include "broker_test_support.h"

using namespace clusterscope::testing;

namespace {

// A broker_test_consumer of "billing"; its log goes to a file in `dir`.
std::unique_ptr<Child> consumer(const QTemporaryDir& dir, const std::string& endpoint, int workers,
                                int serviceMs) {
  static int n = 0;
  return std::make_unique<Child>(CLUSTERSCOPE_TEST_CONSUMER,
                                 QStringList{QString::fromStdString(endpoint), "billing",
                                             QString::number(workers), QString::number(serviceMs)},
                                 dir.path() + "/consumer-" + QString::number(++n) + ".log");
}

}  // namespace

class TestBrokerRedelivery : public QObject {
  Q_OBJECT

  // Publishes ids first..last, one by one.
  static void publish(AsyncPeer& publisher, std::uint64_t first, std::uint64_t last) {
    for (std::uint64_t id = first; id <= last; ++id) {
      publisher.send(p::BrokerType::Publish, "billing", id, 0, "m" + std::to_string(id));
    }
  }

  static std::set<std::uint64_t> accepted(const AsyncPeer& publisher) {
    std::set<std::uint64_t> ids;
    for (const auto& ack : publisher.of(p::BrokerType::PublishAck)) {
      if (ack.status == p::PublishStatus::Accepted) ids.insert(ack.id);
    }
    return ids;
  }

  // True once the broker tells the hub that billing has `n` consumers (within 5 s).
  static bool billingConsumers(HubRig& rig, int n) {
    return runUntil(
        rig.loop,
        [&] {
          const auto q = rig.queue("billing");
          return q && q->consumers == n;
        },
        5000ms);
  }

 private slots:
  void cleanup() { QCOMPARE(childProcesses(), 0); }

  void aConsumerKilledMidMessageLosesNothing() {
    HubRig rig;
    BrokerProcess broker(rig);
    QVERIFY(broker.ok());
    AsyncPeer publisher(rig.context, broker.endpoint);
    // A slow consumer takes the first two messages and holds them for 5 s.
    auto slow = consumer(rig.keys.dir, broker.endpoint, 2, 5000);
    QVERIFY(billingConsumers(rig, 1));
    publish(publisher, 1, 2);
    QVERIFY(slow->waitForOutput("deliver 2 1"));
    // A fast one takes the rest as they come.
    auto fast = consumer(rig.keys.dir, broker.endpoint, 4, 10);
    QVERIFY(billingConsumers(rig, 2));
    publish(publisher, 3, 40);
    QVERIFY(fast->waitForOutput("ack 40 1"));
    QCOMPARE(consumerLog(slow->out()).holding(), (std::vector<std::uint64_t>{1, 2}));

    const auto killed = std::chrono::steady_clock::now();
    QCOMPARE(slow->stop(SIGKILL), -SIGKILL);
    publish(publisher, 41, 42);
    QVERIFY(fast->waitForOutput("ack 2 2", 5000ms));
    qInfo("a consumer killed holding 2 messages: they were delivered again after %.2f s",
          std::chrono::duration<double>(std::chrono::steady_clock::now() - killed).count());
    QVERIFY(fast->waitForOutput("ack 1 2", 1000ms));
    QVERIFY(fast->waitForOutput("ack 42 1", 1000ms));

    const ConsumerLog log = consumerLog(fast->out());
    for (std::uint64_t id = 1; id <= 42; ++id)
      QVERIFY2(log.acked.count(id), qPrintable(QString::number(id)));
    QCOMPARE(log.maxAttempt.at(1), 2);
    QCOMPARE(log.maxAttempt.at(2), 2);
    QCOMPARE(log.maxAttempt.at(3), 1);
    QVERIFY(publisher.waitFor(rig.loop, p::BrokerType::PublishAck, 42));
    QCOMPARE(accepted(publisher).size(), 42u);
    QVERIFY(runUntil(
        rig.loop,
        [&] {
          const auto q = rig.queue("billing");
          return q && q->acknowledged == 42 && q->redelivered == 2 && q->backlog == 0 &&
                 q->unacknowledged == 0 && q->consumers == 1;
        },
        5000ms));
  }

  void aSilentConsumerIsDeclaredDeadAfterOneSecond() {
    HubRig rig;
    BrokerProcess broker(rig);
    QVERIFY(broker.ok());
    AsyncPeer publisher(rig.context, broker.endpoint);
    auto frozen = consumer(rig.keys.dir, broker.endpoint, 1, 200);
    QVERIFY(billingConsumers(rig, 1));
    publish(publisher, 1, 1);
    QVERIFY(frozen->waitForOutput("deliver 1 1"));
    // Stopped, not dead: its connection stays open, it only falls silent.
    ::kill(frozen->pid(), SIGSTOP);
    const auto stopped = std::chrono::steady_clock::now();
    auto other = consumer(rig.keys.dir, broker.endpoint, 1, 0);
    QVERIFY(other->waitForOutput("ack 1 2", 5000ms));
    const double took =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - stopped).count();
    qInfo("a consumer silent since it was stopped: its message went to another after %.2f s", took);
    // Silence counts from the last word it said, up to a heartbeat interval before the stop.
    QVERIFY(took >= 0.7 && took < 1.6);
    QVERIFY(runUntil(
        rig.loop,
        [&] {
          const auto q = rig.queue("billing");
          return q && q->acknowledged == 1 && q->consumers == 1 && q->redelivered == 1;
        },
        5000ms));
    // Woken, it acknowledges a delivery the broker has taken back: RESET, and the ACK counts
    // for nothing; it announces itself again and takes its share of what comes next.
    ::kill(frozen->pid(), SIGCONT);
    QVERIFY(frozen->waitForOutput("ack 1 1"));
    QVERIFY(billingConsumers(rig, 2));
    QCOMPARE(rig.queue("billing")->acknowledged, 1u);
    publish(publisher, 2, 3);
    QVERIFY(runUntil(
        rig.loop,
        [&] {
          const auto q = rig.queue("billing");
          return q && q->acknowledged == 3;
        },
        5000ms));
  }

  void aJournaledBrokerKilledAndRestartedLosesNoAcknowledgedMessage_data() {
    QTest::addColumn<QString>("fsync");
    QTest::newRow("batch") << "batch";
    QTest::newRow("periodic") << "periodic";
  }

  void aJournaledBrokerKilledAndRestartedLosesNoAcknowledgedMessage() {
    QFETCH(QString, fsync);
    HubRig rig;
    const QString journal = rig.keys.dir.path() + "/journal";
    const QStringList args{"--journal", journal, "--fsync", fsync};
    auto broker = std::make_unique<BrokerProcess>(rig, args);
    QVERIFY(broker->ok());
    // A consumer slower than the publisher: a backlog builds and two deliveries are in flight.
    auto first = consumer(rig.keys.dir, broker->endpoint, 2, 5);
    AsyncPeer publisher(rig.context, broker->endpoint);
    std::uint64_t next = 1;
    QVERIFY(runUntil(
        rig.loop,
        [&] {
          publish(publisher, next, next + 49);
          next += 50;
          publisher.poll();
          return accepted(publisher).size() >= 2000;
        },
        20000ms));
    publish(publisher, next, next + 199);  // these are in flight when the broker dies
    next += 200;
    // The consumer is frozen first, so what it holds at the crash is what its log says it holds.
    ::kill(first->pid(), SIGSTOP);
    const pid_t pid = broker->child->pid();
    QCOMPARE(broker->child->stop(SIGKILL), -SIGKILL);
    runFor(rig.loop, 100ms);
    publisher.poll();  // what the broker sent before it died
    const std::set<std::uint64_t> acknowledged = accepted(publisher);
    QCOMPARE(first->stop(SIGKILL), -SIGKILL);
    const ConsumerLog before = consumerLog(first->out());

    // Restart on the same journal, as a launcher would, after telling the hub the old one died.
    rig.exited("broker", pid);
    broker = std::make_unique<BrokerProcess>(rig, args);
    QVERIFY2(broker->ok(), qPrintable(broker->child->err()));
    const auto recovered = QRegularExpression(R"((\d+) messages recovered)").match(broker->banner);
    QVERIFY2(recovered.hasMatch(), qPrintable(broker->banner));
    auto second = consumer(rig.keys.dir, broker->endpoint, 8, 0);
    const bool drained = runUntil(
        rig.loop,
        [&] {
          const auto q = rig.queue("billing");
          return q && q->backlog == 0 && q->unacknowledged == 0 && q->acknowledged > 0;
        },
        20000ms);
    if (!drained) {
      const auto q = rig.queue("billing");
      qWarning(
          "running %d err %s\nbanner %s\nconsumer %s\nqueue: %s backlog %llu unack %llu acked %llu "
          "consumers %lld",
          int(broker->child->running()), qPrintable(broker->child->err()),
          qPrintable(broker->banner), qPrintable(second->out().right(300) + second->err()),
          q ? "yes" : "no", q ? (unsigned long long)q->backlog : 0ull,
          q ? (unsigned long long)q->unacknowledged : 0ull,
          q ? (unsigned long long)q->acknowledged : 0ull, q ? (long long)q->consumers : 0ll);
    }
    QVERIFY(drained);
    const ConsumerLog after = consumerLog(second->out());
    std::set<std::uint64_t> consumed = before.acked;
    consumed.insert(after.acked.begin(), after.acked.end());
    std::vector<std::uint64_t> lost;
    std::set_difference(acknowledged.begin(), acknowledged.end(), consumed.begin(), consumed.end(),
                        std::back_inserter(lost));
    qInfo(
        "fsync %s: %zu of %llu publishes acknowledged before the kill; the consumer had "
        "acknowledged %zu and held %zu; %s recovered; %zu consumed after the restart; lost %zu",
        qPrintable(fsync), acknowledged.size(), static_cast<unsigned long long>(next - 1),
        before.acked.size(), before.holding().size(), qPrintable(recovered.captured(1)),
        after.acked.size(), lost.size());
    QVERIFY(acknowledged.size() >= 2000);
    QVERIFY(recovered.captured(1).toULongLong() > 0);
    QVERIFY2(lost.empty(), qPrintable(QString("first lost id %1").arg(lost.empty() ? 0 : lost[0])));
    // What the first consumer held at the crash (in its hands, or still in its socket) came
    // again, as a later attempt: the broker always had deliveries out, its credit being in use.
    for (const auto id : before.holding()) {
      QVERIFY(acknowledged.count(id));
      QVERIFY(after.maxAttempt.at(id) >= 2);
    }
    const auto again = std::count_if(after.maxAttempt.begin(), after.maxAttempt.end(),
                                     [](const auto& m) { return m.second >= 2; });
    qInfo("delivered before the crash and again after it: %lld", static_cast<long long>(again));
    QVERIFY(again >= 1);
  }
};

QTEST_GUILESS_MAIN(TestBrokerRedelivery)
#include "test_broker_redelivery.moc"
