#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "failure_cause.h"
#include "lesson.h"
#include "simulation_observer.h"
#include "traffic_stats.h"

namespace clusterscope::engine {

struct LatencySummary {  // milliseconds
  double mean = 0, p50 = 0, p95 = 0, p99 = 0, max = 0;
};

struct TrafficSummary {
  std::uint64_t arrivals = 0;
  std::uint64_t completed = 0;
  std::uint64_t failed = 0;
  model::FailureCounts failures;
  double failedRatio = 0.0;
  double throughputRps = 0.0;
  LatencySummary latencyMs;
};

struct ServiceSummary {
  std::string name;
  std::string host;  // the deployment (differs from name for a monolith's module)
  bool isModule = false;
  TrafficSummary traffic;
  double utilization = 0.0;  // of the host's workers
  double meanQueue = 0.0;
};

struct EdgeSummary {
  std::string from;
  std::string to;
  model::CallMode mode = model::CallMode::Sync;
  TrafficSummary traffic;  // arrivals = calls made (attempts and publishes)
};

struct BrokerSummary {
  std::uint64_t published = 0, delivered = 0, rejected = 0, redelivered = 0;
  std::uint64_t maxBacklog = 0;
  double maxLagMs = 0.0;
};

// Everything a run produced after its warm-up.
struct RunSummary {
  std::string scenario;
  std::uint64_t seed = 0;
  std::string mode;  // "sync"/"async" when forced, else empty
  double simTimeS = 0.0;
  double measuredS = 0.0;  // sim time after warm-up
  double wallTimeS = 0.0;
  std::uint64_t events = 0;
  // Real processes (clusterscope-cli launch): simTimeS was real traffic and `events` counts the
  // reports received. Only the text report words it differently.
  bool realProcesses = false;
  std::string stopReason;  // why the run stopped before its end; empty when it ran to the end
  TrafficSummary requests;
  double meanRequestsInSystem = 0.0;
  double meanCores = 0.0;
  std::vector<ServiceSummary> services;  // in ClusterLayout component order
  std::vector<EdgeSummary> edges;
  BrokerSummary broker;
  std::vector<model::QuestionOutcome> questions;  // the lesson's questions, in lesson order
};

TrafficSummary summarizeTraffic(const TrafficStats& stats, double seconds);

// Accumulates every interval that starts after the warm-up (the engine puts an interval
// boundary on the warm-up's end).
class SummaryCollector : public SimulationObserver {
 public:
  explicit SummaryCollector(SimTime warmupEnd) : warmupEnd_(warmupEnd) {}
  void onIntervalClosed(const IntervalReport& report) override;
  // The summary so far; the caller fills in scenario, seed, wall time and events.
  RunSummary summary() const;

 private:
  SimTime warmupEnd_;
  std::optional<model::ClusterLayout> layout_;  // a copy: the report's pointer dies with the engine
  double seconds_ = 0.0;
  TrafficStats requests_;
  std::vector<TrafficStats> components_;
  std::vector<TrafficStats> edges_;
  std::vector<double> busy_, capacity_, queued_;
  BrokerSummary broker_;
  double requestSeconds_ = 0.0;
  double coreSeconds_ = 0.0;
  SimTime lastEnd_ = 0;
};

}  // namespace clusterscope::engine
