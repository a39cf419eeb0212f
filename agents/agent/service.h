#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>
#include <zmq.hpp>

#include "agent_config.h"
#include "broker_link.h"
#include "caller.h"
#include "fault_book.h"
#include "latency_histogram.h"
#include "message_io.h"
#include "random.h"
#include "request_frames.h"
#include "sampler.h"
#include "timers.h"

// What an agent serves (docs/protocol.md, "What an agent does", "Serving"): its request ROUTER,
// the queue and the workers, and each request's work — the component's service time (scaled by
// the slow factor), the error draw, then the component's calls in order: sync through the
// Caller, async through the BrokerLink, and calls between modules of a monolith in-process on
// the same worker. Broker deliveries are served the same way and acknowledged when done.
//
// Loop-thread only. Time is the loop's monotonic clock; every wait is a Timers timer, so an
// emulated pause freezes the work too. Nothing blocks: answers are sent with ZMQ_DONTWAIT.

namespace clusterscope::agents::agent {

class Service {
 public:
  using Clock = calls::Clock;

  // What commands change at run time.
  struct Knobs {
    double slowFactor = 1.0;
    std::vector<double> errorRates;  // per component; the scenario's at start
    bool draining = false;           // answer new requests no_replica
  };

  struct Counters {
    std::uint64_t arrivals = 0;
    std::uint64_t completed = 0;
    model::FailureCounts failures;     // None: an answer that could not be sent
    engine::LatencyHistogram latency;  // receipt to reply of completed requests, ns
    std::array<std::uint64_t, protocol::kDecodeReasonCount> decodeErrors{};  // request plane
    std::uint64_t unexpected = 0;    // a REPLY or ERROR sent to the ROUTER
    std::uint64_t lostToFaults = 0;  // requests dropped by a loss or blackhole fault
    SendCounters answers;            // answers' sends (would_block, unreachable: dropped)
  };

  // `callEdges[c][k]` is the Caller's edge of call k of component c. Every reference must
  // outlive the Service.
  Service(calls::Timers& timers, zmq::context_t& context, const AgentConfig& config, int replica,
          calls::Caller& caller, BrokerLink& broker, calls::FaultBook& faults,
          std::vector<std::vector<calls::Caller::EdgeId>> callEdges);
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // Binds the request ROUTER on `host` (any free port) and starts reading it. Returns the
  // endpoint as bound (ZMQ_LAST_ENDPOINT). Throws zmq::error_t when it cannot bind.
  std::string bind(const std::string& host);

  // A broker delivery for component `component` (index), served like a request, never refused
  // for the queue's capacity. `done` is told whether it succeeded (ACK) or failed (NACK).
  void deliver(int component, std::int64_t originNs, std::function<void(bool ok)> done);

  Knobs& knobs() { return knobs_; }
  const Counters& counters() const { return counters_; }
  int workers() const { return config_.workers; }
  int busy() const { return busy_; }
  int queued() const { return static_cast<int>(queue_.size()); }
  // Workers neither busy nor promised to a queued job: the credit a consumer may grant.
  int freeWorkers() const { return std::max(0, config_.workers - busy_ - queued()); }
  // Nothing held: no job queued or served, no request held back by a latency fault.
  bool idle() const { return busy_ == 0 && queue_.empty() && delayed_ == 0; }
  // Called whenever a worker becomes free (the broker link grants credit).
  void onWorkerFreed(std::function<void()> f) { workerFreed_ = std::move(f); }

  // Stops (or resumes) reading requests: an emulated pause.
  void setPaused(bool paused);

 private:
  struct Frame {
    int component = 0;
    std::size_t nextCall = 0;
    Clock::time_point start;
    calls::Caller::EdgeId via = 0;  // the in-process edge that started it (not the first frame)
  };
  struct Job {
    std::uint32_t generation = 0;
    bool live = false;
    bool delivery = false;
    std::string routingId;  // requests: the caller's
    std::uint64_t requestId = 0;
    int depth = 0;
    std::int64_t originNs = 0;
    Clock::time_point received;
    Clock::time_point deadline = Clock::time_point::max();
    std::function<void(bool)> deliveryDone;
    std::vector<Frame> frames;
    calls::Timers::Id timer = 0;
  };
  struct Ref {
    std::uint32_t index;
    std::uint32_t generation;
  };
  // A request as read, kept while a latency fault holds it back.
  struct Arrival {
    std::string routingId;
    std::uint64_t requestId = 0;
    int depth = 0;
    std::int64_t originNs = 0;
    std::int64_t timeoutNs = 0;
    std::string target;
    Clock::time_point readAt;
  };

  // service_requests.cpp: the ROUTER, arrivals and answers.
  void onReadable();
  void onRequest(std::string_view routingId, const protocol::RequestHeader& header,
                 Clock::time_point readAt);
  void arrive(const Arrival& arrival, bool failFirst);
  void answer(const Job& job, model::FailureCause cause);
  // service_work.cpp: the pool and each job's work.
  std::uint32_t allocJob();
  void releaseJob(std::uint32_t index);
  Job* job(Ref ref);
  void submit(std::uint32_t index, bool invited);
  void startJob(std::uint32_t index);
  void beginFrame(Ref ref);
  void afterService(Ref ref);
  void continueCalls(Ref ref);
  void callResult(Ref ref, model::FailureCause cause);
  void frameDone(Ref ref, model::FailureCause cause);
  void jobDone(Ref ref, model::FailureCause cause);
  void dispatch();

  calls::Timers& timers_;
  zmq::socket_t socket_;
  const AgentConfig& config_;
  calls::Caller& caller_;
  BrokerLink& broker_;
  calls::FaultBook& faults_;
  std::vector<std::vector<calls::Caller::EdgeId>> callEdges_;
  std::vector<engine::Sampler> serviceTimes_;  // per component
  std::vector<engine::Rng> rngs_;              // per component: service times, error draws
  engine::Rng routingRng_;                     // call probabilities
  engine::Rng faultRng_;                       // process faults' draws
  Knobs knobs_;
  Counters counters_;
  std::vector<Job> jobs_;
  std::vector<std::uint32_t> freeJobs_;
  std::deque<std::uint32_t> queue_;
  int busy_ = 0;
  int delayed_ = 0;
  bool watching_ = false;
  bool paused_ = false;
  std::function<void()> workerFreed_;
  ReceivedMessage message_;
};

}  // namespace clusterscope::agents::agent
