// The side panels on the fake back end, as real widgets on the offscreen platform: each lever
// of the control bar requests its action (the same action, and strength, as the topology's
// menu), run controls follow the back end's capabilities, the lesson follows cluster time and
// the teacher, the event log and the details panel show what happened. Back ends swapped,
// detached or destroyed under the panels leave them working and connected once.

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QSlider>
#include <QtTest>
#include <memory>

#include "control_bar.h"
#include "details_panel.h"
#include "event_log.h"
#include "fake_cluster_backend.h"
#include "lesson_panel.h"
#include "topology_menu.h"

using namespace clusterscope;
using namespace clusterscope::app;
using model::Action;
using model::ActionKind;
using testing::FakeCluster;
using testing::FakeClusterBackend;

namespace {

QAction* find(QWidget& w, const QString& text) {
  for (QAction* a : w.actions()) {
    if (a->text() == text) return a;
  }
  return nullptr;
}

// A cluster that cannot be paused, stepped or sped up, and refuses kills: a live one.
model::ClusterCapabilities live() {
  model::ClusterCapabilities c;
  c.refuse(ActionKind::KillReplica, "no launcher: replicas cannot be killed from here");
  return c;
}

}  // namespace

class PanelsTest : public QObject {
  Q_OBJECT

  FakeCluster shop_ = FakeCluster::shop();

 private slots:
  void speedAndRunButtons() {
    FakeClusterBackend b;
    ControlBar bar;
    bar.setBackend(&b);
    b.resetCluster(shop_);
    QVERIFY(bar.findChild<QComboBox*>("speed"));
    bar.faster();
    QCOMPARE(b.speed(), 2.0);
    bar.slower();
    bar.slower();
    QCOMPARE(b.speed(), 0.5);
    bar.toggleRun();
    QCOMPARE(b.runState(), RunState::Running);
    QCOMPARE(bar.runAction()->text(), QString("Pause"));
    bar.toggleRun();
    QCOMPARE(b.runState(), RunState::Paused);
    QCOMPARE(bar.runAction()->text(), QString("Run"));
    bar.stepAction()->trigger();
    bar.resetAction()->trigger();
    QCOMPARE(b.steps, 1);
    QCOMPARE(b.resets, 1);
    b.publish(shop_.snapshot(65.0));
    QCOMPARE(bar.findChild<QLabel*>("clock")->text(), QString(" 1:05 / 2:00 "));
  }

  void runControlsFollowTheCapabilities() {
    FakeClusterBackend b;
    ControlBar bar;
    bar.setBackend(&b);
    b.resetCluster(shop_);
    QVERIFY(bar.runAction()->isVisible());
    b.setCapabilities(live());
    QVERIFY(!bar.runAction()->isVisible());
    QVERIFY(!bar.stepAction()->isVisible());
    QVERIFY(!bar.resetAction()->isVisible());
    bar.toggleRun();
    QCOMPARE(b.runState(), RunState::Paused);  // nothing to toggle
    // No planned end: the clock shows the time alone.
    b.publish(shop_.snapshot(65.0));
    QCOMPARE(bar.findChild<QLabel*>("clock")->text(), QString(" 1:05 "));
    // A refused lever is disabled and says why, even with a service selected.
    bar.setSelection(Selection::deployment("orders"));
    QAction* kill = find(bar, "Kill replica");
    QVERIFY(!kill->isEnabled());
    QCOMPARE(kill->toolTip(), QString("no launcher: replicas cannot be killed from here"));
    QVERIFY(find(bar, "Slow ×5")->isEnabled());
    b.setCapabilities(model::ClusterCapabilities::simulation());
    QVERIFY(bar.runAction()->isVisible());
    QVERIFY(kill->isEnabled());
  }

  void killNeedsASelectionThenKills() {
    FakeClusterBackend b;
    ControlBar bar;
    bar.setBackend(&b);
    b.resetCluster(shop_);
    QAction* kill = find(bar, "Kill replica");
    QVERIFY(kill);
    QVERIFY(!kill->isEnabled());
    bar.setSelection(Selection::deployment("orders"));
    QVERIFY(kill->isEnabled());
    kill->trigger();
    QCOMPARE(b.applied.back().kind, ActionKind::KillReplica);
    QCOMPARE(b.applied.back().service, std::string("orders"));
    QCOMPARE(b.applied.back().replica, 0);  // the first ready one
    bar.setSelection(Selection::ofReplica("orders", 2));
    kill->trigger();
    QCOMPARE(b.applied.back().replica, 2);
    bar.setSelection(Selection::deployment("no-such-service"));
    QVERIFY(!kill->isEnabled());
  }

