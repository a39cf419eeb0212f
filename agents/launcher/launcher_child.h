#pragma once

#include <memory>
#include <string>

#include "launcher.h"

// The launcher's record of one child, shared by its source files (not a public header).

namespace clusterscope::agents::launcher {

// A duration in seconds on the loop's clock.
inline EventLoop::Clock::duration loopSeconds(double seconds) {
  return std::chrono::duration_cast<EventLoop::Clock::duration>(
      std::chrono::duration<double>(seconds));
}

struct Launcher::Child {
  ProcessKind kind = ProcessKind::Agent;
  int deployment = -1;  // agents: the replica's place in the ReplicaTable
  int replica = -1;
  std::uint64_t generation = 0;
  std::string instance;  // as it says HELLO: "orders#1", "broker", "loadgen"
  std::string node;
  std::string logPath;
  std::unique_ptr<ChildProcess> process;
  bool expected = false;       // the launcher asked it to leave, or killed it
  bool paused = false;         // SIGSTOP in force
  double versionFactor = 1.0;  // a rolling update's new version: told to the agent once joined
  bool versionSent = false;
  EventLoop::TimerId killTimer = 0;    // SIGKILL when a drain takes too long
  EventLoop::TimerId resumeTimer = 0;  // SIGCONT at the end of a pause
  EventLoop::TimerId pollTimer = 0;    // without a pidfd: looks for its exit
};

}  // namespace clusterscope::agents::launcher
