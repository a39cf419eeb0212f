#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cluster_view.h"

// A live cluster as `monitor` shows it and `launch` sums it up each second: every service and
// each of its replicas (state, rates and latencies of the last closed interval, queue), the
// broker, the other processes. Built from a ClusterView at one instant; then printed as a
// table for people or as one JSON line for scripts. Pure functions, any thread.

namespace clusterscope::cli {

struct Figures {
  double arrivalRps = 0.0;
  double throughputRps = 0.0;
  double failedRps = 0.0;
  double failedRatio = 0.0;
  double p50Ms = 0.0, p95Ms = 0.0, p99Ms = 0.0;
};

struct ReplicaRow {
  std::string instance;
  int replica = -1;
  std::string state;     // ready, starting, draining, suspect, down, left, pending
  std::string liveness;  // joined, suspect, down, left; empty: never joined
  std::string reason;    // the hub's last word on it ("process exited (signal 9)")
  std::string node;
  std::int64_t pid = 0;
  std::string language;
  Figures figures;
  int queued = 0;
  int busy = 0;
  int workers = 0;
  double slowFactor = 1.0;     // the service-time factor in force
  double sinceReportS = -1.0;  // negative: no report yet
};

struct ServiceRow {
  std::string name;
  int ready = 0;    // replicas that serve now
  int planned = 0;  // in the launcher's plan (0: none)
  Figures figures;
  int queued = 0;
  std::uint64_t backlog = 0;  // broker messages waiting for it
  std::vector<ReplicaRow> replicas;
};

struct OtherRow {  // broker, load generator, launcher, monitors
  std::string instance;
  std::string role;
  std::string state;
  std::int64_t pid = 0;
};

struct LiveTable {
  double timeS = 0.0;  // cluster time
  std::string hub;     // the hub run's id; empty: not connected yet
  std::string scenario;
  Figures requests;  // end to end, the load generator's view
  std::uint64_t inFlight = 0;
  std::vector<ServiceRow> services;
  bool broker = false;  // a broker joined
  bool brokerUp = true;
  std::uint64_t brokerBacklog = 0;
  double brokerLagMs = 0.0;
  std::vector<OtherRow> others;
};

LiveTable makeLiveTable(const agents::cluster_view::ClusterView& view,
                        agents::cluster_view::Instant now);

// Fixed-width lines for a terminal, one per service then one per replica.
std::string formatLiveTable(const LiveTable& table);
// One line of JSON (no newline): {"time_s":..,"hub":..,"requests":{..},"services":{..},..}.
std::string liveTableJson(const LiveTable& table);
// launch's status line: "12/60 s  297 req/s  p95 23.4 ms  failed 0.0 %  9/9 ready".
std::string liveStatusLine(const LiveTable& table, double durationS);

}  // namespace clusterscope::cli
