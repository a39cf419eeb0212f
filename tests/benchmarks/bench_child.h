#pragma once

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

// Child processes of a benchmark (a hub, a relay, simulated peers): they die with it, and what
// they print up to a marker tells where they listen. Linux only, like the benchmarks.

namespace clusterscope::bench {

// In a child just forked: never outlive the benchmark (SIGKILL when its parent dies).
inline void dieWithParent() { prctl(PR_SET_PDEATHSIG, SIGKILL); }

struct Child {
  pid_t pid = -1;
  int out = -1;          // its stdout, kept open until it has exited (no SIGPIPE on late output)
  std::string endpoint;  // the word after the marker
};

// Runs argv (argv[0] a path) with stdout to a pipe and returns once a whole line holding
// `marker` came. Throws when the child ends first.
inline Child spawn(const std::vector<std::string>& argv, const std::string& marker) {
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe");
  Child c;
  c.pid = fork();
  if (c.pid < 0) throw std::runtime_error("fork");
  if (c.pid == 0) {
    dieWithParent();
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  close(out[1]);
  std::string text;
  char buffer[512];
  while (text.find(marker) == std::string::npos ||
         text.find('\n', text.find(marker)) == std::string::npos) {
    const ssize_t n = read(out[0], buffer, sizeof buffer);
    if (n <= 0) throw std::runtime_error("the child said nothing: " + argv[0]);
    text.append(buffer, static_cast<std::size_t>(n));
  }
  const std::size_t at = text.find(marker) + marker.size();
  c.endpoint = text.substr(at, text.find_first_of(" \n", at) - at);
  c.out = out[0];
  return c;
}

// SIGTERM, then waits for it.
inline void stop(Child& c) {
  if (c.pid <= 0) return;
  kill(c.pid, SIGTERM);
  int status = 0;
  waitpid(c.pid, &status, 0);
  close(c.out);
  c.pid = -1;
}

// utime + stime of a process, in seconds.
inline double cpuSeconds(pid_t pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  std::istringstream fields(text.substr(text.rfind(')') + 2));
  std::string v;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> v; ++i) {
    if (i == 14 || i == 15) ticks += std::stod(v);
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

}  // namespace clusterscope::bench
