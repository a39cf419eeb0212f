#pragma once

#include <cstdint>
#include <vector>

#include "cluster_layout.h"
#include "sim_time.h"
#include "traffic_stats.h"

namespace clusterscope::engine {

// One deployment (a service and its replicas) over one interval.
struct DeploymentIntervalStats {
  double busyWorkerSeconds = 0.0;      // integral of busy workers
  double capacityWorkerSeconds = 0.0;  // integral of workers on ready and draining replicas
  double queuedTaskSeconds = 0.0;      // integral of tasks waiting in replica queues
  int readyReplicas = 0;               // at the end of the interval
  int liveReplicas = 0;                // starting, ready or draining
  int desiredReplicas = 0;
  int queued = 0;
  int busyWorkers = 0;
  std::uint64_t backlog = 0;  // broker messages waiting for it, at the end of the interval
  double cores = 0.0;         // reserved by its live replicas at the end of the interval

  double utilization() const {
    return capacityWorkerSeconds > 0 ? busyWorkerSeconds / capacityWorkerSeconds : 0.0;
  }
};

struct BrokerIntervalStats {
  std::uint64_t published = 0;    // accepted by the broker
  std::uint64_t delivered = 0;    // handed to a consumer
  std::uint64_t rejected = 0;     // refused: broker down or full
  std::uint64_t redelivered = 0;  // returned to the backlog by a consumer that died
  std::uint64_t backlog = 0;      // at the end of the interval
  std::uint64_t maxBacklog = 0;
  double maxLagMs = 0.0;  // oldest waiting message's age, largest seen
  bool up = true;
};

// What the engine tells observers at the end of each metrics interval [start, end).
// The pointers and vectors are owned by the engine and valid only during the callback: copy
// what you keep. Component, edge and deployment vectors are indexed as in `layout`.
struct IntervalReport {
  SimTime start = 0;
  SimTime end = 0;
  const model::ClusterLayout* layout = nullptr;
  const TrafficStats* requests = nullptr;  // end to end, arrivals = requests sent
  const std::vector<TrafficStats>* components = nullptr;
  const std::vector<TrafficStats>* edges = nullptr;  // calls as the caller saw them
  const std::vector<DeploymentIntervalStats>* deployments = nullptr;
  BrokerIntervalStats broker;
  double requestSecondsInSystem = 0.0;  // integral of requests in flight (Little's law)
  double coreSeconds = 0.0;             // integral of cores provisioned
  std::uint64_t requestsInFlight = 0;   // at the end of the interval

  double seconds() const { return simToSeconds(end - start); }
};

}  // namespace clusterscope::engine
