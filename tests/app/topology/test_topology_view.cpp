// The topology view on the fake back end: items follow the layout and the snapshots, clicks
// select by name, context menus request actions and respect the cluster's capabilities. Each
// test starts from a fresh view, back end and cluster (init), so they pass alone or together.

#include <QMenu>
#include <QSignalSpy>
#include <QtTest>
#include <memory>

#include "fake_cluster_backend.h"
#include "state_colors.h"
#include "topology_format.h"
#include "topology_scene.h"
#include "topology_tooltip.h"
#include "topology_view.h"

using namespace clusterscope;
using app::Selection;
using testing::FakeCluster;
using testing::FakeClusterBackend;

namespace {

QAction* findAction(QMenu* menu, const QString& text) {
  for (QAction* a : menu->actions()) {
    if (a->text() == text) return a;
    if (a->menu()) {
      if (QAction* inner = findAction(a->menu(), text)) return inner;
    }
  }
  return nullptr;
}

}  // namespace

class TestTopologyView : public QObject {
  Q_OBJECT

  FakeCluster cluster_;
  std::unique_ptr<FakeClusterBackend> backend_;
  std::unique_ptr<app::TopologyView> view_;
  app::TopologyScene* scene_ = nullptr;
  int orders_ = -1;

  void publish() { backend_->publish(cluster_.snapshot(1.0)); }

 private slots:
  void init() {
    cluster_ = FakeCluster::shop();
    backend_ = std::make_unique<FakeClusterBackend>();
    view_ = std::make_unique<app::TopologyView>();
    view_->resize(1200, 800);
    view_->setBackend(backend_.get());
    scene_ = view_->topologyScene();
    backend_->resetCluster(cluster_);
    orders_ = backend_->layout()->deploymentIndex("orders");
    QVERIFY(orders_ >= 0);
  }

  void cleanup() {
    view_.reset();
    backend_.reset();
  }

  void onePiecePerDeploymentCallAndNode() {
    const auto& layout = *backend_->layout();
    QCOMPARE(scene_->serviceItemCount(), 5);
    QCOMPARE(scene_->edgeItemCount(), 4);
    QCOMPARE(scene_->nodeItemCount(), 3);
    QVERIFY(scene_->hasBroker());  // orders -> notifications is asynchronous
    for (std::size_t d = 0; d < layout.deployments.size(); ++d) {
      for (const auto& r : backend_->lastSnapshot()->deployments[d].replicas) {
        QVERIFY(scene_->replicaColor(static_cast<int>(d), r.index).isValid());
      }
    }
  }

  void killedReplicaTurnsDown() {
    QVERIFY(scene_->replicaColor(orders_, 0) != app::StateColors::down());
    cluster_.replica("orders", 0).state = model::ReplicaState::Down;
    publish();
    QCOMPARE(scene_->replicaColor(orders_, 0), app::StateColors::down());
    QVERIFY(scene_->replicaColor(orders_, 1) != app::StateColors::down());
  }

  void silentReplicaIsSuspect() {
    cluster_.replica("orders", 0).state = model::ReplicaState::Suspect;
    publish();
    QCOMPARE(scene_->replicaColor(orders_, 0), app::StateColors::suspect());
  }

  void aReplicaOutsideThePlanIsMarkedWithItsLanguage() {
    QVERIFY(!scene_->replicaOutsidePlan(orders_, 2));
    auto& handStarted = cluster_.replica("orders", 2);
    handStarted.inPlan = false;
    handStarted.language = "python";
    publish();
    QVERIFY(scene_->replicaOutsidePlan(orders_, 2));
    QVERIFY(!scene_->replicaOutsidePlan(orders_, 1));
    const QString tip = app::topologyToolTip({Selection::Kind::Replica, orders_, 2},
                                             *backend_->layout(), backend_->lastSnapshot().get());
    QVERIFY2(tip.contains("python, not in the plan"), qPrintable(tip));
  }

