#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "chart_sample.h"
#include "cluster_snapshot.h"
#include "control_messages.h"
#include "interval_report.h"
#include "protocol_limits.h"

// The plain values ClusterView takes and gives (cluster_view.h has the class).

namespace clusterscope::agents::cluster_view {

// The caller's clock. Everything time-dependent (liveness ages, interval ends, the integrals of
// gauges) is measured on it, never on a sender's clock: reports carry the sender's monotonic
// time, which means nothing on another machine.
using Clock = std::chrono::steady_clock;
using Instant = Clock::time_point;

struct ViewOptions {
  // The metrics interval nextIntervalDue() aims at. Intervals end when the caller closes them.
  Clock::duration interval = std::chrono::seconds(1);
  // Peers remembered at once (hub, launcher and monitors included). A newcomer beyond this
  // evicts the peer that left or went down longest ago, or is refused if none has.
  std::size_t maxPeers = protocol::kMaxItems;
};

// What changed since the last ClusterView::takeChanges(). `reset` and `shapeChanged` are what a
// ClusterBackend emits as clusterReset and layoutChanged.
struct ViewChanges {
  // A new cluster: a new hub run (WELCOME's `hub` differs), or a CLUSTER plan unlike the one in
  // force. Layout, description, cluster time and intervals start over; indexes from before mean
  // nothing now.
  bool reset = false;
  // The same cluster in a new shape: a deployment, component, edge or node was added (a peer
  // nobody planned joined, or a call appeared). Indexes from before keep their meaning: the
  // layout only grows. An edge's mode changing is not a shape change (the snapshot says it).
  bool shapeChanged = false;
  // The hub's sequence skipped numbers, or a snapshot arrived out of order: send SUBSCRIBE
  // again (docs/protocol.md, "When the hub restarts"). Nothing counted is lost meanwhile.
  bool resubscribe = false;

  bool any() const { return reset || shapeChanged || resubscribe; }
};

// The stream from the hub as a whole, for a monitor's status line.
struct StreamFacts {
  std::string hub;                 // the hub run's id from the last WELCOME; empty: none yet
  std::uint64_t seq = 0;           // the last sequence number applied
  bool snapshotComplete = false;   // every part of the last SNAPSHOT arrived
  std::uint64_t messages = 0;      // messages applied
  std::uint64_t reports = 0;       // REPORTs applied (from UPDATE and SNAPSHOT)
  std::uint64_t gaps = 0;          // times the sequence skipped numbers
  std::uint64_t stale = 0;         // messages at or below the sequence already applied: ignored
  std::uint64_t unknownPeers = 0;  // UPDATE or PEER_STATE for an instance never announced
  std::uint64_t refusedPeers = 0;  // newcomers refused: the table was full of live peers
  std::uint64_t unplaced = 0;      // HELLOs of agents whose service cannot be placed
  // Edges in reports (each report counts) whose callee nobody announced: left out until it
  // joins.
  std::uint64_t unknownEdges = 0;
  Instant lastMessageAt{};  // when the last message was applied; epoch: never
};

// One peer's own figures over the last closed interval: a service replica's requests, or the
// load generator's (arrivals are its sends). Zero for other roles and silent peers.
struct PeerInterval {
  double arrivalRps = 0.0;
  double throughputRps = 0.0;  // completed per second
  double failedRps = 0.0;
  double p50Ms = 0.0;  // of completed requests; 0 when none completed
  double p95Ms = 0.0;
  double p99Ms = 0.0;
};

// What a monitor shows of one peer: liveness, freshness, lost reports, restarts.
struct PeerHealth {
  protocol::Hello hello;                                     // as last announced
  protocol::Liveness liveness = protocol::Liveness::Joined;  // the hub's verdict
  std::string reason;                                        // the hub's last reason
  // As the snapshot shows it: liveness, then the reported state (Removed: it left).
  model::ReplicaState state = model::ReplicaState::Starting;
  int deployment = -1;  // its deployment in layout(); -1: not a service replica, or unplaceable
  bool inPlan = false;  // a replica the plan counted
  std::uint64_t reports = 0;        // reports applied from this peer
  std::uint64_t lastSeq = 0;        // of its latest report; 0: none yet
  std::uint64_t reportsMissed = 0;  // sequence gaps: lost on the way or skipped by the hub
  std::uint64_t restarts = 0;       // new processes: another pid in HELLO, or a lower seq
  // Counters that went backwards with neither sign of a restart: taken as a restart (the
  // counts start again from zero), as Prometheus takes a counter reset.
  std::uint64_t counterResets = 0;
  // Time since its latest report on the caller's clock; negative: no report yet.
  Clock::duration sinceLastReport{-1};
  PeerInterval lastInterval;
};

// One closed metrics interval. Owned by the ClusterView; valid until the next non-const call
// on it. Copy what you keep.
struct LiveInterval {
  // For SummaryCollector, ClaimTracker, IntervalCsvWriter and any SimulationObserver: times
  // are cluster time (nanoseconds since the cluster's clock started), vectors indexed as
  // `*report.layout`, the view's layout when the interval closed.
  //   requests     the load generators' view, end to end (arrivals = sent)
  //   components   a service: its replicas' reports merged; a module of a monolith with
  //                several: the calls into it as its callers saw them (the protocol does not
  //                split a monolith's own figures by module), plus the load generators'
  //                requests if it is the entry
  //   edges        each call edge as its callers saw it
  //   deployments  busy, capacity and queued integrals of the reported gauges on the
  //                caller's clock; desired: the plan's count (else the live replicas); cores: the live
  //                replicas times the plan's cores per replica
  //   broker       the queues' counters and gauges (published, delivered, rejected,
  //                redelivered, backlog, largest backlog and lag seen); up: every broker
  //                joined and up
  //   coreSeconds  the cores at the interval's end times its length
  engine::IntervalReport report;
  model::ChartSample sample;  // engine::makeChartSample(report)
};

}  // namespace clusterscope::agents::cluster_view
