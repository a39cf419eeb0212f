#pragma once

// What queueing theory predicts for one component as the cluster stands now, beside what is
// measured: which classic queue it is, or why no formula applies. Computed by the theory
// library (sim-engine/theory) from a scenario; carried in snapshots so that views show it
// without knowing where it came from.

namespace clusterscope::model {

enum class QueueModel { None, MM1, MMc, MD1, MG1 };

// Why no formula applies; None when one does. The order is the order of the checks.
enum class NoTheoryReason {
  None,
  ClosedWorkload,      // users wait for answers: arrivals depend on the latency itself
  NonPoissonArrivals,  // constant (evenly spaced) arrivals
  Monolith,            // its modules' work and in-process calls share one worker
  MakesSyncCalls,      // its time includes the wait for what it calls
  ReceivesMessages,    // fed by the broker: a shared backlog, and messages go after requests
  NoReadyReplica,
  UnevenReplicas,      // its ready replicas run at different speeds
  ManyWorkersGeneral,  // several workers with a non-exponential service time
  Saturated,           // rho >= 1: the queue grows without bound
  QueueFillsUp,        // a finite queue that is likely to be full
  NotInScenario,       // a component the scenario does not declare
};

struct ComponentTheory {
  NoTheoryReason reason = NoTheoryReason::None;
  QueueModel model = QueueModel::None;
  int servers = 1;              // workers per replica: the c of M/M/c
  double arrivalRps = 0.0;      // per replica, lambda
  double serviceMs = 0.0;       // mean service time now, slow factor included
  double utilization = 0.0;     // rho = lambda * S / c (also given when saturated)
  double meanWaitMs = 0.0;      // in the queue
  double meanResponseMs = 0.0;  // queue + service: what services.NAME.latency_ms measures
  // Exact response-time percentiles; 0 where the model has none in closed form (all but M/M/1).
  double p50Ms = 0.0;
  double p95Ms = 0.0;
  double p99Ms = 0.0;
  double queueFullChance = 0.0;  // with a queue capacity: the chance an arrival finds it full
  // The formula assumes something the cluster only approaches: arrivals that come out of
  // other queues (only the entry's are truly Poisson), or a split over replicas that is not a
  // random one (round robin makes each replica's arrivals more regular than Poisson).
  bool approximate = false;

  bool applies() const { return reason == NoTheoryReason::None; }
  bool operator==(const ComponentTheory&) const = default;
};

}  // namespace clusterscope::model
