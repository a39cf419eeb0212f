// File ▸ Run on real agents: the main window launches the open scenario as real processes
// (clusterscope-agent, -loadgen, the launcher's hub), shows the start in a progress dialog,
// follows the cluster, marks what the timeline and the user did, saves the session as a
// scenario that replays it, and stops exactly what it launched when it closes or is cancelled.

#include <QAction>
#include <QProcess>
#include <QProgressDialog>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "action_catalog.h"
#include "comparison_window.h"
#include "control_bar.h"
#include "details_panel.h"
#include "live_backend.h"
#include "live_launch.h"
#include "main_window.h"
#include "process_census.h"
#include "scenario_loader.h"
#include "scenario_session.h"
#include "simulation_backend.h"
#include "topology_scene.h"
#include "topology_view.h"

using namespace clusterscope;
using namespace clusterscope::app;
using namespace clusterscope::testing;
using namespace std::chrono_literals;

namespace {

QString data(const char* name) { return QString(CLUSTERSCOPE_TEST_DATA_DIR) + "/" + name; }

int readyReplicas(const LiveBackend& live) {
  const auto s = live.lastSnapshot();
  int ready = 0;
  if (!s) return 0;
  for (const auto& d : s->deployments) {
    for (const auto& r : d.replicas) ready += r.state == model::ReplicaState::Ready;
  }
  return ready;
}

}  // namespace

class TestLiveLaunch : public QObject {
  Q_OBJECT

