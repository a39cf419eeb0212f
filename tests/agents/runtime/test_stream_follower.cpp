// A monitor following the hub's stream: parts reassembled in order, stale messages ignored,
// the next sequence number delivered, a missing part or number asks for a new subscription.

#include <QtTest>

#include "stream_follower.h"

using namespace clusterscope::agents;
namespace p = clusterscope::agents::protocol;
using V = StreamFollower::Verdict;

namespace {

p::Snapshot part(std::uint64_t seq, std::int64_t part, std::int64_t parts,
                 std::vector<std::string> instances) {
  p::Snapshot s;
  s.seq = seq;
  s.part = part;
  s.parts = parts;
  for (auto& i : instances) {
    p::PeerEntry e;
    e.hello.instance = i;
    s.peers.push_back(e);
  }
  if (part == 1) s.cluster = p::ClusterPlan{};
  return s;
}

}  // namespace

class TestStreamFollower : public QObject {
  Q_OBJECT

 private slots:
  void partsThenTheStreamInSequence() {
    StreamFollower f;
    QCOMPARE(f.onStream(3), V::Ignore);  // not subscribed
    f.restart();
    QCOMPARE(f.onStream(9), V::Ignore);  // before the snapshot: it covers these
    QCOMPARE(f.onSnapshotPart(part(10, 2, 3, {"x"})), V::Ignore);  // an older snapshot's tail
    QCOMPARE(f.onSnapshotPart(part(10, 1, 3, {"a", "b"})), V::Ignore);
    QCOMPARE(f.onSnapshotPart(part(10, 2, 3, {"c"})), V::Ignore);
    QCOMPARE(f.onSnapshotPart(part(10, 3, 3, {"d"})), V::Complete);
    QVERIFY(f.following());
    const HubSnapshot s = f.takeSnapshot();
    QCOMPARE(s.seq, std::uint64_t{10});
    QCOMPARE(s.peers.size(), std::size_t{4});
    QCOMPARE(s.peers[3].hello.instance, std::string("d"));
    QVERIFY(s.cluster.has_value());
    QCOMPARE(f.onStream(10), V::Ignore);  // already in the snapshot
    QCOMPARE(f.onStream(11), V::Deliver);
    QCOMPARE(f.onStream(12), V::Deliver);
    QCOMPARE(f.onStream(12), V::Ignore);
    QCOMPARE(f.gaps(), std::uint64_t{0});
  }

  void aGapAsksForANewSubscription() {
    StreamFollower f;
    f.restart();
    QCOMPARE(f.onSnapshotPart(part(5, 1, 1, {"a"})), V::Complete);
    QCOMPARE(f.onStream(6), V::Deliver);
    QCOMPARE(f.onStream(8), V::Resubscribe);
    QCOMPARE(f.gaps(), std::uint64_t{1});
    QCOMPARE(f.onStream(9), V::Ignore);  // until the owner subscribes again
    f.restart();
    QCOMPARE(f.onSnapshotPart(part(20, 1, 1, {"a"})), V::Complete);
    QCOMPARE(f.onStream(21), V::Deliver);
  }

  void aMissingPartAsksForANewSubscription() {
    StreamFollower f;
    f.restart();
    QCOMPARE(f.onSnapshotPart(part(5, 1, 3, {"a"})), V::Ignore);
    QCOMPARE(f.onSnapshotPart(part(5, 3, 3, {"c"})), V::Resubscribe);
    f.restart();
    QCOMPARE(f.onSnapshotPart(part(7, 1, 2, {"a"})), V::Ignore);
    QCOMPARE(f.onStream(8), V::Resubscribe);  // the stream went on: part 2 was dropped
    QCOMPARE(f.gaps(), std::uint64_t{2});
  }

  void aNewerSnapshotReplacesTheStream() {
    StreamFollower f;
    f.restart();
    QCOMPARE(f.onSnapshotPart(part(5, 1, 1, {"a"})), V::Complete);
    f.takeSnapshot();
    QCOMPARE(f.onStream(6), V::Deliver);
    // A second SUBSCRIBE's answer (two WELCOMEs, say) starts the stream over.
    QCOMPARE(f.onSnapshotPart(part(9, 1, 1, {"a", "b"})), V::Complete);
    QCOMPARE(f.takeSnapshot().peers.size(), std::size_t{2});
    QCOMPARE(f.onStream(10), V::Deliver);
    f.reset();
    QVERIFY(!f.following());
    QCOMPARE(f.onSnapshotPart(part(11, 1, 1, {"a"})), V::Ignore);
  }
};

QTEST_APPLESS_MAIN(TestStreamFollower)
#include "test_stream_follower.moc"
