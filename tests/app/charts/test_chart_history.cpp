#include <QtTest>
#include <cmath>

#include "chart_history.h"

using clusterscope::app::ChartHistory;
using clusterscope::app::ChartMetric;
using clusterscope::model::ChartSample;
using clusterscope::model::ClusterLayout;
using clusterscope::model::FailureCause;

namespace {

// Components 0 and 1 are modules of one monolith deployment; component 2 is a service.
std::shared_ptr<const ClusterLayout> monolithAndService() {
  auto l = std::make_shared<ClusterLayout>();
  l->components = {{"shop.orders", 0, true}, {"shop.catalog", 0, true}, {"payment", 1, false}};
  l->deployments = {{"shop", {0, 1}, true, "java", 8, false},
                    {"payment", {2}, false, "go", 4, false}};
  return l;
}

ChartSample sampleAt(double endS, int components = 3, double intervalS = 1.0) {
  ChartSample s;
  s.startS = endS - intervalS;
  s.endS = endS;
  s.requests.throughputRps = 100.0 + endS;
  s.requests.p50Ms = 5.0;
  s.requests.p95Ms = 20.0;
  s.requests.p99Ms = 50.0;
  s.components.resize(components);
  for (int c = 0; c < components; ++c) {
    s.components[c].throughputRps = 10.0 * (c + 1);
    s.components[c].meanQueue = 2.0;  // the two modules report their deployment's queue
    s.components[c].readyReplicas = 3;
    s.components[c].cores = 4.0F;  // the host's
    s.components[c].backlog = static_cast<float>(c);
  }
  s.brokerBacklog = 3.0;
  s.readyReplicas = 6;
  s.cores = 12.0;
  return s;
}

QVector<ChartSample> samples(double fromS, double toS, int components = 3) {
  QVector<ChartSample> out;
  for (double t = fromS; t <= toS; t += 1.0) out.push_back(sampleAt(t, components));
  return out;
}

}  // namespace

class TestChartHistory : public QObject {
  Q_OBJECT

 private slots:
  void keepsAtMostMaxAgeAndMemoryIsFlat() {
    ChartHistory h;  // default limits: four hours of cluster time
    h.reset(monolithAndService());
    std::size_t bytesAfterFiveHours = 0;
    // Ten hours of 1-s samples, delivered in bursts as a fast back end does.
    for (int hour = 0; hour < 10; ++hour) {
      for (int burst = 0; burst < 12; ++burst) {
        const double from = hour * 3600.0 + burst * 300.0 + 1.0;
        QVERIFY(h.append(samples(from, from + 299.0)));
      }
      if (hour == 4) bytesAfterFiveHours = h.bytesUsed();
    }
    QCOMPARE(h.lastEndS(), 36000.0);
    QVERIFY(h.size() <= 4 * 3600 + 1);
    QVERIFY(h.size() >= 4 * 3600);
    QVERIFY(h.firstStartS() >= 36000.0 - 4 * 3600.0 - 1.0);
    QCOMPARE(h.bytesUsed(), bytesAfterFiveHours);
  }

  void byteLimitBoundsALargeCluster() {
    ChartHistory::Limits limits;
    limits.maxBytes = 4u * 1024u * 1024u;
    ChartHistory h(limits);
    h.reset(nullptr);
    for (int i = 0; i < 20; ++i) h.append(samples(i * 100.0 + 1, i * 100.0 + 100, 200));
    QVERIFY2(h.bytesUsed() <= limits.maxBytes, qPrintable(QString::number(h.bytesUsed())));
    QVERIFY(h.size() >= 60);
    QVERIFY(h.size() < 2000);
    QCOMPARE(h.lastEndS(), 2000.0);
  }