  // The control bar and the topology's menu offer the same actions with the same strengths.
  void barAndMenuAgreeOnStrengths() {
    FakeClusterBackend b;
    ControlBar bar;
    bar.setBackend(&b);
    b.resetCluster(shop_);
    bar.setSelection(Selection::deployment("orders"));
    QAction* slow = find(bar, "Slow ×5");
    QAction* errors = find(bar, "Errors 10 %");
    QVERIFY(slow && errors);
    slow->trigger();
    const Action barSlow = b.applied.back();
    errors->trigger();
    const Action barErrors = b.applied.back();
    const auto layout = shop_.layout();
    const auto snapshot = shop_.snapshot();
    const auto menu = topologyMenu(resolve(Selection::deployment("orders"), *layout), *layout,
                                   snapshot.get(), model::ClusterCapabilities::simulation());
    auto menuAction = [&](const QString& text) -> Action {
      for (const auto& e : menu.entries) {
        if (e.text == text && e.action) return *e.action;
      }
      return {};
    };
    QCOMPARE(barSlow, menuAction("Slow ×5"));
    QCOMPARE(barErrors, menuAction("Errors 10 %"));
  }

  void globalAsyncSwitchAndResilience() {
    FakeClusterBackend b;
    ControlBar bar;
    bar.setBackend(&b);
    b.resetCluster(shop_);
    bar.asyncAction()->trigger();
    QCOMPARE(b.applied.back().kind, ActionKind::SetCallMode);
    QCOMPARE(b.applied.back().mode, model::CallMode::Async);
    QVERIFY(b.applied.back().from.empty());
    // The switch shows the cluster's state, whoever changed it.
    FakeCluster allAsync = shop_;
    for (auto& e : allAsync.state().edges) e.mode = model::CallMode::Async;
    b.publish(allAsync.snapshot(1.0));
    QVERIFY(bar.asyncAction()->isChecked());
    b.publish(shop_.snapshot(2.0));
    QVERIFY(!bar.asyncAction()->isChecked());
    find(bar, "Timeouts")->trigger();
    QCOMPARE(b.applied.back().kind, ActionKind::SetResilience);
    QCOMPARE(b.applied.back().timeouts, std::optional<bool>(false));
  }

  void rateSliderScalesTheNominalLoad() {
    FakeClusterBackend b;
    ControlBar bar;
    bar.setBackend(&b);
    b.resetCluster(shop_);
    auto* rate = bar.findChild<QSlider*>("arrivalRate");
    QVERIFY(rate && rate->isEnabled());
    rate->setValue(200);  // twice the description's 100 rps
    QCOMPARE(b.applied.back().kind, ActionKind::SetArrivalRate);
    QCOMPARE(b.applied.back().rate, 200.0);
    // It shows the load as it is, whoever changed it (a rate stage here), without acting.
    const std::size_t actions = b.applied.size();
    FakeCluster surge = shop_;
    surge.state().arrivalRateRps = 250;
    b.publish(surge.snapshot(1.0));
    QCOMPARE(rate->value(), 250);
    QVERIFY(bar.findChild<QLabel*>("arrivalRateLabel")->text().contains("250 rps"));
    surge.state().arrivalRateRps = 1000;  // beyond the slider's 4x: at its end, the label says
    b.publish(surge.snapshot(2.0));
    QCOMPARE(rate->value(), rate->maximum());
    QVERIFY(bar.findChild<QLabel*>("arrivalRateLabel")->text().contains("1000 rps"));
    QCOMPARE(b.applied.size(), actions);
    // A cluster with no nominal rate (a closed workload, an empty description) has no slider.
    b.resetCluster(shop_.layout(), nullptr);
    QVERIFY(!rate->isEnabled());
  }

