// The topology view on a real SimulationBackend: items follow the layout and the snapshots,
// clicks select, context menus request actions.

#include <QMenu>
#include <QSignalSpy>
#include <QtTest>
#include <memory>

#include "fake_cluster_backend.h"
#include "scenario_loader.h"
#include "simulation_backend.h"
#include "state_colors.h"
#include "topology_format.h"
#include "topology_scene.h"
#include "topology_view.h"

using namespace clusterscope;
using app::Selection;

namespace {

engine::Scenario loadBundled(const char* name) {
  const auto r = engine::loadScenarioFile(std::string(CLUSTERSCOPE_SCENARIO_DIR) + "/" + name);
  if (!r.ok()) qFatal("cannot load %s", name);
  return *r.scenario;
}

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

  std::unique_ptr<app::SimulationBackend> backend_;
  std::unique_ptr<app::TopologyView> view_;
  app::TopologyScene* scene_ = nullptr;
  int orders_ = -1;

  // Applies an action and waits for the snapshot the backend publishes after it.
  void apply(const model::Action& a) {
    QSignalSpy spy(backend_.get(), &app::ClusterBackend::snapshotReady);
    backend_->applyAction(a);
    QVERIFY(spy.wait(5000));
  }

 private slots:
  void initTestCase() {
    backend_ = std::make_unique<app::SimulationBackend>();
    view_ = std::make_unique<app::TopologyView>();
    view_->resize(1200, 800);
    view_->setBackend(backend_.get());
    scene_ = view_->topologyScene();
    QSignalSpy snapshots(backend_.get(), &app::ClusterBackend::snapshotReady);
    backend_->load(loadBundled("lesson-microservices.json"));
    QVERIFY(snapshots.wait(5000));
    orders_ = backend_->layout()->deploymentIndex("orders");
    QVERIFY(orders_ >= 0);
  }

  void onePiecePerDeploymentCallAndNode() {
    const auto& layout = *backend_->layout();
    QCOMPARE(scene_->serviceItemCount(), static_cast<int>(layout.deployments.size()));
    QCOMPARE(scene_->serviceItemCount(), 5);
    QCOMPARE(scene_->edgeItemCount(), static_cast<int>(layout.edges.size()));
    QCOMPARE(scene_->edgeItemCount(), 4);
    QCOMPARE(scene_->nodeItemCount(), 3);
    QVERIFY(scene_->hasBroker());
    // Every replica of the snapshot has a mark.
    for (std::size_t d = 0; d < layout.deployments.size(); ++d) {
      for (const auto& r : backend_->lastSnapshot()->deployments[d].replicas) {
        QVERIFY(scene_->replicaColor(static_cast<int>(d), r.index).isValid());
      }
    }
  }

  void killedReplicaTurnsDown() {
    QVERIFY(scene_->replicaColor(orders_, 0) != app::StateColors::down());
    model::Action kill;
    kill.kind = model::ActionKind::KillReplica;
    kill.service = "orders";
    kill.replica = 0;
    apply(kill);
    QCOMPARE(scene_->replicaColor(orders_, 0), app::StateColors::down());
    QVERIFY(scene_->replicaColor(orders_, 1) != app::StateColors::down());
  }

  void asyncCallIsDashed() {
    const auto& layout = *backend_->layout();
    const int e =
        layout.edgeIndex(layout.componentIndex("orders"), layout.componentIndex("payment"));
    QVERIFY(e >= 0);
    QVERIFY(!scene_->edgeIsDashed(e));
    model::Action a;
    a.kind = model::ActionKind::SetCallMode;
    a.from = "orders";
    a.to = "payment";
    a.mode = model::CallMode::Async;
    apply(a);
    QVERIFY(scene_->edgeIsDashed(e));
    // orders -> notifications was asynchronous from the start.
    QVERIFY(scene_->edgeIsDashed(
        layout.edgeIndex(layout.componentIndex("orders"), layout.componentIndex("notifications"))));
    a.mode = model::CallMode::Sync;
    apply(a);
    QVERIFY(!scene_->edgeIsDashed(e));
  }

  void replicaMenuKills() {
    const auto menu = view_->menuFor({Selection::Kind::Replica, orders_, 1});
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
    // The replica killed earlier can be restarted, not killed again.
    const auto down = view_->menuFor({Selection::Kind::Replica, orders_, 0});
    QVERIFY(!findAction(down.get(), "Kill")->isEnabled());
    QVERIFY(findAction(down.get(), "Restart")->isEnabled());
  }

