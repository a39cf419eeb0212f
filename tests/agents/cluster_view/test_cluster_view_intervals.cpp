// Metrics intervals from cumulative reports: exact merges, new processes, lost reports, gauges,
// chart samples.

#include <QtTest>
#include <random>

#include "hub_stream.h"

using namespace clusterscope;
using namespace clusterscope::testing;
using model::FailureCause;
using model::ReplicaState;

namespace {

double ms(std::int64_t ns) { return static_cast<double>(ns) / 1e6; }

// A cluster of one service "svc" with `n` replicas that joined and reported once (nothing
// counted yet), with the clock started after.
struct OneService : Monitor {
  std::deque<FakeProcess>& replicas = processes;

  explicit OneService(int n) {
    for (int i = 0; i < n; ++i) start(agentHello("svc", i, 100 + i));
    view.restartClock(hub.now());
  }

  const engine::TrafficStats& close() {
    hub.advance(1s);
    const cv::LiveInterval* iv = view.closeInterval(hub.now());
    if (iv == nullptr) qFatal("nothing to close");
    return (*iv->report.components)[0];
  }
};

void checkSameHistogram(const engine::LatencyHistogram& merged,
                        const engine::LatencyHistogram& all) {
  QVERIFY(merged.buckets() == all.buckets());
  QCOMPARE(merged.count(), all.count());
  QCOMPARE(merged.sumNs(), all.sumNs());
  for (double p : {1.0, 50.0, 90.0, 95.0, 99.0, 99.9}) {
    QCOMPARE(merged.percentileNs(p), all.percentileNs(p));
  }
}

}  // namespace

class TestClusterViewIntervals : public QObject {
  Q_OBJECT

 private slots:
  // Three replicas' histograms merged bucket by bucket equal one histogram of all their values.
  void replicasMergeExactly() {
    OneService c(3);
    std::mt19937_64 rng(7);
    std::lognormal_distribution<double> fast(std::log(2e6), 0.3), slow(std::log(20e6), 0.5);
    std::uniform_int_distribution<std::int64_t> wide(100'000'000, 200'000'000);
    for (int round = 0; round < 2; ++round) {
      engine::LatencyHistogram all;
      for (int i = 0; i < 500; ++i) {
        const std::int64_t v[3] = {static_cast<std::int64_t>(fast(rng)),
                                   static_cast<std::int64_t>(slow(rng)), wide(rng)};
        for (int k = 0; k < 3; ++k) {
          c.replicas[static_cast<std::size_t>(k)].serve(v[k]);
          all.record(v[k]);
        }
      }
      for (auto& r : c.replicas) c.hub.update(r);
      const engine::TrafficStats& t = c.close();
      QCOMPARE(t.completed, std::uint64_t{1500});
      checkSameHistogram(t.latency, all);
      if (round == 0) {
        // The first interval holds every value: the extremes are exact.
        QCOMPARE(t.latency.minNs(), all.minNs());
        QCOMPARE(t.latency.maxNs(), all.maxNs());
      } else {
        // Later ones know their extremes to their buckets.
        QCOMPARE(engine::LatencyHistogram::bucketIndex(t.latency.maxNs()),
                 engine::LatencyHistogram::bucketIndex(all.maxNs()));
      }
      const auto s = c.view.snapshot(c.hub.now());
      QCOMPARE(s.components[0].p95Ms, ms(all.percentileNs(95)));
    }
  }

  void newProcessStartsANewBaseline() {
    OneService c(1);
    FakeProcess& p = c.replicas[0];
    for (int i = 0; i < 10; ++i) p.serve(1'000'000);
    c.hub.update(p);
    QCOMPARE(c.close().arrivals, std::uint64_t{10});

    // 5 more, then the process restarts (a new HELLO with another pid) and serves 3.
    for (int i = 0; i < 5; ++i) p.serve(1'000'000);
    c.hub.update(p);
    p.restart();
    c.hub.joined(p.hello());
    for (int i = 0; i < 3; ++i) p.serve(2'000'000);
    c.hub.update(p);
    const engine::TrafficStats& t = c.close();
    QCOMPARE(t.arrivals, std::uint64_t{8});
    QCOMPARE(t.latency.count(), std::uint64_t{8});
    auto peers = c.view.peers(c.hub.now());
    QCOMPARE(peers[0].restarts, std::uint64_t{1});
    QCOMPARE(peers[0].lastInterval.arrivalRps, 8.0);

    // Again without a HELLO: its seq starting over says it.
    for (int i = 0; i < 4; ++i) p.serve(1'000'000);
    c.hub.update(p);
    p.restart();
    for (int i = 0; i < 6; ++i) p.serve(1'000'000);
    c.hub.update(p);
    QCOMPARE(c.close().arrivals, std::uint64_t{10});
    QCOMPARE(c.view.peers(c.hub.now())[0].restarts, std::uint64_t{2});
  }

