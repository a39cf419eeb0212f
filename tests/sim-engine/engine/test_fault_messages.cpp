// The faults that act on messages (docs/scenario-format.md, "Faults"), measured on a caller
// and a callee whose latencies are exact: add_latency delays what a process receives or what
// a caller sends on an edge, drop_messages loses that share, blackhole loses everything and
// the answers too; async calls meet the faults of their edge, not those of their consumer.

#include "fault_test_helpers.h"

using namespace clusterscope::engine;
using namespace clusterscope::model;
using namespace clusterscope::testing;

class FaultMessagesTest : public QObject {
  Q_OBJECT

 private slots:
  void latencyOnAProcessDelaysItsCallersNotItself() {
    Action latency = makeAction(ActionKind::AddLatency, "back");
    latency.latencyMs = 50;
    const IntervalRecorder rec = runWith(frontBack(), 20, {latency});
    const double before = rec.requestsBetween(5, 20).meanMs;
    const double after = rec.requestsBetween(21, 60).meanMs;
    qInfo("request mean %.3f ms before, %.3f ms with +50 ms on back", before, after);
    QVERIFY(std::abs(after - before - 50) < 0.1);
    // The call, as front sees it, carries the delay; back's own latency does not.
    QVERIFY(std::abs(rec.edgeBetween(kCall, 21, 60).meanMs - 52) < 0.1);
    QVERIFY(std::abs(rec.componentBetween(kBack, 21, 60).meanMs - 2) < 0.01);
    QCOMPARE(rec.requestsBetween(21, 60).failed, 0ULL);
    // Faults add up: 20 ms more on the edge makes 70.
    Action more = onEdge(ActionKind::AddLatency);
    more.latencyMs = 20;
    const double both = runWith(frontBack(), 20, {latency, more}).requestsBetween(21, 60).meanMs;
    QVERIFY(std::abs(both - before - 70) < 0.1);
  }

  void latencyOnAnEdgeWithJitterEndsWithItsDuration() {
    // Given in the timeline: the loader's form reaches the engine as it is.
    Scenario s = frontBack();
    Action latency = onEdge(ActionKind::AddLatency);
    latency.latencyMs = 30;
    latency.jitterMs = 10;
    latency.durationS = 10;
    s.timeline.push_back({20, latency});
    IntervalRecorder rec;
    Simulation sim(s);
    sim.addObserver(&rec);
    sim.runToEnd();
    const RecordedScope during = rec.requestsBetween(20, 30);
    const RecordedInterval& one = rec.intervals.at(25);
    qInfo("mean %.2f ms (p50 %.2f, p95 %.2f) during, %.3f ms after", during.meanMs,
          one.requests.p50Ms, one.requests.p95Ms, rec.requestsBetween(31, 60).meanMs);
    QVERIFY(std::abs(during.meanMs - 33) < 1);
    // A uniform draw within ±10 ms: p95 about 9 ms above the median (0 without jitter).
    QVERIFY(one.requests.p95Ms - one.requests.p50Ms > 6);
    QVERIFY(std::abs(rec.requestsBetween(31, 60).meanMs - 3) < 0.01);
  }

  void dropMessagesLosesThatShare() {
    Action loss = makeAction(ActionKind::DropMessages, "back");
    loss.rate = 0.5;
    const IntervalRecorder rec = runWith(frontBack(100), 20, {loss});
    const RecordedScope call = rec.edgeBetween(kCall, 21, 60);
    const double timedOut = static_cast<double>(call.failures[FailureCause::Timeout]) /
                            static_cast<double>(call.arrivals);
    const double reached = static_cast<double>(rec.componentBetween(kBack, 21, 60).arrivals) /
                           static_cast<double>(call.arrivals);
    qInfo("%llu calls: %.3f timed out, %.3f reached back",
          static_cast<unsigned long long>(call.arrivals), timedOut, reached);
    QVERIFY(call.arrivals > 3500);
    QVERIFY(std::abs(timedOut - 0.5) < 0.03);
    // A lost request is not an arrival at back, nor one of its failures.
    QVERIFY(std::abs(reached - 0.5) < 0.03);
    QCOMPARE(rec.componentBetween(kBack, 21, 60).failed, 0ULL);
    QCOMPARE(call.failed, call.failures[FailureCause::Timeout]);
    QCOMPARE(rec.requestsBetween(5, 20).failed, 0ULL);
    // The losses are drawn from the scenario's seed: the same run again loses the same calls.
    const RecordedScope again = runWith(frontBack(100), 20, {loss}).edgeBetween(kCall, 21, 60);
    QCOMPARE(again.failures[FailureCause::Timeout], call.failures[FailureCause::Timeout]);
  }

