#pragma once

#include <sys/types.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

// Counting processes from /proc, to show that nothing was left behind: by a marker in their
// command line (every child of a launch names the test's own temporary directory in its
// arguments) or by process group. Zombies do not count: they are gone, only not reaped yet.

namespace clusterscope::testing {

inline bool zombie(const std::string& stat) {
  const auto close = stat.rfind(')');
  return close != std::string::npos && close + 2 < stat.size() && stat[close + 2] == 'Z';
}

inline std::string readProc(pid_t pid, const char* what) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/" + what, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

template <typename Test>
std::vector<pid_t> processesWhere(Test test) {
  std::vector<pid_t> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(name));
    if (pid == ::getpid()) continue;
    const std::string stat = readProc(pid, "stat");
    if (stat.empty() || zombie(stat)) continue;
    if (test(pid, stat)) out.push_back(pid);
  }
  return out;
}

// Live processes whose command line holds `marker`.
inline std::vector<pid_t> processesMentioning(const std::string& marker) {
  return processesWhere([&](pid_t pid, const std::string&) {
    return readProc(pid, "cmdline").find(marker) != std::string::npos;
  });
}

// Live processes of process group `pgid`.
inline std::vector<pid_t> processGroup(pid_t pgid) {
  return processesWhere([&](pid_t, const std::string& stat) {
    // Fields after the command's closing parenthesis: state, ppid, pgrp, ...
    std::istringstream fields(stat.substr(stat.rfind(')') + 2));
    std::string state;
    long ppid = 0, pgrp = 0;
    fields >> state >> ppid >> pgrp;
    return pgrp == pgid;
  });
}

// Polls `count()` until it is 0 or `timeout` passes; the last count.
template <typename Count>
std::size_t waitForNone(Count count, std::chrono::milliseconds timeout) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  std::size_t n = count();
  while (n > 0 && std::chrono::steady_clock::now() < end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    n = count();
  }
  return n;
}

}  // namespace clusterscope::testing
