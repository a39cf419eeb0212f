// What the context menus offer and what the tooltips say, as plain values (no QMenu).

#include <QTranslator>
#include <QtTest>

#include "topology_menu.h"
#include "topology_tooltip.h"

using namespace clusterscope;
using app::Selection;
using model::ActionKind;

namespace {

// api -> db, two nodes; a monolith "shop" with modules a -> b.
model::ClusterLayout layout() {
  model::ClusterLayout l;
  l.components = {{"api", 0, false}, {"db", 1, false}, {"a", 2, true}, {"b", 2, true}};
  l.deployments = {{"api", {0}, false, "go", 8, false},
                   {"db", {1}, false, "", 4, true},
                   {"shop", {2, 3}, true, "java", 16, false}};
  l.edges = {{0, 1, model::CallMode::Sync, false}, {2, 3, model::CallMode::Sync, true}};
  l.nodes = {{"n1", 8, false}, {"n2", 8, false}};
  return l;
}

model::ClusterSnapshot snapshot() {
  model::ClusterSnapshot s;
  s.nodes = {{true, 8, 2}, {false, 8, 0}};
  s.deployments.resize(3);
  s.deployments[0].replicas = {{0, model::ReplicaState::Ready, 0, 3, 1, 1.0},
                               {1, model::ReplicaState::Down, 1, 0, 0, 1.0}};
  s.deployments[0].desiredReplicas = 2;
  s.deployments[1].desiredReplicas = 1;
  s.deployments[1].autoscalerOn = true;
  s.components.resize(4);
  s.edges.resize(2);
  s.edges[0].mode = model::CallMode::Async;
  s.partitions = {{0, 1}};
  s.brokerUp = false;
  return s;
}

const app::TopologyMenuEntry* find(const app::TopologyMenu& m, const QString& text) {
  for (const auto& e : m.entries) {
    if (e.text == text) return &e;
  }
  return nullptr;
}

// Marks every string that goes through the translation system, so a test can tell which do.
class MarkingTranslator : public QTranslator {
 public:
  QString translate(const char*, const char* source, const char* = nullptr,
                    int = -1) const override {
    return QStringLiteral("T:") + QString::fromUtf8(source);
  }
  bool isEmpty() const override { return false; }
};

}  // namespace

class TestTopologyMenu : public QObject {
  Q_OBJECT

  model::ClusterLayout layout_ = layout();
  model::ClusterSnapshot snap_ = snapshot();
  model::ClusterCapabilities caps_ = model::ClusterCapabilities::simulation();

 private slots:
  void replica() {
    const auto up = app::topologyMenu({Selection::Kind::Replica, 0, 0}, layout_, &snap_, caps_);
    QCOMPARE(up.title, QStringLiteral("api#0"));
    QVERIFY(find(up, "Kill")->enabled);
    QVERIFY(!find(up, "Restart")->enabled);
    QCOMPARE(find(up, "Kill")->action->kind, ActionKind::KillReplica);
    QCOMPARE(find(up, "Slow ×5")->action->factor, 5.0);
    QCOMPARE(find(up, "Add replica")->submenu, QStringLiteral("Service api"));
    const auto down = app::topologyMenu({Selection::Kind::Replica, 0, 1}, layout_, &snap_, caps_);
    QVERIFY(!find(down, "Kill")->enabled);
    QVERIFY(find(down, "Restart")->enabled);
    QCOMPARE(find(down, "Restart")->action->replica, 1);
  }

  void service() {
    const auto m = app::topologyMenu({Selection::Kind::Deployment, 1}, layout_, &snap_, caps_);
    QCOMPARE(find(m, "Add replica")->action->count, 2);
    QCOMPARE(find(m, "Remove replica")->action->count, 0);
    QCOMPARE(find(m, "Errors 50 %")->action->rate, 0.5);
    QCOMPARE(find(m, "Crash")->action->kind, ActionKind::CrashService);
    // An autoscaled service can switch its autoscaler; the entry turns it off when on.
    QVERIFY(find(m, "Autoscaler")->checked);
    QCOMPARE(find(m, "Autoscaler")->action->enabled, false);
    QVERIFY(!find(app::topologyMenu({Selection::Kind::Deployment, 0}, layout_, &snap_, caps_),
                  "Autoscaler"));
    // Without a snapshot nothing that needs the current count is offered.
    QVERIFY(!find(app::topologyMenu({Selection::Kind::Deployment, 1}, layout_, nullptr, caps_),
                  "Add replica")
                 ->enabled);
  }