  void blackholeLosesEveryRequestAndAnswer() {
    // 50 ms of work: when the blackhole starts, back holds about five requests whose answers
    // are lost with the rest.
    Scenario s = frontBack(100);
    s.services[kBack].serviceTimeMs = DistributionSpec::constant(50);
    const IntervalRecorder rec = runWith(s, 20, {makeAction(ActionKind::Blackhole, "back")});
    const RecordedScope during = rec.requestsBetween(20, 60);
    qInfo("before: %llu completed in [19, 20]; during: %llu completed, %llu of %llu timed out",
          static_cast<unsigned long long>(rec.requestsBetween(19, 20).completed),
          static_cast<unsigned long long>(during.completed),
          static_cast<unsigned long long>(during.failures[FailureCause::Timeout]),
          static_cast<unsigned long long>(during.failed));
    QVERIFY(rec.requestsBetween(19, 20).completed > 90);
    QCOMPARE(during.completed, 0ULL);
    QVERIFY(during.failed > 3900);
    QCOMPARE(during.failures[FailureCause::Timeout], during.failed);
    QCOMPARE(rec.componentBetween(kBack, 20, 60).arrivals, 0ULL);
  }

  void blackholeOnAnEdgeForFiveSeconds() {
    Action hole = onEdge(ActionKind::Blackhole);
    hole.durationS = 5;
    const IntervalRecorder rec = runWith(frontBack(100), 20, {hole});
    const RecordedScope during = rec.edgeBetween(kCall, 20, 25);
    const RecordedScope after = rec.edgeBetween(kCall, 26, 60);
    qInfo("edge during: %llu completed, %llu timed out; after: %llu of %llu completed",
          static_cast<unsigned long long>(during.completed),
          static_cast<unsigned long long>(during.failures[FailureCause::Timeout]),
          static_cast<unsigned long long>(after.completed),
          static_cast<unsigned long long>(after.arrivals));
    QCOMPARE(during.completed, 0ULL);
    QVERIFY(during.failures[FailureCause::Timeout] > 450);
    QCOMPARE(after.failed, 0ULL);
    QCOMPARE(after.completed, after.arrivals);
  }

  void asyncCallsMeetTheFaultsOfTheirEdge() {
    Scenario s = frontBack();
    s.services[kFront].calls[0].mode = CallMode::Async;
    // On back itself a loss acts on requests, not on what the broker delivers.
    Action onBack = makeAction(ActionKind::DropMessages, "back");
    onBack.rate = 1;
    IntervalRecorder rec = runWith(s, 20, {onBack});
    QCOMPARE(rec.edgeBetween(kCall, 21, 60).failed, 0ULL);
    QVERIFY(rec.componentBetween(kBack, 21, 60).completed > 3900);
    // On the edge, a lost publish is a failed async call, as a missing PUBLISH_ACK is.
    Action onCall = onEdge(ActionKind::DropMessages);
    onCall.rate = 1;
    rec = runWith(s, 20, {onCall});
    const RecordedScope call = rec.edgeBetween(kCall, 21, 60);
    qInfo("publishes lost: %llu of %llu", static_cast<unsigned long long>(call.failed),
          static_cast<unsigned long long>(call.arrivals));
    QVERIFY(call.arrivals > 3900);
    QCOMPARE(call.failures[FailureCause::BrokerRejected], call.arrivals);
    QCOMPARE(rec.componentBetween(kBack, 21, 60).arrivals, 0ULL);
  }

  void aCallInsideAMonolithIsNotAMessage() {
    // front and back as modules of one host: the call is a function call, so an edge fault
    // leaves it alone.
    Scenario s = frontBack();
    ModuleSpec front{"front", DistributionSpec::constant(1), s.services[kFront].calls};
    ModuleSpec back{"back", DistributionSpec::constant(2), {}};
    s.services.resize(1);
    s.services[0].name = "host";
    s.services[0].calls.clear();
    s.services[0].modules = {front, back};
    Action latency = onEdge(ActionKind::AddLatency);
    latency.latencyMs = 50;
    const IntervalRecorder rec = runWith(s, 20, {latency});
    QVERIFY(std::abs(rec.requestsBetween(21, 60).meanMs - 3) < 0.01);
  }
};

QTEST_APPLESS_MAIN(FaultMessagesTest)
#include "test_fault_messages.moc"
