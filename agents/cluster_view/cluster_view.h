#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "control_messages.h"
#include "counter_delta.h"
#include "interval_stats.h"
#include "layout_builder.h"
#include "peer_record.h"
#include "view_types.h"

// The live cluster as data: what a monitor receives from the hub (docs/protocol.md: CLUSTER,
// SNAPSHOT, UPDATE, PEER_STATE, and WELCOME for the hub's run id), turned into the types the rest
// of the product speaks: model::ClusterLayout and ClusterDescription, model::ClusterSnapshot,
// engine::IntervalReport (for SummaryCollector, ClaimTracker, IntervalCsvWriter) and
// model::ChartSample. The one place where telemetry is interpreted: `monitor`, `launch` and the
// GUI's LiveBackend all read the cluster through it.
//
// Time is the caller's: every call that depends on it takes `now`, and nothing happens between
// calls (no timers, no threads). Cluster time 0 is the first message applied after construction
// or a reset, or restartClock(). Intervals end when the caller says (closeInterval(now), say
// each time nextIntervalDue() passes).
//
// Counters in reports are cumulative per process, so a lost report loses nothing: an interval
// takes, per peer, the difference between its latest report and its latest at the previous
// close, and adds replicas' histograms bucket by bucket (exactly; percentiles are read from the
// sum, never averaged). A new process (another pid in HELLO, a lower seq, counters that went
// backwards) starts a new baseline at zero after what its predecessor counted is kept.
//
// Bounded: at most ViewOptions::maxPeers peers and kMaxItems of each layout entry; input that
// names what the view does not know is counted (stream()) and dropped. Not thread-safe: one
// thread owns a view; results are copies or references valid until its next non-const call.
namespace clusterscope::agents::cluster_view {

class ClusterView {
 public:
  explicit ClusterView(ViewOptions options = {});

  // --- Input, in the order received. WELCOME, CLUSTER, SNAPSHOT, UPDATE and PEER_STATE are
  // read; other messages are ignored. Pass by value: move a decoded message in to spare a copy.
  void apply(protocol::ControlMessage message, Instant now);
  // What changed since the last call.
  ViewChanges takeChanges();

  // --- The cluster. References stay valid until the next non-const call.
  const model::ClusterLayout& layout() const { return layout_.layout(); }
  const model::ClusterDescription& description() const { return layout_.description(); }
  // The launcher's plan in force; none for a cluster of agents started by hand.
  const std::optional<protocol::ClusterPlan>& plan() const { return layout_.plan(); }
  // Everything at `now`: every replica's state (the hub's liveness, then its reported state; a
  // planned replica that has not joined is Pending, one that left is left out), placement,
  // gauges and slow factor from its latest report; rates, percentiles, utilisation and
  // end-to-end figures from the last closed interval (zero before the first); edges' modes,
  // calls in flight and breakers now; broker up, backlog and lag now. Indexed as layout().
  model::ClusterSnapshot snapshot(Instant now) const;
  // Every peer the view remembers, in the order they were first seen.
  std::vector<PeerHealth> peers(Instant now) const;
  const StreamFacts& stream() const { return stream_; }
  // Nanoseconds since cluster time 0; 0 before the clock started.
  model::ClusterTime clusterTime(Instant now) const;

  // --- Intervals.
  // When the interval in progress is due to close: the clock's start plus a whole number of
  // intervals, so that a late close does not shift the ones after it. Instant::max() before
  // the clock started.
  Instant nextIntervalDue() const;
  // Closes the interval in progress at `now` and starts the next: null when `now` is not
  // after its start (nothing to close). The result is valid until the next non-const call.
  const LiveInterval* closeInterval(Instant now);
  // The last interval closed, or null.
  const LiveInterval* lastInterval() const { return closed_ ? &interval_ : nullptr; }
  // Cluster time 0 is now, for a run that starts after its processes joined (`launch`): the
  // interval in progress is dropped, counts before now are left out. Layout and peers stay.
  void restartClock(Instant now);

 private:
  // cluster_view.cpp: the stream.
  void applyWelcome(const protocol::Welcome& m, Instant now);
  void applyCluster(const protocol::Cluster& m, Instant now);
  void applySnapshot(protocol::Snapshot& m, Instant now);
  void applyUpdate(protocol::Update& m, Instant now);
  void applyPeerState(protocol::PeerState& m, Instant now);
  bool acceptSeq(std::uint64_t seq);
  void resetCluster(const protocol::ClusterPlan* plan, bool keepPeers, Instant now);
  void startClock(Instant now);
  // peer_table.cpp: peers.
  PeerRecord* findPeer(const std::string& instance);
  PeerRecord* upsertPeer(const protocol::Hello& hello, Instant now);
  bool evictOnePeer();
  void setLiveness(PeerRecord& peer, protocol::Liveness liveness, std::string reason, Instant now);
  void ingestReport(PeerRecord& peer, protocol::Report report, Instant now);
  void startNewProcess(PeerRecord& peer);
  void resolveEdges(PeerRecord& peer);
  void touch(PeerRecord& peer, Instant now);
  void refreshGauges(PeerRecord& peer);
  // view_intervals.cpp: counting.
  // Adds what `peer` counted since its baseline to the interval in progress. At a close
  // (`closingSeconds` > 0) its own figures become its lastInterval; otherwise (a process that
  // ended) they wait for the close.
  void accumulate(PeerRecord& peer, double closingSeconds);
  void accumulateService(PeerRecord& peer, const protocol::ServiceTelemetry& now,
                         const protocol::ServiceTelemetry* base);
  void accumulateBroker(const protocol::BrokerTelemetry& now,
                        const protocol::BrokerTelemetry* base);
  void keepPeerFigures(PeerRecord& peer, double closingSeconds);
  void finishInterval(IntervalStats& stats) const;
  void keepLastViews();
  // view_snapshot.cpp
  void addReplicaViews(model::ClusterSnapshot& s) const;

  ViewOptions options_;
  LayoutBuilder layout_;
  std::vector<PeerRecord> peers_;
  std::unordered_map<std::string, std::size_t> peerIndex_;
  StreamFacts stream_;
  ViewChanges changes_;

  bool seqKnown_ = false;
  std::uint64_t snapshotSeq_ = 0;
  std::int64_t snapshotNextPart_ = 0;  // 0: no snapshot in progress
  std::int64_t snapshotParts_ = 0;
  std::unordered_set<std::string> inSnapshot_;

  bool clockStarted_ = false;
  Instant origin_{};
  Instant intervalStart_{};
  IntervalStats open_;         // the interval in progress
  IntervalStats closedStats_;  // the last one closed, which interval_ points into
  LiveInterval interval_;
  bool closed_ = false;
  // The last interval's rates and percentiles as snapshots show them, computed once per close.
  model::ComponentView lastRequests_;  // end to end
  std::vector<model::ComponentView> lastComponents_;
  std::vector<model::EdgeView> lastEdges_;
  TrafficDelta scratchDelta_, scratchEdgeDelta_;
  engine::LatencyHistogram scratchHistogram_;
};

}  // namespace clusterscope::agents::cluster_view