  void countersGoingBackwardsAreAReset() {
    OneService c(1);
    FakeProcess& p = c.replicas[0];
    for (int i = 0; i < 10; ++i) p.serve(1'000'000);
    c.hub.update(p);
    c.close();
    FakeProcess other(p.hello());
    for (int i = 0; i < 4; ++i) other.serve(1'000'000);
    protocol::Report r = other.report();
    r.seq = 50;  // seq goes on, counts fall: taken as a new process, never as negative counts
    c.hub.update(p.instance(), r);
    const engine::TrafficStats& t = c.close();
    QCOMPARE(t.arrivals, std::uint64_t{4});
    QCOMPARE(t.latency.count(), std::uint64_t{4});
    QCOMPARE(c.view.peers(c.hub.now())[0].counterResets, std::uint64_t{1});
  }

  void lostReportsLoseNothing() {
    OneService c(1);
    FakeProcess& p = c.replicas[0];
    p.serve(1'000'000);
    c.hub.update(p);  // seq 2
    p.serve(1'000'000);
    (void)p.report();  // seq 3 and 4 never arrive
    p.serve(1'000'000);
    (void)p.report();
    p.serve(1'000'000);
    c.hub.update(p);  // seq 5
    QCOMPARE(c.close().arrivals, std::uint64_t{4});
    const auto peers = c.view.peers(c.hub.now());
    QCOMPARE(peers[0].reportsMissed, std::uint64_t{2});
    QCOMPARE(peers[0].lastSeq, std::uint64_t{5});
  }

  void peerFirstSeenMidLifeCountsFromThere() {
    Monitor m;
    cv::ClusterView& view = m.view;
    HubStream& hub = m.hub;
    FakeProcess p(agentHello("svc", 0, 100));
    for (int i = 0; i < 1000; ++i) p.serve(1'000'000);
    for (int i = 0; i < 49; ++i) (void)p.report();
    hub.snapshot({{p.hello(), protocol::Liveness::Joined, "", p.report()}});
    hub.advance(1s);
    QCOMPARE((*view.closeInterval(hub.now())->report.components)[0].arrivals, std::uint64_t{0});
    for (int i = 0; i < 10; ++i) p.serve(1'000'000);
    hub.update(p);
    hub.advance(1s);
    QCOMPARE((*view.closeInterval(hub.now())->report.components)[0].arrivals, std::uint64_t{10});
    QVERIFY(view.stream().snapshotComplete);
  }

  void sequenceGapsAskForASnapshot() {
    OneService c(1);
    FakeProcess& p = c.replicas[0];
    c.view.takeChanges();
    c.hub.dropSeq(3);
    p.serve(1'000'000);
    c.hub.update(p);
    QVERIFY(c.view.takeChanges().resubscribe);
    QCOMPARE(c.view.stream().gaps, std::uint64_t{1});
    // An update from before what was applied is stale.
    p.serve(1'000'000);
    c.hub.send(protocol::Update{c.hub.seq() - 1, p.instance(), p.report()});
    QCOMPARE(c.view.stream().stale, std::uint64_t{1});
    QCOMPARE(c.close().arrivals, std::uint64_t{1});
  }

