#pragma once

#include <sys/types.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

// One local process started by the launcher, and nothing else: it is only ever signalled
// through its pidfd or, while it is not reaped (so its pid and process group cannot be reused),
// through its own process group. docs/protocol.md and LIVE.md ("Launching") say why:
//
// - its own process group, so a Ctrl-C on the terminal reaches the launcher alone, which stops
//   its children in order (and a signal to the group also reaches anything the child forked);
// - PR_SET_PDEATHSIG SIGKILL, so it dies with the launcher even when the launcher is killed
//   with SIGKILL. The kernel ties that to the *thread* that forked: spawn() must be called from
//   a thread that lives as long as the children (the launcher's loop thread);
// - signals unblocked and dispositions reset before exec (the launcher blocks SIGINT and
//   SIGTERM for its signalfd, and blocked masks are inherited);
// - stdin from /dev/null, stdout and stderr appended to a log file, no other descriptor.
//
// Not thread-safe: one thread owns a ChildProcess. The destructor never leaves a process
// behind: it kills the group with SIGKILL and reaps it.

namespace clusterscope::agents::launcher {

// How a process ended, as waitpid says.
struct ExitStatus {
  bool signaled = false;
  int value = 0;  // the exit status, or the signal number when signaled

  bool clean() const { return !signaled && value == 0; }
  // "status 1", "signal 9"
  std::string describe() const;
};

struct SpawnSpec {
  // argv[0] is a path (with a '/') or a name looked up in PATH before forking.
  std::vector<std::string> argv;
  std::string logPath;                // stdout and stderr appended here; empty: /dev/null
  std::vector<std::string> extraEnv;  // "NAME=VALUE", added to (or replacing in) the environment
  // A network namespace (/run/netns/NAME) the child enters before exec; empty: the launcher's.
  std::string netnsPath;
};

// The program `name` as exec would find it: itself when it holds a '/', else the first
// executable of that name in PATH. Empty when there is none.
std::string findProgram(const std::string& name);

class ChildProcess {
 public:
  // Forks and execs. Returns once exec has succeeded; throws std::runtime_error saying which
  // program could not be run and why (not found, not executable, fork failed, ...).
  static std::unique_ptr<ChildProcess> spawn(const SpawnSpec& spec);

  ~ChildProcess();  // SIGKILL to the group and a blocking reap, if it was not reaped yet
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  // Readable (poll) once the process has exited; open until destruction, so a loop can stop
  // watching it after reap(). -1 where the kernel has no pidfd_open.
  int pidfd() const { return pidfd_; }
  bool reaped() const { return status_.has_value(); }
  const std::optional<ExitStatus>& status() const { return status_; }

  // Sends `signal` to its process group (to the process alone if the group is gone). False
  // once reaped: a reaped pid may belong to someone else now.
  bool signal(int signal);
  // Takes the exit status if the process has exited (never blocks); the status once reaped.
  const std::optional<ExitStatus>& reap();
  // SIGKILL, then waits for it: a killed process is gone within milliseconds.
  const ExitStatus& killAndReap();

 private:
  ChildProcess(pid_t pid, int pidfd) : pid_(pid), pidfd_(pidfd) {}
  void closePidfd();

  pid_t pid_ = -1;
  int pidfd_ = -1;
  std::optional<ExitStatus> status_;
};

}  // namespace clusterscope::agents::launcher