  void otherMenus() {
    const auto& layout = *backend_->layout();
    auto service = view_->menuFor({Selection::Kind::Deployment, orders_});
    QVERIFY(findAction(service.get(), "Add replica"));
    QVERIFY(findAction(service.get(), "Errors 10 %"));
    QSignalSpy requested(view_.get(), &app::TopologyView::actionRequested);
    findAction(service.get(), "Add replica")->trigger();
    const auto add = requested.at(0).at(0).value<model::Action>();
    QCOMPARE(add.kind, model::ActionKind::SetReplicas);
    QCOMPARE(add.count, backend_->lastSnapshot()->deployments[orders_].desiredReplicas + 1);

    auto edge = view_->menuFor({Selection::Kind::Edge, 0});
    QVERIFY(findAction(edge.get(), "Synchronous")->isChecked());
    QVERIFY(!findAction(edge.get(), "Asynchronous")->isChecked());
    auto node = view_->menuFor({Selection::Kind::Node, layout.nodeIndex("node-a")});
    QVERIFY(findAction(node.get(), "Fail node")->isEnabled());
    QVERIFY(findAction(node.get(), "node-b"));  // in "Partition from"
    auto broker = view_->menuFor({Selection::Kind::Broker});
    QVERIFY(findAction(broker.get(), "Outage 10 s"));
    QVERIFY(view_->menuFor({}).get()->isEmpty());
  }

  void nodesPartitionsAndBroker() {
    const auto& layout = *backend_->layout();
    const int c = layout.nodeIndex("node-c");
    QVERIFY(scene_->nodeShownUp(c));
    QVERIFY(scene_->nodeMarkCount(c) > 0);
    model::Action a;
    a.kind = model::ActionKind::FailNode;
    a.node = "node-c";
    apply(a);
    QVERIFY(!scene_->nodeShownUp(c));
    a.kind = model::ActionKind::RecoverNode;
    apply(a);
    QVERIFY(scene_->nodeShownUp(c));

    a.kind = model::ActionKind::Partition;
    a.node = "node-a";
    a.otherNode = "node-b";
    apply(a);
    QCOMPARE(scene_->partitionsShown(), 1);
    a.kind = model::ActionKind::HealPartition;
    apply(a);
    QCOMPARE(scene_->partitionsShown(), 0);

    a = {};
    a.kind = model::ActionKind::BrokerOutage;
    apply(a);
    QVERIFY(!scene_->brokerShownUp());
    a.kind = model::ActionKind::BrokerRecover;
    apply(a);
    QVERIFY(scene_->brokerShownUp());
  }

  void clickSelects() {
    view_->show();
    QVERIFY(QTest::qWaitForWindowExposed(view_.get()));
    view_->fitAll();
    QSignalSpy selected(view_.get(), &app::TopologyView::selectionChanged);
    const QPoint mark = view_->mapFromScene(scene_->replicaScenePos(orders_, 1));
    QTest::mouseClick(view_->viewport(), Qt::LeftButton, {}, mark);
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.at(0).at(0).value<Selection>(),
             (Selection{Selection::Kind::Replica, orders_, 1}));

    const QRectF box = scene_->deploymentSceneRect(orders_);
    QTest::mouseClick(view_->viewport(), Qt::LeftButton, {},
                      view_->mapFromScene(box.bottomRight() - QPointF(20, 10)));
    QCOMPARE(selected.last().at(0).value<Selection>(),
             (Selection{Selection::Kind::Deployment, orders_}));

    QTest::mouseClick(view_->viewport(), Qt::LeftButton, {},
                      view_->mapFromScene(scene_->edgeScenePos(0)));
    QCOMPARE(selected.last().at(0).value<Selection>(), (Selection{Selection::Kind::Edge, 0}));