  void lessonFollowsTimeAndTheTeacher() {
    FakeClusterBackend b;
    LessonPanel panel;
    panel.setBackend(&b);
    b.resetCluster(shop_);
    QCOMPARE(panel.stepCount(), 2);
    QCOMPARE(panel.currentStep(), 0);  // "A healthy cluster" is at 0 s
    panel.next();
    QCOMPARE(panel.currentTitle(), QString("A replica dies"));
    panel.previous();
    QCOMPARE(panel.currentStep(), 0);
    b.publish(shop_.snapshot(10.0));
    QCOMPARE(panel.currentStep(), 0);
    b.publish(shop_.snapshot(31.0));
    QCOMPARE(panel.currentTitle(), QString("A replica dies"));
    // A cluster that cannot be paused says that its steps keep time.
    auto* note = panel.findChild<QLabel*>("lessonNote");
    QVERIFY(note && note->isHidden());
    b.setCapabilities(live());
    QVERIFY(!note->isHidden());
    // An empty description: no lesson, no crash.
    b.resetCluster(shop_.layout(), nullptr);
    QCOMPARE(panel.stepCount(), 0);
    QVERIFY(note->isHidden());
  }

  void eventLogAndDetails() {
    FakeClusterBackend b;
    EventLog log;
    DetailsPanel details;
    log.setBackend(&b);
    details.setBackend(&b);
    details.show();
    b.resetCluster(shop_);
    Action kill;
    kill.kind = ActionKind::KillReplica;
    kill.service = "payment";
    kill.replica = 0;
    b.emitApplied(3.0, kill);
    kill.replica = 7;
    emit b.actionRejected(kill, "no replica 7");
    QCOMPARE(log.entryCount(), 3);
    QVERIFY(log.entryText(0).contains("A small shop started"));
    QVERIFY(log.entryText(1).contains("killed payment#0"));
    QVERIFY(log.entryText(2).contains("refused"));
    shop_.replica("payment", 0).state = model::ReplicaState::Down;
    b.publish(shop_.snapshot(4.0));
    details.setSelection(Selection::ofReplica("payment", 0));
    QVERIFY(details.text().contains("payment#0"));
    QVERIFY(details.text().contains("down"));
    details.setSelection(Selection::node("node-b"));
    QVERIFY(details.text().contains("node-b"));
    details.setSelection({});
    QVERIFY(details.text().contains("Cluster"));
    // A snapshot that disagrees with the layout is not shown (and does not crash).
    b.publish(FakeCluster::monolithShop().snapshot(5.0));
    QVERIFY(details.text().contains("No cluster yet"));
  }

  // A swap connects everything once: the old back end reaches no panel, the new one reaches
  // each panel once.
  void swappedBackEndsAreFollowedOnce() {
    FakeClusterBackend first;
    FakeClusterBackend second;
    ControlBar bar;
    LessonPanel lesson;
    EventLog log;
    DetailsPanel details;
    for (auto* b : {&first, &second, &first, &second}) {
      bar.setBackend(b);
      lesson.setBackend(b);
      log.setBackend(b);
      details.setBackend(b);
    }
    first.resetCluster(shop_);
    QCOMPARE(log.entryCount(), 0);
    QCOMPARE(lesson.stepCount(), 0);
    second.resetCluster(shop_);
    QCOMPARE(log.entryCount(), 1);
    QCOMPARE(lesson.stepCount(), 2);
    second.emitApplied(1.0, Action{});
    QCOMPARE(log.entryCount(), 2);  // once, not twice
    bar.setSelection(Selection::deployment("orders"));
    find(bar, "Kill replica")->trigger();
    QCOMPARE(second.applied.size(), std::size_t(1));
    QVERIFY(first.applied.empty());
  }

  void detachedAndDestroyedBackEnds() {
    auto b = std::make_unique<FakeClusterBackend>();
    ControlBar bar;
    LessonPanel lesson;
    EventLog log;
    DetailsPanel details;
    bar.setBackend(b.get());
    lesson.setBackend(b.get());
    log.setBackend(b.get());
    details.setBackend(b.get());
    b->resetCluster(shop_);
    bar.setSelection(Selection::deployment("orders"));
    b.reset();  // destroyed while shown
    find(bar, "Kill replica")->trigger();
    bar.toggleRun();
    bar.faster();
    QVERIFY(!find(bar, "Kill replica")->isEnabled());
    QCOMPARE(lesson.stepCount(), 0);
    QVERIFY(details.text().contains("No cluster yet"));
    for (auto* w : std::initializer_list<QWidget*>{&bar, &lesson, &log, &details}) {
      QVERIFY(w);  // still alive
    }
    bar.setBackend(nullptr);
    lesson.setBackend(nullptr);
    log.setBackend(nullptr);
    details.setBackend(nullptr);
    QVERIFY(!bar.runAction()->isEnabled());
  }
};

QTEST_MAIN(PanelsTest)
#include "test_panels.moc"
