#pragma once

#include <QTemporaryDir>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <zmq.hpp>

#include "curve_keys.h"
#include "event_loop.h"
#include "hub_client.h"
#include "hub_thread.h"

// A real hub (the hub library on a thread of its own, CURVE with fresh keys) and the
// connection file real agents read to join it, for tests that run agents as processes; and a
// Monitor, a controller on the test's own EventLoop that follows the hub's stream and sends
// commands, as clusterscope-cli monitor and inject do.

namespace clusterscope::testing {

// Runs `loop` until `done()` or `timeout`; true when done.
bool runUntil(agents::EventLoop& loop, const std::function<bool()>& done,
              std::chrono::milliseconds timeout);
void runFor(agents::EventLoop& loop, std::chrono::milliseconds duration);

class LiveHub {
 public:
  LiveHub();
  ~LiveHub();
  const std::string& connectionFile() const { return connectionFile_; }
  agents::HubConnection controller() const;
  agents::HubThread& hub() { return *hub_; }
  const std::string& dir() const { return dir_; }

 private:
  QTemporaryDir tmp_;
  std::string dir_;
  agents::ClusterKeys keys_;
  std::unique_ptr<agents::HubThread> hub_;
  std::string connectionFile_;
};

class Monitor {
 public:
  Monitor(agents::EventLoop& loop, zmq::context_t& context, const LiveHub& hub);
  ~Monitor();

  // The last report of `instance`, or null.
  const agents::protocol::Report* report(const std::string& instance) const;
  std::optional<agents::protocol::Liveness> liveness(const std::string& instance) const;
  const agents::protocol::Hello* hello(const std::string& instance) const;
  // Waits until `instance` reports with state `ready`.
  bool waitReady(const std::string& instance, std::chrono::milliseconds timeout);
  // Sends a command and waits for the hub's COMMAND_RESULT.
  std::optional<agents::protocol::CommandResult> command(
      agents::protocol::Command command,
      std::chrono::milliseconds timeout = std::chrono::seconds(8));

  std::map<std::string, agents::protocol::Report> reports;
  std::map<std::string, agents::protocol::Liveness> livenesses;
  std::map<std::string, agents::protocol::Hello> hellos;

 private:
  agents::EventLoop& loop_;
  std::unique_ptr<agents::HubClient> client_;
};

}  // namespace clusterscope::testing
