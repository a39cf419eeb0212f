// Per-scope counters and failure causes: the ratios, merges and names every report uses.

#include <QRegularExpression>
#include <QtTest>
#include <set>
#include <string>

#include "failure_cause.h"
#include "traffic_stats.h"

using namespace clusterscope::engine;
using namespace clusterscope::model;

class TrafficStatsTest : public QObject {
  Q_OBJECT

 private slots:
  void failedRatio() {
    TrafficStats t;
    QCOMPARE(t.failedRatio(), 0.0);  // nothing finished
    t.arrivals = 10;
    QCOMPARE(t.failedRatio(), 0.0);  // arrived but not finished
    t.completed = 3;
    t.failures.add(FailureCause::Timeout);
    QCOMPARE(t.failed(), 1ULL);
    QCOMPARE(t.failedRatio(), 0.25);
    TrafficStats allFailed;
    allFailed.failures.add(FailureCause::QueueFull, 4);
    QCOMPARE(allFailed.failedRatio(), 1.0);
  }

  void failureCountsTotalAndIndex() {
    FailureCounts f;
    QCOMPARE(f.total(), 0ULL);
    f.add(FailureCause::Timeout, 3);
    f.add(FailureCause::Error);
    f.add(FailureCause::Error);
    f.add(FailureCause::TooDeep, 5);
    QCOMPARE(f[FailureCause::Timeout], 3ULL);
    QCOMPARE(f[FailureCause::Error], 2ULL);
    QCOMPARE(f[FailureCause::TooDeep], 5ULL);
    QCOMPARE(f[FailureCause::None], 0ULL);
    QCOMPARE(f[FailureCause::Crashed], 0ULL);
    QCOMPARE(f.total(), 10ULL);
    f.clear();
    QCOMPARE(f.total(), 0ULL);
    QCOMPARE(f[FailureCause::Timeout], 0ULL);
  }

  void failureCountsMerge() {
    FailureCounts a, b;
    a.add(FailureCause::Timeout, 2);
    a.add(FailureCause::NoReplica, 1);
    b.add(FailureCause::Timeout, 5);
    b.add(FailureCause::BrokerRejected, 7);
    a.merge(b);
    QCOMPARE(a[FailureCause::Timeout], 7ULL);
    QCOMPARE(a[FailureCause::NoReplica], 1ULL);
    QCOMPARE(a[FailureCause::BrokerRejected], 7ULL);
    QCOMPARE(a.total(), 15ULL);
    QCOMPARE(b.total(), 12ULL);  // the source is left alone
  }

  void trafficMergeAndClear() {
    TrafficStats a, b;
    a.arrivals = 10;
    a.completed = 8;
    a.failures.add(FailureCause::Error, 2);
    a.latency.record(1'000'000);
    a.latency.record(3'000'000);
    b.arrivals = 5;
    b.completed = 4;
    b.failures.add(FailureCause::Timeout, 1);
    b.latency.record(5'000'000);
    a.merge(b);
    QCOMPARE(a.arrivals, 15ULL);
    QCOMPARE(a.completed, 12ULL);
    QCOMPARE(a.failed(), 3ULL);
    QCOMPARE(a.failures[FailureCause::Timeout], 1ULL);
    QCOMPARE(a.latency.count(), 3ULL);
    QCOMPARE(a.latency.maxNs(), 5'000'000LL);
    QCOMPARE(a.latency.meanNs(), 3'000'000.0);
    QCOMPARE(a.failedRatio(), 3.0 / 15.0);
    a.clear();
    QCOMPARE(a.arrivals, 0ULL);
    QCOMPARE(a.completed, 0ULL);
    QCOMPARE(a.failed(), 0ULL);
    QVERIFY(a.latency.empty());
    QCOMPARE(a.failedRatio(), 0.0);
  }

  void causeNamesUniqueAndSnakeCase() {
    const QRegularExpression snake("^[a-z]+(_[a-z]+)*$");
    std::set<std::string> names;
    for (int c = 0; c < kFailureCauseCount; ++c) {
      const std::string name = failureCauseName(static_cast<FailureCause>(c));
      QVERIFY2(snake.match(QString::fromStdString(name)).hasMatch(),
               qPrintable(QString("cause %1 is named '%2'").arg(c).arg(name.c_str())));
      QVERIFY2(names.insert(name).second,
               qPrintable(QString("cause name '%1' used twice").arg(name.c_str())));
    }
    QCOMPARE(static_cast<int>(names.size()), kFailureCauseCount);
    // The names are part of the JSON and CSV formats: pin them.
    QCOMPARE(QString(failureCauseName(FailureCause::None)), QString("none"));
    QCOMPARE(QString(failureCauseName(FailureCause::QueueFull)), QString("queue_full"));
    QCOMPARE(QString(failureCauseName(FailureCause::CircuitOpen)), QString("circuit_open"));
    QCOMPARE(QString(failureCauseName(FailureCause::BrokerRejected)), QString("broker_rejected"));
    QCOMPARE(QString(failureCauseName(FailureCause::TooDeep)), QString("too_deep"));
  }
};

QTEST_APPLESS_MAIN(TrafficStatsTest)
#include "test_traffic_stats.moc"