  void chartSampleAndGaugesFromTheWholeCluster() {
    Monitor m;
    cv::ClusterView& view = m.view;
    HubStream& hub = m.hub;
    hub.cluster(twoServicePlan());
    FakeProcess f0(agentHello("frontend", 0, 1)), f1(agentHello("frontend", 1, 2));
    FakeProcess b0(agentHello("backend", 0, 3)), load(loadgenHello("frontend"));
    FakeProcess broker(brokerHello());
    for (FakeProcess* p : {&f0, &f1, &b0, &load}) {
      hub.joined(p->hello());
      hub.update(*p);
    }
    hub.joined(broker.hello());
    view.restartClock(hub.now());
    protocol::Report br = broker.report();
    br.broker.emplace().queues.push_back(
        {"backend", 7, 0, 30.0, 1, 20, 13, 0, 13, 0});  // backlog 7, published 20, delivered 13
    hub.update(broker.instance(), br);

    f0.setGauges(2, 3, 4);  // busy 2 of 4, 3 queued, for the whole second
    f1.setGauges(0, 0, 4);
    hub.update(f0);
    hub.update(f1);
    engine::LatencyHistogram e2e, edge;
    for (int i = 0; i < 100; ++i) {
      const std::int64_t v = 5'000'000 + i * 100'000;
      load.request(v);
      e2e.record(v);
      f0.serve(v - 1'000'000);
      if (i % 2 == 0) {
        f0.call("backend", v / 2);
        edge.record(v / 2);
      }
    }
    for (int i = 0; i < 5; ++i) load.requestFailed(FailureCause::Timeout);
    load.setInFlight(6);
    hub.update(load);
    hub.update(f0);
    hub.advance(500ms);
    f1.setGauges(4, 0, 4);  // busy 4 of 4 for the second half
    hub.update(f1);
    hub.advance(500ms);
    const cv::LiveInterval* iv = view.closeInterval(hub.now());
    QVERIFY(iv != nullptr);
    QCOMPARE(iv->report.start, model::ClusterTime{0});
    QCOMPARE(iv->report.end, model::ClusterTime{1'000'000'000});

    const model::ChartSample& s = iv->sample;
    QCOMPARE(s.requests.throughputRps, 100.0F);
    QCOMPARE(s.requests.failedRps, 5.0F);
    QCOMPARE(s.requests.failedRatio, static_cast<float>(5.0 / 105.0));
    QCOMPARE(s.requests.failuresByCause[static_cast<int>(FailureCause::Timeout)], 5.0F);
    QCOMPARE(s.requests.p95Ms, static_cast<float>(ms(e2e.percentileNs(95))));
    QCOMPARE(s.requests.p99Ms, static_cast<float>(ms(e2e.percentileNs(99))));
    QCOMPARE(s.requestsInFlight, 6.0);  // 6 in flight for the whole second
    // Busy 2 + (0 then 4) over capacity 8 worker-seconds; 3 queued throughout.
    QCOMPARE(s.components[0].utilization, 0.5F);
    QCOMPARE(s.components[0].meanQueue, 3.0F);
    QCOMPARE(s.components[0].readyReplicas, 2.0F);
    QCOMPARE(s.components[0].throughputRps, 100.0F);
    QCOMPARE(s.components[1].readyReplicas, 1.0F);
    QCOMPARE(s.components[1].backlog, 7.0F);
    QCOMPARE(s.readyReplicas, 3);
    QCOMPARE(s.brokerBacklog, 7.0);
    QCOMPARE(s.brokerLagMs, 30.0);
    QCOMPARE(iv->report.broker.published, std::uint64_t{20});
    QCOMPARE(iv->report.broker.delivered, std::uint64_t{13});
    QCOMPARE((*iv->report.deployments)[0].desiredReplicas, 2);

    const model::ClusterSnapshot snap = view.snapshot(hub.now());
    QCOMPARE(snap.components[0].throughputRps, 100.0);
    QCOMPARE(snap.edges[0].rateRps, 50.0);
    QCOMPARE(snap.edges[0].p95Ms, ms(edge.percentileNs(95)));
    QCOMPARE(snap.deployments[0].utilization, 0.5);
    QCOMPARE(snap.deployments[1].backlog, std::uint64_t{7});
    QCOMPARE(snap.brokerBacklog, std::uint64_t{7});
    QCOMPARE(snap.throughputRps, 100.0);
    QCOMPARE(snap.requestsInFlight, std::uint64_t{6});
    QCOMPARE(snap.arrivalRateRps, 100.0);
    QCOMPARE(view.peers(hub.now())[0].lastInterval.throughputRps, 100.0);
    QVERIFY(snap.brokerUp);
    hub.liveness(broker.instance(), protocol::Liveness::Down, "process exited (signal 9)");
    QVERIFY(!view.snapshot(hub.now()).brokerUp);
  }

  void modulesOfAMonolithAreSeenByTheirCallers() {
    Monitor m;
    cv::ClusterView& view = m.view;
    HubStream& hub = m.hub;
    protocol::Hello shop = agentHello("shop", 0, 1);
    shop.modules = {"cart", "pay"};
    FakeProcess host(shop), load(loadgenHello("cart"));
    hub.joined(host.hello());
    hub.joined(load.hello());
    for (int i = 0; i < 40; ++i) {
      load.request(3'000'000);
      host.serve(2'000'000);
    }
    for (int i = 0; i < 30; ++i) host.call("pay", 1'000'000);
    hub.update(host.instance(), [&] {
      protocol::Report r = host.report();
      r.service->edges[0].from = "cart";
      return r;
    }());
    hub.update(load);
    hub.advance(1s);
    const cv::LiveInterval* iv = view.closeInterval(hub.now());
    const auto& components = *iv->report.components;
    QCOMPARE(components[0].arrivals, std::uint64_t{40});  // cart: the entry, the clients' view
    QCOMPARE(components[1].arrivals, std::uint64_t{30});  // pay: what cart called
    QCOMPARE(components[1].latency.percentileNs(50), std::int64_t{1'000'000});
  }

  void nothingToCloseTwice() {
    OneService c(1);
    QVERIFY(c.view.closeInterval(c.hub.now()) == nullptr);
    QVERIFY(c.view.nextIntervalDue() == c.hub.now() + 1s);
    c.hub.advance(1300ms);
    QVERIFY(c.view.closeInterval(c.hub.now()) != nullptr);
    // A late close does not shift the grid.
    QVERIFY(c.view.nextIntervalDue() == c.hub.now() + 700ms);
  }
};

QTEST_GUILESS_MAIN(TestClusterViewIntervals)
#include "test_cluster_view_intervals.moc"
