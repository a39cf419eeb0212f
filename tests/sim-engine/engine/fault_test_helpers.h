#pragma once

#include <QtTest>
#include <string>
#include <vector>

#include "interval_recorder.h"
#include "simulation.h"
#include "test_scenarios.h"

// Shared by the engine's fault tests: a caller and a callee whose latencies are exact, so that
// what a fault adds or takes shows as it is, and a run that applies actions at one instant.

namespace clusterscope::testing {

inline constexpr int kFront = 0;  // component and deployment indexes in frontBack()
inline constexpr int kBack = 1;
inline constexpr int kCall = 0;  // the edge front -> back

// front -> back, sync, 100 requests/s; 2 replicas of each with 16 workers and constant work of
// 1 and 2 ms, so that nothing queues: a request takes 3 ms unless a fault says otherwise.
// `timeoutMs` > 0 gives the call a timeout (no retries).
inline engine::Scenario frontBack(double timeoutMs = 0, double durationS = 60) {
  engine::Scenario s = chain({"front", "back"}, model::CallMode::Sync, 100, 1, 2, 16, durationS);
  s.services[kFront].serviceTimeMs = engine::DistributionSpec::constant(1);
  s.services[kBack].serviceTimeMs = engine::DistributionSpec::constant(2);
  if (timeoutMs > 0) s.services[kFront].calls[0].timeoutMs = timeoutMs;
  return s;
}

inline model::Action onEdge(model::ActionKind kind, const std::string& from = "front",
                            const std::string& to = "back") {
  model::Action a = makeAction(kind);
  a.from = from;
  a.to = to;
  return a;
}

// Runs `s` to `atS`, applies `actions` there (each must apply), then runs to the end.
inline IntervalRecorder runWith(const engine::Scenario& s, double atS,
                                const std::vector<model::Action>& actions) {
  IntervalRecorder rec;
  engine::Simulation sim(s);
  sim.addObserver(&rec);
  sim.runUntil(engine::secondsToSim(atS));
  for (const model::Action& a : actions) {
    const std::string refused = sim.applyAction(a);
    if (!refused.empty()) qFatal("%s refused: %s", model::actionKindName(a.kind), refused.c_str());
  }
  sim.runToEnd();
  sim.removeObserver(&rec);
  return rec;
}

}  // namespace clusterscope::testing
