#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "action.h"
#include "cluster_description.h"
#include "distribution_spec.h"

// A scenario as plain values: what the loader produces from a JSON file and what the engine
// is built from. No JSON type appears here (the loader is the only code that parses).
// Times are in the units their names say (_s seconds, _ms milliseconds); defaults are the
// ones documented in docs/scenario-format.md.

namespace clusterscope::engine {

enum class LbPolicy { RoundRobin, Random, LeastOutstanding, PowerOfTwo };
const char* lbPolicyName(LbPolicy policy);

struct CircuitBreakerSpec {
  double failureRatio = 0.5;  // open when this share of the recent calls failed...
  int minCalls = 20;          // ...and at least this many calls were recorded
  int window = 50;            // number of recent calls considered
  double openS = 5.0;         // time spent open before a half-open trial
  int halfOpenCalls = 3;      // trial calls; all must succeed to close again
  bool operator==(const CircuitBreakerSpec&) const = default;
};

struct CallSpec {
  std::string to;  // a service or module name
  model::CallMode mode = model::CallMode::Sync;
  std::optional<double> timeoutMs;  // per attempt; none: wait for ever
  int retries = 0;                  // extra attempts after a failure
  double backoffMs = 10.0;          // wait before retry k is backoff * 2^(k-1)
  double probability = 1.0;         // chance that a request makes this call
  bool required = true;             // a failed required call fails the caller
  std::optional<int> bulkhead;      // at most this many calls in flight on the edge
  std::optional<CircuitBreakerSpec> circuitBreaker;
  bool operator==(const CallSpec&) const = default;
};

struct AutoscaleSpec {
  int minReplicas = 1;
  int maxReplicas = 10;
  double targetUtilization = 0.7;
  double periodS = 15.0;         // how often the autoscaler looks
  double stabilizationS = 60.0;  // scale down only to the highest recommendation in this window
  bool operator==(const AutoscaleSpec&) const = default;
};

// A part of a monolith: its own work and calls, run in-process by its host's workers.
struct ModuleSpec {
  std::string name;
  DistributionSpec serviceTimeMs;
  std::vector<CallSpec> calls;
  double errorRate = 0.0;
  bool operator==(const ModuleSpec&) const = default;
};

// Which agent runs a service's replicas on real processes: ours, or the Python agent of
// agents/python (a service in another language, speaking the same protocol).
enum class AgentProgram { Native, Python };

struct ServiceSpec {
  std::string name;
  int replicas = 1;
  int workers = 1;
  std::optional<int> queueCapacity;  // per replica; none: unbounded
  DistributionSpec serviceTimeMs;
  LbPolicy lb = LbPolicy::RoundRobin;
  std::vector<CallSpec> calls;
  std::vector<ModuleSpec> modules;  // non-empty: a monolith
  double cpu = 1.0;                 // cores each replica reserves on its node
  double startupS = 0.0;            // time from start to ready
  double errorRate = 0.0;
  std::optional<AutoscaleSpec> autoscale;
  std::string language;  // shown only, e.g. "go"
  // The program that serves it on real agents; the simulator ignores it.
  AgentProgram agent = AgentProgram::Native;
  bool operator==(const ServiceSpec&) const = default;
};

struct NodeSpec {
  std::string name;
  double cores = 8.0;
  bool operator==(const NodeSpec&) const = default;
};

struct NetworkSpec {
  std::optional<DistributionSpec> latencyMs;  // per hop; none: zero
  bool operator==(const NetworkSpec&) const = default;
};

struct BrokerSpec {
  DistributionSpec deliveryLatencyMs;  // publish to available for delivery
  std::optional<int> capacity;         // backlog limit; none: unbounded
  bool operator==(const BrokerSpec&) const = default;
};

enum class ArrivalKind { Poisson, Constant, Closed };
const char* arrivalKindName(ArrivalKind kind);

struct RateStage {
  double atS = 0.0;
  double rateRps = 0.0;
  bool operator==(const RateStage&) const = default;
};

struct WorkloadSpec {
  std::string entry;
  ArrivalKind arrival = ArrivalKind::Poisson;
  double rateRps = 0.0;             // open models
  std::vector<RateStage> stages;    // open models
  int users = 0;                    // closed model
  DistributionSpec thinkTimeMs;     // closed model
  std::optional<double> timeoutMs;  // the client gives up after this
  bool operator==(const WorkloadSpec&) const = default;
};

// A claim checked after a run: the metric's value over the window lies in [min, max].
struct ExpectClaim {
  std::string metric;  // e.g. "requests.failed_ratio", "services.api.latency_ms.p95"
  std::optional<std::pair<double, double>> betweenS;  // none: from warmup to the end
  std::optional<double> min;
  std::optional<double> max;
  bool operator==(const ExpectClaim&) const = default;
};

struct ClusterPolicySpec {
  double rescheduleDelayS = 5.0;  // a failed node's replicas start elsewhere after this
  bool operator==(const ClusterPolicySpec&) const = default;
};

struct Scenario {
  int format = 1;
  std::string name;
  std::string description;
  std::uint64_t seed = 1;
  double durationS = 60.0;
  double warmupS = 0.0;
  double intervalS = 1.0;  // metrics interval
  NetworkSpec network;
  std::vector<NodeSpec> nodes;  // empty: one node large enough
  std::vector<ServiceSpec> services;
  BrokerSpec broker;
  WorkloadSpec workload;
  ClusterPolicySpec cluster;
  std::vector<model::TimelineEntry> timeline;
  std::vector<model::LessonStep> lesson;
  std::vector<ExpectClaim> expect;
  bool operator==(const Scenario&) const = default;
};

// What a cluster built from this scenario says about itself: its name, description, lesson,
// the open arrival rate it was designed for (0 for a closed workload) and its duration.
model::ClusterDescription describeScenario(const Scenario& scenario);

// `scenario` with `actions` added to its timeline in time order, actions at one time after the
// scenario's own and in the order given: a session (what a user did while it ran) as a file
// that replays it, in the simulator or on real agents.
Scenario withActions(Scenario scenario, const std::vector<model::TimelineEntry>& actions);

}  // namespace clusterscope::engine
