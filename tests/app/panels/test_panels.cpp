// The side panels on a real SimulationBackend, as real widgets on the offscreen platform:
// each lever of the control bar reaches the engine, the lesson follows cluster time and the
// teacher, the event log and the details panel show what happened.

#include <QAction>
#include <QComboBox>
#include <QSignalSpy>
#include <QSlider>
#include <QtTest>

#include "control_bar.h"
#include "details_panel.h"
#include "event_log.h"
#include "lesson_panel.h"
#include "scenario_loader.h"
#include "simulation_backend.h"

using namespace clusterscope::app;
using namespace clusterscope::engine;
using namespace clusterscope::model;

namespace {

Scenario lesson() {
  auto r = loadScenarioFile(std::string(CLUSTERSCOPE_SCENARIO_DIR) + "/lesson-microservices.json");
  if (!r.ok()) qFatal("cannot load the lesson");
  return *r.scenario;
}

double simSeconds(const SimulationBackend& b) {
  return b.lastSnapshot() ? clusterscope::model::toSeconds(b.lastSnapshot()->time) : -1;
}

// A loaded, paused backend one interval in.
void prepare(SimulationBackend& b) {
  b.load(lesson());
  QTRY_VERIFY(b.runState() == RunState::Paused);
  b.step();
  QTRY_VERIFY(simSeconds(b) == 1.0);
}

}  // namespace

class PanelsTest : public QObject {
  Q_OBJECT

 private slots:
  void speedAndRunButtons() {
    SimulationBackend b;
    ControlBar bar;
    bar.setBackend(&b);
    prepare(b);
    auto* speed = bar.findChild<QComboBox*>("speed");
    QVERIFY(speed);
    bar.faster();
    QCOMPARE(b.speed(), 2.0);
    bar.slower();
    bar.slower();
    QCOMPARE(b.speed(), 0.5);
    bar.toggleRun();
    QTRY_COMPARE(b.runState(), RunState::Running);
    QCOMPARE(bar.runAction()->text(), QString("Pause"));
    bar.toggleRun();
    QTRY_COMPARE(b.runState(), RunState::Paused);
    QCOMPARE(bar.runAction()->text(), QString("Run"));
  }

  void killNeedsASelectionThenKills() {
    SimulationBackend b;
    ControlBar bar;
    bar.setBackend(&b);
    prepare(b);
    QAction* kill = nullptr;
    for (QAction* a : bar.actions()) {
      if (a->text() == "Kill replica") kill = a;
    }
    QVERIFY(kill);
    QVERIFY(!kill->isEnabled());
    bar.setSelection({Selection::Kind::Deployment, 2, -1});  // orders
    QVERIFY(kill->isEnabled());
    kill->trigger();
    QTRY_COMPARE(b.lastSnapshot()->deployments[2].replicas[0].state, ReplicaState::Down);
    bar.setSelection({Selection::Kind::Replica, 2, 2});
    kill->trigger();
    QTRY_COMPARE(b.lastSnapshot()->deployments[2].replicas[2].state, ReplicaState::Down);
  }

  void globalAsyncSwitchAndResilience() {
    SimulationBackend b;
    ControlBar bar;
    bar.setBackend(&b);
    prepare(b);
    bar.asyncAction()->trigger();
    QTRY_VERIFY(b.lastSnapshot()->edges[0].mode == CallMode::Async);
    for (const auto& e : b.lastSnapshot()->edges) QCOMPARE(e.mode, CallMode::Async);
    QVERIFY(bar.asyncAction()->isChecked());
    for (QAction* a : bar.actions()) {
      if (a->text() == "Timeouts") a->trigger();
    }
    QTRY_VERIFY(!b.lastSnapshot()->timeoutsOn);
    QVERIFY(b.lastSnapshot()->retriesOn);
  }

  void rateSliderSetsTheArrivalRate() {
    SimulationBackend b;
    ControlBar bar;
    bar.setBackend(&b);
    prepare(b);
    auto* rate = bar.findChild<QSlider*>("arrivalRate");
    QVERIFY(rate && rate->isEnabled());
    rate->setValue(200);  // twice the scenario's 300 rps
    QTRY_COMPARE(b.lastSnapshot()->arrivalRateRps, 600.0);
    QCOMPARE(b.userActions().back().action.kind, ActionKind::SetArrivalRate);
  }

  void lessonFollowsTimeAndTheTeacher() {
    SimulationBackend b;
    LessonPanel panel;
    panel.setBackend(&b);
    b.load(lesson());
    QTRY_COMPARE(panel.stepCount(), 8);
    QTRY_COMPARE(panel.currentStep(), 0);  // "A healthy cluster" is at 0 s
    panel.next();
    QCOMPARE(panel.currentTitle(), QString("A replica dies"));
    panel.next();
    QCOMPARE(panel.currentStep(), 2);
    panel.previous();
    QCOMPARE(panel.currentStep(), 1);
    // Time reaches the step shown (40 s): following resumes and goes on with time.
    for (int i = 0; i < 95; ++i) b.step();
    QTRY_COMPARE_WITH_TIMEOUT(simSeconds(b), 95.0, 20000);
    QTRY_COMPARE(panel.currentTitle(), QString("Payment slows down"));
  }

  void eventLogAndDetails() {
    SimulationBackend b;
    EventLog log;
    DetailsPanel details;
    log.setBackend(&b);
    details.setBackend(&b);
    details.show();
    prepare(b);
    Action kill;
    kill.kind = ActionKind::KillReplica;
    kill.service = "payment";
    kill.replica = 0;
    b.applyAction(kill);
    kill.replica = 7;
    b.applyAction(kill);
    QTRY_VERIFY(log.entryCount() >= 3);
    QVERIFY(log.entryText(1).contains("killed payment#0"));
    QVERIFY(log.entryText(2).contains("refused"));
    details.setSelection({Selection::Kind::Replica, 3, 0});
    QTRY_VERIFY(details.text().contains("payment#0"));
    QVERIFY(details.text().contains("down"));
    details.setSelection({Selection::Kind::Node, 1, -1});
    QVERIFY(details.text().contains("node-b"));
    details.setSelection({});
    QVERIFY(details.text().contains("Cluster"));
  }
};

QTEST_MAIN(PanelsTest)
#include "test_panels.moc"
