// The request ROUTER: reading requests (bounded, every malformed one counted and dropped),
// the process faults on arrival, and answers.

#include <algorithm>

#include "service.h"
#include "socket_setup.h"

namespace clusterscope::agents::agent {

namespace {

using model::FailureCause;

// Requests read per readable turn, so that timers (service times, reports) still run under a
// flood.
constexpr int kMaxRequestsPerTurn = 256;

std::int64_t toNs(Service::Clock::duration d) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(d).count();
}

}  // namespace

Service::Service(calls::Timers& timers, zmq::context_t& context, const AgentConfig& config,
                 int replica, calls::Caller& caller, BrokerLink& broker, calls::FaultBook& faults,
                 std::vector<std::vector<calls::Caller::EdgeId>> callEdges)
    : timers_(timers),
      socket_(makeSocket(context, SocketKind::RequestServer)),
      config_(config),
      caller_(caller),
      broker_(broker),
      faults_(faults),
      callEdges_(std::move(callEdges)),
      routingRng_(engine::Rng::stream(
          config.seed,
          engine::streams::kRouting + (static_cast<std::uint64_t>(replica) << 32) + (1ull << 31))),
      faultRng_(engine::Rng::stream(config.seed,
                                    (static_cast<std::uint64_t>(replica) << 32) + (1ull << 30))) {
  for (const ComponentConfig& c : config_.components) {
    serviceTimes_.emplace_back(c.serviceTimeMs);
    rngs_.push_back(engine::Rng::stream(config_.seed, c.stream));
    knobs_.errorRates.push_back(c.errorRate);
  }
}

Service::~Service() {
  for (Job& j : jobs_) {
    if (j.live) timers_.cancel(j.timer);
  }
  if (watching_) timers_.loop().unwatch(socket_);
}

std::string Service::bind(const std::string& host) {
  const std::string endpoint = bindTcp(socket_, host);
  watching_ = true;
  timers_.loop().watch(socket_, [this] { onReadable(); });
  return endpoint;
}

void Service::setPaused(bool paused) {
  if (paused == paused_) return;
  paused_ = paused;
  if (!watching_) return;
  if (paused_) {
    timers_.loop().unwatch(socket_);
  } else {
    timers_.loop().watch(socket_, [this] { onReadable(); });
  }
}

void Service::onReadable() {
  for (int i = 0; i < kMaxRequestsPerTurn && !paused_; ++i) {
    const ReceiveStatus status = receiveMessage(socket_, message_, 1, 2);
    if (status == ReceiveStatus::Nothing) return;
    if (status != ReceiveStatus::Message) {
      ++counters_.decodeErrors[static_cast<std::size_t>(protocol::DecodeReason::FrameCount)];
      continue;
    }
    const auto decoded = protocol::decodeRequest(message_.frames());
    if (!decoded) {
      ++counters_.decodeErrors[static_cast<std::size_t>(decoded.error().reason)];
      continue;
    }
    if (decoded->header.type != protocol::RequestType::Request) {
      ++counters_.unexpected;  // a REPLY or ERROR has no business here
      continue;
    }
    onRequest(message_.routingId(), decoded->header, Clock::now());
  }
}

void Service::onRequest(std::string_view routingId, const protocol::RequestHeader& header,
                        Clock::time_point readAt) {
  const calls::FaultBook::Verdict verdict = faults_.onReceive(faultRng_, readAt);
  // Lost to an emulated network fault: neither an arrival nor a failure here.
  if (verdict.drop) {
    ++counters_.lostToFaults;
    return;
  }
  // The header's views die with the message: keep what the arrival needs.
  Arrival a{std::string(routingId), header.requestId,           header.depth, header.originNs,
            header.timeoutNs,       std::string(header.target), readAt};
  if (verdict.delay > Clock::duration::zero()) {
    ++delayed_;
    timers_.after(verdict.delay, [this, a = std::move(a), failFirst = verdict.failFirst] {
      --delayed_;
      arrive(a, failFirst);
    });
    return;
  }
  arrive(a, verdict.failFirst);
}

void Service::arrive(const Arrival& a, bool failFirst) {
  ++counters_.arrivals;
  const std::uint32_t index = allocJob();
  Job& j = jobs_[index];
  j.routingId = a.routingId;
  j.requestId = a.requestId;
  j.depth = a.depth;
  j.originNs = a.originNs;
  j.received = Clock::now();  // after an emulated latency: it eats the budget, not elapsed_ns
  // The budget counts from the socket read, on this process's own clock.
  j.deadline =
      a.timeoutNs > 0 ? a.readAt + std::chrono::nanoseconds(a.timeoutNs) : Clock::time_point::max();
  // A plain service answers to its own name or none; a monolith only to its modules' names.
  int component = -1;
  if (config_.monolith) {
    component = a.target.empty() ? -1 : config_.componentIndex(a.target);
  } else if (a.target.empty() || a.target == config_.service) {
    component = 0;
  }
  FailureCause refusal = FailureCause::None;
  if (component < 0 || knobs_.draining) refusal = FailureCause::NoReplica;
  if (failFirst) refusal = FailureCause::Error;  // answered at once, before the queue
  if (refusal != FailureCause::None) {
    answer(j, refusal);
    releaseJob(index);
    return;
  }
  j.frames.push_back(Frame{component, 0, j.received, 0});
  submit(index, false);
}

void Service::answer(const Job& job, FailureCause cause) {
  const auto now = Clock::now();
  const std::int64_t elapsed = std::max<std::int64_t>(0, toNs(now - job.received));
  bool sent = false;
  if (faults_.blackholed(now)) {
    ++counters_.lostToFaults;
  } else {
    char header[protocol::kMaxRequestHeaderBytes];
    protocol::RequestHeader request;
    request.requestId = job.requestId;
    request.originNs = job.originNs;
    request.depth = job.depth;
    const std::size_t size =
        protocol::writeRequestHeader(protocol::answerTo(request, elapsed, cause), header);
    const std::string& id = job.routingId;
    if (zmq_send(socket_.handle(), id.data(), id.size(), ZMQ_DONTWAIT | ZMQ_SNDMORE) >= 0) {
      zmq_send(socket_.handle(), header, size, ZMQ_DONTWAIT);
      counters_.answers.count(SendStatus::Sent);
      sent = true;
    } else {
      const int error = zmq_errno();
      counters_.answers.count(error == EHOSTUNREACH ? SendStatus::Unreachable
                              : error == EAGAIN     ? SendStatus::WouldBlock
                                                    : SendStatus::Failed);
    }
  }
  if (sent && cause == FailureCause::None) {
    ++counters_.completed;
    counters_.latency.record(elapsed);
  } else {
    // A reply nobody got is a failure without a cause (docs/protocol.md, "Faults").
    counters_.failures.add(cause);
  }
}

}  // namespace clusterscope::agents::agent
