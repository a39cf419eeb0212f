#include "load_generator.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "sim_time.h"

namespace clusterscope::agents::loadgen {

namespace {

using namespace std::chrono_literals;
using model::FailureCause;

// After a failed request a user waits at least this long, as in the simulation: a refusal at
// the instant of sending must not be resent at that same instant for ever.
constexpr auto kPauseAfterFailure = 1ms;

std::int64_t toNs(calls::Clock::duration d) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(d).count();
}

}  // namespace

LoadGenerator::LoadGenerator(calls::Timers& timers, calls::Caller& caller,
                             calls::Caller::EdgeId edge, WorkloadConfig config)
    : timers_(timers),
      caller_(caller),
      edge_(edge),
      config_(std::move(config)),
      arrivalRng_(engine::Rng::stream(config_.seed, engine::streams::kArrivals)),
      userRng_(engine::Rng::stream(config_.seed, engine::streams::kUsers)),
      thinkTime_(config_.thinkTimeMs),
      rate_(config_.rateRps) {}

LoadGenerator::~LoadGenerator() {
  timers_.cancel(arrivalTimer_);
  for (const auto id : stageTimers_) timers_.cancel(id);
  for (const auto id : userTimers_) timers_.cancel(id);
}

void LoadGenerator::start() {
  if (started_) return;
  started_ = true;
  start_ = Clock::now();
  wallAtStartNs_ = std::chrono::duration_cast<std::chrono::nanoseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  if (config_.durationS > 0) {
    end_ = start_ + std::chrono::nanoseconds(engine::secondsToSim(config_.durationS));
  }
  if (closed()) {
    userTimers_.assign(static_cast<std::size_t>(config_.users), 0);
    for (int u = 0; u < config_.users; ++u) userThinks(u, Clock::duration::zero());
    return;
  }
  scheduleArrival(start_);
  for (const engine::RateStage& stage : config_.stages) {
    const auto at = start_ + std::chrono::nanoseconds(engine::secondsToSim(stage.atS));
    stageTimers_.push_back(timers_.at(at, [this, rps = stage.rateRps] { setRate(rps); }));
  }
}

void LoadGenerator::stop() {
  stopped_ = true;
  timers_.cancel(arrivalTimer_);
  arrivalTimer_ = 0;
  for (auto& id : stageTimers_) timers_.cancel(id);
  for (auto& id : userTimers_) timers_.cancel(id);
  stageTimers_.clear();
}

bool LoadGenerator::done() const {
  return started_ && counters_.inFlight == 0 && (stopped_ || Clock::now() >= end_);
}

bool LoadGenerator::setRate(double rps) {
  if (closed()) return false;
  rate_ = std::max(0.0, rps);
  // Poisson arrivals are memoryless: drawing the next one afresh at the new rate is exact.
  ++generation_;
  timers_.cancel(arrivalTimer_);
  arrivalTimer_ = 0;
  if (started_ && !stopped_) scheduleArrival(Clock::now());
  return true;
}

bool LoadGenerator::drawNext(Clock::time_point from) {
  if (rate_ <= 0.0) return false;
  const double meanNs = 1e9 / rate_;
  const double gap =
      config_.arrival == engine::ArrivalKind::Poisson ? arrivalRng_.exponential(meanNs) : meanNs;
  // A gap reaching past the end means no more arrivals (a vanishing rate is zero), compared as
  // a double because such a gap may not fit the clock.
  if (end_ != Clock::time_point::max() && !(gap < static_cast<double>(toNs(end_ - from)))) {
    return false;
  }
  next_ = from + std::chrono::nanoseconds(std::max<std::int64_t>(1, std::llround(gap)));
  return true;
}

void LoadGenerator::scheduleArrival(Clock::time_point from) {
  if (!drawNext(from)) return;
  arrivalTimer_ = timers_.at(next_, [this, g = generation_] { onArrivalTimer(g); });
}

void LoadGenerator::noteLateness(Clock::time_point slot) {
  const std::int64_t late = std::max<std::int64_t>(0, toNs(Clock::now() - slot));
  lateness_.meanNs +=
      (static_cast<double>(late) - lateness_.meanNs) / static_cast<double>(++lateness_.count);
  lateness_.maxNs = std::max(lateness_.maxNs, late);
}

void LoadGenerator::onArrivalTimer(std::uint64_t generation) {
  arrivalTimer_ = 0;
  if (generation != generation_ || stopped_) return;
  noteLateness(next_);
  const auto now = Clock::now();
  // Every slot that has come is sent now, with its own intended time: a generator that fell
  // behind catches up instead of stretching its schedule.
  do {
    send(next_, -1);
    if (!drawNext(next_)) return;
  } while (next_ <= now);
  arrivalTimer_ = timers_.at(next_, [this, g = generation_] { onArrivalTimer(g); });
}

void LoadGenerator::userThinks(int user, Clock::duration atLeast) {
  const auto think =
      std::max<Clock::duration>(std::chrono::nanoseconds(thinkTime_.sample(userRng_)), atLeast);
  const auto slot = Clock::now() + think;
  if (slot >= end_) return;  // this user is done
  userTimers_[user] = timers_.at(slot, [this, user, slot] {
    userTimers_[user] = 0;
    if (stopped_) return;
    noteLateness(slot);
    send(slot, user);
  });
}

void LoadGenerator::send(Clock::time_point intended, int user) {
  ++counters_.sent;
  ++counters_.inFlight;
  calls::CallContext context;
  if (config_.timeoutMs) {
    context.deadline =
        intended + std::chrono::nanoseconds(engine::durationMillis(*config_.timeoutMs));
  }
  context.depth = 0;
  context.originNs = wallAtStartNs_ + toNs(intended - start_);
  caller_.call(edge_, context,
               [this, intended, user](FailureCause cause) { answered(intended, user, cause); });
}

void LoadGenerator::answered(Clock::time_point intended, int user, FailureCause cause) {
  --counters_.inFlight;
  if (cause == FailureCause::None) {
    ++counters_.completed;
    counters_.latency.record(toNs(Clock::now() - intended));
  } else {
    counters_.failures.add(cause);
  }
  if (user >= 0 && !stopped_) {
    userThinks(user, cause == FailureCause::None ? Clock::duration::zero()
                                                 : Clock::duration(kPauseAfterFailure));
  }
}

}  // namespace clusterscope::agents::loadgen
