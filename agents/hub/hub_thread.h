#pragma once

#include <atomic>
#include <functional>
#include <future>
#include <memory>
#include <thread>
#include <type_traits>

#include "event_loop.h"
#include "hub.h"

// A Hub on a thread of its own, for a launcher that embeds one and for tests. start() binds on
// the caller's thread (errors throw there), then the hub runs on its thread until stop(). Every
// method is safe from any one controlling thread; call() runs a function on the hub's thread
// and waits for its result, the only way to look at the Hub while it runs.

namespace clusterscope::agents {

class HubThread {
 public:
  explicit HubThread(HubOptions options);
  ~HubThread();  // stop()
  HubThread(const HubThread&) = delete;
  HubThread& operator=(const HubThread&) = delete;

  // Binds (Hub::start) and starts the thread. Throws what Hub::start throws.
  void start();
  // Stops the loop, joins the thread and closes the hub. Idempotent.
  void stop();
  bool running() const { return thread_.joinable(); }

  // Read after start(): they do not change while the hub runs.
  const std::string& endpoint() const { return hub_->endpoint(); }
  const std::string& metricsUrl() const { return hub_->metricsUrl(); }
  const std::string& telemetryEndpoint() const { return hub_->telemetryEndpoint(); }
  const std::string& hubId() const { return hub_->hubId(); }

  // Runs `f(hub)` on the hub's thread (at once if it is not running) and returns its result.
  template <typename F>
  auto call(F f) -> std::invoke_result_t<F, Hub&> {
    using R = std::invoke_result_t<F, Hub&>;
    if (!running()) return f(*hub_);
    std::packaged_task<R()> task([&] { return f(*hub_); });
    auto result = task.get_future();
    loop_.post([&task] { task(); });
    return result.get();
  }

 private:
  EventLoop loop_;
  std::unique_ptr<Hub> hub_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
};

}  // namespace clusterscope::agents
