#pragma once

#include <atomic>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <type_traits>

#include "launcher.h"

// A Launcher on a thread of its own, for a GUI ("Run on real agents"): the thread owns the
// EventLoop, the Launcher and therefore the children (PR_SET_PDEATHSIG ties them to it).
//
// Threading contract: every method may be called from any one controlling thread (the GUI's).
// The LauncherEvents given to the constructor run on the launcher's thread, never on the
// caller's: a GUI forwards them to its own thread (a queued signal) and must not block in them.
// Nothing here blocks for long except wait() and the destructor, which wait for the children
// to be gone (at most LaunchSettings::stopGrace after a stop, milliseconds after a kill).

namespace clusterscope::agents::launcher {

class LauncherThread {
 public:
  LauncherThread(LaunchSettings settings, LauncherEvents events);
  // Kills every child (Launcher::kill) if the launch still runs, then joins the thread.
  ~LauncherThread();
  LauncherThread(const LauncherThread&) = delete;
  LauncherThread& operator=(const LauncherThread&) = delete;

  // Starts the thread and Launcher::start on it; returns once that returned. Throws what it
  // threw (nothing is left running then).
  void start();
  // Asks the launch to stop (Launcher::stop) and returns at once; `stopped` follows on the
  // launcher's thread, then the thread ends. Idempotent; also cancels a launch still starting.
  void stop();
  // The same with SIGKILL (Launcher::kill), for a user who will not wait.
  void kill();
  // Blocks until the launch has stopped and the thread has ended.
  void wait();
  // True from start() until the thread has ended.
  bool running() const { return running_.load(); }

  // Runs `f` on the launcher's thread with the Launcher (apply an action, read processes()).
  // Dropped when the thread has ended.
  void post(std::function<void(Launcher&)> f);
  // The same, waiting for its result; `fallback` when the thread has ended.
  template <typename F, typename R = std::invoke_result_t<F, Launcher&>>
  R call(F f, R fallback = R()) {
    auto task = std::make_shared<std::packaged_task<R(Launcher&)>>(std::move(f));
    auto result = task->get_future();
    if (!postTask([task](Launcher& l) { (*task)(l); })) return fallback;
    return result.get();
  }

 private:
  bool postTask(std::function<void(Launcher&)> f);
  void run(std::promise<void>& started);

  LaunchSettings settings_;
  LauncherEvents events_;
  std::thread thread_;
  std::atomic<bool> running_{false};
  std::atomic<bool> done_{false};
  std::mutex mutex_;  // guards loop_ and launcher_, set while the thread runs its loop
  EventLoop* loop_ = nullptr;
  Launcher* launcher_ = nullptr;
};

}  // namespace clusterscope::agents::launcher
