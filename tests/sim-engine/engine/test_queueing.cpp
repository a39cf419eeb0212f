// The engine against queueing theory: M/M/1, M/M/c and M/D/1 over a million requests each.
// If the event order, the random streams, the queues or the histograms are wrong, the means
// and tails drift away from the closed forms.

#include <QtTest>

#include "distribution_spec.h"
#include "queueing_theory.h"
#include "scenario_run.h"
#include "test_scenarios.h"

using namespace clusterscope::engine;
using namespace clusterscope::model;
using namespace clusterscope::testing;

namespace {

constexpr double kTolerance = 0.03;

void expectClose(double measured, double theory, const char* what) {
  const double error = std::abs(measured - theory) / theory;
  qInfo("%s: measured %.4f ms, theory %.4f ms (%+.2f %%)", what, measured, theory,
        (measured - theory) / theory * 100);
  QVERIFY2(error <= kTolerance, qPrintable(QString("%1: measured %2 ms, theory %3 ms (%4 % off)")
                                               .arg(what)
                                               .arg(measured)
                                               .arg(theory)
                                               .arg(error * 100, 0, 'f', 2)));
}

}  // namespace

class QueueingTest : public QObject {
  Q_OBJECT

 private slots:
  void mm1() {
    const double lambda = 70, mu = 100;  // rho 0.7
    const auto r = runScenario(singleQueue(lambda, DistributionSpec::exponential(10), 1,
                                           1.01e6 / lambda + 100, 100, 7))
                       .summary.requests;
    QVERIFY(r.completed >= 1'000'000);
    expectClose(r.latencyMs.mean, 1000 * mm1MeanResponse(lambda, mu), "mean");
    expectClose(r.latencyMs.p99, 1000 * mm1ResponseQuantile(lambda, mu, 0.99), "p99");
    expectClose(r.latencyMs.p50, 1000 * mm1ResponseQuantile(lambda, mu, 0.50), "p50");
  }

  void mmc() {
    const double lambda = 320, mu = 100;  // 4 servers, rho 0.8
    const int c = 4;
    const auto r = runScenario(singleQueue(lambda, DistributionSpec::exponential(10), c,
                                           1.01e6 / lambda + 100, 100, 11))
                       .summary.requests;
    QVERIFY(r.completed >= 1'000'000);
    expectClose(r.latencyMs.mean, 1000 * mmcMeanResponse(lambda, mu, c), "mean");
    expectClose(r.latencyMs.p99, 1000 * mmcResponseQuantile(lambda, mu, c, 0.99), "p99");
    expectClose(r.latencyMs.p95, 1000 * mmcResponseQuantile(lambda, mu, c, 0.95), "p95");
  }

  void md1() {
    const double lambda = 70, d = 0.010;  // rho 0.7
    const auto r = runScenario(singleQueue(lambda, DistributionSpec::constant(10), 1,
                                           1.01e6 / lambda + 100, 100, 13))
                       .summary.requests;
    QVERIFY(r.completed >= 1'000'000);
    expectClose(r.latencyMs.mean, 1000 * md1MeanResponse(lambda, d), "mean");
    expectClose(r.latencyMs.p99, 1000 * md1ResponseQuantile(lambda, d, 0.99), "p99");
  }

  void littlesLaw() {
    // L = lambda * W, for a two-service chain with network hops: it holds for any system.
    Scenario s = singleQueue(150, DistributionSpec::lognormal(5, 8), 2, 2000, 50, 3);
    s.network.latencyMs = DistributionSpec::uniform(0.5, 1.5);
    const auto out = runScenario(s).summary;
    const double lambda = out.requests.throughputRps;
    const double w = out.requests.latencyMs.mean / 1000.0;
    QCOMPARE(out.requests.failed, 0ULL);
    QVERIFY2(
        std::abs(out.meanRequestsInSystem - lambda * w) / (lambda * w) < 0.01,
        qPrintable(QString("L %1 vs lambda W %2").arg(out.meanRequestsInSystem).arg(lambda * w)));
  }

  void theoryHelpersAgreeWithEachOther() {
    // M/M/c with one server is M/M/1; M/D/1's median lies below its mean's tail.
    QCOMPARE(qRound(1e6 * mmcMeanResponse(70, 100, 1)), qRound(1e6 * mm1MeanResponse(70, 100)));
    QCOMPARE(qRound(1e6 * mmcResponseQuantile(70, 100, 1, 0.99)),
             qRound(1e6 * mm1ResponseQuantile(70, 100, 0.99)));
    QVERIFY(md1ResponseQuantile(70, 0.01, 0.99) > md1MeanResponse(70, 0.01));
    QCOMPARE(qRound(1e9 * md1ResponseQuantile(1e-9, 0.01, 0.5)), qRound(1e9 * 0.01));
  }
};

QTEST_APPLESS_MAIN(QueueingTest)
#include "test_queueing.moc"
