#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "control_messages.h"
#include "interval_stats.h"
#include "layout_builder.h"
#include "view_types.h"

// What the view keeps of one peer (internal to the library).

namespace clusterscope::agents::cluster_view {

struct PeerRecord {
  protocol::Hello hello;
  protocol::Liveness liveness = protocol::Liveness::Joined;
  std::string reason;
  Placement at;

  // Counters are differences latest − baseline. The baseline moves to the latest at each
  // interval's close; null means zero (a process seen from its start). Both are shared, so
  // that moving the baseline copies nothing.
  std::shared_ptr<const protocol::Report> latest;
  std::shared_ptr<const protocol::Report> baseline;
  // The next report starts a new process: its counters count from zero whatever its seq.
  bool fresh = false;
  std::vector<int> edgeIndex;  // the layout edge of each of latest->service->edges; -1: unknown

  Gauges gauges;        // held since `touchedAt`
  Instant touchedAt{};  // the gauges are integrated up to here
  Instant lastReportAt{};
  Instant goneAt{};  // when it went down or left: who is evicted first

  std::uint64_t reports = 0;
  std::uint64_t missed = 0;
  std::uint64_t restarts = 0;
  std::uint64_t counterResets = 0;
  // Counts of processes that ended within the open interval (a restart), added at its close.
  std::uint64_t foldedArrivals = 0, foldedCompleted = 0, foldedFailed = 0;
  PeerInterval lastInterval;

  bool gone() const {
    return liveness == protocol::Liveness::Down || liveness == protocol::Liveness::Left;
  }
};

// What the snapshot shows: liveness first, then the reported state; a peer that joined and has
// not reported yet is starting.
model::ReplicaState displayState(const PeerRecord& peer);

}  // namespace clusterscope::agents::cluster_view
