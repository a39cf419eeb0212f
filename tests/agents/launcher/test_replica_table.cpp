// The launcher's replica bookkeeping, without processes: placement on nodes, the process-level
// actions and the operations they imply, as the engine does them to simulated replicas.

#include <QtTest>

#include "control_codec.h"
#include "launch_settings.h"
#include "replica_table.h"
#include "scenario_loader.h"

using namespace clusterscope;
using namespace clusterscope::agents::launcher;
using Kind = ProcessOp::Kind;

namespace {

engine::Scenario scenario(const std::string& services, const std::string& nodes = {},
                          const std::string& extra = {}) {
  const std::string text = R"({"format": 1, "name": "t", "duration_s": 10,)" +
                           (nodes.empty() ? "" : R"("nodes": )" + nodes + ",") + R"("services": )" +
                           services + "," + extra + R"("workload": {"entry": "a", "rate_rps": 1}})";
  auto loaded = engine::loadScenarioText(text, "t.json");
  if (!loaded.ok()) qFatal("%s", loaded.errors.front().format().c_str());
  return *loaded.scenario;
}

model::Action action(model::ActionKind kind, const std::string& service, int replica = -1) {
  model::Action a;
  a.kind = kind;
  a.service = service;
  a.replica = replica;
  return a;
}

int count(const std::vector<ProcessOp>& ops, Kind kind) {
  return static_cast<int>(std::count_if(ops.begin(), ops.end(),
                                        [kind](const ProcessOp& op) { return op.kind == kind; }));
}

// Every Start reported ready at once, as processes that came up.
void readyAll(ReplicaTable& t, const std::vector<ProcessOp>& ops) {
  for (const ProcessOp& op : ops) {
    if (op.kind == Kind::Start) t.onReady(op.deployment, op.replica, op.generation);
  }
}

}  // namespace

class TestReplicaTable : public QObject {
  Q_OBJECT

