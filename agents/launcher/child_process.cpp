#include "child_process.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace clusterscope::agents::launcher {

namespace {

// The raw system calls: Debian 12's <sys/pidfd.h> declares the wrappers without C linkage.
int openPidfd(pid_t pid) { return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)); }
int sendToPidfd(int pidfd, int signal) {
  return static_cast<int>(::syscall(SYS_pidfd_send_signal, pidfd, signal, nullptr, 0));
}

// A descriptor closed on every way out of spawn().
struct Fd {
  int fd = -1;
  ~Fd() { reset(); }
  void reset() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

std::vector<std::string> environmentWith(const std::vector<std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) env.emplace_back(*e);
  for (const std::string& entry : extra) {
    const std::string name = entry.substr(0, entry.find('=') + 1);
    std::erase_if(env, [&](const std::string& e) { return e.starts_with(name); });
    env.push_back(entry);
  }
  return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

ExitStatus statusOf(int wstatus) {
  if (WIFSIGNALED(wstatus)) return {true, WTERMSIG(wstatus)};
  return {false, WEXITSTATUS(wstatus)};
}

// The child, between fork and exec: async-signal-safe calls only (the parent has threads, and
// any lock they held is held for ever here). Never returns.
[[noreturn]] void execChild(pid_t parent, int nullFd, int logFd, int errorFd, int netnsFd,
                            const char* path, char* const* argv, char* const* envp) {
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  struct sigaction defaults {};
  defaults.sa_handler = SIG_DFL;
  for (int s = 1; s < NSIG; ++s) sigaction(s, &defaults, nullptr);  // KILL, STOP: EINVAL
  setpgid(0, 0);
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  // The launcher may have died before prctl: then nobody would ever stop this process.
  if (getppid() != parent) _exit(127);
  dup2(nullFd, STDIN_FILENO);
  dup2(logFd, STDOUT_FILENO);
  dup2(logFd, STDERR_FILENO);
  // Nothing of the launcher's (sockets, the connection to the hub, key files) leaks in.
  close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
  // Into the node's network namespace (launch --netns): only the network, so the program,
  // its files and its pid are the same as without.
  if (netnsFd < 0 || setns(netnsFd, CLONE_NEWNET) == 0) execve(path, argv, envp);
  const int error = errno;
  [[maybe_unused]] const auto n = write(errorFd, &error, sizeof error);
  _exit(127);
}

}  // namespace

std::string ExitStatus::describe() const {
  return (signaled ? "signal " : "status ") + std::to_string(value);
}

std::string findProgram(const std::string& name) {
  if (name.empty()) return {};
  if (name.find('/') != std::string::npos) return ::access(name.c_str(), X_OK) == 0 ? name : "";
  const char* path = std::getenv("PATH");
  const std::string dirs = path && *path ? path : "/usr/local/bin:/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    const std::size_t end = std::min(dirs.find(':', start), dirs.size());
    const std::string dir = end > start ? dirs.substr(start, end - start) : ".";
    const std::string candidate = dir + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return {};
}

std::unique_ptr<ChildProcess> ChildProcess::spawn(const SpawnSpec& spec) {
  if (spec.argv.empty()) throw std::invalid_argument("spawn: no program");
  const std::string& program = spec.argv.front();
  const std::string path = findProgram(program);
  if (path.empty()) {
    throw std::runtime_error("cannot run " + program + ": " +
                             (program.find('/') != std::string::npos
                                  ? std::string(std::strerror(errno))
                                  : std::string("not found in PATH")));
  }
  // Everything the child needs is made before fork: it may not allocate.
  std::vector<std::string> args = spec.argv;
  std::vector<std::string> env = environmentWith(spec.extraEnv);
  const std::vector<char*> argv = pointers(args);
  const std::vector<char*> envp = pointers(env);
  Fd null, log, errorRead, errorWrite;
  null.fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  log.fd = spec.logPath.empty()
               ? ::open("/dev/null", O_WRONLY | O_CLOEXEC)
               : ::open(spec.logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (null.fd < 0 || log.fd < 0) {
    throw std::runtime_error("cannot open " + (spec.logPath.empty() ? "/dev/null" : spec.logPath) +
                             ": " + std::strerror(errno));
  }
  int pipeFds[2];
  if (::pipe2(pipeFds, O_CLOEXEC) != 0) {
    throw std::runtime_error(std::string("cannot make a pipe: ") + std::strerror(errno));
  }
  errorRead.fd = pipeFds[0];
  errorWrite.fd = pipeFds[1];
  Fd netns;
  if (!spec.netnsPath.empty()) {
    netns.fd = ::open(spec.netnsPath.c_str(), O_RDONLY | O_CLOEXEC);
    if (netns.fd < 0) {
      throw std::runtime_error("cannot open the network namespace " + spec.netnsPath + ": " +
                               std::strerror(errno));
    }
  }

  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("cannot start " + program + ": " + std::strerror(errno));
  if (pid == 0) {
    execChild(parent, null.fd, log.fd, errorWrite.fd, netns.fd, path.c_str(), argv.data(),
              envp.data());
  }
  errorWrite.reset();
  // Both sides set the group, so a signal sent to it right after fork cannot miss the child.
  // EACCES once the child has exec'd: it has done it itself by then.
  ::setpgid(pid, pid);
  std::unique_ptr<ChildProcess> child(new ChildProcess(pid, -1));
  int execError = 0;
  ssize_t n;
  do {
    n = ::read(errorRead.fd, &execError, sizeof execError);
  } while (n < 0 && errno == EINTR);
  if (n == static_cast<ssize_t>(sizeof execError)) {
    child->killAndReap();
    throw std::runtime_error("cannot run " + path + ": " + std::strerror(execError));
  }
  // Not reaped yet, so the pid is still this child's: the pidfd cannot name anyone else.
  child->pidfd_ = openPidfd(pid);
  if (child->pidfd_ >= 0) ::fcntl(child->pidfd_, F_SETFD, FD_CLOEXEC);
  return child;
}

ChildProcess::~ChildProcess() {
  if (!reaped()) killAndReap();
  closePidfd();
}

void ChildProcess::closePidfd() {
  if (pidfd_ >= 0) ::close(pidfd_);
  pidfd_ = -1;
}

bool ChildProcess::signal(int signal) {
  if (reaped()) return false;
  if (::kill(-pid_, signal) == 0) return true;
  // The group is gone only if the child left it (setsid); it is still ours while unreaped.
  return (pidfd_ >= 0 ? sendToPidfd(pidfd_, signal) : ::kill(pid_, signal)) == 0;
}

const std::optional<ExitStatus>& ChildProcess::reap() {
  if (reaped()) return status_;
  int wstatus = 0;
  pid_t r;
  do {
    r = ::waitpid(pid_, &wstatus, WNOHANG);
  } while (r < 0 && errno == EINTR);
  if (r == pid_) {
    status_ = statusOf(wstatus);
  } else if (r < 0 && errno == ECHILD) {
    // Someone else reaped it (a SIGCHLD set to SIG_IGN): it is gone, how is unknown.
    status_ = ExitStatus{true, SIGKILL};
  }
  return status_;
}

const ExitStatus& ChildProcess::killAndReap() {
  if (!reaped()) {
    signal(SIGKILL);
    int wstatus = 0;
    pid_t r;
    do {
      r = ::waitpid(pid_, &wstatus, 0);
    } while (r < 0 && errno == EINTR);
    status_ = r == pid_ ? statusOf(wstatus) : ExitStatus{true, SIGKILL};
  }
  return *status_;
}

}  // namespace clusterscope::agents::launcher
