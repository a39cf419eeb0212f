#include "node_network.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "child_process.h"

extern char** environ;

namespace clusterscope::agents::launcher {

namespace {

// Names are per pid: two runs in one process would collide.
std::atomic<bool> inUse{false};

std::string ipProgram() {
  std::string path = findProgram("ip");
  // A user's PATH often lacks the sbin directories, where Debian puts it.
  for (const char* candidate : {"/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"}) {
    if (path.empty() && ::access(candidate, X_OK) == 0) path = candidate;
  }
  return path;
}

bool alive(long pid) {
  return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
}

// The launcher pid in one of our names ("cs-br-PID", "cs-PID-..."), or 0 for any other name.
long pidInName(const std::string& name) {
  std::string rest;
  if (name.starts_with("cs-br-")) {
    rest = name.substr(6);
  } else if (name.starts_with("cs-")) {
    rest = name.substr(3);
  } else {
    return 0;
  }
  std::size_t digits = 0;
  while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits]))) ++digits;
  if (digits == 0 || digits > 9) return 0;
  if (digits < rest.size() && rest[digits] != '-') return 0;
  if (digits == rest.size() && !name.starts_with("cs-br-")) return 0;
  return std::stol(rest.substr(0, digits));
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

// A node name as a namespace name may hold it (a file name under /run/netns).
std::string safeName(const std::string& node) {
  std::string out;
  for (char c : node.substr(0, 40)) {
    out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '_';
  }
  return out.empty() ? "node" : out;
}

// A /24 in 10.77.0.0/16 that no address or route of this machine mentions yet.
std::string freePrefix() {
  std::string addresses, routes;
  runIp({"-4", "-o", "addr", "show"}, &addresses);
  runIp({"-4", "route", "show", "table", "all"}, &routes);
  const std::string taken = "\n" + addresses + "\n" + routes;
  const int first = static_cast<int>(::getpid() % 254);
  for (int k = 0; k < 254; ++k) {
    const std::string prefix = "10.77." + std::to_string((first + k) % 254 + 1) + ".";
    if (taken.find(" " + prefix) == std::string::npos &&
        taken.find("\n" + prefix) == std::string::npos) {
      return prefix;
    }
  }
  throw std::runtime_error("--netns: every /24 of 10.77.0.0/16 is in use on this machine");
}

}  // namespace

std::string runIp(const std::vector<std::string>& args, std::string* out) {
  const std::string program = ipProgram();
  if (program.empty()) return "the ip command (iproute2) is not installed";
  std::vector<std::string> argv = {program};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> pointers;
  for (std::string& a : argv) pointers.push_back(a.data());
  pointers.push_back(nullptr);

  int outPipe[2], errPipe[2];
  if (::pipe2(outPipe, O_CLOEXEC) != 0) return std::string("pipe: ") + std::strerror(errno);
  if (::pipe2(errPipe, O_CLOEXEC) != 0) {
    ::close(outPipe[0]);
    ::close(outPipe[1]);
    return std::string("pipe: ") + std::strerror(errno);
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, outPipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, errPipe[1], STDERR_FILENO);
  // The launcher's thread blocks SIGINT and SIGTERM for its signalfd; ip should not inherit it.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, program.c_str(), &actions, &attr, pointers.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ::close(outPipe[1]);
  ::close(errPipe[1]);
  std::string stdoutText, stderrText;
  if (spawned == 0) {
    pollfd fds[2] = {{outPipe[0], POLLIN, 0}, {errPipe[0], POLLIN, 0}};
    int open = 2;
    while (open > 0) {
      if (::poll(fds, 2, -1) < 0) {
        if (errno == EINTR) continue;
        break;
      }
      for (int i = 0; i < 2; ++i) {
        if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        char buffer[4096];
        const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
        if (n > 0) {
          (i == 0 ? stdoutText : stderrText).append(buffer, static_cast<std::size_t>(n));
        } else if (n == 0 || errno != EINTR) {
          fds[i].fd = -1;
          --open;
        }
      }
    }
  }
  ::close(outPipe[0]);
  ::close(errPipe[0]);
  if (spawned != 0) return "cannot run " + program + ": " + std::strerror(spawned);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (out) *out = stdoutText;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
  while (!stderrText.empty() && (stderrText.back() == '\n' || stderrText.back() == ' '))
    stderrText.pop_back();
  std::string command = "ip";
  for (const std::string& a : args) command += " " + a;
  return command + ": " + (stderrText.empty() ? "failed" : stderrText);
}

std::string NodeNetwork::missingPrivileges() {
  // Effective capabilities rather than the uid: a container's root may lack them, and a
  // non-root process may have been given them.
  std::ifstream status("/proc/self/status");
  std::string line;
  unsigned long long effective = 0;
  while (std::getline(status, line)) {
    if (line.starts_with("CapEff:")) effective = std::stoull(line.substr(7), nullptr, 16);
  }
  constexpr unsigned long long kNetAdmin = 1ULL << 12, kSysAdmin = 1ULL << 21;
  if ((effective & kNetAdmin) == 0 || (effective & kSysAdmin) == 0) {
    return "--netns makes a bridge, network namespaces and veth links, which needs root "
           "(CAP_NET_ADMIN and CAP_SYS_ADMIN): run the launch as root, or without --netns";
  }
  if (ipProgram().empty()) return "--netns needs the ip command (Debian package iproute2)";
  return {};
}

