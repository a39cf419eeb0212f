// The circuit breaker on its own, as the engine and live agents (agents/calls) share it: it
// opens when the failed share of its window reaches the ratio once enough calls were recorded,
// refuses until open_s is over, lets exactly half_open_calls trials through, closes when all of
// them succeed and opens again at the first failure.

#include <QtTest>

#include "circuit_breaker.h"

using namespace clusterscope::engine;
using clusterscope::model::BreakerState;

namespace {

constexpr SimTime kSecond = kNanosPerSecond;

CircuitBreakerSpec spec(double ratio, int minCalls, int window, double openS, int trials) {
  CircuitBreakerSpec s;
  s.failureRatio = ratio;
  s.minCalls = minCalls;
  s.window = window;
  s.openS = openS;
  s.halfOpenCalls = trials;
  return s;
}

}  // namespace

class TestCircuitBreaker : public QObject {
  Q_OBJECT

 private slots:
  void opensOnlyOnceMinCallsWereRecorded() {
    CircuitBreaker b(spec(0.5, 4, 10, 5, 2));
    for (int i = 0; i < 3; ++i) {
      QVERIFY(b.allows(0));
      b.record(true, 0);
    }
    QCOMPARE(b.state(), BreakerState::Closed);  // 3 failures of 3, but min_calls is 4
    b.record(false, 0);
    QCOMPARE(b.state(), BreakerState::Open);  // 3 of 4 >= 0.5
    QVERIFY(!b.allows(0));
    QVERIFY(!b.allows(5 * kSecond - 1));
  }

  void theWindowForgetsOldResults() {
    CircuitBreaker b(spec(0.5, 4, 4, 1, 1));
    // Failures spread so that no window of 4 holds two of them.
    const bool failed[] = {true, false, false, false, true, false, false, false, true};
    for (bool f : failed) {
      b.record(f, 0);
      QCOMPARE(b.state(), BreakerState::Closed);
    }
    b.record(true, 0);  // the last four: false, false, true, true
    QCOMPARE(b.state(), BreakerState::Open);
  }

  void halfOpenLetsTheTrialsThroughAndClosesWhenAllSucceed() {
    CircuitBreaker b(spec(1.0, 1, 1, 2, 3));
    b.record(true, 0);
    QCOMPARE(b.state(), BreakerState::Open);
    QVERIFY(!b.allows(2 * kSecond - 1));
    for (int i = 0; i < 3; ++i) QVERIFY(b.allows(2 * kSecond));
    QCOMPARE(b.state(), BreakerState::HalfOpen);
    QVERIFY(!b.allows(2 * kSecond));  // a fourth call waits for the trials' results
    b.record(false, 3 * kSecond);
    b.record(false, 3 * kSecond);
    QCOMPARE(b.state(), BreakerState::HalfOpen);
    b.record(false, 3 * kSecond);
    QCOMPARE(b.state(), BreakerState::Closed);
    QVERIFY(b.allows(3 * kSecond));
  }

  void aFailedTrialOpensAgainForAFullPeriod() {
    CircuitBreaker b(spec(1.0, 1, 1, 2, 2));
    b.record(true, 0);
    QVERIFY(b.allows(2 * kSecond));
    b.record(true, 3 * kSecond);
    QCOMPARE(b.state(), BreakerState::Open);
    QVERIFY(!b.allows(5 * kSecond - 1));
    QVERIFY(b.allows(5 * kSecond));
  }

  void aLateResultWhileOpenIsIgnored() {
    CircuitBreaker b(spec(0.5, 2, 2, 1, 1));
    b.record(true, 0);
    b.record(true, 0);
    QCOMPARE(b.state(), BreakerState::Open);
    b.record(false, 0);  // made before it opened
    b.record(true, 0);
    QCOMPARE(b.state(), BreakerState::Open);
    QVERIFY(b.allows(kSecond));  // still one second from the first opening
  }

  void aWindowBelowOneIsOne() {
    CircuitBreaker b(spec(1.0, 1, 0, 1, 1));
    QCOMPARE(b.spec().window, 1);
    b.record(false, 0);
    b.record(true, 0);
    QCOMPARE(b.state(), BreakerState::Open);
  }
};

QTEST_APPLESS_MAIN(TestCircuitBreaker)
#include "test_circuit_breaker.moc"