  void module() {
    const auto m = app::topologyMenu({Selection::Kind::Component, 2}, layout_, &snap_, caps_);
    QCOMPARE(m.title, QStringLiteral("a (module of shop)"));
    const auto* crash = find(m, "Crash module (the whole shop goes)");
    QVERIFY(crash);
    QCOMPARE(crash->action->service, std::string("a"));
    QCOMPARE(find(m, "Errors 10 %")->action->service, std::string("a"));
    QCOMPARE(find(m, "Restart all")->submenu, QStringLiteral("Process shop"));
  }

  void edge() {
    const auto m = app::topologyMenu({Selection::Kind::Edge, 0}, layout_, &snap_, caps_);
    QCOMPARE(m.title, QStringLiteral("api → db"));
    QVERIFY(!find(m, "Synchronous")->checked);
    QVERIFY(find(m, "Asynchronous")->checked);
    const auto& a = *find(m, "Synchronous")->action;
    QCOMPARE(a.kind, ActionKind::SetCallMode);
    QCOMPARE(a.from, std::string("api"));
    QCOMPARE(a.to, std::string("db"));
    QCOMPARE(a.mode, model::CallMode::Sync);
  }

  // Each process and each call between processes has a Faults submenu, every fault with its
  // duration; a call inside one process has none (it is a function call), pause is for processes.
  void faults() {
    const auto replica =
        app::topologyMenu({Selection::Kind::Replica, 0, 0}, layout_, &snap_, caps_);
    const auto* latency = find(replica, "Add latency 100 ms ± 20 ms for 30 s");
    QVERIFY(latency);
    QCOMPARE(latency->submenu, QStringLiteral("Faults"));
    QCOMPARE(latency->action->kind, ActionKind::AddLatency);
    QCOMPARE(latency->action->service, std::string("api"));
    QCOMPARE(latency->action->replica, 0);
    QCOMPARE(latency->action->latencyMs, 100.0);
    QCOMPARE(latency->action->jitterMs, 20.0);
    QCOMPARE(latency->action->durationS, 30.0);
    QCOMPARE(find(replica, "Lose 20 % of messages for 30 s")->action->rate, 0.2);
    QCOMPARE(find(replica, "Pause for 10 s")->action->kind, ActionKind::Pause);
    QCOMPARE(find(replica, "Fail the next 10 requests")->action->count, 10);
    QCOMPARE(find(replica, "Reset all faults")->action->kind, ActionKind::ResetFaults);
    // A down replica has nothing to disturb.
    const auto down = app::topologyMenu({Selection::Kind::Replica, 0, 1}, layout_, &snap_, caps_);
    QVERIFY(!find(down, "Blackhole for 10 s")->enabled);
    const auto service =
        app::topologyMenu({Selection::Kind::Deployment, 1}, layout_, &snap_, caps_);
    QCOMPARE(find(service, "Blackhole for 10 s")->action->replica, -1);
    const auto edge = app::topologyMenu({Selection::Kind::Edge, 0}, layout_, &snap_, caps_);
    const auto* loss = find(edge, "Lose 20 % of messages for 30 s");
    QVERIFY(loss);
    QCOMPARE(loss->action->from, std::string("api"));
    QCOMPARE(loss->action->to, std::string("db"));
    QVERIFY(loss->action->service.empty());
    QVERIFY(!find(edge, "Pause for 10 s"));
    QVERIFY(!find(app::topologyMenu({Selection::Kind::Edge, 1}, layout_, &snap_, caps_),
                  "Blackhole for 10 s"));
    // A cluster that cannot take a fault says why.
    model::ClusterCapabilities watchOnly;
    watchOnly.refuse(ActionKind::Blackhole, "this hub runs without keys");
    const auto refused =
        app::topologyMenu({Selection::Kind::Deployment, 1}, layout_, &snap_, watchOnly);
    QCOMPARE(find(refused, "Blackhole for 10 s")->toolTip,
             QStringLiteral("this hub runs without keys"));
  }

