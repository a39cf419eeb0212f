#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "caller.h"
#include "latency_histogram.h"
#include "random.h"
#include "sampler.h"
#include "scenario.h"
#include "timers.h"

// A scenario's workload as real requests (docs/scenario-format.md, "Workload"): open arrivals,
// Poisson or evenly spaced, with rate stages, or a closed population of users who think between
// requests. Requests go to the entry component through a calls::Caller edge (the client's
// timeout as the budget, no retries). Draws come from the simulation's own streams
// (engine::streams::kArrivals, kUsers) with the scenario's seed, so a live run meets the
// numbers the simulation of the same scenario meets.
//
// Latency is measured from each request's *intended* send time, its slot in the arrival
// process, not from when it went out: when the loop or the system stalls, the slots keep their
// schedule, the late requests go out at once when it resumes, and their latency includes the
// wait (coordinated omission, Gil Tene's term). A closed user's next slot is its previous
// answer plus its think time.
//
// Loop-thread only; waits are Timers timers.

namespace clusterscope::agents::loadgen {

struct WorkloadConfig {
  engine::ArrivalKind arrival = engine::ArrivalKind::Poisson;
  double rateRps = 0.0;                   // open models
  std::vector<engine::RateStage> stages;  // open models; at_s counts from start()
  int users = 0;                          // closed model
  engine::DistributionSpec thinkTimeMs;   // closed model
  std::optional<double> timeoutMs;        // the client gives up after this; none: never
  double durationS = 0.0;                 // no request is intended after this; 0: until stop()
  std::uint64_t seed = 1;
};

class LoadGenerator {
 public:
  using Clock = calls::Clock;

  struct Counters {
    std::uint64_t sent = 0;
    std::uint64_t completed = 0;
    model::FailureCounts failures;  // the client's own timeout included
    std::int64_t inFlight = 0;
    engine::LatencyHistogram latency;  // intended send time to answer, completed requests, ns
  };

  // `edge` is the caller's edge to the entry. The references must outlive the generator.
  LoadGenerator(calls::Timers& timers, calls::Caller& caller, calls::Caller::EdgeId edge,
                WorkloadConfig config);
  ~LoadGenerator();
  LoadGenerator(const LoadGenerator&) = delete;
  LoadGenerator& operator=(const LoadGenerator&) = delete;

  // Time 0 of the workload (stages, duration) is now. Once only.
  void start();
  // No request is intended from now on; those in flight finish.
  void stop();
  bool started() const { return started_; }
  // Started, then stopped (or past its duration), and nothing in flight.
  bool done() const;

  // An open workload's rate from now on (the next arrival is drawn afresh, as the simulation
  // does). False for a closed workload.
  bool setRate(double rps);
  double rate() const { return closed() ? 0.0 : rate_; }
  int users() const { return closed() ? config_.users : 0; }
  bool closed() const { return config_.arrival == engine::ArrivalKind::Closed; }

  const Counters& counters() const { return counters_; }
  // When the timers that send requests fired after the slot they serve: count, mean and max
  // lateness in ns (how far the generator itself fell behind its schedule).
  const EventLoop::Lateness& sendLateness() const { return lateness_; }

 private:
  bool drawNext(Clock::time_point from);
  void scheduleArrival(Clock::time_point from);
  void onArrivalTimer(std::uint64_t generation);
  void send(Clock::time_point intended, int user);
  void answered(Clock::time_point intended, int user, model::FailureCause cause);
  void userThinks(int user, Clock::duration atLeast);
  void noteLateness(Clock::time_point slot);

  calls::Timers& timers_;
  calls::Caller& caller_;
  calls::Caller::EdgeId edge_;
  WorkloadConfig config_;
  engine::Rng arrivalRng_;
  engine::Rng userRng_;
  engine::Sampler thinkTime_;
  double rate_ = 0.0;
  bool started_ = false;
  bool stopped_ = false;
  Clock::time_point start_;
  Clock::time_point end_ = Clock::time_point::max();
  std::int64_t wallAtStartNs_ = 0;  // the wall clock at start_, for origin_ns
  Clock::time_point next_;          // the next open arrival's slot
  std::uint64_t generation_ = 0;    // bumps when the rate changes: older timers are stale
  calls::Timers::Id arrivalTimer_ = 0;
  std::vector<calls::Timers::Id> stageTimers_;
  std::vector<calls::Timers::Id> userTimers_;  // per user: its next request
  Counters counters_;
  EventLoop::Lateness lateness_;
};

}  // namespace clusterscope::agents::loadgen
