// The worker pool and each job's work: queue, service time, error draw, then the component's
// calls in order; a call between modules of one monolith pushes a frame and runs on the same
// worker. Every wait is a timer or a call's Done, both carrying the job's generation, so a
// job that is gone is recognised, never searched for.

#include <algorithm>

#include "service.h"
#include "sim_time.h"

namespace clusterscope::agents::agent {

namespace {

using model::FailureCause;

// Frames of in-process calls one job may stack (a monolith's modules calling each other): the
// protocol's depth limit, as for calls between processes.
constexpr std::size_t kMaxFrames = protocol::kMaxCallDepth;

std::int64_t toNs(Service::Clock::duration d) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(d).count();
}

}  // namespace

std::uint32_t Service::allocJob() {
  std::uint32_t index;
  if (!freeJobs_.empty()) {
    index = freeJobs_.back();
    freeJobs_.pop_back();
  } else {
    index = static_cast<std::uint32_t>(jobs_.size());
    jobs_.emplace_back();
  }
  Job& j = jobs_[index];
  const std::uint32_t generation = j.generation;
  std::vector<Frame> frames = std::move(j.frames);  // keep its capacity
  frames.clear();
  j = Job{};
  j.generation = generation;
  j.frames = std::move(frames);
  j.live = true;
  return index;
}

void Service::releaseJob(std::uint32_t index) {
  Job& j = jobs_[index];
  timers_.cancel(j.timer);
  j.timer = 0;
  j.live = false;
  ++j.generation;  // every timer and Done still naming it is now stale
  j.deliveryDone = nullptr;
  freeJobs_.push_back(index);
}

Service::Job* Service::job(Ref ref) {
  Job& j = jobs_[ref.index];
  return j.live && j.generation == ref.generation ? &j : nullptr;
}

void Service::deliver(int component, std::int64_t originNs, std::function<void(bool)> done) {
  ++counters_.arrivals;
  const std::uint32_t index = allocJob();
  Job& j = jobs_[index];
  j.delivery = true;
  j.originNs = originNs;
  j.received = Clock::now();
  j.deliveryDone = std::move(done);
  j.frames.push_back(Frame{component, 0, j.received, 0});
  submit(index, true);
}

void Service::submit(std::uint32_t index, bool invited) {
  if (busy_ < config_.workers && queue_.empty()) return startJob(index);
  const bool full =
      config_.queueCapacity && static_cast<int>(queue_.size()) >= *config_.queueCapacity;
  if (full && !invited) {
    answer(jobs_[index], FailureCause::QueueFull);
    releaseJob(index);
    return;
  }
  queue_.push_back(index);
}

void Service::startJob(std::uint32_t index) {
  ++busy_;
  beginFrame(Ref{index, jobs_[index].generation});
}

void Service::beginFrame(Ref ref) {
  Job& j = *job(ref);
  const Frame& f = j.frames.back();
  engine::SimTime work = serviceTimes_[f.component].sample(rngs_[f.component]);
  if (knobs_.slowFactor != 1.0) {
    work = engine::clampedNanos(static_cast<double>(work) * knobs_.slowFactor);
  }
  if (work <= 0) return afterService(ref);
  j.timer = timers_.after(std::chrono::nanoseconds(work), [this, ref] {
    if (Job* live = job(ref)) {
      live->timer = 0;
      afterService(ref);
    }
  });
}

void Service::afterService(Ref ref) {
  Job& j = *job(ref);
  Frame& f = j.frames.back();
  const double rate = knobs_.errorRates[f.component];
  if (rate > 0.0 && rngs_[f.component].chance(rate)) return frameDone(ref, FailureCause::Error);
  f.nextCall = 0;
  continueCalls(ref);
}

void Service::continueCalls(Ref ref) {
  for (;;) {
    Job& j = *job(ref);
    Frame& f = j.frames.back();
    const auto& calls = config_.components[f.component].calls;
    if (f.nextCall >= calls.size()) return frameDone(ref, FailureCause::None);
    const engine::CallSpec& spec = calls[f.nextCall];
    if (spec.probability < 1.0 && !routingRng_.chance(spec.probability)) {
      ++f.nextCall;
      continue;
    }
    const calls::Caller::EdgeId e = callEdges_[f.component][f.nextCall];
    calls::Caller::Edge& edge = caller_.edge(e);
    const int sibling = config_.monolith ? config_.componentIndex(spec.to) : -1;
    if (edge.mode == model::CallMode::Async) {
      broker_.publish(edge.stats, config_.components[f.component].name, spec.to, j.originNs);
      ++f.nextCall;
      continue;
    }
    if (sibling >= 0) {
      // A function call inside the monolith: same worker, no network, its own frame.
      ++edge.stats.calls;
      if (j.frames.size() >= kMaxFrames) {
        edge.stats.failures.add(FailureCause::TooDeep);
        return callResult(ref, FailureCause::TooDeep);
      }
      ++edge.stats.inFlight;
      j.frames.push_back(Frame{sibling, 0, Clock::now(), e});
      return beginFrame(ref);
    }
    calls::CallContext context;
    context.deadline = j.deadline;
    context.depth = j.depth + 1;
    context.originNs = j.originNs;
    caller_.call(e, context, [this, ref](FailureCause cause) {
      if (job(ref)) callResult(ref, cause);
    });
    return;
  }
}

void Service::callResult(Ref ref, FailureCause cause) {
  Job& j = *job(ref);
  Frame& f = j.frames.back();
  if (cause != FailureCause::None && config_.components[f.component].calls[f.nextCall].required) {
    return frameDone(ref, cause);
  }
  // Done, or an optional call failed: the caller goes on without that feature.
  ++f.nextCall;
  continueCalls(ref);
}

void Service::frameDone(Ref ref, FailureCause cause) {
  Job& j = *job(ref);
  const Frame done = j.frames.back();
  j.frames.pop_back();
  if (j.frames.empty()) return jobDone(ref, cause);
  calls::EdgeStats& stats = caller_.edge(done.via).stats;
  --stats.inFlight;
  if (cause == FailureCause::None) {
    ++stats.completed;
    stats.latency.record(toNs(Clock::now() - done.start));
  } else {
    stats.failures.add(cause);
  }
  callResult(ref, cause);
}

void Service::jobDone(Ref ref, FailureCause cause) {
  Job& j = *job(ref);
  --busy_;
  if (j.delivery) {
    if (cause == FailureCause::None) {
      ++counters_.completed;
      counters_.latency.record(toNs(Clock::now() - j.received));
    } else {
      counters_.failures.add(cause);
    }
    auto done = std::move(j.deliveryDone);
    releaseJob(ref.index);
    if (done) done(cause == FailureCause::None);
  } else {
    answer(j, cause);
    releaseJob(ref.index);
  }
  dispatch();
}

void Service::dispatch() {
  while (!queue_.empty() && busy_ < config_.workers) {
    const std::uint32_t index = queue_.front();
    queue_.pop_front();
    Job& j = jobs_[index];
    // Its caller has given up: answer cheaply instead of serving it.
    if (!j.delivery && Clock::now() >= j.deadline) {
      answer(j, FailureCause::Timeout);
      releaseJob(index);
      continue;
    }
    startJob(index);
  }
  if (workerFreed_) workerFreed_();
}

}  // namespace clusterscope::agents::agent
