#pragma once

#include <array>
#include <vector>

#include "failure_cause.h"

// What the charts draw, one sample per closed metrics interval: small and copyable. A back end
// reduces whatever it measures (the engine's interval report, agents' telemetry) to this;
// views never see where it came from.

namespace clusterscope::model {

using FailureRates = std::array<float, kFailureCauseCount>;  // per second, by cause

// One scope: end to end, or one component. Single precision: these are plotted, never
// computed with, and an hour of a 200-service cluster holds 720,000 of them.
struct ScopeSample {
  float arrivalRps = 0.0F;
  float throughputRps = 0.0F;  // completed per second
  float failedRps = 0.0F;
  float failedRatio = 0.0F;
  float p50Ms = 0.0F;  // of completed requests; 0 when none completed
  float p95Ms = 0.0F;
  float p99Ms = 0.0F;
  float meanMs = 0.0F;  // of completed requests; 0 when none completed
  FailureRates failuresByCause{};
  float meanQueue = 0.0F;      // components only: tasks waiting in the host's queues
  float utilization = 0.0F;    // components only: the host's busy share of workers
  float readyReplicas = 0.0F;  // components only: the host's ready replicas
  float backlog = 0.0F;        // components only: broker messages waiting for the host
  float cores = 0.0F;          // components only: cores the host's replicas reserve
  // Components only: what queueing theory predicts for the cluster as it stood at the end of
  // the interval (component_theory.h); below 0 where no formula applies or none was computed.
  float theoryMeanMs = -1.0F;
  float theoryUtilization = -1.0F;
};

struct ChartSample {
  double startS = 0.0;
  double endS = 0.0;
  ScopeSample requests;                 // end to end
  std::vector<ScopeSample> components;  // indexed as ClusterLayout::components
  double requestsInFlight = 0.0;
  double cores = 0.0;  // mean cores provisioned over the interval
  double brokerBacklog = 0.0;
  double brokerLagMs = 0.0;
  int readyReplicas = 0;  // all deployments
};

}  // namespace clusterscope::model