 private slots:
  void placesOnTheLeastAllocatedNodeAsTheEngine() {
    const auto s = scenario(R"([{"name": "a", "replicas": 3, "cpu": 1, "service_time_ms": 1},
                                {"name": "b", "replicas": 2, "cpu": 2, "service_time_ms": 1}])",
                            R"([{"name": "n1", "cores": 4}, {"name": "n2", "cores": 8}])");
    ReplicaTable t(s, {});
    const auto ops = t.startAll();
    QCOMPARE(ops.size(), std::size_t{5});
    std::vector<int> nodes;
    for (const auto& op : ops) {
      QCOMPARE(op.kind, Kind::Start);
      nodes.push_back(op.node);
    }
    // The largest share of free cores, the first node on ties: a#0 n1 (1 = 1), a#1 n2
    // (3/4 < 1), a#2 n2 (3/4 < 7/8), b#0 n1 (3/4 = 6/8), b#1 n2 (1/4 < 6/8).
    QCOMPARE(nodes, (std::vector<int>{0, 1, 1, 0, 1}));
    QCOMPARE(t.nodes()[0].used, 3.0);
    QCOMPARE(t.nodes()[1].used, 4.0);
    QCOMPARE(t.instance(1, 1), std::string("b#1"));
  }

  void killThenRestartAReplica() {
    ReplicaTable t(scenario(R"([{"name": "a", "replicas": 2, "service_time_ms": 1}])"), {});
    readyAll(t, t.startAll());
    auto out = t.apply(action(model::ActionKind::KillReplica, "a", 1));
    QVERIFY(out.error.empty());
    QCOMPARE(out.ops.size(), std::size_t{1});
    QCOMPARE(out.ops[0].kind, Kind::Kill);
    QCOMPARE(t.replica(0, 1)->phase, ReplicaPhase::Down);
    // The killed process's exit is old news now.
    QVERIFY(t.onExited(0, 1, out.ops[0].generation).empty());
    QCOMPARE(t.replica(0, 1)->phase, ReplicaPhase::Down);

    out = t.apply(action(model::ActionKind::RestartReplica, "a", 0));
    QCOMPARE(out.error, std::string("a#0 is not down"));
    out = t.apply(action(model::ActionKind::RestartReplica, "a", 1));
    QVERIFY(out.error.empty());
    QCOMPARE(out.ops.size(), std::size_t{1});
    QCOMPARE(out.ops[0].kind, Kind::Start);
    QVERIFY(out.ops[0].generation > 1);
    QCOMPARE(t.replica(0, 1)->phase, ReplicaPhase::Starting);
    QCOMPARE(t.apply(action(model::ActionKind::KillReplica, "a", 5)).error,
             std::string("replica 5 of a does not exist"));
    QCOMPARE(t.apply(action(model::ActionKind::KillReplica, "zz", 0)).error,
             std::string("unknown service \"zz\""));
  }

  void aCrashIsDownUntilRestarted() {
    ReplicaTable t(scenario(R"([{"name": "a", "replicas": 2, "service_time_ms": 1}])"), {});
    const auto ops = t.startAll();
    readyAll(t, ops);
    QVERIFY(t.onExited(0, 0, ops[0].generation).empty());
    QCOMPARE(t.replica(0, 0)->phase, ReplicaPhase::Down);
    const auto out = t.apply(action(model::ActionKind::RestartService, "a"));
    QCOMPARE(count(out.ops, Kind::Start), 1);
    const auto crash = t.apply(action(model::ActionKind::CrashService, "a"));
    QCOMPARE(count(crash.ops, Kind::Kill), 2);
  }

  void scalingDrainsTheHighestReadyReplicasAndStartsNewOnes() {
    ReplicaTable t(scenario(R"([{"name": "a", "replicas": 3, "service_time_ms": 1}])"), {});
    readyAll(t, t.startAll());
    model::Action scale = action(model::ActionKind::SetReplicas, "a");
    scale.count = 1;
    auto out = t.apply(scale);
    QCOMPARE(count(out.ops, Kind::Drain), 2);
    QCOMPARE(out.ops[0].replica, 2);
    QCOMPARE(out.ops[1].replica, 1);
    QCOMPARE(t.replica(0, 2)->phase, ReplicaPhase::Draining);
    // A drained process that leaves is removed; its number is free again.
    t.onExited(0, 2, out.ops[0].generation);
    QCOMPARE(t.replica(0, 2)->phase, ReplicaPhase::Removed);
    scale.count = 3;
    out = t.apply(scale);
    QCOMPARE(count(out.ops, Kind::Start), 2);
    QCOMPARE(out.ops[0].replica, 2);  // the free number first
    QCOMPARE(out.ops[1].replica, 3);  // #1 still drains: a new number
  }

  void aFailedNodesReplicasAreRescheduledElsewhere() {
    const auto s = scenario(R"([{"name": "a", "replicas": 2, "cpu": 1, "service_time_ms": 1}])",
                            R"([{"name": "n1", "cores": 2}, {"name": "n2", "cores": 2}])",
                            R"("cluster": {"reschedule_delay_s": 3},)");
    ReplicaTable t(s, {});
    readyAll(t, t.startAll());
    model::Action fail;
    fail.kind = model::ActionKind::FailNode;
    fail.node = "n1";
    auto out = t.apply(fail);
    QVERIFY(out.error.empty());
    QCOMPARE(count(out.ops, Kind::Kill), 1);
    QCOMPARE(count(out.ops, Kind::RescheduleLater), 1);
    const ProcessOp later = out.ops[1];
    QCOMPARE(later.delayS, 3.0);
    const auto again = t.reschedule(later.deployment, later.replica, later.generation);
    QCOMPARE(again.size(), std::size_t{1});
    QCOMPARE(again[0].node, 1);  // n2: n1 is down
    fail.node = "n3";
    QCOMPARE(t.apply(fail).error, std::string("unknown node \"n3\""));
  }

  void aRollingUpdateSurgesOneAtATime() {
    ReplicaTable t(scenario(R"([{"name": "a", "replicas": 2, "service_time_ms": 1}])"), {});
    readyAll(t, t.startAll());
    model::Action roll = action(model::ActionKind::RollingUpdate, "a");
    roll.factor = 2;
    auto out = t.apply(roll);
    QCOMPARE(count(out.ops, Kind::Start), 1);
    QCOMPARE(count(out.ops, Kind::PollRolling), 1);
    const ProcessOp surge = out.ops[0];
    QCOMPARE(surge.replica, 2);
    QCOMPARE(t.replica(0, 2)->versionFactor, 2.0);
    // Ready: one old replica drains and the next surge starts.
    auto next = t.onReady(surge.deployment, surge.replica, surge.generation);
    QCOMPARE(count(next, Kind::Drain), 1);
    QCOMPARE(count(next, Kind::Start), 1);
    const ProcessOp second = *std::find_if(
        next.begin(), next.end(), [](const ProcessOp& o) { return o.kind == Kind::Start; });
    next = t.onReady(second.deployment, second.replica, second.generation);
    QCOMPARE(count(next, Kind::Drain), 1);
    QCOMPARE(count(next, Kind::Start), 0);
    QVERIFY(!t.deployments()[0].rolling);
  }

  void externalServicesAreCountedButNeverTouched() {
    ReplicaTable t(scenario(R"([{"name": "a", "replicas": 2, "service_time_ms": 1},
                                {"name": "b", "replicas": 1, "service_time_ms": 1}])"),
                   {"b"});
    const auto ops = t.startAll();
    QCOMPARE(ops.size(), std::size_t{2});  // a's only
    QCOMPARE(t.replica(1, 0)->phase, ReplicaPhase::Starting);
    t.onReady(1, 0, t.replica(1, 0)->generation);
    QCOMPARE(t.replica(1, 0)->phase, ReplicaPhase::Ready);
    QVERIFY(t.apply(action(model::ActionKind::KillReplica, "b", 0)).error.find("external") !=
            std::string::npos);
    QVERIFY(!ReplicaTable::isProcessLevel(model::ActionKind::SlowService));
  }

  // The plan the launcher tells the hub must cross the wire for every bundled scenario: the
  // hub drops a CLUSTER its decoder refuses, and monitors then see no plan at all (the
  // implicit node's 10^12 cores once did that to every scenario without nodes).
  void everyBundledScenariosPlanCrossesTheWire() {
    const QDir dir(CLUSTERSCOPE_SCENARIOS_DIR);
    int checked = 0;
    for (const QString& name : dir.entryList({"*.json"})) {
      if (name == "schema.json") continue;
      QFile f(dir.filePath(name));
      QVERIFY(f.open(QIODevice::ReadOnly));
      const auto loaded = engine::loadScenarioText(f.readAll().toStdString(), name.toStdString());
      QVERIFY2(loaded.ok(), qPrintable(name));
      namespace p = agents::protocol;
      const p::Frames frames = p::encodeControl(p::Cluster{clusterPlan(*loaded.scenario), 0});
      const std::vector<std::string_view> views(frames.begin(), frames.end());
      const auto decoded = p::decodeControl(views);
      QVERIFY2(decoded.ok(),
               qPrintable(name + ": " +
                          QString::fromStdString(decoded.ok() ? "" : decoded.error().message)));
      ++checked;
    }
    QVERIFY(checked >= 10);
  }
};

QTEST_GUILESS_MAIN(TestReplicaTable)
#include "test_replica_table.moc"