std::vector<std::string> NodeNetwork::sweepStale() {
  std::vector<std::string> removed;
  std::string text;
  if (runIp({"netns", "list"}, &text).empty()) {
    for (const std::string& line : lines(text)) {
      const std::string name = line.substr(0, line.find(' '));
      const long pid = pidInName(name);
      if (pid > 0 && !alive(pid) && runIp({"netns", "del", name}).empty()) {
        removed.push_back("namespace " + name);
      }
    }
  }
  if (runIp({"-o", "link", "show"}, &text).empty()) {
    for (const std::string& line : lines(text)) {
      // "7: cs-br-123: <BROADCAST..." or "9: cs-123-0h@if2: <...".
      const auto start = line.find(": ");
      if (start == std::string::npos) continue;
      std::string name = line.substr(start + 2);
      name = name.substr(0, name.find_first_of(":@"));
      const long pid = pidInName(name);
      if (pid > 0 && !alive(pid) && runIp({"link", "del", name}).empty()) {
        removed.push_back("link " + name);
      }
    }
  }
  return removed;
}

NodeNetwork::NodeNetwork(const std::vector<std::string>& nodes) {
  if (inUse.exchange(true)) {
    throw std::runtime_error("--netns: another launch of this process already uses namespaces");
  }
  try {
    make(nodes);
  } catch (...) {
    remove();
    inUse = false;
    throw;
  }
}

NodeNetwork::~NodeNetwork() {
  remove();
  inUse = false;
}

void NodeNetwork::make(const std::vector<std::string>& nodes) {
  if (nodes.empty()) throw std::runtime_error("--netns: the scenario has no nodes");
  // 253 hosts in a /24 beside the bridge; "cs-PID-Ih" fits IFNAMSIZ with three digits.
  if (nodes.size() > 253) throw std::runtime_error("--netns: at most 253 nodes");
  const std::string pid = std::to_string(::getpid());
  prefix_ = freePrefix();
  bridge_ = "cs-br-" + pid;
  bridgeAddress_ = prefix_ + "1";
  auto run = [](const std::vector<std::string>& args) {
    const std::string error = runIp(args);
    if (!error.empty()) throw std::runtime_error("--netns: " + error);
  };
  run({"link", "add", bridge_, "type", "bridge"});
  bridgeMade_ = true;
  run({"addr", "add", bridgeAddress_ + "/24", "dev", bridge_});
  run({"link", "set", bridge_, "up"});
  std::set<std::string> names;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    Node node;
    node.name = nodes[i];
    node.ns = "cs-" + pid + "-" + safeName(nodes[i]);
    if (!names.insert(node.ns).second) node.ns += "-" + std::to_string(i);
    node.hostLink = "cs-" + pid + "-" + std::to_string(i) + "h";
    node.address = prefix_ + std::to_string(i + 2);
    run({"netns", "add", node.ns});
    nodes_.push_back(node);  // from here on remove() deletes it
    // The namespace's end is made inside it, so every node's interface is plainly eth0.
    run({"link", "add", node.hostLink, "type", "veth", "peer", "name", "eth0", "netns", node.ns});
    run({"link", "set", node.hostLink, "master", bridge_, "up"});
    run({"-n", node.ns, "addr", "add", node.address + "/24", "dev", "eth0"});
    run({"-n", node.ns, "link", "set", "eth0", "up"});
    run({"-n", node.ns, "link", "set", "lo", "up"});
  }
}

void NodeNetwork::remove() {
  // Each step on its own: one that fails (already gone) must not keep the others.
  for (const Node& node : nodes_) {
    runIp({"link", "del", node.hostLink});  // both ends, even if a process still holds the ns
    runIp({"netns", "del", node.ns});
  }
  nodes_.clear();
  partitions_.clear();
  if (bridgeMade_) runIp({"link", "del", bridge_});
  bridgeMade_ = false;
}

std::string NodeNetwork::subnet() const { return prefix_ + "0/24"; }

std::string NodeNetwork::namespacePath(int node) const { return "/run/netns/" + nodes_[node].ns; }

std::string NodeNetwork::setLinkUp(int node, bool up) {
  if (node < 0 || node >= nodeCount()) return "no such node";
  return runIp({"link", "set", nodes_[node].hostLink, up ? "up" : "down"});
}

std::string NodeNetwork::setPartitioned(int a, int b, bool cut) {
  if (a < 0 || b < 0 || a >= nodeCount() || b >= nodeCount()) return "no such node";
  if (a == b) return {};
  const auto key = std::minmax(a, b);
  if (cut == partitions_.contains(key)) return {};
  // Each side drops what it would send to the other: both directions are cut, and a caller's
  // packets vanish (its calls time out) as across a real partition.
  std::string error;
  for (const auto& [from, to] : {std::pair{a, b}, std::pair{b, a}}) {
    const std::string e = runIp({"-n", nodes_[from].ns, "route", cut ? "add" : "del", "blackhole",
                                 nodes_[to].address + "/32"});
    if (error.empty()) error = e;
  }
  if (cut) {
    partitions_.insert(key);
  } else {
    partitions_.erase(key);
  }
  return error;
}

void NodeNetwork::healAll() {
  const auto cut = partitions_;
  for (const auto& [a, b] : cut) setPartitioned(a, b, false);
}

}  // namespace clusterscope::agents::launcher
