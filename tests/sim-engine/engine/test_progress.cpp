// Every valid scenario moves forward: the clock advances and the work stays in proportion to
// what happens. Each case here once hung the engine or filled memory with a file that
// validates (vanishing rates, clients that resubmit at the instant they fail, zero-time
// loops); each now runs to its end, quickly and small.

#include <QtTest>

#include "interval_recorder.h"
#include "simulation.h"
#include "test_scenarios.h"

using namespace clusterscope::engine;
using namespace clusterscope::model;
using namespace clusterscope::testing;

namespace {

// Low limits: a regression stops in milliseconds with a reason instead of eating memory.
constexpr SimulationLimits kTight{.maxWorkInFlight = 100'000, .maxEventsAtOneInstant = 1'000'000};

struct Outcome {
  std::string stopReason;
  std::uint64_t sent = 0;
  std::uint64_t events = 0;
};

Outcome run(const Scenario& s) {
  Simulation sim(s, kTight);
  IntervalRecorder recorder;
  sim.addObserver(&recorder);
  sim.runToEnd();
  Outcome out{sim.stopReason(), recorder.requestsBetween(0, s.durationS).arrivals,
              sim.eventsProcessed()};
  if (out.stopReason.empty() && sim.now() != sim.endTime()) out.stopReason = "did not end";
  return out;
}

TimelineEntry setArrivalRate(double atS, double rps) {
  Action a;
  a.kind = ActionKind::SetArrivalRate;
  a.rate = rps;
  return TimelineEntry{atS, a};
}

}  // namespace

class ProgressTest : public QObject {
  Q_OBJECT

 private slots:
  void vanishingRatesSendNothing_data() {
    QTest::addColumn<int>("arrival");
    QTest::addColumn<double>("rate");
    QTest::newRow("constant 1e-12") << static_cast<int>(ArrivalKind::Constant) << 1e-12;
    QTest::newRow("poisson 1e-12") << static_cast<int>(ArrivalKind::Poisson) << 1e-12;
    QTest::newRow("constant 1e-300") << static_cast<int>(ArrivalKind::Constant) << 1e-300;
    QTest::newRow("poisson 1e-300") << static_cast<int>(ArrivalKind::Poisson) << 1e-300;
    // Slower than once per run, but a gap that still fits the clock.
    QTest::newRow("constant 0.01") << static_cast<int>(ArrivalKind::Constant) << 0.01;
  }
  void vanishingRatesSendNothing() {
    QFETCH(int, arrival);
    QFETCH(double, rate);
    Scenario s = singleQueue(rate, DistributionSpec::constant(1), 1, 10);
    s.workload.arrival = static_cast<ArrivalKind>(arrival);
    const Outcome o = run(s);
    QVERIFY2(o.stopReason.empty(), o.stopReason.c_str());
    QCOMPARE(o.sent, std::uint64_t{0});
  }

  void aRateDroppingToAlmostZeroStopsTheArrivals_data() {
    QTest::addColumn<bool>("byStage");
    QTest::newRow("stage") << true;
    QTest::newRow("set_arrival_rate") << false;
  }
  void aRateDroppingToAlmostZeroStopsTheArrivals() {
    QFETCH(bool, byStage);
    Scenario s = singleQueue(100, DistributionSpec::constant(1), 1, 10);
    s.workload.arrival = ArrivalKind::Constant;
    if (byStage) {
      s.workload.stages = {RateStage{1, 1e-20}};
    } else {
      s.timeline = {setArrivalRate(1, 1e-20)};
    }
    const Outcome o = run(s);
    QVERIFY2(o.stopReason.empty(), o.stopReason.c_str());
    // 100 rps for the first second (the arrival at 1 s itself runs after the change).
    QVERIFY2(o.sent >= 99 && o.sent <= 100, qPrintable(QString::number(o.sent)));
  }

  // Closed users whose requests fail at the instant they are sent: a full queue, a crashed
  // service, a client timeout that rounds to no time at all.
  void refusedUsersPauseBeforeTheNext_data() {
    QTest::addColumn<QString>("refusal");
    QTest::newRow("queue_capacity 0") << "queue";
    QTest::newRow("crash_service") << "crash";
    QTest::newRow("timeout below a tick") << "timeout";
  }
  void refusedUsersPauseBeforeTheNext() {
    QFETCH(QString, refusal);
    Scenario s = singleQueue(0, DistributionSpec::constant(5), 1, 10);
    s.workload.arrival = ArrivalKind::Closed;
    s.workload.users = 5;
    if (refusal == "queue") s.services[0].queueCapacity = 0;
    if (refusal == "timeout") s.workload.timeoutMs = 1e-7;
    if (refusal == "crash") {
      Action crash;
      crash.kind = ActionKind::CrashService;
      crash.service = "server";
      s.timeline = {TimelineEntry{2, crash}};
    }
    const Outcome o = run(s);
    QVERIFY2(o.stopReason.empty(), o.stopReason.c_str());
    // Each user sends at most one request per millisecond while refused.
    QVERIFY2(o.sent <= 5 * 10'000 + 5, qPrintable(QString::number(o.sent)));
    QVERIFY2(o.sent >= 5 * 1'000, qPrintable(QString::number(o.sent)));
  }
};

QTEST_GUILESS_MAIN(ProgressTest)
#include "test_progress.moc"
