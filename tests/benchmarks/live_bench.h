#pragma once

#include <poll.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "child_process.h"
#include "connection_file.h"
#include "event_loop.h"
#include "hub_client.h"
#include "hub_connection.h"
#include "launcher_thread.h"
#include "scenario_loader.h"

// What the benchmarks of real processes share (bench_sync_chain, bench_async_broker,
// bench_kill_to_down, bench_launch_agents): a temporary directory, percentiles, a child
// process whose banner is read from its log (the launcher's own ChildProcess: its own process
// group, PR_SET_PDEATHSIG, killed and reaped with its object), a launched cluster (the launcher
// library on a thread of its own, as the GUI runs it) and a monitor that follows a hub's stream
// on a thread of its own, noting when each peer changed state.

namespace clusterscope::bench {

namespace p = agents::protocol;
namespace ln = agents::launcher;
using Clock = std::chrono::steady_clock;

inline double msSince(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

// A fresh directory under the system's temporary directory, removed with everything in it.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix) {
    std::string templ = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (!mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed");
    path_ = templ;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

struct Percentiles {
  std::size_t n = 0;
  double p50 = 0, p95 = 0, p99 = 0, max = 0;
};

inline Percentiles percentiles(std::vector<double> v) {
  if (v.empty()) return {};
  std::sort(v.begin(), v.end());
  auto at = [&](double q) {
    return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
  };
  return {v.size(), at(0.50), at(0.95), at(0.99), v.back()};
}

inline engine::Scenario scenarioFrom(const std::string& text) {
  auto loaded = engine::loadScenarioText(text, "benchmark.json");
  if (!loaded.ok()) {
    std::string all;
    for (const auto& d : loaded.errors) all += "\n  " + d.format();
    throw std::runtime_error("benchmark scenario is not valid:" + all);
  }
  return std::move(*loaded.scenario);
}

inline void writeFile(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
}

// A child started with the launcher's ChildProcess, its stdout and stderr in `logPath`; waits
// until the log holds `marker` followed by a word, and returns that word (an endpoint).
struct BannerChild {
  std::unique_ptr<ln::ChildProcess> process;
  std::string word;
};

inline BannerChild spawnWithBanner(const std::vector<std::string>& argv, const std::string& logPath,
                                   const std::string& marker,
                                   std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  BannerChild c{ln::ChildProcess::spawn({argv, logPath, {}, {}}), {}};
  const auto end = Clock::now() + timeout;
  while (Clock::now() < end) {
    std::ifstream in(logPath);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto at = text.find(marker);
    if (at != std::string::npos) {
      const auto from = at + marker.size();
      const auto to = text.find_first_of(" \n", from);
      if (to != std::string::npos) {
        c.word = text.substr(from, to - from);
        return c;
      }
    }
    if (c.process->reap()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  throw std::runtime_error(argv[0] + " did not say \"" + marker + "\"; see " + logPath);
}

// Waits for a child's exit (its pidfd) and reaps it.
inline void waitExit(ln::ChildProcess& child) {
  while (!child.reap()) {
    pollfd fd{child.pidfd(), POLLIN, 0};
    if (child.pidfd() < 0 || ::poll(&fd, 1, 1000) < 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
}

// A monitor (a HubClient that subscribes, with the controller's key) on a thread of its own:
// each peer's HELLO, liveness and readiness, with when they changed.
class Watcher {
 public:
  struct Peer {
    p::Hello hello;
    p::Liveness liveness = p::Liveness::Joined;
    Clock::time_point changedAt{};  // the last liveness change
    bool ready = false;             // reported `ready` since it last joined
    Clock::time_point readyAt{};
  };
  using Peers = std::map<std::string, Peer>;

  explicit Watcher(const std::string& connectionFile)
      : connection_(agents::connectionFromFile(connectionFile, p::KeyRole::Controller)) {
    thread_ = std::thread([this] { run(); });
  }
  ~Watcher() {
    stopping_ = true;
    thread_.join();
  }
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  // Waits until `done(peers)` holds; false after `timeout`.
  bool waitUntil(const std::function<bool(const Peers&)>& done, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return done(peers_); });
  }
  std::optional<Peer> peer(const std::string& instance) {
    std::lock_guard lock(mutex_);
    const auto it = peers_.find(instance);
    return it == peers_.end() ? std::nullopt : std::optional(it->second);
  }

 private:
  void run() {
    agents::EventLoop loop;
    zmq::context_t context(1);
    p::Hello hello;
    hello.role = p::PeerRole::Monitor;
    hello.instance = "monitor@bench:1";
    agents::HubClient::Callbacks c;
    c.onSnapshot = [this](const agents::HubSnapshot& s) {
      const auto now = Clock::now();
      std::lock_guard lock(mutex_);
      for (const auto& e : s.peers) {
        Peer& peer = peers_[e.hello.instance];
        peer.hello = e.hello;
        peer.liveness = e.liveness;
        peer.changedAt = now;
        peer.ready = e.report && e.report->state == model::ReplicaState::Ready;
        peer.readyAt = now;
      }
      changed_.notify_all();
    };
    c.onPeerState = [this](const p::PeerState& s) {
      const auto now = Clock::now();
      std::lock_guard lock(mutex_);
      Peer& peer = peers_[s.instance];
      peer.liveness = s.liveness;
      peer.changedAt = now;
      if (s.hello) {
        peer.hello = *s.hello;
        peer.ready = false;
      }
      changed_.notify_all();
    };
    c.onUpdate = [this](const p::Update& u) {
      if (u.report.state != model::ReplicaState::Ready) return;
      const auto now = Clock::now();
      std::lock_guard lock(mutex_);
      Peer& peer = peers_[u.instance];
      if (peer.ready) return;
      peer.ready = true;
      peer.readyAt = now;
      changed_.notify_all();
    };
    agents::HubClient client(loop, context, {connection_, hello, true}, std::move(c));
    client.start();
    loop.run([this] { return !stopping_.load(); }, std::chrono::milliseconds(20));
    client.stop();
  }

  agents::HubConnection connection_;
  std::mutex mutex_;
  std::condition_variable changed_;
  Peers peers_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

// A scenario launched by the launcher library on a thread of its own (LauncherThread), its
// connection file in a directory of its own, without load generator unless asked; killed with
// everything it started when this object goes.
class LaunchedCluster {
 public:
  LaunchedCluster(engine::Scenario scenario, const std::string& dir,
                  std::set<std::string> external = {}, bool load = false) {
    ln::LaunchSettings s;
    s.scenario = std::move(scenario);
    s.external = std::move(external);
    s.connectionFile = dir + "/connection.json";
    s.load = load;
    s.untilStopped = true;
    ln::LauncherEvents events;
    events.trafficStarted = [this](agents::EventLoop::Clock::time_point) {
      std::lock_guard lock(mutex_);
      trafficAt_ = Clock::now();
      changed_.notify_all();
    };
    events.process = [this](const ln::ProcessEvent& e) {
      if (e.kind != ln::ProcessEvent::Kind::Exited) return;
      std::lock_guard lock(mutex_);
      exitedAt_[e.process.pid] = Clock::now();
      changed_.notify_all();
    };
    events.stopped = [this](const ln::LaunchResult& r) {
      std::lock_guard lock(mutex_);
      if (!r.ok) error_ = r.error;
      stopped_ = true;
      changed_.notify_all();
    };
    thread_ = std::make_unique<ln::LauncherThread>(std::move(s), std::move(events));
  }
  ~LaunchedCluster() { thread_.reset(); }  // SIGKILL to every child, reaped, files removed

  // Starts it; returns when Launcher::start has (children starting).
  void start() {
    startedAt_ = Clock::now();
    thread_->start();
    info_ = thread_->call([](ln::Launcher& l) { return l.info(); });
  }
  // Waits until every planned process reports ready (traffic would start); the time it took
  // from start(), in ms, or nothing (a timeout or a failed launch: error() says why).
  std::optional<double> waitAllReady(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, timeout, [&] { return trafficAt_ || stopped_; }) || !trafficAt_) {
      return std::nullopt;
    }
    return msSince(startedAt_, *trafficAt_);
  }
  // When the launcher saw the process `pid` exit, once it has.
  std::optional<Clock::time_point> exitedAt(pid_t pid) {
    std::lock_guard lock(mutex_);
    const auto it = exitedAt_.find(pid);
    return it == exitedAt_.end() ? std::nullopt : std::optional(it->second);
  }
  std::string error() {
    std::lock_guard lock(mutex_);
    return error_;
  }
  const ln::LaunchInfo& info() const { return info_; }
  pid_t pidOf(const std::string& instance) {
    return thread_->call([&](ln::Launcher& l) {
      for (const auto& proc : l.processes())
        if (proc.instance == instance && proc.running) return proc.pid;
      return pid_t{0};
    });
  }
  // Applies `action` on the launcher's thread; true when it was carried out.
  bool apply(const model::Action& action) {
    return thread_->call([&](ln::Launcher& l) {
      bool ok = false;
      l.apply(action, [&](const ln::ActionEvent& e) { ok = e.ok; });
      return ok;  // process-level actions complete inside apply()
    });
  }
  void kill() {
    thread_->kill();
    thread_->wait();
  }

 private:
  std::unique_ptr<ln::LauncherThread> thread_;
  ln::LaunchInfo info_;
  Clock::time_point startedAt_{};
  std::mutex mutex_;
  std::condition_variable changed_;
  std::optional<Clock::time_point> trafficAt_;
  std::map<pid_t, Clock::time_point> exitedAt_;
  bool stopped_ = false;
  std::string error_;
};

}  // namespace clusterscope::bench
