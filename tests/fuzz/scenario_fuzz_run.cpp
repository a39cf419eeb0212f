// Runs generated scenarios that the loader accepts (valid_scenario_generator.h: values from
// the ends of every range) under a time and a memory limit: every valid scenario must run
// to its end, or stop early naming an overloaded place, without crashing, without a clock
// stuck at one instant, without one step taking seconds and without memory growing past a
// bound. Deterministic: the same seeds run the same scenarios.
//
//   scenario_fuzz_run [--seconds S] [--seed N] [--budget-ms M] [--max-rss-mb R] [--write DIR]
//
// --write keeps each valid scenario as DIR/seed-N.json, to replay it with clusterscope-cli.
// Each scenario runs for at most the budget of wall time (most extreme ones do not finish,
// which is fine: what is checked is that they move forward in bounded memory). Exit status
// 1, with the seed and the scenario on stderr, on the first broken rule.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "claim_tracker.h"
#include "run_summary.h"
#include "scenario_loader.h"
#include "simulation.h"
#include "valid_scenario_generator.h"

using namespace clusterscope::engine;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  double seconds = 20;
  std::uint64_t seed = 1;
  double budgetMs = 300;
  long maxRssMb = 1024;
  std::string writeDir;  // empty: keep nothing
};

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

long residentMb() {
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return resident * 4096 / (1024 * 1024);
}

[[noreturn]] void fail(std::uint64_t seed, const std::string& what, const std::string& text) {
  std::fprintf(stderr, "scenario_fuzz_run: seed %llu: %s\n%s\n",
               static_cast<unsigned long long>(seed), what.c_str(), text.c_str());
  std::exit(1);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    const char* value = argv[i + 1];
    if (name == "--seconds") o.seconds = std::strtod(value, nullptr);
    if (name == "--seed") o.seed = std::strtoull(value, nullptr, 10);
    if (name == "--budget-ms") o.budgetMs = std::strtod(value, nullptr);
    if (name == "--max-rss-mb") o.maxRssMb = std::strtol(value, nullptr, 10);
    if (name == "--write") o.writeDir = value;
  }
  return o;
}

struct Counts {
  int refused = 0, finished = 0, stopped = 0, cut = 0;
};

// One accepted scenario: run it under the limits, and check what it did.
void runOne(std::uint64_t seed, const Scenario& s, const std::string& text, const Options& o,
            long baseMb, Counts& counts) {
  // Low limits so that a defect shows within the budget; the engine's defaults are higher.
  SimulationLimits limits;
  limits.maxWorkInFlight = 200'000;
  limits.maxEventsAtOneInstant = 2'000'000 + 8 * static_cast<std::uint64_t>(s.workload.users);
  const auto start = Clock::now();
  try {
    Simulation sim(s, limits);
    SummaryCollector summary(secondsToSim(s.warmupS));
    ClaimTracker claims(s);
    sim.addObserver(&summary);
    sim.addObserver(&claims);
    for (int slice = 0; !sim.finished() && msSince(start) < o.budgetMs; ++slice) {
      const auto sliceStart = Clock::now();
      sim.runEvents(2000);
      if (msSince(sliceStart) > 5000) fail(seed, "2,000 events took more than 5 s", text);
      if (slice % 32 == 0 && residentMb() - baseMb > o.maxRssMb) {
        fail(seed, "memory grew past " + std::to_string(o.maxRssMb) + " MB", text);
      }
    }
    (void)sim.snapshot();
    (void)summary.summary();
    (void)claims.results();
    const std::string& reason = sim.stopReason();
    if (reason.find("stuck") != std::string::npos) fail(seed, reason, text);
    if (!reason.empty() && reason.find("/services/") == std::string::npos &&
        reason.find("timeout_ms") == std::string::npos) {
      fail(seed, "a stop that names no place: " + reason, text);
    }
    if (!reason.empty()) {
      ++counts.stopped;
    } else if (sim.finished()) {
      ++counts.finished;
    } else {
      ++counts.cut;
    }
  } catch (const std::exception& e) {
    fail(seed, std::string("the engine threw: ") + e.what(), text);
  }
  if (residentMb() - baseMb > o.maxRssMb) fail(seed, "memory left behind by the run", text);
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  const long baseMb = residentMb();
  const auto start = Clock::now();
  Counts counts;
  std::uint64_t seed = o.seed;
  for (; msSince(start) < o.seconds * 1000; ++seed) {
    const std::string text = clusterscope::fuzz::generateScenario(seed);
    const LoadResult loaded = loadScenarioText(text, "generated.json");
    if (!loaded.ok()) {
      if (loaded.errors.empty()) fail(seed, "refused without a diagnostic", text);
      ++counts.refused;
      continue;
    }
    const LoadResult again = loadScenarioText(scenarioToJson(*loaded.scenario), "written.json");
    if (!again.ok() || !(*again.scenario == *loaded.scenario)) {
      fail(seed, "write -> load changed the scenario", text);
    }
    if (!o.writeDir.empty()) {
      const std::string path = o.writeDir + "/seed-" + std::to_string(seed) + ".json";
      if (FILE* f = std::fopen(path.c_str(), "w")) {
        std::fputs(text.c_str(), f);
        std::fclose(f);
      }
    }
    runOne(seed, *loaded.scenario, text, o, baseMb, counts);
  }
  const int valid = counts.finished + counts.stopped + counts.cut;
  std::printf(
      "%llu scenarios generated: %d refused by the loader, %d valid ones run (%d to their end, "
      "%d stopped early naming the place, %d still running after %.0f ms); peak RSS %ld MB\n",
      static_cast<unsigned long long>(seed - o.seed), counts.refused, valid, counts.finished,
      counts.stopped, counts.cut, o.budgetMs, residentMb());
  if (valid == 0) {
    std::fprintf(stderr, "scenario_fuzz_run: no generated scenario was valid\n");
    return 1;
  }
  return 0;
}
