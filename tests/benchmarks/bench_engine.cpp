// Engine speed and accuracy on single queues.
//
// Speed: events per second on an M/M/c queue, against a baseline measured in the same run: a
// bare discrete-event loop (std::priority_queue of arrival and departure times, exponential
// draws, no model at all). The ratio says what the model costs on this machine, whatever its
// load.
//
// Accuracy: M/M/1, M/M/c and M/D/1 means and percentiles against queueing theory over 10^6
// requests, for several seeds.

#include <cmath>
#include <cstdio>
#include <queue>
#include <vector>

#include "bench_util.h"
#include "queueing_theory.h"
#include "random.h"
#include "scenario_run.h"
#include "simulation.h"
#include "test_scenarios.h"

using namespace clusterscope;
using namespace clusterscope::engine;
using namespace clusterscope::model;

namespace {

// The least a discrete-event M/M/c simulation can do: a heap of departures, a FIFO of
// waiting arrivals. Returns events per second.
double baselineEventsPerSecond(double lambda, double mu, int c, std::uint64_t requests) {
  Rng rng(1);
  std::priority_queue<double, std::vector<double>, std::greater<>> departures;
  std::queue<double> waiting;
  double now = 0, nextArrival = rng.exponential(1 / lambda), sum = 0;
  std::uint64_t events = 0, done = 0;
  const auto start = std::chrono::steady_clock::now();
  while (done < requests) {
    ++events;
    if (departures.empty() || nextArrival < departures.top()) {
      now = nextArrival;
      nextArrival = now + rng.exponential(1 / lambda);
      if (static_cast<int>(departures.size()) < c) {
        departures.push(now + rng.exponential(1 / mu));
      } else {
        waiting.push(now);
      }
    } else {
      now = departures.top();
      departures.pop();
      ++done;
      if (!waiting.empty()) {
        sum += now - waiting.front();
        waiting.pop();
        departures.push(now + rng.exponential(1 / mu));
      }
    }
  }
  const double secs = bench::seconds(start);
  if (sum < 0) std::printf("%f", sum);  // keep the work observable
  return static_cast<double>(events) / secs;
}

double engineEventsPerSecond(double lambda, double meanMs, int c, double durationS) {
  Simulation sim(testing::singleQueue(lambda, DistributionSpec::exponential(meanMs), c, durationS));
  const auto start = std::chrono::steady_clock::now();
  sim.runToEnd();
  return static_cast<double>(sim.eventsProcessed()) / bench::seconds(start);
}

struct Theory {
  double mean, p50, p95, p99;  // seconds
};

// Runs `seeds` independent 10^6-request runs and prints each one's relative errors, then
// their average: single runs carry sampling noise (successive waits are correlated), the
// average shows whether anything is biased.
void accuracy(const char* name, double lambda, const DistributionSpec& service, int c,
              const Theory& t, int seeds) {
  double sum[4] = {0, 0, 0, 0};
  for (int seed = 1; seed <= seeds; ++seed) {
    const auto r = runScenario(testing::singleQueue(lambda, service, c, 1e6 / lambda + 100, 100,
                                                    static_cast<std::uint64_t>(seed)))
                       .summary.requests;
    const double e[4] = {(r.latencyMs.mean / 1000 - t.mean) / t.mean * 100,
                         (r.latencyMs.p50 / 1000 - t.p50) / t.p50 * 100,
                         (r.latencyMs.p95 / 1000 - t.p95) / t.p95 * 100,
                         (r.latencyMs.p99 / 1000 - t.p99) / t.p99 * 100};
    for (int i = 0; i < 4; ++i) sum[i] += e[i];
    std::printf(
        "  %-6s seed %-2d %8llu req  mean %+6.2f%%  p50 %+6.2f%%  p95 %+6.2f%%  p99 %+6.2f%%\n",
        name, seed, static_cast<unsigned long long>(r.completed), e[0], e[1], e[2], e[3]);
  }
  std::printf("  %-6s average of %d    mean %+6.2f%%  p50 %+6.2f%%  p95 %+6.2f%%  p99 %+6.2f%%\n\n",
              name, seeds, sum[0] / seeds, sum[1] / seeds, sum[2] / seeds, sum[3] / seeds);
}

}  // namespace

int main() {
  std::printf("== Engine speed on M/M/4 (rho 0.8), one core ==\n");
  const double lambda = 320, meanMs = 10;
  const int c = 4;
  const double duration = 1.0e7 / lambda;  // 10^7 requests, 2 * 10^7 events
  double best = 0, bestBase = 0;
  for (int round = 0; round < 3; ++round) {
    best = std::max(best, engineEventsPerSecond(lambda, meanMs, c, duration));
    bestBase = std::max(bestBase, baselineEventsPerSecond(lambda, 100, c, 10'000'000));
  }
  std::printf("  engine    %6.2f M events/s (best of 3)\n", best / 1e6);
  std::printf("  baseline  %6.2f M events/s (bare heap loop, best of 3)\n", bestBase / 1e6);
  std::printf("  ratio     %6.2f (engine / baseline)\n", best / bestBase);
  std::printf("  target    5 M events/s: %s\n\n", best >= 5e6 ? "met" : "NOT MET");

  std::printf("== Accuracy against queueing theory, 10^6 requests per run ==\n");
  using namespace clusterscope::testing;
  const int seeds = 5;
  const double l1 = 70, lc = 320, mu = 100;
  accuracy("M/M/1", l1, DistributionSpec::exponential(10), 1,
           {mm1MeanResponse(l1, mu), mm1ResponseQuantile(l1, mu, .5),
            mm1ResponseQuantile(l1, mu, .95), mm1ResponseQuantile(l1, mu, .99)},
           seeds);
  accuracy("M/M/4", lc, DistributionSpec::exponential(10), 4,
           {mmcMeanResponse(lc, mu, 4), mmcResponseQuantile(lc, mu, 4, .5),
            mmcResponseQuantile(lc, mu, 4, .95), mmcResponseQuantile(lc, mu, 4, .99)},
           seeds);
  accuracy("M/D/1", l1, DistributionSpec::constant(10), 1,
           {md1MeanResponse(l1, .01), md1ResponseQuantile(l1, .01, .5),
            md1ResponseQuantile(l1, .01, .95), md1ResponseQuantile(l1, .01, .99)},
           seeds);
  return 0;
}