  void seriesPerScope() {
    ChartHistory h;
    h.reset(monolithAndService());
    h.append(samples(1, 10));
    const auto e2e = h.series(ChartMetric::Throughput, ChartHistory::kEndToEnd);
    QCOMPARE(e2e.x.size(), 10);
    QCOMPARE(e2e.x.front(), 1.0);
    QCOMPARE(e2e.y.front(), 101.0);
    const auto payment = h.series(ChartMetric::Throughput, 2);
    QCOMPARE(payment.y.back(), 30.0);
    // From an index: what the panel appends after a burst.
    const auto tail = h.series(ChartMetric::Throughput, 0, 8);
    QCOMPARE(tail.x.size(), 2);
    QCOMPARE(tail.x.front(), 9.0);
    // End to end, a deployment's queue counts once even with two modules reporting it.
    QCOMPARE(h.series(ChartMetric::Queue, ChartHistory::kEndToEnd).y.front(), 4.0);
    QCOMPARE(h.series(ChartMetric::Queue, 1).y.front(), 2.0);
    QCOMPARE(h.series(ChartMetric::ReadyReplicas, ChartHistory::kEndToEnd).y.front(), 6.0);
    QCOMPARE(h.series(ChartMetric::ReadyReplicas, 2).y.front(), 3.0);
    // Cores and backlog exist per service too; the lag is cluster-wide; a component out of
    // range has no data.
    QCOMPARE(h.series(ChartMetric::Cores, ChartHistory::kEndToEnd).y.front(), 12.0);
    QCOMPARE(h.series(ChartMetric::Cores, 2).y.front(), 4.0);
    QCOMPARE(h.series(ChartMetric::BrokerBacklog, ChartHistory::kEndToEnd).y.front(), 3.0);
    QCOMPARE(h.series(ChartMetric::BrokerBacklog, 2).y.front(), 2.0);
    QVERIFY(std::isnan(h.series(ChartMetric::Throughput, 7).y.front()));
    QCOMPARE(h.scopeName(-1), QStringLiteral("end to end"));
    QCOMPARE(h.scopeName(2), QStringLiteral("payment"));
  }

  void latencyGapWhenNothingCompletedAndFailuresByCause() {
    ChartHistory h;
    h.reset(monolithAndService());
    ChartSample s = sampleAt(1);
    s.requests.p95Ms = 0.0;
    s.requests.failedRps = 7.0;
    s.requests.failuresByCause[static_cast<int>(FailureCause::Timeout)] = 5.0;
    s.requests.failuresByCause[static_cast<int>(FailureCause::Crashed)] = 2.0;
    h.append({s});
    QVERIFY(std::isnan(h.series(ChartMetric::P95, -1).y.front()));
    QCOMPARE(h.series(ChartMetric::P50, -1).y.front(), 5.0);
    QCOMPARE(h.series(ChartMetric::Failures, -1, 0, FailureCause::Timeout).y.front(), 5.0);
    QCOMPARE(h.series(ChartMetric::Failures, -1, 0, FailureCause::Crashed).y.front(), 2.0);
    QCOMPARE(h.series(ChartMetric::Failures, -1).y.front(), 7.0);
  }

  void restartClearsAndMarkersFollowSamples() {
    ChartHistory::Limits limits;
    limits.maxAgeS = 100.0;
    ChartHistory h(limits);
    h.reset(monolithAndService());
    h.append(samples(1, 50));
    h.addMarker(30.5, "killed orders#1");
    h.addMarker(10.0, "late but earlier");  // sorted into place
    QCOMPARE(h.markers().front().label, QStringLiteral("late but earlier"));
    h.append(samples(51, 125));  // samples up to 24 s are now too old, and the first marker
    QCOMPARE(h.markers().size(), std::size_t(1));
    QCOMPARE(h.markers().front().atS, 30.5);
    QVERIFY(!h.append({sampleAt(3)}));  // time went back: the source started over
    QCOMPARE(h.size(), std::size_t(1));
    QVERIFY(h.markers().empty());
  }

  void csvHasAHeaderAndOneRowPerSample() {
    ChartHistory h;
    h.reset(monolithAndService());
    h.append(samples(1, 20));
    h.addMarker(4.5, "killed shop#0");
    h.addMarker(4.7, "payment errors 5%, then more");  // a comma: quoted
    const QStringList lines = h.toCsv(2).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 21);
    QVERIFY(lines[0].startsWith("scope,start_s,end_s,arrival_rps,throughput_rps"));
    QVERIFY(lines[0].contains("failed_timeout_rps"));
    QVERIFY(lines[0].endsWith(",actions"));
    QVERIFY(lines[1].startsWith("payment,0,1,"));
    QVERIFY(lines[5].endsWith(",\"killed shop#0; payment errors 5%, then more\""));
    const int columns = lines[0].count(',');
    QCOMPARE(lines[2].count(','), columns);
    // With a source column, and without the header for the second of two files.
    const QStringList tagged = h.toCsv(-1, "async", false).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(tagged.size(), 20);
    QVERIFY(tagged[0].startsWith("async,end to end,0,1,"));
    // Utilisation does not apply end to end: an empty cell, not a made-up number.
    QVERIFY(h.toCsv(-1).split('\n')[1].contains(",,"));
  }
};

QTEST_MAIN(TestChartHistory)
#include "test_chart_history.moc"
