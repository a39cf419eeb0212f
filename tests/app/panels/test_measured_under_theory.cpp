// What the details panel's theory rows measure: the intervals since the prediction last
// changed, at most the last minute, request-weighted; the changing interval left out; short
// intervals summed into buckets; a hole in time or another shape starts again.

#include <QtTest>

#include "measured_under_theory.h"

using namespace clusterscope;
using clusterscope::app::MeasuredUnderTheory;

namespace {

model::ComponentTheory theory(double meanMs, double utilization) {
  model::ComponentTheory t;
  t.model = model::QueueModel::MM1;
  t.meanResponseMs = meanMs;
  t.utilization = utilization;
  return t;
}

// One component's interval [startS, startS + seconds) under the prediction (theoryMs, 0.5).
model::ChartSample sample(double startS, double seconds, double rps, double meanMs,
                          float theoryMs = 40.0F) {
  model::ChartSample s;
  s.startS = startS;
  s.endS = startS + seconds;
  s.components.resize(1);
  auto& c = s.components[0];
  c.throughputRps = static_cast<float>(rps);
  c.meanMs = static_cast<float>(meanMs);
  c.utilization = static_cast<float>(rps * 0.02);
  c.theoryMeanMs = theoryMs;
  c.theoryUtilization = 0.5F;
  return s;
}

}  // namespace

class MeasuredUnderTheoryTest : public QObject {
  Q_OBJECT

 private slots:
  void weightsByRequestsAndLeavesOutTheFirstInterval() {
    MeasuredUnderTheory m;
    const auto t = theory(40.0, 0.5);
    m.add(sample(0, 5, 25, 1000));  // the first: what came before is unknown
    QVERIFY(!m.under(0, t));
    m.add(sample(5, 5, 10, 30));   // 50 requests at 30 ms
    m.add(sample(10, 5, 30, 50));  // 150 at 50 ms
    const auto f = m.under(0, t);
    QVERIFY(f);
    QCOMPARE(f->seconds, 10.0);
    QCOMPARE(f->completed, 200.0);
    QCOMPARE(f->meanMs, 45.0);  // not (30 + 50) / 2
    QVERIFY(std::abs(f->utilization - 0.4) < 1e-6);
    QCOMPARE(m.lastIntervalS(), 5.0);
    // Asked about another prediction (the snapshot's already changed): nothing yet.
    QVERIFY(!m.under(0, theory(20.0, 0.5)));
    QVERIFY(!m.under(1, t));
  }

  void aChangeStartsAgainAndTheMinuteIsTheCap() {
    MeasuredUnderTheory m;
    double at = 0;
    for (int i = 0; i < 20; ++i, at += 5) m.add(sample(at, 5, 25, i < 8 ? 1000 : 40));
    auto f = m.under(0, theory(40.0, 0.5));
    QVERIFY(f);
    QCOMPARE(f->seconds, 60.0);  // the last twelve intervals, none of the first eight
    QCOMPARE(f->meanMs, 40.0);
    m.add(sample(at, 5, 25, 70, 100.0F));  // the rate changed in this one
    at += 5;
    QVERIFY(!m.under(0, theory(100.0, 0.5)));
    QVERIFY(!m.under(0, theory(40.0, 0.5)));
    m.add(sample(at, 5, 25, 90, 100.0F));
    at += 5;
    f = m.under(0, theory(100.0, 0.5));
    QVERIFY(f);
    QCOMPARE(f->seconds, 5.0);
    QCOMPARE(f->meanMs, 90.0);
    // An interval where nothing completed adds time, not requests.
    m.add(sample(at, 5, 0, 0, 100.0F));
    f = m.under(0, theory(100.0, 0.5));
    QCOMPARE(f->seconds, 10.0);
    QCOMPARE(f->completed, 125.0);
    QCOMPARE(f->meanMs, 90.0);
    m.add(sample(at + 5, 5, 25, 0, -1.0F));  // saturated: no formula, nothing kept
    QVERIFY(!m.under(0, theory(100.0, 0.5)));
  }

  void shortIntervalsStayBoundedAndHolesStartAgain() {
    MeasuredUnderTheory m;
    const auto t = theory(40.0, 0.5);
    // Ten minutes of 10 ms intervals: the window stays a minute (to a bucket's second).
    for (int i = 0; i < 60'000; ++i) m.add(sample(i * 0.01, 0.01, 100, i < 50'000 ? 10 : 40));
    const auto f = m.under(0, t);
    QVERIFY(f);
    QVERIFY2(f->seconds >= 59.0 && f->seconds <= 61.0, qPrintable(QString::number(f->seconds)));
    QVERIFY(std::abs(f->meanMs - 40.0) < 1e-3);
    // A hole (a live cluster out of reach): the interval after it is a first one.
    m.add(sample(700, 1, 100, 40));
    QVERIFY(!m.under(0, t));
    m.add(sample(701, 1, 100, 40));
    QCOMPARE(m.under(0, t)->seconds, 1.0);
    m.clear();
    QVERIFY(!m.under(0, t));
    QCOMPARE(m.lastIntervalS(), 0.0);
  }
};

QTEST_MAIN(MeasuredUnderTheoryTest)
#include "test_measured_under_theory.moc"