    // Empty space: top-left corner of the content, left of the clients' arrow.
    QTest::mouseClick(view_->viewport(), Qt::LeftButton, {},
                      view_->mapFromScene(scene_->contentRect().topLeft() + QPointF(5, 5)));
    QCOMPARE(selected.last().at(0).value<Selection>(), Selection{});
  }

  void wheelZoomsAndDoubleClickFits() {
    view_->fitAll();
    const double fitted = view_->transform().m11();
    const QPoint centre = view_->viewport()->rect().center();
    QWheelEvent wheel(centre, view_->viewport()->mapToGlobal(centre), QPoint(), QPoint(0, 240),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(view_->viewport(), &wheel);
    QVERIFY(view_->transform().m11() > fitted * 1.3);
    // Empty space: left of the clients' arrow.
    QTest::mouseDClick(view_->viewport(), Qt::LeftButton, {},
                       view_->mapFromScene(scene_->contentRect().topLeft() + QPointF(5, 5)));
    QCOMPARE(view_->transform().m11(), fitted);
  }

  void animatesOnlyWhileRunningAndShown() {
    QVERIFY(!scene_->animating());  // paused
    backend_->start();
    QTRY_VERIFY(scene_->animating());
    view_->hide();
    QVERIFY(!scene_->animating());
    view_->show();
    QVERIFY(scene_->animating());
    backend_->pause();
    QTRY_VERIFY(!scene_->animating());
  }

  void dotsFollowTheRate() {
    QSignalSpy snapshots(backend_.get(), &app::ClusterBackend::snapshotReady);
    backend_->setSpeed(0);  // as fast as the engine goes
    backend_->start();
    QTRY_VERIFY_WITH_TIMEOUT(model::toSeconds(backend_->lastSnapshot()->time) > 5, 10000);
    backend_->pause();
    QVERIFY(snapshots.wait(5000));
    const auto& snap = *backend_->lastSnapshot();
    int withTraffic = 0;
    for (int e = 0; e < scene_->edgeItemCount(); ++e) {
      QCOMPARE(scene_->edgeDotCount(e), app::trafficDots(snap.edges[e].rateRps));
      QCOMPARE(scene_->edgeLabelText(e).startsWith(app::formatRate(snap.edges[e].rateRps)), true);
      withTraffic += scene_->edgeDotCount(e) > 0 ? 1 : 0;
    }
    QVERIFY(withTraffic >= 3);
  }

  void presenterModeKeepsTheState() {
    // The rebuilt items show the last snapshot at once, without waiting for the next one.
    const double width = scene_->deploymentSceneRect(orders_).width();
    const QColor color = scene_->replicaColor(orders_, 0);
    const QString label = scene_->edgeLabelText(0);
    view_->setPresenterMode(true);
    QVERIFY(view_->presenterMode());
    QVERIFY(scene_->deploymentSceneRect(orders_).width() > width);
    QCOMPARE(scene_->replicaColor(orders_, 0), color);
    QCOMPARE(scene_->edgeLabelText(0), label);
    view_->setPresenterMode(false);
    QCOMPARE(scene_->deploymentSceneRect(orders_).width(), width);
  }

  void monolithModulesAndNoBroker() {
    app::SimulationBackend backend;
    app::TopologyView view;
    view.setBackend(&backend);
    QSignalSpy snapshots(&backend, &app::ClusterBackend::snapshotReady);
    backend.load(loadBundled("monolith.json"));
    QVERIFY(snapshots.wait(5000));
    auto* scene = view.topologyScene();
    QCOMPARE(scene->serviceItemCount(), 1);
    QCOMPARE(scene->edgeItemCount(), 3);
    QVERIFY(!scene->hasBroker());
    const int catalog = backend.layout()->componentIndex("catalog");
    const QRectF module = scene->componentSceneRect(catalog);
    QVERIFY(scene->deploymentSceneRect(0).contains(module));
    // A click in the module's box designates the module, not its host.
    QCOMPARE(scene->selectionAt(module.center()), (Selection{Selection::Kind::Component, catalog}));
    const auto menu = view.menuFor({Selection::Kind::Component, catalog});
    QVERIFY(findAction(menu.get(), "Crash module (the whole shop goes)"));
    QVERIFY(findAction(menu.get(), "Add replica"));  // the host's, in a submenu
  }

  void tenThousandServicesAreDrawnAfterFit() {
    // The largest cluster a scenario may declare: "fit" must leave its boxes visible.
    auto layout = std::make_shared<model::ClusterLayout>();
    for (int i = 0; i < 10000; ++i) {
      const std::string name = "svc-" + std::to_string(i);
      layout->components.push_back({name, i, false});
      layout->deployments.push_back({name, {i}, false, "", 1, false});
    }
    testing::FakeClusterBackend backend;
    app::TopologyView view;
    view.resize(1200, 800);
    view.show();
    view.setBackend(&backend);
    backend.publishLayout(layout);
    view.fitAll();
    QCOMPARE(view.topologyScene()->serviceItemCount(), 10000);
    // A 210-pixel box is still a few pixels wide: it was a small fraction of one.
    const double scale = view.transform().m11();
    QVERIFY2(scale * 210 >= 3, qPrintable(QString::number(scale)));
    const QRectF shown = view.mapToScene(view.viewport()->rect()).boundingRect();
    QVERIFY(shown.contains(view.topologyScene()->deploymentSceneRect(9999).center()));
  }

  void detachedViewIsEmpty() {
    app::TopologyView view;
    view.setBackend(backend_.get());
    QCOMPARE(view.topologyScene()->serviceItemCount(), 5);  // the current layout, at once
    view.setBackend(nullptr);
    QCOMPARE(view.topologyScene()->serviceItemCount(), 0);
  }

  void cleanupTestCase() {
    view_.reset();
    backend_.reset();
  }
};

QTEST_MAIN(TestTopologyView)
#include "test_topology_view.moc"
