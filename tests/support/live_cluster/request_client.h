#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <zmq.hpp>

#include "event_loop.h"
#include "message_io.h"
#include "request_frames.h"

// A bare caller for tests: one DEALER to one agent's request ROUTER, on the test's EventLoop,
// sending REQUESTs as docs/protocol.md lays them out and keeping every answer with the time it
// took. Nothing of the calls library: what it sees is what the agent put on the wire.

namespace clusterscope::testing {

class RequestClient {
 public:
  using Clock = agents::EventLoop::Clock;
  struct Answer {
    agents::protocol::RequestType type = agents::protocol::RequestType::Reply;
    model::FailureCause cause = model::FailureCause::None;
    std::int64_t elapsedNs = 0;
    int depth = 0;
    std::int64_t originNs = 0;
    Clock::duration latency{};  // send to answer, on the test's clock
  };

  RequestClient(agents::EventLoop& loop, zmq::context_t& context, const std::string& endpoint);
  ~RequestClient();

  // Sends one REQUEST; returns its id.
  std::uint64_t send(std::int64_t timeoutNs = 0, const std::string& target = {}, int depth = 0);
  // Runs the loop until the answer to `id` came (or `timeout`).
  std::optional<Answer> wait(std::uint64_t id, std::chrono::milliseconds timeout);
  // send() then wait().
  std::optional<Answer> call(std::chrono::milliseconds timeout = std::chrono::seconds(5),
                             std::int64_t timeoutNs = 0, const std::string& target = {});
  const std::map<std::uint64_t, Answer>& answers() const { return answers_; }
  zmq::socket_t& socket() { return socket_; }

 private:
  void read();
  agents::EventLoop& loop_;
  zmq::socket_t socket_;
  std::uint64_t next_ = 1;
  std::map<std::uint64_t, Clock::time_point> sent_;
  std::map<std::uint64_t, Answer> answers_;
  agents::ReceivedMessage message_;
};

}  // namespace clusterscope::testing