  void asyncCallIsDashed() {
    const auto& layout = *backend_->layout();
    const int e =
        layout.edgeIndex(layout.componentIndex("orders"), layout.componentIndex("payment"));
    QVERIFY(!scene_->edgeIsDashed(e));
    cluster_.edgeView("orders", "payment").mode = model::CallMode::Async;
    publish();
    QVERIFY(scene_->edgeIsDashed(e));
    QVERIFY(scene_->edgeIsDashed(
        layout.edgeIndex(layout.componentIndex("orders"), layout.componentIndex("notifications"))));
    cluster_.edgeView("orders", "payment").mode = model::CallMode::Sync;
    publish();
    QVERIFY(!scene_->edgeIsDashed(e));
  }

  void replicaMenuRequestsTheKill() {
    const auto menu = view_->menuFor(Selection::ofReplica("orders", 1));
    QAction* kill = findAction(menu.get(), "Kill");
    QVERIFY(kill);
    QVERIFY(kill->isEnabled());
    QVERIFY(findAction(menu.get(), "Slow ×5"));
    QSignalSpy requested(view_.get(), &app::TopologyView::actionRequested);
    kill->trigger();
    QCOMPARE(requested.count(), 1);
    const auto action = requested.at(0).at(0).value<model::Action>();
    QCOMPARE(action.kind, model::ActionKind::KillReplica);
    QCOMPARE(action.service, std::string("orders"));
    QCOMPARE(action.replica, 1);
    // A replica that is down can be restarted, not killed again.
    cluster_.replica("orders", 0).state = model::ReplicaState::Down;
    publish();
    const auto down = view_->menuFor(Selection::ofReplica("orders", 0));
    QVERIFY(!findAction(down.get(), "Kill")->isEnabled());
    QVERIFY(findAction(down.get(), "Restart")->isEnabled());
  }

  void otherMenus() {
    auto service = view_->menuFor(Selection::deployment("orders"));
    QVERIFY(findAction(service.get(), "Errors 10 %"));
    QSignalSpy requested(view_.get(), &app::TopologyView::actionRequested);
    findAction(service.get(), "Add replica")->trigger();
    const auto add = requested.at(0).at(0).value<model::Action>();
    QCOMPARE(add.kind, model::ActionKind::SetReplicas);
    QCOMPARE(add.count, 4);

    auto edge = view_->menuFor(Selection::edge("web", "catalog"));
    QVERIFY(findAction(edge.get(), "Synchronous")->isChecked());
    QVERIFY(!findAction(edge.get(), "Asynchronous")->isChecked());
    auto node = view_->menuFor(Selection::node("node-a"));
    QVERIFY(findAction(node.get(), "Fail node")->isEnabled());
    QVERIFY(findAction(node.get(), "node-b"));  // in "Partition from"
    auto broker = view_->menuFor(Selection::broker());
    QVERIFY(findAction(broker.get(), "Outage 10 s"));
    QVERIFY(view_->menuFor({})->isEmpty());
    QVERIFY(view_->menuFor(Selection::deployment("no-such-service"))->isEmpty());
  }

  void refusedActionsAreDisabledWithTheReason() {
    model::ClusterCapabilities caps;  // a live cluster: no run controls
    caps.refuse(model::ActionKind::KillReplica, "no launcher: processes cannot be killed");
    backend_->setCapabilities(caps);
    const auto menu = view_->menuFor(Selection::ofReplica("orders", 1));
    QAction* kill = findAction(menu.get(), "Kill");
    QVERIFY(!kill->isEnabled());
    QCOMPARE(kill->toolTip(), QStringLiteral("no launcher: processes cannot be killed"));
    QVERIFY(findAction(menu.get(), "Slow ×5")->isEnabled());
  }

  void nodesPartitionsAndBroker() {
    const auto& layout = *backend_->layout();
    const int c = layout.nodeIndex("node-c");
    QVERIFY(scene_->nodeShownUp(c));
    QVERIFY(scene_->nodeMarkCount(c) > 0);
    cluster_.nodeView("node-c").up = false;
    publish();
    QVERIFY(!scene_->nodeShownUp(c));
    cluster_.state().partitions = {{0, 1}};
    publish();
    QCOMPARE(scene_->partitionsShown(), 1);
    cluster_.state().partitions.clear();
    cluster_.state().brokerUp = false;
    publish();
    QCOMPARE(scene_->partitionsShown(), 0);
    QVERIFY(!scene_->brokerShownUp());
  }

