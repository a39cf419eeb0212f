#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "event_loop.h"
#include "random.h"
#include "telemetry.h"

// The live-only faults and the partitions in force in one process (docs/protocol.md, "Faults"
// and "Partitions"). The receiver of a COMMAND decides whether a fault concerns it; what is
// added here applies: a process fault (with `service`) to the requests this process receives,
// an edge fault (with `from` and `to`) to the requests and publishes it sends on that edge.
// Faults with a duration end by themselves; reset() ends every one.
//
// Loop-thread only. Times are the caller's monotonic clock; draws come from the caller's Rng.

namespace clusterscope::agents::calls {

class FaultBook {
 public:
  using Clock = EventLoop::Clock;

  // What the faults in force do to one message.
  struct Verdict {
    bool drop = false;         // loss or blackhole: the message is lost on the way
    Clock::duration delay{0};  // latency (with its jitter): sent or received this late
    bool failFirst = false;    // fail_first: answered `error` at once (counted down)
  };

  void add(const protocol::Fault& fault, Clock::time_point now);
  // Every fault and partition ends.
  void reset();

  // An edge fault's effect on one send from component `from` (the calling module, or the
  // service) to `to`. A fail_first fault is counted down only when it fails the send.
  Verdict onSend(std::string_view from, std::string_view to, engine::Rng& rng,
                 Clock::time_point now);
  // A process fault's effect on one request received.
  Verdict onReceive(engine::Rng& rng, Clock::time_point now);
  // A process blackhole is in force: answers are dropped too.
  bool blackholed(Clock::time_point now);
  // When an emulated pause ends (max: when cleared); nothing when none is in force.
  std::optional<Clock::time_point> pausedUntil(Clock::time_point now);

  // The faults in force, for REPORT: remaining_s (0: until cleared), fail_first's count left.
  std::vector<protocol::FaultInForce> inForce(Clock::time_point now);

  // Partitions between two nodes, both ways. A process without a node ignores them.
  void partition(const std::string& a, const std::string& b);
  void heal(const std::string& a, const std::string& b);
  // The two nodes are cut off from each other (false when either is empty).
  bool cut(std::string_view a, std::string_view b) const;
  bool anyPartition() const { return !partitions_.empty(); }

 private:
  struct Active {
    protocol::Fault fault;
    Clock::time_point until;  // max: until reset
  };
  void expire(Clock::time_point now);
  Verdict apply(bool process, std::string_view from, std::string_view to, engine::Rng& rng,
                Clock::time_point now);

  std::vector<Active> active_;
  std::vector<std::pair<std::string, std::string>> partitions_;  // each pair sorted
};

}  // namespace clusterscope::agents::calls
