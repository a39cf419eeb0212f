#include "scenario_run.h"

#include <algorithm>
#include <chrono>

#include "interval_csv.h"
#include "simulation.h"

namespace clusterscope::engine {

Scenario applyRunOptions(Scenario s, const RunOptions& o) {
  if (o.seed) s.seed = *o.seed;
  if (o.durationS) {
    s.durationS = *o.durationS;
    s.warmupS = std::min(s.warmupS, s.durationS / 2);
    // What a shorter run never reaches goes: the scenario stays valid as a file (the launcher
    // hands it to every agent, which validates it).
    std::erase_if(s.timeline, [&](const auto& e) { return e.atS > s.durationS; });
    std::erase_if(s.lesson, [&](const auto& step) { return step.atS > s.durationS; });
  }
  if (o.mode) forceCallMode(s, *o.mode);
  return s;
}

RunOutcome runScenario(const Scenario& input, const RunOptions& options) {
  const Scenario scenario = applyRunOptions(input, options);
  const auto started = std::chrono::steady_clock::now();
  Simulation sim(scenario);
  SummaryCollector collector(secondsToSim(scenario.warmupS));
  ClaimTracker claims(scenario);
  QuestionTracker questions(scenario);
  sim.addObserver(&collector);
  sim.addObserver(&claims);
  sim.addObserver(&questions);
  std::optional<IntervalCsvWriter> csv;
  if (options.csv) {
    csv.emplace(*options.csv);
    sim.addObserver(&*csv);
  }
  // Run in slices of sim time so that progress can be shown without touching the engine.
  const SimTime slice = std::max<SimTime>(sim.endTime() / 100, kNanosPerSecond);
  while (!sim.finished()) {
    sim.runUntil(std::min(sim.now() + slice, sim.endTime()));
    if (options.progress) options.progress(simToSeconds(sim.now()) / scenario.durationS);
  }
  RunOutcome out;
  out.summary = collector.summary();
  out.summary.scenario = scenario.name;
  out.summary.seed = scenario.seed;
  if (options.mode) out.summary.mode = model::callModeName(*options.mode);
  out.summary.events = sim.eventsProcessed();
  out.summary.stopReason = sim.stopReason();
  out.summary.wallTimeS =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  out.claims = claims.results();
  out.claimsPassed = std::all_of(out.claims.begin(), out.claims.end(),
                                 [](const ClaimResult& c) { return c.passed; });
  out.summary.questions = questions.results();
  out.questionsCorrect = questions.allCorrect();
  return out;
}

}  // namespace clusterscope::engine