  QTemporaryDir runtime_;  // XDG_RUNTIME_DIR: the connection file and every run directory
  std::size_t census() const { return processesMentioning(runtime_.path().toStdString()).size(); }

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName("ClusterScopeTests");
    QSettings().clear();
    qputenv("XDG_RUNTIME_DIR", runtime_.path().toLocal8Bit());
  }

  void cleanup() {
    QCOMPARE(waitForNone([this] { return census(); }, 5s), 0u);
  }

  void runOnRealAgentsFollowsMarksSavesAndStops() {
    auto* window = new MainWindow;
    ScenarioSession session;
    window->setScenarioSession(&session);
    QVERIFY(window->openScenario(data("launch-chain.json")));
    QTRY_VERIFY(session.backend()->hasScenario());  // loaded on the simulation's thread
    auto* run = window->findChild<QAction*>("runLiveAction");
    QVERIFY(run && run->isEnabled());
    window->show();

    run->trigger();
    LiveBackend* live = window->liveBackend();
    QVERIFY(live && window->backend() == live && window->liveLaunch());
    QVERIFY(window->launchProgress() && window->launchProgress()->isVisible());
    QVERIFY(window->windowTitle().contains("real agents"));
    QSignalSpy applied(live, &ClusterBackend::actionApplied);
    // Every process ready: the dialog goes, traffic starts, three replicas serve.
    QTRY_VERIFY_WITH_TIMEOUT(!window->liveLaunch() || window->liveLaunch()->trafficStarted(),
                             30000);
    QVERIFY2(window->liveLaunch(),
             window->errorDialog() ? qPrintable(window->errorDialog()->informativeText()) : "");
    QTRY_VERIFY_WITH_TIMEOUT(!window->launchProgress(), 2000);
    QTRY_COMPARE_WITH_TIMEOUT(readyReplicas(*live), 3, 5000);
    QCOMPARE(live->runState(), RunState::Running);
    QVERIFY(census() >= 4);  // api#0, orders#0, orders#1, loadgen
    // The launcher's hub says a launcher is there: killing a replica is offered.
    QTRY_VERIFY_WITH_TIMEOUT(live->capabilities().supports(model::ActionKind::KillReplica), 5000);

    // The timeline's slow_service at 2 s, marked like a user's action.
    QTRY_VERIFY_WITH_TIMEOUT(applied.size() >= 1, 10000);
    QCOMPARE(applied[0][1].value<model::Action>().kind, model::ActionKind::SlowService);
    // Launched from a scenario, the live back end carries queueing theory too: api calls
    // orders in sync; orders runs two workers with a constant service time.
    QTRY_VERIFY_WITH_TIMEOUT(live->lastSnapshot() && !live->lastSnapshot()->theory.empty(), 5000);
    const auto& theory = live->lastSnapshot()->theory;
    QCOMPARE(theory.at(live->layout()->componentIndex("api")).reason,
             model::NoTheoryReason::MakesSyncCalls);
    QCOMPARE(theory.at(live->layout()->componentIndex("orders")).reason,
             model::NoTheoryReason::ManyWorkersGeneral);
    QVERIFY(std::abs(applied[0][0].toDouble() - 2.0) < 1.0);

    // The user kills orders#1: a real SIGKILL, shown down, and recorded for the session.
    model::Action kill;
    kill.kind = model::ActionKind::KillReplica;
    kill.service = "orders";
    kill.replica = 1;
    live->applyAction(kill);
    QTRY_VERIFY_WITH_TIMEOUT(applied.size() >= 2, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(readyReplicas(*live), 2, 3000);
    QCOMPARE(live->userActions().size(), 1u);
    const double killedAt = live->userActions()[0].atS;
    QVERIFY(killedAt > 2.0);

    // A fault from the GUI's catalogue, obeyed by the real agent: 100 ms ± 20 ms more on every
    // request api receives shows in the end-to-end p50 of the next whole second.
    QSignalSpy samples(live, &ClusterBackend::samplesReady);
    const model::Action latency =
        ActionCatalog::faults({"api", -1, {}, {}})[0].action;  // add latency, 30 s
    QCOMPARE(latency.kind, model::ActionKind::AddLatency);
    live->applyAction(latency);
    QTRY_VERIFY_WITH_TIMEOUT(applied.size() >= 3, 5000);
    const double faultAt = applied.last()[0].toDouble();
    auto p50After = [&](double from) {
      for (const auto& batch : samples) {
        for (const auto& sample : batch[0].value<QVector<model::ChartSample>>()) {
          if (sample.startS >= from && sample.requests.throughputRps > 0) {
            return double(sample.requests.p50Ms);
          }
        }
      }
      return -1.0;
    };
    QTRY_VERIFY_WITH_TIMEOUT(p50After(faultAt + 0.01) >= 0, 5000);
    qInfo("end-to-end p50 with 100 ms ± 20 ms added on api: %.1f ms", p50After(faultAt + 0.01));
    QVERIFY(p50After(faultAt + 0.01) > 80.0);
    // Run ▸ Reset all faults ends it.
    auto* reset = window->findChild<QAction*>("resetFaultsAction");
    QVERIFY(reset && reset->isEnabled());
    reset->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(applied.size() >= 4, 5000);
    QCOMPARE(applied.last()[1].value<model::Action>().kind, model::ActionKind::ResetFaults);
    const double resetAt = applied.last()[0].toDouble();
    QTRY_VERIFY_WITH_TIMEOUT(p50After(resetAt + 0.01) >= 0, 5000);
    QVERIFY(p50After(resetAt + 0.01) < 50.0);

    // Save session: the scenario plus what the user did, at the cluster times it took effect.
    QTemporaryDir out;
    const QString saved = out.path() + "/session.json";
    QVERIFY(window->findChild<QAction*>("runLiveAction"));
    QVERIFY(window->saveSession(saved));
    QFile f(saved);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto loaded = engine::loadScenarioText(f.readAll().toStdString(), "session.json");
    QVERIFY(loaded.ok());
    QCOMPARE(loaded.scenario->timeline.size(), 4u);
    QCOMPARE(loaded.scenario->timeline[1].action, kill);
    QCOMPARE(loaded.scenario->timeline[1].atS, killedAt);
    QCOMPARE(loaded.scenario->timeline[2].action, latency);
    QCOMPARE(loaded.scenario->timeline[3].action.kind, model::ActionKind::ResetFaults);

    // Closing the window stops what it launched, and only that.
    window->close();
    delete window;
    QCOMPARE(waitForNone([this] { return census(); }, 5s), 0u);
  }

  // Compare ▸ Simulation vs real agents: one scenario simulated and launched, both clocks from
  // the moment real traffic starts, an action chosen in one topology applied to both.
  void simulationVsRealAgentsMirrorsActions() {
    MainWindow window;
    ScenarioSession session;
    window.setScenarioSession(&session);
    QVERIFY(window.openScenario(data("launch-chain.json")));
    QTRY_VERIFY(session.backend()->hasScenario());
    QPointer<ComparisonWindow> compare = window.compareWithRealAgents();
    QVERIFY(compare);
    QVERIFY(compare->mirrorActions());
    ClusterBackend* sim = compare->backendA();
    ClusterBackend* live = compare->backendB();
    QVERIFY(qobject_cast<LiveBackend*>(live));
    QTRY_COMPARE_WITH_TIMEOUT(sim->runState(), RunState::Running, 30000);  // traffic started
    QTRY_COMPARE_WITH_TIMEOUT(readyReplicas(*qobject_cast<LiveBackend*>(live)), 3, 5000);
    QSignalSpy simApplied(sim, &ClusterBackend::actionApplied);
    QSignalSpy liveApplied(live, &ClusterBackend::actionApplied);
    model::Action errors;
    errors.kind = model::ActionKind::SetErrorRate;
    errors.service = "orders";
    errors.rate = 0.5;
    const auto views = compare->findChildren<TopologyView*>();
    QCOMPARE(views.size(), 2);
    emit views[1]->actionRequested(errors);  // chosen in the real cluster's topology
    auto appliedHas = [&](const QSignalSpy& spy) {
      for (const auto& call : spy) {
        if (call[1].value<model::Action>() == errors) return true;
      }
      return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(appliedHas(simApplied) && appliedHas(liveApplied), 5000);
    // Paced together: the simulation's clock is the real one's, within a second.
    QTRY_VERIFY_WITH_TIMEOUT(sim->lastSnapshot() && live->lastSnapshot(), 5000);
    const double simS = model::toSeconds(sim->lastSnapshot()->time);
    const double liveS = model::toSeconds(live->lastSnapshot()->time);
    QVERIFY2(std::abs(simS - liveS) < 1.0, qPrintable(QString("%1 vs %2").arg(simS).arg(liveS)));
    QVERIFY(census() >= 4);
    compare->close();  // deletes itself, and its processes go
    QTRY_VERIFY(!compare);
    QCOMPARE(waitForNone([this] { return census(); }, 5s), 0u);
  }

  // A lesson question on real processes: the window's live back end carries the scenario's own
  // lesson (both languages, the question) and settles the question from the measured
  // intervals, as `launch` does: orders slowed 20 times, its p50 goes from ~5 ms to ~100 ms.
  void aLessonQuestionIsAnsweredFromRealProcesses() {
    MainWindow window;
    ScenarioSession session;
    window.setScenarioSession(&session);
    QVERIFY(window.openScenario(data("launch-question.json")));
    QTRY_VERIFY(session.backend()->hasScenario());
    QVERIFY(window.runOnRealAgents());
    LiveBackend* live = window.liveBackend();
    QVERIFY(live);
    QSignalSpy settled(live, &ClusterBackend::questionSettled);
    QTRY_VERIFY_WITH_TIMEOUT(live->description() && live->description()->lesson.size() == 2, 15000);
    QVERIFY(live->description()->lesson[1].question.has_value());
    QCOMPARE(live->description()->lesson[1].title.in("fr"), std::string("Orders slows down"));
    QVERIFY(live->capabilities().questions);
    // api calls orders, and no broker was started: none is drawn (its calls stay synchronous).
    QTRY_VERIFY_WITH_TIMEOUT(live->lastSnapshot() && !live->lastSnapshot()->brokerPresent, 10000);
    QVERIFY(!window.topology()->topologyScene()->brokerShown());
    QTRY_VERIFY_WITH_TIMEOUT(settled.size() == 1, 40000);
    const auto outcome = settled[0][1].value<model::QuestionOutcome>();
    QCOMPARE(settled[0][0].toInt(), 1);
    QVERIFY(outcome.value && outcome.before);
    qInfo("orders p50 on real agents: %.1f ms before, %.1f ms after", *outcome.before,
          *outcome.value);
    QCOMPARE(outcome.matching, std::optional<int>(1));
    QVERIFY(outcome.correct);
    QTRY_VERIFY_WITH_TIMEOUT(!window.liveLaunch() || !window.liveLaunch()->running(), 20000);
  }

  // The details panel's theory rows on real processes: the measured mean is the request-
  // weighted one of the seconds since the prediction began, fed by the live back end's
  // samples as the simulation's are, and says over how long.
  void theoryBesideTheLastSecondsOnRealProcesses() {
    MainWindow window;
    ScenarioSession session;
    window.setScenarioSession(&session);
    // rho 0.5, W = 40 ms, 1 s intervals
    QVERIFY(window.openScenario(QString(CLUSTERSCOPE_LAUNCHER_DATA_DIR) + "/mm1-real.json"));
    QTRY_VERIFY(session.backend()->hasScenario());
    window.show();
    QVERIFY(window.runOnRealAgents());
    QTRY_VERIFY_WITH_TIMEOUT(!window.liveLaunch() || window.liveLaunch()->trafficStarted(), 30000);
    QVERIFY(window.liveLaunch());
    auto* details = window.findChild<DetailsPanel*>("detailsPanel");
    QVERIFY(details);
    details->setSelection(Selection::component("server"));
    const QRegularExpression measured(
        "theory 40\\.0 ms, measured (\\d+\\.\\d) ms over the last (\\d+) s");
    auto windowS = [&] {
      const auto m = measured.match(details->text());
      return m.hasMatch() ? m.captured(2).toInt() : 0;
    };
    QTRY_VERIFY_WITH_TIMEOUT(windowS() >= 5, 20000);
    const auto m = measured.match(details->text());
    qInfo("real M/M/1: %s", qPrintable(m.captured(0)));
    QVERIFY(m.captured(1).toDouble() > 0.0);
    QVERIFY2(details->text().contains("in the last interval (1 s)"), qPrintable(details->text()));
    window.close();
  }

  void cancellingTheStartLeavesNothing() {
    MainWindow window;
    ScenarioSession session;
    window.setScenarioSession(&session);
    QVERIFY(window.openScenario(data("launch-chain.json")));
    QTRY_VERIFY(session.backend()->hasScenario());
    const bool launched = window.runOnRealAgents();
    QVERIFY2(launched,
             window.errorDialog() ? qPrintable(window.errorDialog()->informativeText()) : "");
    QPointer<QProgressDialog> progress = window.launchProgress();
    QVERIFY(progress);
    auto* cancel = progress->findChild<QPushButton*>();
    QVERIFY(cancel);
    QTest::mouseClick(cancel, Qt::LeftButton);  // the user's Cancel
    QTRY_VERIFY_WITH_TIMEOUT(!window.liveLaunch(), 8000);
    QCOMPARE(waitForNone([this] { return census(); }, 5s), 0u);
    QCOMPARE(window.liveBackend()->runState(), RunState::Finished);
    // What a finished run cannot do is refused with its reason, not ignored.
    QVERIFY(!window.liveBackend()->capabilities().supports(model::ActionKind::KillReplica));
  }

  // A launched scenario with asynchronous calls has a broker: the switch between synchronous
  // and asynchronous calls is offered (a cluster without one refuses it: test_live_backend),
  // and all-sync reaches the agents.
  void aClusterWithABrokerSwitchesCallModes() {
    MainWindow window;
    ScenarioSession session;
    window.setScenarioSession(&session);
    QVERIFY(window.openScenario(QString(CLUSTERSCOPE_SCENARIO_DIR) + "/async-chain-slow-db.json"));
    QTRY_VERIFY(session.backend()->hasScenario());
    QVERIFY(window.runOnRealAgents());
    LiveBackend* live = window.liveBackend();
    QVERIFY(live);
    QTRY_VERIFY_WITH_TIMEOUT(live->capabilities().supports(model::ActionKind::SetCallMode), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(window.controls()->asyncAction()->isEnabled(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(window.topology()->topologyScene()->brokerShown(), 5000);
    QSignalSpy applied(live, &ClusterBackend::actionApplied);
    model::Action sync;
    sync.kind = model::ActionKind::SetCallMode;
    sync.mode = model::CallMode::Sync;
    live->applyAction(sync);
    QTRY_VERIFY_WITH_TIMEOUT(applied.count() == 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
          const auto s = live->lastSnapshot();
          if (!s || s->edges.empty()) return false;
          return std::all_of(s->edges.begin(), s->edges.end(),
                             [](const auto& e) { return e.mode == model::CallMode::Sync; });
        }(),
        10000);
  }

  // File ▸ Nodes as network namespaces (root only): the window's run puts each node's agents
  // in a namespace; a partition chosen in the window (through the hub) cuts the routes between
  // them; closing the window removes every namespace and link of the run.
  void nodesAsNamespacesFromTheWindow() {
    auto* window = new MainWindow;
    ScenarioSession session;
    window->setScenarioSession(&session);
    auto* netns = window->findChild<QAction*>("nodeNamespacesAction");
    QVERIFY(netns);
    QCOMPARE(netns->isEnabled(), LiveLaunch::canMakeNodeNamespaces());
    if (!LiveLaunch::canMakeNodeNamespaces() || QStandardPaths::findExecutable("ip").isEmpty()) {
      delete window;
      QSKIP("network namespaces need root and iproute2");
    }
    netns->setChecked(true);
    QVERIFY(window->openScenario(QString(CLUSTERSCOPE_LAUNCHER_DATA_DIR) + "/netns-pair.json"));
    QTRY_VERIFY(session.backend()->hasScenario());
    QVERIFY(window->runOnRealAgents());
    QTRY_VERIFY_WITH_TIMEOUT(window->liveLaunch() && window->liveLaunch()->trafficStarted(), 30000);
    const QString ns = QString("cs-%1-node-a").arg(QCoreApplication::applicationPid());
    auto ip = [](const QStringList& args) {
      QProcess p;
      p.start("ip", args);
      p.waitForFinished(5000);
      return QString::fromUtf8(p.readAllStandardOutput());
    };
    QVERIFY2(ip({"netns", "list"}).contains(ns), qPrintable(ip({"netns", "list"})));

    model::Action cut;
    cut.kind = model::ActionKind::Partition;
    cut.node = "node-a";
    cut.otherNode = "node-b";
    QSignalSpy applied(window->liveBackend(), &ClusterBackend::actionApplied);
    window->liveBackend()->applyAction(cut);
    QTRY_VERIFY_WITH_TIMEOUT(applied.size() >= 1, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(ip({"-n", ns, "route"}).contains("blackhole"), 5000);

    delete window;  // closing the window stops its run: namespaces and processes go
    QTRY_VERIFY_WITH_TIMEOUT(!ip({"netns", "list"}).contains(ns), 10000);
    QCOMPARE(waitForNone([this] { return census(); }, 5s), 0u);
  }

  void aScenarioThatCannotStartIsSaidPlainly() {
    MainWindow window;
    ScenarioSession session;
    window.setScenarioSession(&session);
    QVERIFY(window.openScenario(data("launch-chain.json")));
    QTRY_VERIFY(session.backend()->hasScenario());
    // The connection file's directory cannot be made: the launch refuses before anything runs.
    const QByteArray saved = qgetenv("XDG_RUNTIME_DIR");
    qputenv("XDG_RUNTIME_DIR", "/proc/no-such-place");
    const bool ok = window.runOnRealAgents();
    qputenv("XDG_RUNTIME_DIR", saved);
    QVERIFY(!ok);
    QVERIFY(window.errorDialog());
    QCOMPARE(window.errorDialog()->objectName(), QString("launchErrorDialog"));
    QVERIFY(!window.liveLaunch());
    QVERIFY(window.backend() == session.backend());  // the simulation is still shown
  }
};

QTEST_MAIN(TestLiveLaunch)
#include "test_live_launch.moc"