  void node() {
    const auto n1 = app::topologyMenu({Selection::Kind::Node, 0}, layout_, &snap_, caps_);
    QVERIFY(find(n1, "Fail node")->enabled);
    QVERIFY(!find(n1, "Recover node")->enabled);
    // n1 and n2 are partitioned: the only choice is to heal.
    const auto* other = find(n1, "n2");
    QCOMPARE(other->submenu, QStringLiteral("Heal partition with"));
    QCOMPARE(other->action->kind, ActionKind::HealPartition);
    QCOMPARE(other->action->otherNode, std::string("n2"));
    const auto n2 = app::topologyMenu({Selection::Kind::Node, 1}, layout_, &snap_, caps_);
    QVERIFY(find(n2, "Recover node")->enabled);
    model::ClusterSnapshot healed = snap_;
    healed.partitions.clear();
    QCOMPARE(find(app::topologyMenu({Selection::Kind::Node, 1}, layout_, &healed, caps_), "n1")
                 ->action->kind,
             ActionKind::Partition);
  }

  void broker() {
    const auto m = app::topologyMenu({Selection::Kind::Broker}, layout_, &snap_, caps_);
    QVERIFY(!find(m, "Outage 10 s")->enabled);
    QVERIFY(find(m, "Recover")->enabled);
    QCOMPARE(find(m, "Outage 10 s")->action->durationS, 10.0);
  }

  void outOfRangeGivesNothing() {
    QVERIFY(app::topologyMenu({Selection::Kind::Replica, 9, 0}, layout_, &snap_, caps_)
                .entries.empty());
    QVERIFY(app::topologyMenu({Selection::Kind::Edge, -1}, layout_, &snap_, caps_).entries.empty());
    QVERIFY(app::topologyMenu({}, layout_, &snap_, caps_).entries.empty());
    QVERIFY(app::topologyToolTip({Selection::Kind::Node, 5}, layout_, &snap_).isEmpty());
  }

  void refusedKindsAreDisabledWithTheirReason() {
    model::ClusterCapabilities live;
    live.refuse(ActionKind::RollingUpdate, "the launcher cannot update this service");
    const auto m = app::topologyMenu({Selection::Kind::Deployment, 0}, layout_, &snap_, live);
    const auto* update = find(m, "Rolling update");
    QVERIFY(!update->enabled);
    QCOMPARE(update->toolTip, QStringLiteral("the launcher cannot update this service"));
    QVERIFY(find(m, "Crash")->enabled);
    QVERIFY(find(m, "Crash")->toolTip.isEmpty());
  }

  void everyTextIsTranslatable() {
    MarkingTranslator marking;
    QCoreApplication::installTranslator(&marking);
    const auto replica =
        app::topologyMenu({Selection::Kind::Replica, 0, 0}, layout_, &snap_, caps_);
    QVERIFY(find(replica, "T:Kill"));
    QVERIFY(find(replica, "T:Slow ×5"));  // the template is translated, then filled in
    QVERIFY(find(replica, "T:Errors 10 %"));
    QCOMPARE(find(replica, "T:Add replica")->submenu, QStringLiteral("T:Service api"));
    const auto module = app::topologyMenu({Selection::Kind::Component, 2}, layout_, &snap_, caps_);
    QCOMPARE(module.title, QStringLiteral("T:a (module of shop)"));
    QVERIFY(find(module, "T:Crash module (the whole shop goes)"));
    const auto broker = app::topologyMenu({Selection::Kind::Broker}, layout_, &snap_, caps_);
    QVERIFY(find(broker, "T:Outage 10 s"));
    QVERIFY(find(broker, "T:Recover"));
    const auto edge = app::topologyMenu({Selection::Kind::Edge, 0}, layout_, &snap_, caps_);
    QVERIFY(find(edge, "T:Synchronous"));
    QCoreApplication::removeTranslator(&marking);
  }

  void toolTips() {
    const QString replica = app::topologyToolTip({Selection::Kind::Replica, 0, 0}, layout_, &snap_);
    QVERIFY(replica.contains("api#0"));
    QVERIFY(replica.contains("3/8 workers busy"));
    QVERIFY(replica.contains("n1"));
    QVERIFY(
        app::topologyToolTip({Selection::Kind::Edge, 0}, layout_, &snap_).contains("asynchronous"));
    QVERIFY(app::topologyToolTip({Selection::Kind::Node, 1}, layout_, &snap_).contains("down"));
    QVERIFY(app::topologyToolTip({Selection::Kind::Deployment, 2}, layout_, &snap_)
                .contains("monolith"));
  }
};

QTEST_GUILESS_MAIN(TestTopologyMenu)
#include "test_topology_menu.moc"
