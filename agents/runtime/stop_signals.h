#pragma once

#include <signal.h>

#include "event_loop.h"

// SIGINT and SIGTERM as a request to stop, for a process's main thread: blocked in that thread
// before any other starts (so every thread inherits the mask and none is interrupted by them)
// and read from a signalfd that an EventLoop watches. Construct it first thing in main's
// serving function, on the thread that will run the loop.

namespace clusterscope::agents {

class StopSignals {
 public:
  StopSignals();   // blocks SIGINT and SIGTERM in this thread and opens the signalfd
  ~StopSignals();  // closes it (the signals stay blocked); the loop must not run after
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  // Watches the signalfd on `loop` (which must outlive this object): a signal makes
  // requested() true and wakes the loop.
  void watch(EventLoop& loop);
  bool requested() const { return requested_; }

 private:
  int fd_ = -1;
  bool requested_ = false;
};

}  // namespace clusterscope::agents
