#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <queue>
#include <unordered_map>
#include <vector>
#include <zmq.hpp>

namespace clusterscope::agents {

// One thread's loop over its ZeroMQ sockets and its timers: what every agent process runs.
//
// Timers are precise: the loop sleeps in zmq_poll on a timerfd armed (absolute, monotonic,
// nanoseconds) for the earliest deadline, so a timer fires within the kernel's timer slack
// (~50 µs) of its time rather than at zmq_poll's millisecond granularity, and without spinning.
// A real M/M/1 whose service times are timers therefore matches queueing theory.
//
// Not thread-safe, except wake(), which any thread or a signal handler may call to make run()
// look at its stop condition at once, and post(), which any thread may call to run a function
// on the loop's thread. Handlers run on the loop's thread, one at a time; a handler may add or
// cancel timers and watch or unwatch sockets.
class EventLoop {
 public:
  using Clock = std::chrono::steady_clock;
  using Handler = std::function<void()>;
  using TimerId = std::uint64_t;

  EventLoop();
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // Calls `onReadable` whenever `socket` has a message; the handler should read until the
  // socket would block (recv with dontwait) and must not block. The socket must outlive the
  // watch (unwatch it before closing it).
  void watch(zmq::socket_ref socket, Handler onReadable);
  void unwatch(zmq::socket_ref socket);
  // The same for a plain file descriptor (a pipe, a signalfd).
  void watchFd(int fd, Handler onReadable);
  void unwatchFd(int fd);

  // A one-shot timer at `when` (in the past: at the next turn). Returns an id for cancel().
  TimerId at(Clock::time_point when, Handler handler);
  TimerId after(Clock::duration delay, Handler handler) {
    return at(Clock::now() + delay, handler);
  }
  // A periodic timer: first after `period`, then every `period` after the previous due time
  // (no drift; a late turn does not shift the ones after it, and missed turns are skipped).
  TimerId every(Clock::duration period, Handler handler);
  // Cancels a timer not yet fired (periodic: for good). Unknown or fired ids are ignored.
  void cancel(TimerId id);

  // Runs until `keepRunning()` returns false; it is asked after each wake-up, at least every
  // `maxSleep`. Exceptions from handlers propagate out of run().
  void run(const std::function<bool()>& keepRunning,
           Clock::duration maxSleep = std::chrono::milliseconds(200));
  // Runs one turn: waits at most `maxWait` for a socket, a timer or wake(), then handles what
  // is ready. Returns the number of handlers called.
  int runOnce(Clock::duration maxWait);

  // Async-signal-safe and thread-safe: interrupts the current wait.
  void wake();
  // Thread-safe (not async-signal-safe): runs `task` on the loop's thread at its next turn, in
  // the order posted. Tasks still queued when the loop is destroyed are dropped unrun.
  void post(Handler task);

  // How late timers fired, for tests and benchmarks: count, mean and max in nanoseconds.
  struct Lateness {
    std::uint64_t count = 0;
    double meanNs = 0.0;
    std::int64_t maxNs = 0;
  };
  Lateness timerLateness() const;

 private:
  struct Due {
    Clock::time_point when;
    std::uint64_t sequence;  // equal times fire in the order they were set
    TimerId id;
    bool operator>(const Due& o) const {
      return when != o.when ? when > o.when : sequence > o.sequence;
    }
  };
  struct Timer {
    Handler handler;
    Clock::duration period{0};  // zero: one-shot
    Clock::time_point when;
  };
  struct Watched {
    zmq::socket_ref socket;  // null for a plain descriptor
    int fd = -1;
    Handler handler;
  };

  void armTimerFd();
  int fireDueTimers();
  int runPosted();
  void drainFd(int fd);

  std::vector<Watched> watched_;
  std::priority_queue<Due, std::vector<Due>, std::greater<>> due_;
  std::unordered_map<TimerId, Timer> timers_;
  TimerId nextId_ = 1;
  std::uint64_t sequence_ = 0;
  int timerFd_ = -1;
  int wakeFd_ = -1;
  Clock::time_point armedFor_ = Clock::time_point::max();
  std::uint64_t lateCount_ = 0;
  double lateSumNs_ = 0.0;
  std::int64_t lateMaxNs_ = 0;
  std::mutex postedMutex_;
  std::vector<Handler> posted_;  // guarded by postedMutex_
};

}  // namespace clusterscope::agents
