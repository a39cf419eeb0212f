// SimulationBackend with its real worker thread: loading, pacing, stepping, actions, the
// saved session that replays to the same summary, and a GUI thread never held up by a step.

#include <unistd.h>

#include <QSignalSpy>
#include <QtTest>
#include <cstdio>

#include "scenario_loader.h"
#include "scenario_run.h"
#include "simulation_backend.h"
#include "summary_json.h"

using namespace clusterscope::app;
using namespace clusterscope::engine;
using namespace clusterscope::model;

namespace {

Scenario bundled(const char* name) {
  auto r = loadScenarioFile(std::string(CLUSTERSCOPE_SCENARIO_DIR) + "/" + name);
  if (!r.ok()) qFatal("cannot load %s", name);
  return *r.scenario;
}

Action kill(const std::string& service, int replica) {
  Action a;
  a.kind = ActionKind::KillReplica;
  a.service = service;
  a.replica = replica;
  return a;
}

long residentBytes() {
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return resident * sysconf(_SC_PAGESIZE);
}

double simSeconds(const SimulationBackend& b) {
  return b.lastSnapshot() ? toSeconds(b.lastSnapshot()->time) : -1;
}

}  // namespace

class SimulationBackendTest : public QObject {
  Q_OBJECT

 private slots:
  void loadsPaused() {
    SimulationBackend b;
    QSignalSpy layouts(&b, &ClusterBackend::clusterReset);
    b.load(bundled("lesson-microservices.json"));
    QTRY_COMPARE(layouts.count(), 1);
    QCOMPARE(b.layout()->deployments.size(), std::size_t{5});
    // The reset carries its own layout and the scenario's description.
    const auto description = layouts[0][1].value<std::shared_ptr<const ClusterDescription>>();
    QCOMPARE(description->name, bundled("lesson-microservices.json").name);
    QCOMPARE(description->lesson.size(), bundled("lesson-microservices.json").lesson.size());
    QCOMPARE(description->nominalRateRps, 300.0);
    QCOMPARE(b.capabilities(), ClusterCapabilities::simulation());
    QTRY_COMPARE(b.runState(), RunState::Paused);
    QTRY_VERIFY(b.lastSnapshot() != nullptr);
    QCOMPARE(simSeconds(b), 0.0);
  }

  void runsToTheEndAsFastAsPossible() {
    SimulationBackend b;
    QSignalSpy samples(&b, &ClusterBackend::samplesReady);
    b.load(bundled("rolling-update.json"));
    QTRY_COMPARE(b.runState(), RunState::Paused);
    b.setSpeed(0);
    b.start();
    QTRY_COMPARE_WITH_TIMEOUT(b.runState(), RunState::Finished, 20000);
    int count = 0;
    double lastEnd = 0;
    for (const auto& args : samples) {
      for (const auto& s : args[0].value<QVector<ChartSample>>()) {
        QCOMPARE(s.startS, lastEnd);  // contiguous, in order
        lastEnd = s.endS;
        ++count;
      }
    }
    QCOMPARE(count, 180);  // one per second of cluster time
    QTRY_COMPARE(simSeconds(b), 180.0);
  }

  void aRunStoppedEarlyTellsTheUser() {
    // 10,000 rps into one 10 ms worker with an unbounded queue: the engine stops the run once
    // it holds its limit of work, and the user reads why.
    Scenario s = bundled("mm1.json");
    s.services[0].queueCapacity.reset();
    s.services[0].serviceTimeMs = DistributionSpec::constant(10);
    s.workload.rateRps = 10000;
    s.workload.stages.clear();
    s.timeline.clear();
    s.durationS = 3600;
    SimulationBackend b;
    QSignalSpy problems(&b, &ClusterBackend::problem);
    b.load(s);
    QTRY_COMPARE(b.runState(), RunState::Paused);
    b.setSpeed(0);
    b.start();
    QTRY_COMPARE_WITH_TIMEOUT(b.runState(), RunState::Finished, 30000);
    QTRY_COMPARE(problems.count(), 1);
    const QString message = problems[0][0].toString();
    QVERIFY2(message.contains("stopped early") && message.contains("queue_capacity"),
             qPrintable(message));
    QVERIFY(simSeconds(b) < 3600);
  }

