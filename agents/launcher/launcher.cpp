// The launch's life: keys and files, the embedded hub and the launcher's own connection to it,
// the stream it follows to know who is ready, traffic's start, the end and the clean-up.

#include "launcher.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

#include "curve_keys.h"
#include "launcher_child.h"
#include "private_files.h"
#include "scenario_loader.h"

namespace clusterscope::agents::launcher {

namespace p = protocol;
using namespace std::chrono_literals;

const char* launchPhaseName(LaunchPhase phase) {
  switch (phase) {
    case LaunchPhase::Idle:
      return "idle";
    case LaunchPhase::Starting:
      return "starting";
    case LaunchPhase::Running:
      return "running";
    case LaunchPhase::Finished:
      return "finished";
    case LaunchPhase::Stopping:
      return "stopping";
    case LaunchPhase::Stopped:
      return "stopped";
  }
  return "?";
}

Launcher::Launcher(EventLoop& loop, LaunchSettings settings, LauncherEvents events)
    : loop_(loop),
      settings_(std::move(settings)),
      events_(std::move(events)),
      table_(settings_.scenario, settings_.external),
      context_(1) {}

Launcher::~Launcher() {
  for (EventLoop::TimerId t : timers_) loop_.cancel(t);
  loop_.cancel(stopTimer_);
  for (auto& child : children_) {
    loop_.cancel(child->killTimer);
    loop_.cancel(child->resumeTimer);
    loop_.cancel(child->pollTimer);
    if (child->process->pidfd() >= 0) loop_.unwatchFd(child->process->pidfd());
  }
  children_.clear();  // each kills and reaps its process
  closeEverything();
}

void Launcher::start() {
  if (phase_ != LaunchPhase::Idle) throw std::logic_error("Launcher::start called twice");
  for (const std::string& name : settings_.external) {
    const int d = table_.deploymentOf(name);
    if (d < 0 || table_.deployments()[d].name != name) {
      throw std::runtime_error("external service \"" + name + "\" is not a service of " +
                               settings_.scenario.name);
    }
  }
  std::vector<std::string> nodeNames;
  if (settings_.netns) {
    // Before anything is made: without the privileges, nothing is.
    if (const std::string why = NodeNetwork::missingPrivileges(); !why.empty()) {
      throw std::runtime_error(why);
    }
    for (const NodeRecord& node : table_.nodes()) {
      if (node.name.empty()) {
        throw std::runtime_error("--netns: " + settings_.scenario.name +
                                 " has no nodes to make namespaces of");
      }
      nodeNames.push_back(node.name);
    }
  }
  const Programs defaults = defaultPrograms();
  if (settings_.programs.agent.empty()) settings_.programs.agent = defaults.agent;
  if (settings_.programs.broker.empty()) settings_.programs.broker = defaults.broker;
  if (settings_.programs.loadgen.empty()) settings_.programs.loadgen = defaults.loadgen;
  if (settings_.programs.pythonAgent.empty()) settings_.programs.pythonAgent = defaults.pythonAgent;
  brokerPlanned_ = settings_.broker == BrokerChoice::Always ||
                   (settings_.broker == BrokerChoice::Auto && needsBroker(settings_.scenario));
  auto need = [](const std::vector<std::string>& command, const char* what) {
    if (findProgram(command.front()).empty()) {
      throw std::runtime_error(std::string("cannot find the ") + what + " program \"" +
                               command.front() + "\" (not beside this program, nor in PATH)");
    }
  };
  need(settings_.programs.agent, "agent");
  const auto& services = settings_.scenario.services;
  if (std::any_of(services.begin(), services.end(), [](const engine::ServiceSpec& s) {
        return s.agent == engine::AgentProgram::Python;
      })) {
    need(settings_.programs.pythonAgent, "Python agent");
    const std::string& script = settings_.programs.pythonAgent.back();
    if (settings_.programs.pythonAgent.size() > 1 && ::access(script.c_str(), R_OK) != 0) {
      throw std::runtime_error("cannot read the Python agent \"" + script + "\"");
    }
  }
  if (brokerPlanned_) need(settings_.programs.broker, "broker");
  if (settings_.load) need(settings_.programs.loadgen, "load generator");
  plan_ = clusterPlan(settings_.scenario);

  try {
    if (settings_.netns) {
      NodeNetwork::sweepStale();  // a killed launcher's namespaces, links and bridge
      network_ = std::make_unique<NodeNetwork>(nodeNames);
      settings_.bindHost = network_->bridgeAddress();
      info_.bridge = network_->bridge();
      info_.subnet = network_->subnet();
      for (int n = 0; n < network_->nodeCount(); ++n) {
        info_.namespaces.push_back({nodeNames[n], network_->namespaceName(n), network_->address(n),
                                    network_->hostLink(n)});
      }
    }
    files_ = makeRunFiles(settings_.connectionFile, settings_.logDir);
    const ClusterKeys keys = makeClusterKeys(files_.keysDir);
    // The agents' copy: the claims are the launcher's to check, and a run shortened by
    // --duration may leave their windows past its end, which the agents' loader refuses.
    engine::Scenario forAgents = settings_.scenario;
    forAgents.expect.clear();
    writeFileAtomically(files_.scenarioFile, engine::scenarioToJson(forAgents), 0600);
    startHubAndClient(keys.hub, keys.agent, keys.controller);
    phase_ = LaunchPhase::Starting;
    std::vector<ProcessOp> ops = table_.startAll();
    toStart_ = static_cast<int>(ops.size()) + (brokerPlanned_ ? 1 : 0);
    if (brokerPlanned_) spawn(ProcessKind::Broker, -1, -1, 0, -1);
    for (const ProcessOp& op : ops)
      spawn(ProcessKind::Agent, op.deployment, op.replica, op.generation, op.node);
  } catch (...) {
    children_.clear();
    closeEverything();
    phase_ = LaunchPhase::Idle;
    throw;
  }
  timers_.push_back(loop_.after(settings_.readyTimeout, [this] {
    if (phase_ != LaunchPhase::Starting) return;
    const Readiness r = readiness();
    std::string missing = loadStarted_ ? "loadgen" : "";
    for (std::size_t i = 0; i < r.missing.size() && i < 8; ++i) {
      missing += (missing.empty() ? "" : ", ") + r.missing[i];
    }
    if (r.missing.size() > 8) missing += " and " + std::to_string(r.missing.size() - 8) + " more";
    const auto seconds =
        std::chrono::duration_cast<std::chrono::seconds>(settings_.readyTimeout).count();
    fail("not ready after " + std::to_string(seconds) + " s: " + missing);
  }));
  checkAllReady();  // a scenario whose every service is external and already there
}

void Launcher::startHubAndClient(const p::Certificate& hub, const p::Certificate& agent,
                                 const p::Certificate& controller) {
  HubOptions o;
  o.bindHost = settings_.bindHost;
  o.curve = true;
  o.serverCertificate = hub;
  o.allowedKeys = {{agent.publicKey, p::KeyRole::Agent},
                   {controller.publicKey, p::KeyRole::Controller}};
  o.telemetryPub = settings_.telemetryPub;
  hub_ = std::make_unique<HubThread>(o);
  hub_->start();
  info_.hubEndpoint = hub_->endpoint();
  info_.hubMetricsUrl = hub_->metricsUrl();
  info_.telemetryEndpoint = hub_->telemetryEndpoint();
  info_.connectionFile = files_.connectionFile;
  info_.runDir = files_.dir;
  info_.logDir = files_.logDir;

  p::ConnectionInfo connection;
  connection.hub = hub_->endpoint();
  connection.hubPublicKey = hub.publicKey;
  connection.controllerCertificate = files_.keysDir + "/" + kControllerKeyName + ".key_secret";
  connection.agentCertificate = files_.keysDir + "/" + kAgentKeyName + ".key_secret";
  connection.telemetry = hub_->telemetryEndpoint();
  connection.launcherPid = ::getpid();
  connection.scenario = settings_.scenario.name;
  writeRunConnectionFile(files_, connection);

  p::Hello hello;
  hello.role = p::PeerRole::Launcher;
  hello.instance = "launcher";
  hello.language = "c++";
  hello.pid = ::getpid();
  // Its own view of the stream feeds `launch`'s one-second intervals.
  HubClient::Options options{HubConnection{hub_->endpoint(), hub.publicKey, controller}, hello,
                             true, std::chrono::milliseconds{1000}, kIntervalMonitorUpdates};
  HubClient::Callbacks c;
  c.onWelcome = [this](const p::Welcome& w) { onStream(w); };
  c.onSnapshot = [this](const HubSnapshot& s) {
    onStream(p::Snapshot{s.seq, 1, 1, s.cluster, s.peers});
  };
  c.onUpdate = [this](const p::Update& u) { onStream(u); };
  c.onPeerState = [this](const p::PeerState& s) { onStream(s); };
  c.onCluster = [this](const p::Cluster& cl) { onStream(cl); };
  c.onCommand = [this](const p::Command& command, CommandReply reply) {
    onCommand(command, std::move(reply));
  };
  client_ = std::make_unique<HubClient>(loop_, context_, std::move(options), std::move(c));
  client_->setClusterPlan(plan_);
  client_->start();
}

void Launcher::onStream(p::ControlMessage message) {
  const auto now = Clock::now();
  std::vector<std::string> touched;
  if (auto* s = std::get_if<p::Snapshot>(&message)) {
    for (const p::PeerEntry& peer : s->peers) {
      PeerSeen& seen = peers_[peer.hello.instance];
      seen = {peer.hello.pid, peer.liveness,
              peer.report ? peer.report->state : model::ReplicaState::Starting,
              peer.hello.endpoints.metrics};
      touched.push_back(peer.hello.instance);
    }
  } else if (auto* u = std::get_if<p::Update>(&message)) {
    peers_[u->instance].state = u->report.state;
    touched.push_back(u->instance);
  } else if (auto* ps = std::get_if<p::PeerState>(&message)) {
    PeerSeen& seen = peers_[ps->instance];
    seen.liveness = ps->liveness;
    if (ps->hello) {
      seen.pid = ps->hello->pid;
      seen.metricsUrl = ps->hello->endpoints.metrics;
      seen.state = model::ReplicaState::Starting;  // a new process: not ready until it says so
    }
    touched.push_back(ps->instance);
  }
  if (events_.stream) events_.stream(message, now);
  for (const std::string& instance : touched) notePeer(instance);
}

void Launcher::notePeer(const std::string& instance) {
  if (phase_ == LaunchPhase::Stopping || phase_ == LaunchPhase::Stopped) return;
  const PeerSeen& seen = peers_[instance];
  const bool joined = seen.liveness == p::Liveness::Joined;
  const bool ready = joined && seen.state == model::ReplicaState::Ready;
  if (Child* child = childOf(instance)) {
    // News of an earlier process of this instance (a replica restarted) is not about this one.
    if (seen.pid != 0 && seen.pid != child->process->pid()) return;
    if (child->kind == ProcessKind::Agent && joined && child->versionFactor != 1.0 &&
        !child->versionSent) {
      // A rolling update's new version: its service times scaled, as the engine's are.
      child->versionSent = true;
      model::Action slow;
      slow.kind = model::ActionKind::SlowReplica;
      slow.service = table_.deployments()[child->deployment].name;
      slow.replica = child->replica;
      slow.factor = child->versionFactor;
      apply(slow);
    }
    if (!ready) return;
    if (child->kind == ProcessKind::Agent) {
      execute(table_.onReady(child->deployment, child->replica, child->generation));
    } else if (child->kind == ProcessKind::Loadgen && !trafficStart_) {
      startTraffic(Clock::now());
      return;
    }
  } else if (ready) {
    // An external replica: whoever joins as "<service>#<replica>" of an external service.
    const auto hash = instance.rfind('#');
    if (hash != std::string::npos && hash + 1 < instance.size()) {
      const int d = table_.deploymentOf(instance.substr(0, hash));
      const std::string digits = instance.substr(hash + 1);
      if (d >= 0 && table_.deployments()[d].external && digits.size() <= 5 &&
          digits.find_first_not_of("0123456789") == std::string::npos) {
        const int r = std::stoi(digits);
        if (const ReplicaRecord* rep = table_.replica(d, r)) {
          execute(table_.onReady(d, r, rep->generation));
        }
      }
    }
  }
  if (phase_ == LaunchPhase::Starting) checkAllReady();
}

Launcher::Readiness Launcher::readiness() const {
  Readiness out;
  for (std::size_t d = 0; d < table_.deployments().size(); ++d) {
    const auto& dep = table_.deployments()[d];
    for (std::size_t r = 0; r < dep.replicas.size(); ++r) {
      const ReplicaPhase ph = dep.replicas[r].phase;
      if (ph == ReplicaPhase::Removed || ph == ReplicaPhase::Draining) continue;
      ++out.awaited;
      if (ph == ReplicaPhase::Ready) {
        ++out.ready;
      } else {
        out.missing.push_back(table_.instance(static_cast<int>(d), static_cast<int>(r)));
      }
    }
  }
  if (brokerPlanned_) {
    ++out.awaited;
    const Child* broker = childOf("broker");
    const auto seen = peers_.find("broker");
    if (broker && seen != peers_.end() && seen->second.liveness == p::Liveness::Joined &&
        seen->second.state == model::ReplicaState::Ready &&
        (seen->second.pid == 0 || seen->second.pid == broker->process->pid())) {
      ++out.ready;
    } else {
      out.missing.push_back("broker");
    }
  }
  return out;
}

void Launcher::checkAllReady() {
  if (phase_ != LaunchPhase::Starting || loadStarted_) return;
  const Readiness r = readiness();
  if (r.ready < r.awaited) {
    progress("waiting for " + r.missing.front() + " (" + std::to_string(r.ready) + " of " +
             std::to_string(r.awaited) + " ready)");
    return;
  }
  progress("every process is ready (" + std::to_string(r.ready) + ")");
  if (!settings_.load) return startTraffic(Clock::now());
  loadStarted_ = true;
  try {
    spawn(ProcessKind::Loadgen, -1, -1, 0, -1);
  } catch (const std::exception& e) {
    fail(e.what());
  }
}

void Launcher::startTraffic(Clock::time_point at) {
  trafficStart_ = at;
  phase_ = LaunchPhase::Running;
  if (settings_.timeline) scheduleTimeline(at);
  const double duration = settings_.scenario.durationS;
  if (duration > 0) {
    const auto end = at + loopSeconds(duration);
    timers_.push_back(loop_.at(end, [this, end] {
      if (phase_ != LaunchPhase::Running) return;
      phase_ = LaunchPhase::Finished;
      result_.completed = true;
      if (events_.durationReached) events_.durationReached(end);
      if (!settings_.untilStopped) stop();
    }));
  }
  progress("traffic started");
  if (events_.trafficStarted) events_.trafficStarted(at);
}

void Launcher::progress(std::string message) {
  if (!events_.progress) return;
  const Readiness r = readiness();
  events_.progress({phase_, started_, toStart_, r.ready, r.awaited, std::move(message)});
}

void Launcher::fail(const std::string& error) {
  if (phase_ == LaunchPhase::Stopping || phase_ == LaunchPhase::Stopped) return;
  if (result_.ok) result_ = {false, error, false};
  stop(error);
}

void Launcher::stop(const std::string& reason) {
  if (phase_ == LaunchPhase::Stopping || phase_ == LaunchPhase::Stopped) return;
  if (phase_ == LaunchPhase::Idle) {
    phase_ = LaunchPhase::Stopped;
    return;
  }
  phase_ = LaunchPhase::Stopping;
  for (EventLoop::TimerId t : timers_) loop_.cancel(t);
  timers_.clear();
  int running = 0;
  for (auto& child : children_) {
    if (child->process->reaped()) continue;
    ++running;
    signalChild(*child, SIGTERM, true);
    if (child->paused) signalChild(*child, SIGCONT, true);  // a stopped process cannot leave
  }
  progress(reason.empty() ? "stopping " + std::to_string(running) + " processes"
                          : "stopping: " + reason);
  // Posted rather than called: `stopped` is never called from inside stop().
  stopTimer_ = loop_.after(running ? settings_.stopGrace : Clock::duration::zero(), [this] {
    stopTimer_ = 0;
    for (auto& child : children_) {
      if (!child->process->reaped()) signalChild(*child, SIGKILL, true);
    }
    if (children_.empty()) finishStop();
  });
}

void Launcher::kill() {
  if (phase_ == LaunchPhase::Stopped) return;
  for (EventLoop::TimerId t : timers_) loop_.cancel(t);
  timers_.clear();
  loop_.cancel(stopTimer_);
  stopTimer_ = 0;
  phase_ = LaunchPhase::Stopping;
  for (auto& child : children_) {
    loop_.cancel(child->killTimer);
    loop_.cancel(child->resumeTimer);
    loop_.cancel(child->pollTimer);
    if (child->process->pidfd() >= 0) loop_.unwatchFd(child->process->pidfd());
    child->process->killAndReap();
  }
  children_.clear();
  finishStop();
}

void Launcher::finishStop() {
  if (phase_ == LaunchPhase::Stopped) return;
  loop_.cancel(stopTimer_);
  stopTimer_ = 0;
  closeEverything();
  phase_ = LaunchPhase::Stopped;
  progress("stopped");
  if (events_.stopped) events_.stopped(result_);
}

void Launcher::closeEverything() {
  if (client_) {
    client_->stop("launcher stopping");
    client_.reset();
  }
  if (hub_) {
    hub_->stop();
    hub_.reset();
  }
  removeRunFiles(files_);
  network_.reset();  // every child is gone by now: nothing holds a namespace
}

}  // namespace clusterscope::agents::launcher
