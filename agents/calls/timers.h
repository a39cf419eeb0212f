#pragma once

#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

#include "event_loop.h"

// One-shot timers on an EventLoop that can be frozen all at once: what an agent needs to
// emulate a `pause` fault (SIGSTOP) without being stopped. While paused, a timer that comes due
// does not run; resume() runs those, in the order they came due, as a process woken by SIGCONT
// runs its overdue timers at once.
//
// Loop-thread only, like the EventLoop. Handlers run on the loop's thread and may add or cancel
// timers. The EventLoop must outlive this object; timers still set when it is destroyed are
// cancelled.

namespace clusterscope::agents::calls {

class Timers {
 public:
  using Clock = EventLoop::Clock;
  using Id = EventLoop::TimerId;
  using Handler = EventLoop::Handler;

  explicit Timers(EventLoop& loop) : loop_(loop) {}
  ~Timers();
  Timers(const Timers&) = delete;
  Timers& operator=(const Timers&) = delete;

  // `handler` at `when` (in the past: at the next turn). Returns an id for cancel().
  Id at(Clock::time_point when, Handler handler);
  Id after(Clock::duration delay, Handler handler) {
    return at(Clock::now() + delay, std::move(handler));
  }
  // At the next turn of the loop: for a result that must not be delivered from inside the
  // call that produced it.
  Id soon(Handler handler) { return at(Clock::time_point::min(), std::move(handler)); }
  // A timer not run yet (set, or due and frozen) never runs. Unknown ids are ignored.
  void cancel(Id id);

  void pause();
  void resume();
  bool paused() const { return paused_; }

  EventLoop& loop() { return loop_; }

 private:
  struct Entry {
    Handler handler;
    EventLoop::TimerId loopId = 0;
    bool frozen = false;  // came due while paused
  };
  void fire(Id id);

  EventLoop& loop_;
  bool paused_ = false;
  Id nextId_ = 1;
  std::unordered_map<Id, Entry> entries_;  // set or frozen, not yet run or cancelled
  std::vector<Id> frozen_;                 // in the order they came due
};

}  // namespace clusterscope::agents::calls
