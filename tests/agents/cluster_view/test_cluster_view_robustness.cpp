// Bad or surprising input: peers never announced, full tables, snapshots out of order, names the
// layout lacks. Counted, dropped, never a crash, memory bounded.

#include <QtTest>

#include "hub_stream.h"

using namespace clusterscope;
using namespace clusterscope::testing;
using protocol::Liveness;

class TestClusterViewRobustness : public QObject {
  Q_OBJECT

 private slots:
  void reportOfAPeerNeverAnnounced() {
    Monitor m;
    cv::ClusterView& view = m.view;
    HubStream& hub = m.hub;
    FakeProcess ghost(agentHello("ghost", 0, 1));
    ghost.serve(1'000'000);
    hub.update(ghost);
    hub.liveness("ghost#0", Liveness::Down);
    QCOMPARE(view.stream().unknownPeers, std::uint64_t{2});
    QVERIFY(view.peers(hub.now()).empty());
    QVERIFY(view.layout().components.empty());
    hub.advance(1s);
    QVERIFY(view.closeInterval(hub.now()) != nullptr);
  }

  void thousandsOfPeersStayBounded() {
    cv::ViewOptions options;
    options.maxPeers = 64;
    Monitor m(nullptr, options);
    cv::ClusterView& view = m.view;
    HubStream& hub = m.hub;
    for (int i = 0; i < 1000; ++i) hub.joined(agentHello("svc" + std::to_string(i), 0, i + 1));
    QCOMPARE(view.peers(hub.now()).size(), std::size_t{64});
    QCOMPARE(view.stream().refusedPeers, std::uint64_t{936});
    QCOMPARE(view.layout().deployments.size(), std::size_t{64});
    // A peer that went down makes room: the newcomer takes its place.
    hub.liveness("svc3#0", Liveness::Down);
    hub.joined(agentHello("late", 0, 5000));
    const auto peers = view.peers(hub.now());
    QCOMPARE(peers.size(), std::size_t{64});
    QCOMPARE(peers.back().hello.instance, std::string("late#0"));
    QCOMPARE(view.stream().refusedPeers, std::uint64_t{936});
  }

  void layoutStopsAtTheProtocolsLimit() {
    cv::ViewOptions options;
    options.maxPeers = 6000;
    Monitor m(nullptr, options);
    cv::ClusterView& view = m.view;
    HubStream& hub = m.hub;
    for (int i = 0; i < 5000; ++i) hub.joined(agentHello("s" + std::to_string(i), 0, i + 1));
    QCOMPARE(view.layout().components.size(), protocol::kMaxItems);
    QCOMPARE(view.layout().deployments.size(), protocol::kMaxItems);
    QCOMPARE(view.peers(hub.now()).size(), std::size_t{5000});
    QCOMPARE(view.stream().unplaced, std::uint64_t{5000 - protocol::kMaxItems});
    const auto s = view.snapshot(hub.now());
    QCOMPARE(s.deployments.size(), protocol::kMaxItems);
  }

  void snapshotPartsOutOfOrder() {
    Monitor m;
    cv::ClusterView& view = m.view;
    HubStream& hub = m.hub;
    view.takeChanges();
    protocol::Snapshot part2;
    part2.seq = 10;
    part2.part = 2;
    part2.parts = 2;
    part2.peers.push_back({agentHello("a", 0, 1), Liveness::Joined, "", std::nullopt});
    hub.send(part2);
    QVERIFY(view.takeChanges().resubscribe);
    QVERIFY(!view.stream().snapshotComplete);
    QVERIFY(view.peers(hub.now()).empty());

    // In parts, in order: every peer, and those the hub no longer has are gone.
    std::vector<protocol::PeerEntry> entries;
    for (int i = 0; i < 250; ++i) {
      entries.push_back(
          {agentHello("s" + std::to_string(i), 0, i + 1), Liveness::Joined, "", std::nullopt});
    }
    hub.snapshot(entries, nullptr, 100);
    QVERIFY(view.stream().snapshotComplete);
    QCOMPARE(view.peers(hub.now()).size(), std::size_t{250});
    entries.resize(200);
    hub.snapshot(entries, nullptr, 100);
    const auto peers = view.peers(hub.now());
    QCOMPARE(peers[249].liveness, Liveness::Left);
    QCOMPARE(peers[199].liveness, Liveness::Joined);
  }

  void namesTheLayoutLacks() {
    const protocol::ClusterPlan plan = twoServicePlan();
    Monitor m(&plan);
    cv::ClusterView& view = m.view;
    HubStream& hub = m.hub;
    FakeProcess f0(agentHello("frontend", 0, 1));
    hub.joined(f0.hello());
    f0.call("nowhere", 1'000'000);  // a callee nobody announced
    f0.serve(2'000'000);
    hub.update(f0);
    QCOMPARE(view.stream().unknownEdges, std::uint64_t{1});
    QCOMPARE(view.layout().edges.size(), std::size_t{1});

    FakeProcess broker(brokerHello());
    hub.joined(broker.hello());
    protocol::Report r = broker.report();
    r.broker.emplace().queues.push_back({"unknown-service", 5, 0, 0.0, 0, 5, 0, 0, 0, 0});
    hub.update(broker.instance(), r);
    hub.advance(1s);
    const cv::LiveInterval* iv = view.closeInterval(hub.now());
    QCOMPARE((*iv->report.components)[0].completed, std::uint64_t{1});
    QCOMPARE(iv->report.broker.backlog, std::uint64_t{5});  // the broker's, if no deployment's
    QCOMPARE((*iv->report.deployments)[0].backlog, std::uint64_t{0});
    QCOMPARE((*iv->report.deployments)[1].backlog, std::uint64_t{0});
  }

  void histogramThatWouldGoNegative() {
    Monitor m;
    cv::ClusterView& view = m.view;
    HubStream& hub = m.hub;
    FakeProcess p(agentHello("svc", 0, 1));
    hub.joined(p.hello());
    for (int i = 0; i < 10; ++i) p.serve(5'000'000);
    hub.update(p);
    hub.advance(1s);
    QVERIFY(view.closeInterval(hub.now()) != nullptr);
    // Counts that rise while one bucket falls: a broken sender. Nothing negative is counted.
    protocol::Report r = p.report();
    r.service->arrivals += 5;
    r.service->completed += 5;
    r.service->latency.buckets.front().count -= 3;
    r.service->latency.buckets.push_back({2000, 8});
    r.service->latency.maxNs = engine::LatencyHistogram::bucketLowerBound(2000);
    hub.update(p.instance(), r);
    hub.advance(1s);
    const engine::TrafficStats& t = (*view.closeInterval(hub.now())->report.components)[0];
    QCOMPARE(t.completed, std::uint64_t{5});
    QCOMPARE(t.latency.count(), std::uint64_t{8});  // the fallen bucket adds nothing
    QVERIFY(view.peers(hub.now())[0].counterResets >= 1);
  }

  void otherMessagesAreIgnored() {
    cv::ClusterView view;
    HubStream hub(view);
    hub.send(protocol::Routes{});
    hub.send(protocol::ErrorMessage{"unknown_peer", ""});
    hub.send(protocol::CommandResult{1, true, ""});
    QCOMPARE(view.stream().messages, std::uint64_t{3});
    QVERIFY(!view.takeChanges().any());
  }
};

QTEST_GUILESS_MAIN(TestClusterViewRobustness)
#include "test_cluster_view_robustness.moc"
