// The launcher's children: starting them with the arguments of docs/protocol.md ("Keys"),
// carrying out the replica table's operations, noticing each exit at once through its pidfd,
// and telling the hub (a PEER_STATE notice) before it would notice the silence.

#include <signal.h>

#include <algorithm>
#include <fstream>

#include "launcher_child.h"

namespace clusterscope::agents::launcher {

namespace {

using namespace std::chrono_literals;

// Without a pidfd (an old kernel), a child's exit is looked for this often.
constexpr auto kExitPoll = 50ms;

std::vector<std::string> with(std::vector<std::string> command,
                              std::initializer_list<std::string> more) {
  command.insert(command.end(), more);
  return command;
}

// The Python agent serves the services whose scenario asks for it ("agent": "python").
bool servedByPython(const engine::Scenario& scenario, const std::string& service) {
  return std::any_of(scenario.services.begin(), scenario.services.end(), [&](const auto& s) {
    return s.name == service && s.agent == engine::AgentProgram::Python;
  });
}

}  // namespace

std::string Launcher::execute(const std::vector<ProcessOp>& ops) {
  std::string firstError;
  for (const ProcessOp& op : ops) {
    const int d = op.deployment, r = op.replica;
    const std::uint64_t generation = op.generation;
    switch (op.kind) {
      case ProcessOp::Kind::Start:
        if (phase_ == LaunchPhase::Stopping || phase_ == LaunchPhase::Stopped) break;
        try {
          spawn(ProcessKind::Agent, d, r, generation, op.node);
        } catch (const std::exception& e) {
          if (firstError.empty()) firstError = e.what();
          execute(table_.onExited(d, r, generation));  // it is down: a restart may try again
        }
        break;
      case ProcessOp::Kind::Drain:
        if (Child* child = childOf(d, r, generation)) {
          signalChild(*child, SIGTERM, true);
          if (child->paused) signalChild(*child, SIGCONT, true);
          child->killTimer = loop_.after(settings_.stopGrace, [this, child] {
            child->killTimer = 0;
            signalChild(*child, SIGKILL, true);
          });
        }
        break;
      case ProcessOp::Kind::Kill:
        if (Child* child = childOf(d, r, generation)) signalChild(*child, SIGKILL, true);
        break;
      case ProcessOp::Kind::RescheduleLater:
        timers_.push_back(loop_.after(loopSeconds(op.delayS),
                                      [=, this] { execute(table_.reschedule(d, r, generation)); }));
        break;
      case ProcessOp::Kind::PollRolling:
        timers_.push_back(
            loop_.after(loopSeconds(op.delayS), [this, d] { execute(table_.rollingStep(d)); }));
        break;
    }
  }
  return firstError;
}

Launcher::Child* Launcher::spawn(ProcessKind kind, int d, int r, std::uint64_t generation,
                                 int node) {
  auto child = std::make_unique<Child>();
  child->kind = kind;
  child->deployment = d;
  child->replica = r;
  child->generation = generation;
  const std::vector<std::string> common = {"--connection", files_.connectionFile, "--scenario",
                                           files_.scenarioFile};
  std::vector<std::string> argv;
  switch (kind) {
    case ProcessKind::Agent: {
      const DeploymentRecord& dep = table_.deployments()[d];
      child->instance = table_.instance(d, r);
      child->node = node >= 0 ? table_.nodes()[node].name : std::string();
      child->versionFactor = table_.replica(d, r)->versionFactor;
      argv = with(servedByPython(settings_.scenario, dep.name) ? settings_.programs.pythonAgent
                                                               : settings_.programs.agent,
                  {"--connection", files_.connectionFile, "--scenario", files_.scenarioFile,
                   "--service", dep.name, "--replica", std::to_string(r)});
      if (!child->node.empty()) argv = with(std::move(argv), {"--node", child->node});
      break;
    }
    case ProcessKind::Broker:
      child->instance = "broker";
      argv = with(settings_.programs.broker, {});
      argv.insert(argv.end(), common.begin(), common.end());
      break;
    case ProcessKind::Loadgen:
      child->instance = "loadgen";
      argv = with(settings_.programs.loadgen, {});
      argv.insert(argv.end(), common.begin(), common.end());
      break;
  }
  // With --netns an agent lives in its node's namespace and binds its address there; the
  // broker and the load generator stay beside the hub, on the bridge.
  std::string bind = settings_.bindHost, netnsPath;
  if (network_ && kind == ProcessKind::Agent && node >= 0 && node < network_->nodeCount()) {
    bind = network_->address(node);
    netnsPath = network_->namespacePath(node);
  }
  // The default is what every child does anyway; only a different address is said.
  if (bind != "127.0.0.1") argv = with(std::move(argv), {"--bind", bind});
  child->logPath = files_.logDir + "/" + child->instance + ".log";
  SpawnSpec spec{argv, child->logPath, {"PYTHONUNBUFFERED=1"}, netnsPath};
  child->process = ChildProcess::spawn(spec);

  Child* raw = child.get();
  children_.push_back(std::move(child));
  if (raw->process->pidfd() >= 0) {
    loop_.watchFd(raw->process->pidfd(), [this, raw] { onChildExit(*raw); });
  } else {
    raw->pollTimer = loop_.every(kExitPoll, [this, raw] { onChildExit(*raw); });
  }
  if (phase_ == LaunchPhase::Starting && kind != ProcessKind::Loadgen) ++started_;
  if (events_.process) events_.process({ProcessEvent::Kind::Started, infoOf(*raw), {}, false});
  if (phase_ == LaunchPhase::Starting) {
    progress("started " + raw->instance + " (" + std::to_string(started_) + " of " +
             std::to_string(toStart_) + ")");
  }
  return raw;
}

void Launcher::onChildExit(Child& child) {
  if (!child.process->reap()) return;
  const ExitStatus status = *child.process->status();
  if (child.process->pidfd() >= 0) loop_.unwatchFd(child.process->pidfd());
  loop_.cancel(child.pollTimer);
  loop_.cancel(child.killTimer);
  loop_.cancel(child.resumeTimer);
  const std::string reason = "process exited (" + status.describe() + ")";
  // A clean exit after SIGTERM has said BYE itself: the hub shows it `left`, not `down`.
  if (client_ && !status.clean()) {
    client_->notifyExited(child.instance, child.process->pid(), reason);
  }
  ProcessEvent event{ProcessEvent::Kind::Exited, infoOf(child), reason, child.expected};
  event.process.running = false;
  const bool duringStart = phase_ == LaunchPhase::Starting && !child.expected;
  const std::string tail = duringStart ? logTail(child) : std::string();
  const ProcessKind kind = child.kind;
  const int d = child.deployment, r = child.replica;
  const std::uint64_t generation = child.generation;
  const std::string instance = child.instance;
  std::erase_if(children_, [&](const auto& c) { return c.get() == &child; });  // reaped: no kill

  if (events_.process) events_.process(event);
  if (kind == ProcessKind::Agent) {
    const std::string error = execute(table_.onExited(d, r, generation));
    if (!error.empty() && events_.action) events_.action({"launcher", "restart", false, error, {}});
  }
  if (duringStart) {
    fail(instance + " exited (" + status.describe() + ") before the cluster was ready" +
         (tail.empty() ? std::string() : ": " + tail));
  }
  if (phase_ == LaunchPhase::Stopping && children_.empty()) finishStop();
}

void Launcher::signalChild(Child& child, int signal, bool expected) {
  if (expected) child.expected = true;
  if (signal == SIGSTOP) child.paused = true;
  if (signal == SIGCONT) child.paused = false;
  child.process->signal(signal);
}

Launcher::Child* Launcher::childOf(int d, int r, std::uint64_t generation) {
  for (auto& child : children_) {
    if (child->kind == ProcessKind::Agent && child->deployment == d && child->replica == r &&
        child->generation == generation && !child->process->reaped()) {
      return child.get();
    }
  }
  return nullptr;
}

Launcher::Child* Launcher::childOf(const std::string& instance) {
  return const_cast<Child*>(static_cast<const Launcher*>(this)->childOf(instance));
}

const Launcher::Child* Launcher::childOf(const std::string& instance) const {
  // The newest: a killed replica's process may not be reaped yet when its successor starts.
  for (auto it = children_.rbegin(); it != children_.rend(); ++it) {
    if ((*it)->instance == instance && !(*it)->process->reaped()) return it->get();
  }
  return nullptr;
}

std::string Launcher::logTail(const Child& child) const {
  std::ifstream in(child.logPath);
  std::string line, last;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") != std::string::npos) last = line;
  }
  if (last.size() > 300) last = last.substr(0, 300) + "...";
  return last;
}

ProcessInfo Launcher::infoOf(const Child& child) const {
  ProcessInfo info;
  info.instance = child.instance;
  info.kind = child.kind;
  info.pid = child.process->pid();
  info.node = child.node;
  info.logPath = child.logPath;
  info.running = !child.process->reaped();
  const auto seen = peers_.find(child.instance);
  if (seen != peers_.end() && (seen->second.pid == 0 || seen->second.pid == info.pid)) {
    info.metricsUrl = seen->second.metricsUrl;
  }
  return info;
}

std::vector<ProcessInfo> Launcher::processes() const {
  std::vector<ProcessInfo> out;
  for (const auto& child : children_) out.push_back(infoOf(*child));
  return out;
}

}  // namespace clusterscope::agents::launcher
