#include "command_routing.h"

#include <algorithm>
#include <functional>

#include "fault_actions.h"

namespace clusterscope::agents {

namespace {

namespace p = protocol;
using model::ActionKind;

bool contains(const std::vector<std::string>& items, const std::string& name) {
  return std::find(items.begin(), items.end(), name) != items.end();
}

bool isAgent(const Peer& peer) { return peer.hello.role == p::PeerRole::Agent; }

// An agent that serves `name`: its service, or one of its modules (a monolith's host).
bool serves(const Peer& peer, const std::string& name) {
  return isAgent(peer) && (peer.hello.service == name || contains(peer.hello.modules, name));
}

// What the hub knows of the cluster: the launcher's plan and every HELLO, live or not (a down
// replica can still be restarted).
class Known {
 public:
  Known(const PeerTable& peers, const std::optional<p::ClusterPlan>& plan)
      : peers_(peers), plan_(plan) {}

  bool component(const std::string& name) const {
    if (plan_) {
      for (const auto& c : plan_->layout.components)
        if (c.name == name) return true;
      for (const auto& d : plan_->layout.deployments)
        if (d.name == name) return true;
    }
    return anyPeer([&](const Peer& peer) {
      if (serves(peer, name)) return true;
      return std::any_of(peer.hello.calls.begin(), peer.hello.calls.end(),
                         [&](const p::CallInfo& c) { return c.to == name || c.from == name; });
    });
  }

  bool replica(const std::string& service, int replica) const {
    if (plan_) {
      const auto& deployments = plan_->layout.deployments;
      for (std::size_t d = 0; d < deployments.size(); ++d) {
        if (deployments[d].name == service && d < plan_->replicas.size() &&
            replica < plan_->replicas[d]) {
          return true;
        }
      }
    }
    return anyPeer([&](const Peer& peer) {
      return isAgent(peer) && peer.hello.service == service && peer.hello.replica == replica;
    });
  }

  bool node(const std::string& name) const {
    if (plan_) {
      for (const auto& n : plan_->layout.nodes)
        if (n.name == name) return true;
    }
    return anyPeer([&](const Peer& peer) { return peer.hello.node == name; });
  }

