// The cluster's shape and replicas' states from the hub's stream: a plan that fills in, agents
// nobody planned, resets, liveness.

#include <QtTest>

#include "hub_stream.h"

using namespace clusterscope;
using namespace clusterscope::testing;
using model::ReplicaState;
using protocol::Liveness;

namespace {

const model::ReplicaView* replica(const model::ClusterSnapshot& s, int deployment, int index) {
  for (const auto& r : s.deployments[static_cast<std::size_t>(deployment)].replicas) {
    if (r.index == index) return &r;
  }
  return nullptr;
}

}  // namespace

class TestClusterViewLayout : public QObject {
  Q_OBJECT

 private slots:
  void plannedClusterFillsInAsPeersJoin() {
    const protocol::ClusterPlan plan = twoServicePlan();
    Monitor m(&plan);
    cv::ClusterView& view = m.view;
    HubStream& hub = m.hub;
    QVERIFY(view.takeChanges().reset);
    QVERIFY(view.layout() == plan.layout);
    QCOMPARE(view.description().name, std::string("Two services"));

    // Before anyone joined: the planned replicas, pending.
    auto s = view.snapshot(hub.now());
    QCOMPARE(s.deployments[0].replicas.size(), std::size_t{2});
    QCOMPARE(s.deployments[1].replicas.size(), std::size_t{1});
    QCOMPARE(s.deployments[0].replicas[1].state, ReplicaState::Pending);
    QCOMPARE(s.deployments[0].desiredReplicas, 2);
    QCOMPARE(s.duration, model::ClusterTime{60'000'000'000});

    FakeProcess front0(agentHello("frontend", 0, 100, "c++", "node-a"));
    hub.joined(front0.hello());
    s = view.snapshot(hub.now());
    QCOMPARE(replica(s, 0, 0)->state, ReplicaState::Starting);  // joined, not reported yet
    QCOMPARE(replica(s, 0, 0)->node, 0);
    QCOMPARE(replica(s, 0, 1)->state, ReplicaState::Pending);

    front0.setGauges(3, 7, 4);
    hub.update(front0, ReplicaState::Starting);
    hub.update(front0);
    m.start(agentHello("backend", 0, 101, "c++", "node-b"));
    s = view.snapshot(hub.now());
    QCOMPARE(replica(s, 0, 0)->state, ReplicaState::Ready);
    QCOMPARE(replica(s, 0, 0)->busyWorkers, 3);
    QCOMPARE(replica(s, 0, 0)->queued, 7);
    QVERIFY(replica(s, 0, 0)->inPlan);
    QCOMPARE(replica(s, 0, 0)->language, std::string("c++"));
    QCOMPARE(replica(s, 1, 0)->state, ReplicaState::Ready);
    QCOMPARE(replica(s, 1, 0)->node, 1);
    // Joining filled the plan in: no new shape, no new cluster.
    const cv::ViewChanges c = view.takeChanges();
    QVERIFY(!c.reset && !c.shapeChanged && !c.resubscribe);
    QVERIFY(view.layout() == plan.layout);
  }

  // The cores live replicas reserve, as the plan gives them per replica: the cluster's and
  // each node's; a replica that went down reserves none.
  void coresFollowLiveReplicas() {
    protocol::ClusterPlan plan = twoServicePlan();
    plan.layout.deployments[0].coresPerReplica = 0.5;
    plan.layout.deployments[1].coresPerReplica = 2.0;
    Monitor m(&plan);
    QCOMPARE(m.view.snapshot(m.hub.now()).cores, 0.0);  // nobody joined yet
    m.start(agentHello("frontend", 0, 100, "c++", "node-a"));
    m.start(agentHello("frontend", 1, 101, "c++", "node-a"));
    m.start(agentHello("backend", 0, 102, "c++", "node-b"));
    auto s = m.view.snapshot(m.hub.now());
    QCOMPARE(s.cores, 3.0);
    QCOMPARE(s.nodes[0].usedCores, 1.0);
    QCOMPARE(s.nodes[1].usedCores, 2.0);
    m.hub.liveness("backend#0", Liveness::Down, "process exited (signal 9)");
    s = m.view.snapshot(m.hub.now());
    QCOMPARE(s.cores, 1.0);
    QCOMPARE(s.nodes[1].usedCores, 0.0);
  }

  void handStartedAgentExtendsTheLayout() {
    const protocol::ClusterPlan plan = twoServicePlan();
    Monitor m(&plan);
    cv::ClusterView& view = m.view;
    HubStream& hub = m.hub;
    view.takeChanges();

    protocol::Hello audit = agentHello("audit", 0, 200, "python", "node-c");
    audit.calls = {{"", "backend", model::CallMode::Async}};
    hub.joined(audit);
    cv::ViewChanges c = view.takeChanges();
    QVERIFY(c.shapeChanged);
    QVERIFY(!c.reset);
    const model::ClusterLayout& l = view.layout();
    // What was there keeps its index; the newcomer is appended.
    QCOMPARE(l.components[0].name, std::string("frontend"));
    QCOMPARE(l.components[1].name, std::string("backend"));
    QCOMPARE(l.componentIndex("audit"), 2);
    QCOMPARE(l.deployments[2].language, std::string("python"));
    QCOMPARE(l.nodeIndex("node-c"), 2);
    const int e = l.edgeIndex(2, 1);
    QVERIFY(e >= 0);
    QCOMPARE(l.edges[static_cast<std::size_t>(e)].mode, model::CallMode::Async);
    auto s = view.snapshot(hub.now());
    QCOMPARE(s.deployments.size(), std::size_t{3});
    QVERIFY(!replica(s, 2, 0)->inPlan);
    QCOMPARE(replica(s, 2, 0)->language, std::string("python"));

    // A replica beyond the planned two joins its service, marked as not planned.
    hub.joined(agentHello("frontend", 2, 300, "python"));
    c = view.takeChanges();
    QVERIFY(!c.shapeChanged && !c.reset);
    s = view.snapshot(hub.now());
    QCOMPARE(s.deployments[0].replicas.size(), std::size_t{3});
    QVERIFY(!replica(s, 0, 2)->inPlan);
    QCOMPARE(replica(s, 0, 2)->language, std::string("python"));
    QVERIFY(replica(s, 0, 0)->inPlan);
  }

  void callsWaitForTheirCallee() {
    Monitor m;
    cv::ClusterView& view = m.view;
    HubStream& hub = m.hub;
    protocol::Hello a = agentHello("a", 0, 1);
    a.calls = {{"", "b", model::CallMode::Sync}};
    hub.joined(a);
    QCOMPARE(view.layout().components.size(), std::size_t{1});
    QVERIFY(view.layout().edges.empty());
    view.takeChanges();
    hub.joined(agentHello("b", 0, 2));
    QVERIFY(view.takeChanges().shapeChanged);
    QCOMPARE(view.layout().edgeIndex(0, 1), 0);
    // The load generator names the entry when no plan does.
    hub.joined(loadgenHello("a"));
    QCOMPARE(view.layout().entryComponent, 0);
  }

  void resetsOnlyForANewCluster() {
    const protocol::ClusterPlan plan = twoServicePlan();
    Monitor m(&plan);
    cv::ClusterView& view = m.view;
    HubStream& hub = m.hub;
    m.start(agentHello("frontend", 0, 100));
    view.takeChanges();

    hub.cluster(twoServicePlan());  // relayed again: the same cluster
    QVERIFY(!view.takeChanges().reset);

    protocol::ClusterPlan other = twoServicePlan();
    other.description.name = "Another run";
    other.replicas = {1, 1};
    hub.cluster(other);
    QVERIFY(view.takeChanges().reset);
    QCOMPARE(view.description().name, std::string("Another run"));
    // Same hub: the peers it knows are still there, placed in the new plan.
    auto s = view.snapshot(hub.now());
    QCOMPARE(s.deployments[0].replicas.size(), std::size_t{1});
    QCOMPARE(s.deployments[0].replicas[0].state, ReplicaState::Ready);
    QCOMPARE(view.clusterTime(hub.now()), model::ClusterTime{0});

    // Another hub run: a new cluster whose peers come in its snapshot.
    hub.setHub("hub-2");
    hub.welcome();
    QVERIFY(view.takeChanges().reset);
    QVERIFY(view.layout().components.empty());
    QVERIFY(view.peers(hub.now()).empty());
    QVERIFY(!view.plan());
  }

  void silentPeerIsSuspectThenDown() {
    const protocol::ClusterPlan plan = twoServicePlan();
    Monitor m(&plan);
    cv::ClusterView& view = m.view;
    HubStream& hub = m.hub;
    FakeProcess& back0 = m.start(agentHello("backend", 0, 101, "c++", "node-b"));
    hub.advance(600ms);
    hub.liveness("backend#0", Liveness::Suspect, "silent for 0.5 s");
    auto s = view.snapshot(hub.now());
    QCOMPARE(s.deployments[1].replicas[0].state, ReplicaState::Suspect);
    auto peers = view.peers(hub.now());
    QCOMPARE(peers[0].liveness, Liveness::Suspect);
    QCOMPARE(peers[0].reason, std::string("silent for 0.5 s"));
    QCOMPARE(peers[0].sinceLastReport, cv::Clock::duration(600ms));

    hub.advance(500ms);
    hub.liveness("backend#0", Liveness::Down, "silent for 1 s");
    s = view.snapshot(hub.now());
    QCOMPARE(s.deployments[1].replicas[0].state, ReplicaState::Down);
    QCOMPARE(s.deployments[1].replicas[0].busyWorkers, 0);
    // Every process of node-b is down: so is the node, as far as anyone can tell.
    QVERIFY(!s.nodes[1].up);
    QVERIFY(s.nodes[0].up);

    hub.liveness("backend#0", Liveness::Joined, "reports resumed");
    hub.update(back0);
    s = view.snapshot(hub.now());
    QCOMPARE(s.deployments[1].replicas[0].state, ReplicaState::Ready);
    QVERIFY(s.nodes[1].up);
  }

  void leftReplicaIsNotShown() {
    const protocol::ClusterPlan plan = twoServicePlan();
    Monitor m(&plan);
    cv::ClusterView& view = m.view;
    HubStream& hub = m.hub;
    m.start(agentHello("frontend", 1, 100));
    hub.liveness("frontend#1", Liveness::Left, "bye: scaled down");
    const auto s = view.snapshot(hub.now());
    // Replica 0 never joined (pending); replica 1 left: gone, not pending again.
    QCOMPARE(s.deployments[0].replicas.size(), std::size_t{1});
    QCOMPARE(s.deployments[0].replicas[0].index, 0);
    QCOMPARE(view.peers(hub.now())[0].state, ReplicaState::Removed);
  }

  void monolithModulesAndNameClashes() {
    Monitor m;
    cv::ClusterView& view = m.view;
    HubStream& hub = m.hub;
    protocol::Hello shop = agentHello("shop", 0, 1, "java");
    shop.modules = {"cart", "pay"};
    shop.calls = {{"cart", "pay", model::CallMode::Sync}};
    hub.joined(shop);
    const model::ClusterLayout& l = view.layout();
    QCOMPARE(l.deployments.size(), std::size_t{1});
    QVERIFY(l.deployments[0].isMonolith);
    QCOMPARE(l.components.size(), std::size_t{2});
    QVERIFY(l.components[0].isModule);
    QCOMPARE(l.edges.size(), std::size_t{1});
    QVERIFY(l.edges[0].inProcess);
    // "cart" is a module of shop: an agent claiming to be service "cart" cannot be placed.
    hub.joined(agentHello("cart", 0, 2));
    QCOMPARE(view.stream().unplaced, std::uint64_t{1});
    QCOMPARE(view.layout().deployments.size(), std::size_t{1});
    QCOMPARE(view.peers(hub.now())[1].deployment, -1);
  }
};

QTEST_GUILESS_MAIN(TestClusterViewLayout)
#include "test_cluster_view_layout.moc"