  void clickSelectsByName() {
    view_->show();
    QVERIFY(QTest::qWaitForWindowExposed(view_.get()));
    view_->fitAll();
    QSignalSpy selected(view_.get(), &app::TopologyView::selectionChanged);
    const QPoint mark = view_->mapFromScene(scene_->replicaScenePos(orders_, 1));
    QTest::mouseClick(view_->viewport(), Qt::LeftButton, {}, mark);
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.at(0).at(0).value<Selection>(), Selection::ofReplica("orders", 1));

    const QRectF box = scene_->deploymentSceneRect(orders_);
    QTest::mouseClick(view_->viewport(), Qt::LeftButton, {},
                      view_->mapFromScene(box.bottomRight() - QPointF(20, 10)));
    QCOMPARE(selected.last().at(0).value<Selection>(), Selection::deployment("orders"));

    QTest::mouseClick(view_->viewport(), Qt::LeftButton, {},
                      view_->mapFromScene(scene_->edgeScenePos(0)));
    QCOMPARE(selected.last().at(0).value<Selection>(), Selection::edge("web", "catalog"));

    // Empty space: top-left corner of the content, left of the clients' arrow.
    QTest::mouseClick(view_->viewport(), Qt::LeftButton, {},
                      view_->mapFromScene(scene_->contentRect().topLeft() + QPointF(5, 5)));
    QCOMPARE(selected.last().at(0).value<Selection>(), Selection{});
  }

  void selectionSurvivesANewShape() {
    view_->setSelection(Selection::ofReplica("orders", 1));
    QSignalSpy selected(view_.get(), &app::TopologyView::selectionChanged);
    // A service joins: orders is still there, at another index.
    FakeCluster bigger;
    bigger.node("node-a").node("node-b").node("node-c");
    bigger.service("audit", 1).service("web", 2).service("catalog", 2).service("orders", 3);
    bigger.service("payment", 2).service("notifications", 1);
    bigger.call("web", "orders").call("orders", "payment");
    backend_->reshape(bigger.layout());
    QCOMPARE(selected.count(), 0);
    QCOMPARE(scene_->selection(), Selection::ofReplica("orders", 1));
    QCOMPARE(scene_->serviceItemCount(), 6);
    // A shape without orders drops the selection, and says so.
    backend_->reshape(FakeCluster::monolithShop().layout());
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.at(0).at(0).value<Selection>(), Selection{});
  }

  void aNewClusterDropsTheSelection() {
    view_->setSelection(Selection::deployment("orders"));
    QSignalSpy selected(view_.get(), &app::TopologyView::selectionChanged);
    backend_->resetCluster(cluster_);  // the same names, but a new run
    QCOMPARE(selected.count(), 1);
    QCOMPARE(scene_->selection(), Selection{});
  }

  void aSnapshotOfAnotherShapeIsIgnored() {
    cluster_.replica("orders", 0).state = model::ReplicaState::Down;
    publish();
    // A snapshot from a layout with fewer services (in flight during a change) is not shown.
    backend_->publish(FakeCluster::monolithShop().snapshot(2.0));
    QCOMPARE(scene_->replicaColor(orders_, 0), app::StateColors::down());
    QCOMPARE(scene_->serviceItemCount(), 5);
  }

  void wheelZoomsAndDoubleClickFits() {
    view_->show();
    QVERIFY(QTest::qWaitForWindowExposed(view_.get()));
    view_->fitAll();
    const double fitted = view_->transform().m11();
    const QPoint centre = view_->viewport()->rect().center();
    QWheelEvent wheel(centre, view_->viewport()->mapToGlobal(centre), QPoint(), QPoint(0, 240),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(view_->viewport(), &wheel);
    QVERIFY(view_->transform().m11() > fitted * 1.3);
    QTest::mouseDClick(view_->viewport(), Qt::LeftButton, {},
                       view_->mapFromScene(scene_->contentRect().topLeft() + QPointF(5, 5)));
    QCOMPARE(view_->transform().m11(), fitted);
  }

  void animatesOnlyWhileRunningAndShown() {
    view_->show();
    QVERIFY(QTest::qWaitForWindowExposed(view_.get()));
    QVERIFY(!scene_->animating());  // paused
    backend_->start();
    QVERIFY(scene_->animating());
    view_->hide();
    QVERIFY(!scene_->animating());
    view_->show();
    QVERIFY(scene_->animating());
    backend_->pause();
    QVERIFY(!scene_->animating());
  }

  void dotsFollowTheRate() {
    const double rates[] = {0.0, 3.0, 40.0, 900.0};
    for (int e = 0; e < 4; ++e) cluster_.state().edges[e].rateRps = rates[e];
    publish();
    for (int e = 0; e < 4; ++e) {
      QCOMPARE(scene_->edgeDotCount(e), app::trafficDots(rates[e]));
      QVERIFY(scene_->edgeLabelText(e).startsWith(app::formatRate(rates[e])));
    }
    QCOMPARE(scene_->edgeDotCount(0), 0);
    QVERIFY(scene_->edgeDotCount(3) > scene_->edgeDotCount(1));
  }

  void presenterModeKeepsTheState() {
    cluster_.replica("orders", 0).state = model::ReplicaState::Down;
    cluster_.state().edges[0].rateRps = 42;
    publish();
    const double width = scene_->deploymentSceneRect(orders_).width();
    const QString label = scene_->edgeLabelText(0);
    view_->setPresenterMode(true);
    QVERIFY(scene_->deploymentSceneRect(orders_).width() > width);
    // The rebuilt items show the last snapshot at once, without waiting for the next one.
    QCOMPARE(scene_->replicaColor(orders_, 0), app::StateColors::down());
    QCOMPARE(scene_->edgeLabelText(0), label);
    view_->setPresenterMode(false);
    QCOMPARE(scene_->deploymentSceneRect(orders_).width(), width);
  }

  void monolithModulesAndNoBroker() {
    backend_->resetCluster(FakeCluster::monolithShop());
    QCOMPARE(scene_->serviceItemCount(), 1);
    QCOMPARE(scene_->edgeItemCount(), 3);
    QVERIFY(!scene_->hasBroker());
    const int catalog = backend_->layout()->componentIndex("catalog");
    const QRectF module = scene_->componentSceneRect(catalog);
    QVERIFY(scene_->deploymentSceneRect(0).contains(module));
    // A click in the module's box designates the module, not its host.
    QCOMPARE(scene_->selectionAt(module.center()), Selection::component("catalog"));
    const auto menu = view_->menuFor(Selection::component("catalog"));
    QVERIFY(findAction(menu.get(), "Crash module (the whole shop goes)"));
    QVERIFY(findAction(menu.get(), "Add replica"));  // the host's, in a submenu
  }

  void tenThousandServicesAreDrawnAfterFit() {
    // The largest cluster a scenario may declare: "fit" must leave its boxes visible.
    FakeCluster huge = FakeCluster::services(10000);
    view_->show();
    backend_->resetCluster(huge, false);
    view_->fitAll();
    QCOMPARE(scene_->serviceItemCount(), 10000);
    // A 210-pixel box is still a few pixels wide: it was a small fraction of one.
    const double scale = view_->transform().m11();
    QVERIFY2(scale * 210 >= 3, qPrintable(QString::number(scale)));
    const QRectF shown = view_->mapToScene(view_->viewport()->rect()).boundingRect();
    QVERIFY(shown.contains(scene_->deploymentSceneRect(9999).center()));
  }

  void detachedViewIsEmpty() {
    app::TopologyView view;
    view.setBackend(backend_.get());
    QCOMPARE(view.topologyScene()->serviceItemCount(), 5);  // the current layout, at once
    view.setBackend(nullptr);
    QCOMPARE(view.topologyScene()->serviceItemCount(), 0);
    QVERIFY(view.menuFor(Selection::deployment("orders"))->isEmpty());
  }

  void destroyedBackEndLeavesAnEmptyView() {
    backend_.reset();
    QCOMPARE(scene_->serviceItemCount(), 0);
    QVERIFY(!view_->backend());
    QVERIFY(view_->menuFor(Selection::deployment("orders"))->isEmpty());
  }

  void swappedBackEndIsFollowedAlone() {
    FakeClusterBackend other;
    other.resetCluster(FakeCluster::monolithShop());
    view_->setBackend(&other);
    QCOMPARE(scene_->serviceItemCount(), 1);
    // The first back end no longer reaches the view.
    backend_->resetCluster(cluster_);
    QCOMPARE(scene_->serviceItemCount(), 1);
  }
};

QTEST_MAIN(TestTopologyView)
#include "test_topology_view.moc"
