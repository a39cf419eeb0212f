#include "test_scenarios.h"

namespace clusterscope::testing {

using namespace clusterscope::engine;
using namespace clusterscope::model;

Scenario singleQueue(double rateRps, const DistributionSpec& serviceTime, int workers,
                     double durationS, double warmupS, std::uint64_t seed) {
  Scenario s;
  s.name = "single queue";
  s.seed = seed;
  s.durationS = durationS;
  s.warmupS = warmupS;
  ServiceSpec svc;
  svc.name = "server";
  svc.workers = workers;
  svc.serviceTimeMs = serviceTime;
  s.services.push_back(svc);
  s.workload.entry = "server";
  s.workload.arrival = ArrivalKind::Poisson;
  s.workload.rateRps = rateRps;
  return s;
}

Scenario chain(const std::vector<std::string>& names, CallMode mode, double rateRps,
               double serviceMs, int replicas, int workers, double durationS) {
  Scenario s;
  s.name = "chain";
  s.durationS = durationS;
  for (std::size_t i = 0; i < names.size(); ++i) {
    ServiceSpec svc;
    svc.name = names[i];
    svc.replicas = replicas;
    svc.workers = workers;
    svc.serviceTimeMs = DistributionSpec::exponential(serviceMs);
    if (i + 1 < names.size()) {
      CallSpec call;
      call.to = names[i + 1];
      call.mode = mode;
      svc.calls.push_back(call);
    }
    s.services.push_back(svc);
  }
  s.workload.entry = names.front();
  s.workload.rateRps = rateRps;
  return s;
}

Scenario largeCluster(int services, int replicasPerService, double rateRps, double durationS) {
  Scenario s;
  s.name = "large cluster";
  s.durationS = durationS;
  s.network.latencyMs = DistributionSpec::constant(0.2);
  for (int n = 0; n < 20; ++n) s.nodes.push_back(NodeSpec{"node-" + std::to_string(n), 200.0});
  // A binary tree of services: service i calls 2i+1 and 2i+2, each with probability 0.375,
  // so a visit makes 0.75 calls on average and a request visits about four services.
  for (int i = 0; i < services; ++i) {
    ServiceSpec svc;
    svc.name = "svc-" + std::to_string(i);
    svc.replicas = replicasPerService;
    svc.workers = 8;
    svc.serviceTimeMs = DistributionSpec::exponential(2.0);
    svc.lb = static_cast<LbPolicy>(i % 4);
    for (int child : {2 * i + 1, 2 * i + 2}) {
      if (child >= services) continue;
      CallSpec call;
      call.to = "svc-" + std::to_string(child);
      call.probability = 0.375;
      call.timeoutMs = 1000.0;
      call.mode = (child % 3 == 0) ? CallMode::Async : CallMode::Sync;
      svc.calls.push_back(call);
    }
    s.services.push_back(svc);
  }
  s.workload.entry = "svc-0";
  s.workload.rateRps = rateRps;
  return s;
}

Action makeAction(ActionKind kind, const std::string& service, int replica) {
  Action a;
  a.kind = kind;
  a.service = service;
  a.replica = replica;
  return a;
}

}  // namespace clusterscope::testing