 private:
  bool anyPeer(const std::function<bool(const Peer&)>& test) const {
    for (const auto& [instance, peer] : peers_.peers())
      if (test(peer)) return true;
    return false;
  }
  const PeerTable& peers_;
  const std::optional<p::ClusterPlan>& plan_;
};

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

std::string checkService(const Known& k, const std::string& service, int replica) {
  if (!k.component(service)) return "unknown service " + quoted(service);
  if (replica >= 0 && !k.replica(service, replica)) {
    return "service " + quoted(service) + " has no replica " + std::to_string(replica);
  }
  return {};
}

std::string checkComponent(const Known& k, const std::string& name) {
  if (name.empty() || k.component(name)) return {};
  return "unknown service or module " + quoted(name);
}

std::string checkNode(const Known& k, const std::string& node) {
  if (node.empty() || k.node(node)) return {};
  return "unknown node " + quoted(node);
}

std::string checkAction(const Known& k, const model::Action& a) {
  switch (a.kind) {
    case ActionKind::KillReplica:
    case ActionKind::RestartReplica:
    case ActionKind::SlowReplica:
      return checkService(k, a.service, a.replica);
    case ActionKind::CrashService:
    case ActionKind::RestartService:
    case ActionKind::SlowService:
    case ActionKind::SetErrorRate:
    case ActionKind::SetReplicas:
    case ActionKind::RollingUpdate:
      return checkService(k, a.service, -1);
    case ActionKind::SetAutoscaler:
      return a.service.empty() ? std::string() : checkService(k, a.service, -1);
    case ActionKind::FailNode:
    case ActionKind::RecoverNode:
      return checkNode(k, a.node);
    case ActionKind::Partition:
    case ActionKind::HealPartition: {
      std::string e = checkNode(k, a.node);
      return e.empty() ? checkNode(k, a.otherNode) : e;
    }
    case ActionKind::SetCallMode: {
      std::string e = checkComponent(k, a.from);
      return e.empty() ? checkComponent(k, a.to) : e;
    }
    case ActionKind::BrokerOutage:
    case ActionKind::BrokerRecover:
    case ActionKind::SetArrivalRate:
    case ActionKind::SetResilience:
      return {};
    case ActionKind::AddLatency:
    case ActionKind::DropMessages:
    case ActionKind::Blackhole:
    case ActionKind::Pause:
    case ActionKind::FailFirst:
    case ActionKind::ResetFaults:
      return {};  // routed in their protocol form (routeCommand)
  }
  return {};
}

std::string checkFault(const Known& k, const p::Fault& f) {
  if (!f.service.empty()) return checkService(k, f.service, f.replica);
  std::string e = checkComponent(k, f.from);
  return e.empty() ? checkComponent(k, f.to) : e;
}

// Who carries a command out: a test on live peers, and how to say that none does.
struct Executors {
  std::function<bool(const Peer&)> test;
  std::string none;
};

Executors ofRole(p::PeerRole role, std::string none) {
  return {[role](const Peer& peer) { return peer.hello.role == role; }, std::move(none)};
}

Executors agentsOf(const std::string& service, int replica) {
  return {[service, replica](const Peer& peer) {
            return serves(peer, service) && (replica < 0 || peer.hello.replica == replica);
          },
          "no live agent of " + quoted(service) +
              (replica >= 0 ? " replica " + std::to_string(replica) : std::string())};
}

Executors everyAgent() { return {isAgent, "no live agent"}; }

Executors forAction(const model::Action& a) {
  if (p::launcherCarriesOut(a.kind)) {
    return ofRole(p::PeerRole::Launcher,
                  std::string("no live launcher to carry out ") + model::actionKindName(a.kind));
  }
  switch (a.kind) {
    case ActionKind::SlowReplica:
      return agentsOf(a.service, a.replica);
    case ActionKind::SlowService:
    case ActionKind::SetErrorRate:
      return agentsOf(a.service, -1);
    case ActionKind::Partition:
    case ActionKind::HealPartition:
      // The agents drop traffic across the cut; a launcher that made the nodes network
      // namespaces cuts their routes too (a partition from anywhere, not only its timeline).
      return {[](const Peer& peer) {
                return isAgent(peer) || peer.hello.role == p::PeerRole::Launcher;
              },
              "no live agent"};
    case ActionKind::SetResilience:
      return everyAgent();
    case ActionKind::SetCallMode:
      return a.from.empty() ? everyAgent() : agentsOf(a.from, -1);
    case ActionKind::BrokerOutage:
    case ActionKind::BrokerRecover:
      return ofRole(p::PeerRole::Broker, "no live broker");
    case ActionKind::SetArrivalRate:
      return ofRole(p::PeerRole::Loadgen, "no live load generator");
    default:  // the launcher's, above; the faults are routed in their protocol form
      break;  // (routeCommand)
  }
  return {[](const Peer&) { return false; }, "unknown action"};
}

std::vector<std::string> select(const PeerTable& peers, const Executors& executors) {
  std::vector<std::string> out;
  for (const auto& [instance, peer] : peers.peers()) {
    if (peer.live() && executors.test(peer)) out.push_back(instance);
  }
  return out;
}

Executors forFault(const PeerTable& peers, const p::Fault& f) {
  if (f.service.empty()) return agentsOf(f.from, -1);  // an edge: its callers apply it
  // Pausing is SIGSTOP by the launcher when there is one; an agent started by hand emulates
  // it by reading nothing for that long.
  if (f.kind == p::FaultKind::Pause && !select(peers, ofRole(p::PeerRole::Launcher, "")).empty()) {
    return ofRole(p::PeerRole::Launcher, "no live launcher");
  }
  return agentsOf(f.service, f.replica);
}

Executors forReset() {
  return {[](const Peer& peer) { return peer.hello.role != p::PeerRole::Monitor; },
          "no live process"};
}

}  // namespace

CommandRouting routeCommand(const p::Command& command, const PeerTable& peers,
                            const std::optional<p::ClusterPlan>& plan) {
  const Known known(peers, plan);
  Executors executors;
  std::string error;
  // A fault given as a model::Action goes where its protocol form goes.
  const p::CommandPayload what = p::protocolForm(command.what);
  if (const auto* action = std::get_if<model::Action>(&what)) {
    error = checkAction(known, *action);
    executors = forAction(*action);
  } else if (const auto* fault = std::get_if<p::Fault>(&what)) {
    error = checkFault(known, *fault);
    executors = forFault(peers, *fault);
  } else {
    executors = forReset();
  }
  if (!error.empty()) return {{}, error};
  if (!command.target.empty()) {
    const Peer* target = peers.byInstance(command.target);
    if (!target) return {{}, "unknown target " + quoted(command.target)};
    if (!target->live()) return {{}, "target " + quoted(command.target) + " is not live"};
    return {{command.target}, {}};
  }
  std::vector<std::string> chosen = select(peers, executors);
  if (chosen.empty()) return {{}, executors.none};
  return {std::move(chosen), {}};
}

}  // namespace clusterscope::agents