  void aRunThatWouldTakeDaysSaysSo() {
    Scenario s = bundled("mm1.json");
    s.durationS = 1e6;
    s.workload.rateRps = 1e6;
    s.timeline.clear();
    SimulationBackend b;
    QSignalSpy problems(&b, &ClusterBackend::problem);
    b.load(s);
    QTRY_COMPARE(b.runState(), RunState::Paused);
    QTRY_COMPARE(problems.count(), 1);
    QVERIFY2(problems[0][0].toString().contains("days of CPU time"),
             qPrintable(problems[0][0].toString()));
  }

  void chartSamplesWaitForTheGuiThread() {
#ifndef __linux__
    QSKIP("reads the resident size from /proc");
#else
    // A 1 ms interval as fast as possible: the engine closes intervals far faster than a
    // slow consumer takes them. It must wait for the GUI thread instead of queueing samples
    // (gigabytes a minute before).
    Scenario s = bundled("mm1.json");
    s.intervalS = 0.001;
    s.durationS = 1e6;
    s.workload.rateRps = 10;
    s.timeline.clear();
    s.expect.clear();
    SimulationBackend b;
    std::size_t taken = 0;
    connect(&b, &ClusterBackend::samplesReady, this, [&](const QVector<ChartSample>& batch) {
      // A consumer that needs 2 us a sample, as charts do: about 500,000 a second.
      taken += static_cast<std::size_t>(batch.size());
      QThread::usleep(static_cast<unsigned long>(2 * batch.size()));
    });
    b.load(s);
    QTRY_COMPARE(b.runState(), RunState::Paused);
    const long before = residentBytes();
    b.setSpeed(0);
    b.start();
    QTest::qWait(3000);
    const long grown = residentBytes() - before;
    b.pause();
    qInfo("grew by %.0f MB, %zu samples taken", grown / 1e6, taken);
    QVERIFY2(grown < 150'000'000, qPrintable(QString("grew by %1 MB").arg(grown / 1e6)));
    QVERIFY2(taken > 10'000, qPrintable(QString::number(taken)));
#endif
  }

  void pacesAgainstTheWallClock() {
    SimulationBackend b;
    b.load(bundled("lesson-microservices.json"));
    QTRY_COMPARE(b.runState(), RunState::Paused);
    b.setSpeed(10);
    QElapsedTimer wall;
    wall.start();
    b.start();
    QTest::qWait(1500);
    b.pause();
    QTRY_COMPARE(b.runState(), RunState::Paused);
    const double expected = 10.0 * wall.elapsed() / 1000.0;
    const double got = simSeconds(b);
    qInfo("after %lld ms at 10x: %.2f s of cluster time", wall.elapsed(), got);
    // Never ahead of the clock; behind only by scheduling slack on a busy machine.
    QVERIFY(got <= expected + 0.5);
    QVERIFY(got >= expected * 0.5);
  }

  void stepAdvancesOneInterval() {
    SimulationBackend b;
    b.load(bundled("node-failure.json"));
    QTRY_COMPARE(b.runState(), RunState::Paused);
    b.step();
    QTRY_COMPARE(simSeconds(b), 1.0);
    b.step();
    QTRY_COMPARE(simSeconds(b), 2.0);
    QCOMPARE(b.runState(), RunState::Paused);
  }

  void actionsAreAppliedRecordedOrRefused() {
    SimulationBackend b;
    QSignalSpy applied(&b, &ClusterBackend::actionApplied);
    QSignalSpy refused(&b, &ClusterBackend::actionRejected);
    b.load(bundled("lesson-microservices.json"));
    QTRY_COMPARE(b.runState(), RunState::Paused);
    b.step();
    QTRY_COMPARE(simSeconds(b), 1.0);
    b.applyAction(kill("orders", 1));
    QTRY_COMPARE(applied.count(), 1);
    QCOMPARE(applied[0][2].toString(), QString("killed orders#1"));
    QTRY_COMPARE(b.lastSnapshot()->deployments[2].replicas[1].state, ReplicaState::Down);
    QCOMPARE(b.userActions().size(), std::size_t{1});
    QCOMPARE(b.userActions()[0].atS, 1.0);
    b.applyAction(kill("orders", 9));
    QTRY_COMPARE(refused.count(), 1);
    QVERIFY(refused[0][1].toString().contains("9"));
    QCOMPARE(b.userActions().size(), std::size_t{1});
  }

  void savedSessionReplaysToTheSameSummary() {
    SimulationBackend b;
    b.load(bundled("lesson-microservices.json"));
    QTRY_COMPARE(b.runState(), RunState::Paused);
    // A user session: run a little, act, run, act again, then run to the end.
    b.setSpeed(40);
    b.start();
    QTRY_VERIFY(simSeconds(b) > 12);
    b.applyAction(kill("catalog", 2));
    QTRY_VERIFY(simSeconds(b) > 25);
    Action slow;
    slow.kind = ActionKind::SlowService;
    slow.service = "catalog";
    slow.factor = 4;
    b.applyAction(slow);
    QTRY_COMPARE(b.userActions().size(), std::size_t{2});
    b.setSpeed(0);
    QTRY_COMPARE_WITH_TIMEOUT(b.runState(), RunState::Finished, 30000);
    const QString live = b.summaryJson();
    // The saved scenario, run headless, gives the same summary byte for byte.
    const Scenario saved = b.sessionAsScenario();
    const std::string text = scenarioToJson(saved);
    const auto reloaded = loadScenarioText(text, "session.json");
    QVERIFY(reloaded.ok());
    RunSummary replay = runScenario(*reloaded.scenario).summary;
    // The replay runs two more events (the timeline entries), and only that differs.
    replay.events -= 2;
    QCOMPARE(QString::fromStdString(summaryToJson(replay, false)), live);
  }

  void killingASurgeReplicaSavesASessionThatLoads() {
    // rolling-update.json replaces orders' four replicas from 60 s; the first replacement is
    // replica 4, starting for 8 s. Killing it by hand must save as a valid scenario.
    SimulationBackend b;
    b.load(bundled("rolling-update.json"));
    QTRY_COMPARE(b.runState(), RunState::Paused);
    b.setSpeed(40);
    b.start();
    QTRY_VERIFY_WITH_TIMEOUT(simSeconds(b) > 62, 20000);
    b.applyAction(kill("orders", 4));
    QTRY_COMPARE(b.userActions().size(), std::size_t{1});
    const std::string text = scenarioToJson(b.sessionAsScenario());
    const auto reloaded = loadScenarioText(text, "session.json");
    QVERIFY2(reloaded.ok(), reloaded.errors.empty() ? "" : reloaded.errors[0].format().c_str());
  }

  void samplesCarryEachServicesBacklogAndCores() {
    SimulationBackend b;
    QVector<ChartSample> samples;
    connect(&b, &ClusterBackend::samplesReady, this,
            [&](const QVector<ChartSample>& batch) { samples += batch; });
    b.load(bundled("async-chain-slow-db.json"));
    QTRY_COMPARE(b.runState(), RunState::Paused);
    b.setSpeed(0);
    b.start();
    QTRY_COMPARE_WITH_TIMEOUT(b.runState(), RunState::Finished, 20000);
    const ChartSample& last = samples.back();
    // db (component 3) is slowed from 60 s: its backlog is the broker's, the others' zero.
    QVERIFY(last.components[3].backlog > 1000);
    float sum = 0;
    for (const auto& c : last.components) sum += c.backlog;
    QCOMPARE(sum, static_cast<float>(last.brokerBacklog));
    // Two replicas of one core each: 2 cores; the cluster's 9 replicas: 9.
    QCOMPARE(last.components[3].cores, 2.0F);
    QCOMPARE(last.cores, 9.0);
  }

  void resetGoesBackToZero() {
    SimulationBackend b;
    QSignalSpy layouts(&b, &ClusterBackend::clusterReset);
    b.load(bundled("node-failure.json"));
    QTRY_COMPARE(b.runState(), RunState::Paused);
    b.step();
    b.applyAction(kill("web", 0));
    QTRY_COMPARE(b.userActions().size(), std::size_t{1});
    b.reset();
    QTRY_COMPARE(layouts.count(), 2);
    QTRY_COMPARE(simSeconds(b), 0.0);
    QVERIFY(b.userActions().empty());
  }

  void aScenarioTheEngineRefusesKeepsTheOldOne() {
    SimulationBackend b;
    QSignalSpy problems(&b, &ClusterBackend::problem);
    b.load(bundled("node-failure.json"));
    QTRY_COMPARE(b.runState(), RunState::Paused);
    b.start();
    QTRY_COMPARE(b.runState(), RunState::Running);
    Scenario broken = bundled("mm1.json");
    broken.workload.entry = "nobody";  // the loader would refuse it; the engine must too
    b.load(broken);
    QTRY_COMPARE(problems.count(), 1);
    QCOMPARE(b.layout()->deployments.size(), std::size_t{3});
    QCOMPARE(b.scenario().name, bundled("node-failure.json").name);
    // ... and it is still running.
    const double before = simSeconds(b);
    QTRY_VERIFY(simSeconds(b) > before + 0.5);
    QCOMPARE(b.runState(), RunState::Running);
  }

  // Two loads in a row, the first refused by the engine: the layout shown, the title, the
  // lesson and the saved session all belong to the second scenario.
  void aRefusedLoadThenAnotherPairsEachLayoutWithItsScenario() {
    SimulationBackend b;
    QSignalSpy resets(&b, &ClusterBackend::clusterReset);
    QSignalSpy problems(&b, &ClusterBackend::problem);
    b.load(bundled("lesson-microservices.json"));
    QTRY_COMPARE(resets.count(), 1);
    Scenario broken = bundled("mm1.json");
    broken.workload.entry = "nobody";
    const Scenario third = bundled("node-failure.json");
    b.load(broken);
    b.load(third);
    QTRY_COMPARE(resets.count(), 2);
    QCOMPARE(problems.count(), 1);
    QCOMPARE(b.layout()->deployments.size(), third.services.size());
    QCOMPARE(b.scenario().name, third.name);
    QCOMPARE(b.description()->name, third.name);
    QCOMPARE(resets[1][1].value<std::shared_ptr<const ClusterDescription>>()->name, third.name);
    QCOMPARE(b.sessionAsScenario().name, third.name);
  }

  // A step over a long, busy interval runs in slices like any run: the GUI thread's blocking
  // summaryJson() is answered between two slices, not after the whole step.
  void aLongStepDoesNotHoldTheGuiThread() {
    Scenario busy = bundled("mm1.json");
    busy.durationS = 3600;
    busy.intervalS = 3600;
    busy.warmupS = 0;
    busy.services[0].workers = 100;
    busy.workload.rateRps = 7000;  // about 75 million events in the one interval
    SimulationBackend b;
    b.load(busy);
    QTRY_COMPARE(b.runState(), RunState::Paused);
    b.step();
    QTest::qWait(50);  // the step is under way
    QElapsedTimer waited;
    waited.start();
    const QString summary = b.summaryJson();
    const qint64 ms = waited.elapsed();
    qInfo("summaryJson answered in %lld ms during a step", ms);
    QVERIFY(summary.contains("\"requests\""));
    QVERIFY2(ms < 1000, "summaryJson waited for the whole step");
    QTRY_COMPARE(b.runState(), RunState::Running);  // the step goes on
  }
};

QTEST_GUILESS_MAIN(SimulationBackendTest)
#include "test_simulation_backend.moc"
