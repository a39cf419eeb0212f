// The whole application window on the offscreen platform, with the real simulation behind
// it (a ScenarioSession): what the GUI does end to end. And the same windows on a back end
// that is not a simulation, whose menus and controls follow its capabilities.

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "charts_panel.h"
#include "comparison_window.h"
#include "control_bar.h"
#include "event_log.h"
#include "fake_cluster_backend.h"
#include "lesson_panel.h"
#include "main_window.h"
#include "scenario_files.h"
#include "simulation_backend.h"
#include "state_colors.h"
#include "topology_scene.h"
#include "topology_view.h"

using namespace clusterscope::app;
using namespace clusterscope::engine;
using namespace clusterscope::model;

namespace {

QString scenarioPath(const char* name) { return QString(CLUSTERSCOPE_SCENARIO_DIR) + "/" + name; }

// A main window on a simulated session, as the application makes it.
struct Window : MainWindow {
  Window() { setScenarioSession(new ScenarioSession(this)); }
  SimulationBackend* sim() const { return session()->backend(); }
};

double simSeconds(const MainWindow& w) {
  const auto s = w.backend()->lastSnapshot();
  return s ? clusterscope::model::toSeconds(s->time) : -1;
}

QAction* findAction(QMenu* menu, const QString& text) {
  for (QAction* a : menu->actions()) {
    if (a->text().remove('&') == text) return a;
  }
  return nullptr;
}

}  // namespace

class MainWindowTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    // Settings go to a test location, never the user's own.
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName("ClusterScopeTests");
  }

  void init() {
    // Each test starts with no saved settings.
    QSettings().clear();
  }

  void loadingAScenarioPopulatesTheViews() {
    Window w;
    w.show();
    QVERIFY(w.openScenario(ScenarioFiles::defaultLesson()));
    QTRY_COMPARE(w.topology()->topologyScene()->serviceItemCount(), 5);
    QCOMPARE(w.topology()->topologyScene()->edgeItemCount(), 4);
    QVERIFY(w.windowTitle().contains("Lesson"));
    w.backend()->step();
    QTRY_COMPARE(w.charts()->history(0)->size(), std::size_t{1});
  }

  void killFromTheContextMenuShowsDownAndAddsAMarker() {
    Window w;
    w.show();
    QVERIFY(w.openScenario(scenarioPath("lesson-microservices.json")));
    QTRY_COMPARE(w.backend()->runState(), RunState::Paused);
    w.backend()->step();
    QTRY_COMPARE(simSeconds(w), 1.0);
    auto menu = w.topology()->menuFor(Selection::ofReplica("orders", 1));
    QAction* kill = findAction(menu.get(), "Kill");
    QVERIFY(kill);
    kill->trigger();
    QTRY_COMPARE(w.topology()->topologyScene()->replicaColor(2, 1), StateColors::down());
    QTRY_VERIFY(w.charts()->markerLabels().contains("killed orders#1"));
    QVERIFY(w.eventLog()->entryText(w.eventLog()->entryCount() - 1).contains("killed orders#1"));
  }

  void syncAsyncSwitchChangesEdgesAndTheEngine() {
    Window w;
    w.show();
    QVERIFY(w.openScenario(scenarioPath("sync-chain-slow-db.json")));
    QTRY_COMPARE(w.backend()->runState(), RunState::Paused);
    QVERIFY(!w.topology()->topologyScene()->edgeIsDashed(0));
    w.controls()->asyncAction()->trigger();
    QTRY_VERIFY(w.topology()->topologyScene()->edgeIsDashed(0));
    for (int e = 0; e < 3; ++e) {
      QCOMPARE(w.backend()->lastSnapshot()->edges[e].mode, CallMode::Async);
      QVERIFY(w.topology()->topologyScene()->edgeIsDashed(e));
    }
    w.controls()->asyncAction()->trigger();
    QTRY_VERIFY(!w.topology()->topologyScene()->edgeIsDashed(2));
  }

  void anInvalidFileShowsTheErrorsAndTheOldScenarioKeepsRunning() {
    Window w;
    w.show();
    QVERIFY(w.openScenario(scenarioPath("node-failure.json")));
    QTRY_COMPARE(w.backend()->runState(), RunState::Paused);
    w.backend()->setSpeed(5);
    w.backend()->start();
    QTRY_VERIFY(simSeconds(w) > 0.5);
    QTemporaryDir dir;
    const QString bad = dir.filePath("bad.json");
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"format\": 1, \"name\": \"x\", \"duration_s\": 10,\n \"services\": [],\n");
    f.close();
    QVERIFY(!w.openScenario(bad));
    QVERIFY(w.errorDialog());
    QVERIFY(w.errorDialog()->isVisible());
    QVERIFY2(w.errorDialog()->informativeText().contains("bad.json:3:1"),
             qPrintable(w.errorDialog()->informativeText()));
    // Still the old scenario, still running.
    QCOMPARE(w.currentFile(), scenarioPath("node-failure.json"));
    QCOMPARE(w.backend()->runState(), RunState::Running);
    const double before = simSeconds(w);
    QTRY_VERIFY(simSeconds(w) > before + 1.0);
    w.errorDialog()->close();
  }

  void aHugeKeyDoesNotFreezeTheErrorDialog() {
    Window w;
    w.show();
    QTemporaryDir dir;
    const QString bad = dir.filePath("huge-key.json");
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"format\": 1, \"name\": \"x\", \"duration_s\": 10, \"");
    f.write(QByteArray(4'000'000, 'k'));
    f.write("\": 1}");
    f.close();
    QElapsedTimer wall;
    wall.start();
    QVERIFY(!w.openScenario(bad));
    QVERIFY(w.errorDialog());
    QApplication::processEvents();
    QVERIFY2(wall.elapsed() < 20'000, qPrintable(QString::number(wall.elapsed())));
    // The key is cut in the pointer and in the message: a few lines, not megabytes.
    QVERIFY2(w.errorDialog()->detailedText().size() < 4000,
             qPrintable(QString::number(w.errorDialog()->detailedText().size())));
    w.errorDialog()->close();
  }

  void aSavedSessionReplaysToTheSameSummary() {
    Window w;
    w.show();
    QVERIFY(w.openScenario(scenarioPath("circuit-breaker.json")));
    QTRY_COMPARE(w.backend()->runState(), RunState::Paused);
    for (int i = 0; i < 20; ++i) w.backend()->step();
    QTRY_COMPARE(simSeconds(w), 20.0);
    // The user turns the breakers off from the control bar, and kills a replica.
    for (QAction* a : w.controls()->actions()) {
      if (a->text() == "Breakers") a->trigger();
    }
    auto menu =
        w.topology()->menuFor(Selection::ofReplica(w.backend()->layout()->deployments[1].name, 0));
    findAction(menu.get(), "Kill")->trigger();
    QTRY_COMPARE(w.sim()->userActions().size(), std::size_t{2});
    w.backend()->setSpeed(0);
    w.backend()->start();
    QTRY_COMPARE_WITH_TIMEOUT(w.backend()->runState(), RunState::Finished, 30000);
    QTemporaryDir dir;
    const QString session = dir.filePath("session.json");
    QVERIFY(w.saveSession(session));
    // The saved file, run by the command-line tool, gives the same summary.
    const QString summary = dir.filePath("summary.json");
    QProcess cli;
    cli.start(CLUSTERSCOPE_CLI_PATH, {"run", session, "--summary", summary, "--quiet"});
    QVERIFY(cli.waitForFinished(60000));
    QVERIFY2(cli.exitCode() <= 1, cli.readAllStandardError().constData());
    QFile f(summary);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QString replay = QString::fromUtf8(f.readAll());
    replay.remove(QRegularExpression("  \"wall_time_s\": [^\\n]*\\n"));
    QString live = w.sim()->summaryJson();
    // The replay runs one more event per replayed action; nothing else may differ.
    const QRegularExpression events("\"events\": (\\d+)");
    const qint64 liveEvents = events.match(live).captured(1).toLongLong();
    QCOMPARE(events.match(replay).captured(1).toLongLong(), liveEvents + 2);
    live.replace(events, "");
    replay.replace(events, "");
    QCOMPARE(replay, live);
  }

  void dropAFileToOpenIt() {
    Window w;
    w.show();
    QVERIFY(w.openScenario(ScenarioFiles::defaultLesson()));
    QMimeData data;
    data.setUrls({QUrl::fromLocalFile(scenarioPath("monolith.json"))});
    // What a drag from a file manager delivers: enter, then drop.
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &drop);
    QCOMPARE(w.currentFile(), scenarioPath("monolith.json"));
    QTRY_COMPARE(w.topology()->topologyScene()->serviceItemCount(), 1);
  }

  void examplesRecentFilesAndPresenterMode() {
    Window w;
    w.show();
    auto* examples = w.menuBar()->findChild<QMenu*>("examplesMenu");
    QVERIFY(examples);
    // Every bundled scenario of the source tree, the schema aside.
    const auto bundled = QDir(CLUSTERSCOPE_SCENARIO_DIR).entryList({"*.json"}, QDir::Files);
    QCOMPARE(examples->actions().size(), bundled.size() - 1);
    QCOMPARE(examples->actions().first()->text(),
             QString("Lesson: a microservice cluster at work"));
    w.openScenario(scenarioPath("mm1.json"));
    QCOMPARE(ScenarioFiles::recentFiles().value(0), scenarioPath("mm1.json"));
    w.setPresenterMode(true);
    QVERIFY(w.topology()->presenterMode());
    QVERIFY(w.charts()->presenterMode());
    QVERIFY(!w.findChild<QDockWidget*>("detailsDock")->isVisible());
    // The lesson's toolbar gives its room to the control bar; its keys stay.
    QVERIFY(!w.lessonToolBar()->isVisible());
    w.setPresenterMode(false);
    QVERIFY(w.findChild<QDockWidget*>("detailsDock")->isVisible());
    QVERIFY(w.lessonToolBar()->isVisible());
    // A toolbar the user had closed stays closed.
    w.lessonToolBar()->hide();
    w.setPresenterMode(true);
    w.setPresenterMode(false);
    QVERIFY(!w.lessonToolBar()->isVisible());
  }

  void comparisonRunsBothVariantsOverlaid() {
    Window w;
    w.show();
    QVERIFY(w.openScenario(scenarioPath("sync-chain-slow-db.json")));
    QTRY_COMPARE(w.backend()->runState(), RunState::Paused);
    ComparisonWindow* c = w.compare("sync-async");
    QVERIFY(c);
    QCOMPARE(c->charts()->sourceCount(), 2);
    QTRY_COMPARE(c->backendB()->runState(), RunState::Paused);
    QVERIFY(c->backendB()->lastSnapshot());
    QCOMPARE(c->backendB()->lastSnapshot()->edges[0].mode, CallMode::Async);
    QCOMPARE(c->backendA()->lastSnapshot()->edges[0].mode, CallMode::Sync);
    c->setSpeed(0);
    c->run();
    // The chain's lesson asks the room twice: each question holds both sides until Next.
    // Answered until both have finished: on a loaded machine one side may reach a question's
    // moment after the other has ended.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
          if (c->lesson()->waitingForRoom()) c->lesson()->continueRun();
          return c->backendA()->runState() == RunState::Finished &&
                 c->backendB()->runState() == RunState::Finished;
        }(),
        60000);
    QCOMPARE(c->charts()->history(0)->size(), c->charts()->history(1)->size());
    QVERIFY(w.compare("nonsense") == nullptr);
    c->close();
  }

  // File ▸ Quit closes every window: a comparison left open must not keep the application
  // and its two simulation threads alive.
  void quitClosesEveryWindow() {
    auto* w = new Window;
    w->setAttribute(Qt::WA_DeleteOnClose);
    w->show();
    QVERIFY(w->openScenario(scenarioPath("sync-chain-slow-db.json")));
    QTRY_COMPARE(w->backend()->runState(), RunState::Paused);
    QPointer<ComparisonWindow> c = w->compare("sync-async");
    QVERIFY(c);
    QPointer<MainWindow> main = w;
    auto* quit = w->findChild<QAction*>("quitAction");
    QVERIFY(quit);
    quit->trigger();
    QTRY_VERIFY(c.isNull());
    QTRY_VERIFY(main.isNull());
    QVERIFY(QApplication::topLevelWidgets().isEmpty() ||
            std::none_of(QApplication::topLevelWidgets().begin(),
                         QApplication::topLevelWidgets().end(),
                         [](QWidget* t) { return t->isVisible(); }));
  }

  // A back end that is not a simulation (a live cluster, here the fake with a live cluster's
  // capabilities): the window shows it, and offers only what applies.
  void aWindowOnALiveLikeBackEnd() {
    MainWindow w;  // no session
    clusterscope::testing::FakeClusterBackend live;
    clusterscope::model::ClusterCapabilities caps;  // no pause, step, speed, reset, saving
    caps.refuse(ActionKind::KillReplica, "no launcher");
    live.setCapabilities(caps);
    w.setBackend(&live);
    w.show();
    live.resetCluster(clusterscope::testing::FakeCluster::shop());
    QCOMPARE(w.windowTitle(), QString("A small shop — ClusterScope"));
    QCOMPARE(w.topology()->topologyScene()->serviceItemCount(), 5);
    QVERIFY(!w.controls()->runAction()->isVisible());
    QVERIFY(!w.controls()->stepAction()->isVisible());
    // No session: nothing to open, save or compare; run and speed do not apply.
    QVERIFY(!w.openScenario(scenarioPath("mm1.json")));
    QStringList disabled;
    for (QAction* menu : w.menuBar()->actions()) {
      for (QAction* a : menu->menu()->actions()) {
        if (!a->isEnabled() && !a->text().isEmpty()) disabled << a->text().remove('&');
      }
    }
    for (const char* text :
         {"Open…", "Examples", "Save session as scenario…", "Run / pause", "Faster", "Slower"}) {
      QVERIFY2(disabled.contains(text), qPrintable(disabled.join(" | ")));
    }
    QVERIFY(!w.findChild<QMenu*>("compareMenu")->menuAction()->isEnabled());
    QVERIFY(w.compare("sync-async") == nullptr);
    // Swapping the back end for another leaves the first one's signals unheard.
    clusterscope::testing::FakeClusterBackend other;
    w.setBackend(&other);
    live.resetCluster(clusterscope::testing::FakeCluster::monolithShop());
    QCOMPARE(w.topology()->topologyScene()->serviceItemCount(), 0);
    QCOMPARE(w.charts()->sourceCount(), 1);
  }

  // The comparison window takes any two back ends and offers the run controls both have.
  void comparisonOfTwoBackEndsOfAnyKind() {
    auto* a = new clusterscope::testing::FakeClusterBackend;
    auto* b = new clusterscope::testing::FakeClusterBackend;
    b->setCapabilities(clusterscope::model::ClusterCapabilities{});  // live-like: no run controls
    ComparisonWindow c(a, "model", b, "real");
    QCOMPARE(a->parent(), &c);
    QCOMPARE(c.charts()->sourceCount(), 2);
    a->resetCluster(clusterscope::testing::FakeCluster::shop());
    QVERIFY(c.windowTitle().contains("A small shop"));
    c.run();
    QCOMPARE(a->runState(), RunState::Running);
    QCOMPARE(b->runState(), RunState::Empty);
    b->setCapabilities(clusterscope::model::ClusterCapabilities::simulation());
    bool runShown = false;
    for (QAction* act : c.findChildren<QAction*>()) {
      if (act->text() == "Run both") runShown = act->isVisible();
    }
    QVERIFY(runShown);
  }
};

QTEST_MAIN(MainWindowTest)
#include "test_main_window.moc"
