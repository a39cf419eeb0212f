// The parts of the calls library on their own: Timers frozen by a pause and run on resume (a
// cancelled one never), FaultBook's verdicts, durations and partitions, CallPolicy from a
// scenario call.

#include <QtTest>
#include <vector>

#include "call_policy.h"
#include "fault_book.h"
#include "timers.h"

using namespace clusterscope;
using namespace clusterscope::agents;
using namespace clusterscope::agents::calls;
using namespace std::chrono_literals;

class TestCallParts : public QObject {
  Q_OBJECT

 private slots:
  void timersFreezeWhilePausedAndRunOnResumeInOrder() {
    EventLoop loop;
    Timers timers(loop);
    std::vector<int> fired;
    const auto now = Clock::now();
    timers.at(now + 5ms, [&] { fired.push_back(1); });
    const auto cancelled = timers.at(now + 10ms, [&] { fired.push_back(2); });
    timers.at(now + 15ms, [&] { fired.push_back(3); });
    timers.pause();
    while (Clock::now() < now + 40ms) loop.runOnce(5ms);
    QVERIFY(fired.empty());
    timers.cancel(cancelled);  // due and frozen: still never runs
    timers.resume();
    QCOMPARE(fired, (std::vector<int>{1, 3}));
    // Not paused: timers run when due; soon() at the next turn.
    timers.soon([&] { fired.push_back(4); });
    QCOMPARE(fired.size(), std::size_t{2});
    loop.runOnce(5ms);
    QCOMPARE(fired.back(), 4);
    // Destroyed with timers set: none runs.
    {
      Timers gone(loop);
      gone.after(1ms, [&] { fired.push_back(5); });
    }
    while (Clock::now() < now + 60ms) loop.runOnce(5ms);
    QCOMPARE(fired.back(), 4);
  }

  void faultVerdictsDurationsAndPartitions() {
    FaultBook book;
    engine::Rng rng(3);
    const auto t0 = Clock::now();
    protocol::Fault loss;
    loss.kind = protocol::FaultKind::Loss;
    loss.service = "orders";
    loss.rate = 0.25;
    loss.durationS = 1;
    book.add(loss, t0);
    int dropped = 0;
    for (int i = 0; i < 4000; ++i) dropped += book.onReceive(rng, t0).drop ? 1 : 0;
    QVERIFY2(dropped > 850 && dropped < 1150, qPrintable(QString::number(dropped)));
    QVERIFY(!book.onSend("api", "orders", rng, t0).drop);  // a process fault, not an edge one
    QCOMPARE(book.inForce(t0 + 250ms).at(0).remainingS, 0.75);
    QVERIFY(book.inForce(t0 + 1s).empty());  // over
    QVERIFY(!book.onReceive(rng, t0 + 1s).drop);

    protocol::Fault pause;
    pause.kind = protocol::FaultKind::Pause;
    pause.service = "orders";
    book.add(pause, t0);
    QCOMPARE(book.pausedUntil(t0), std::optional(Clock::time_point::max()));
    QCOMPARE(book.inForce(t0).at(0).remainingS, 0.0);  // until cleared
    book.reset();
    QVERIFY(!book.pausedUntil(t0));

    book.partition("b", "a");
    book.partition("a", "b");
    QVERIFY(book.cut("a", "b") && book.cut("b", "a"));
    QVERIFY(!book.cut("a", "c") && !book.cut("", "b") && !book.cut("a", ""));
    book.heal("a", "b");
    QVERIFY(!book.cut("a", "b"));
    book.partition("a", "a");  // not a partition
    QVERIFY(!book.anyPartition());
  }

  void aPolicyFromTheScenarioRoundsAsTheEngine() {
    engine::CallSpec spec;
    spec.to = "orders";
    spec.timeoutMs = 0.0000001;  // below a nanosecond: one tick
    spec.retries = 2;
    spec.backoffMs = 1.5;
    spec.bulkhead = 7;
    spec.circuitBreaker = engine::CircuitBreakerSpec{};
    const CallPolicy p = CallPolicy::of(spec, engine::LbPolicy::PowerOfTwo);
    QCOMPARE(*p.timeout, Clock::duration(1ns));
    QCOMPARE(p.retries, 2);
    QCOMPARE(p.backoff, Clock::duration(1500us));
    QCOMPARE(*p.bulkhead, 7);
    QVERIFY(p.breaker.has_value());
    QCOMPARE(p.lb, engine::LbPolicy::PowerOfTwo);
    spec.timeoutMs.reset();
    QVERIFY(!CallPolicy::of(spec, engine::LbPolicy::RoundRobin).timeout);
  }
};

QTEST_GUILESS_MAIN(TestCallParts)
#include "test_call_parts.moc"
