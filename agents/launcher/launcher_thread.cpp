#include "launcher_thread.h"

namespace clusterscope::agents::launcher {

LauncherThread::LauncherThread(LaunchSettings settings, LauncherEvents events)
    : settings_(std::move(settings)), events_(std::move(events)) {}

LauncherThread::~LauncherThread() {
  kill();
  wait();
}

void LauncherThread::start() {
  if (thread_.joinable()) throw std::logic_error("LauncherThread::start called twice");
  std::promise<void> started;
  auto future = started.get_future();
  running_ = true;
  thread_ = std::thread([this, &started] { run(started); });
  try {
    future.get();
  } catch (...) {
    thread_.join();
    running_ = false;
    throw;
  }
}

void LauncherThread::run(std::promise<void>& started) {
  EventLoop loop;
  LauncherEvents events = events_;
  events.stopped = [this, user = events_.stopped](const LaunchResult& result) {
    if (user) user(result);
    done_ = true;
  };
  Launcher launcher(loop, settings_, std::move(events));
  try {
    launcher.start();
  } catch (...) {
    started.set_exception(std::current_exception());
    return;
  }
  {
    std::lock_guard lock(mutex_);
    loop_ = &loop;
    launcher_ = &launcher;
  }
  started.set_value();  // `started` is gone after this: the caller returns
  loop.run([this] { return !done_.load(); });
  std::lock_guard lock(mutex_);
  loop_ = nullptr;
  launcher_ = nullptr;
  running_ = false;
}

bool LauncherThread::postTask(std::function<void(Launcher&)> f) {
  std::lock_guard lock(mutex_);
  if (!loop_) return false;
  loop_->post([this, f = std::move(f)] {
    if (launcher_) f(*launcher_);
  });
  return true;
}

void LauncherThread::post(std::function<void(Launcher&)> f) { postTask(std::move(f)); }

void LauncherThread::stop() {
  postTask([](Launcher& l) { l.stop(); });
}

void LauncherThread::kill() {
  postTask([](Launcher& l) { l.kill(); });
}

void LauncherThread::wait() {
  if (thread_.joinable()) thread_.join();
}

}  // namespace clusterscope::agents::launcher
