// Actions on the running cluster: the scenario's timeline in real time, actions asked through
// apply(), and the COMMANDs the hub routes to the launcher (docs/protocol.md, "COMMAND": the
// process-level actions, `pause`, `reset_faults`). Process-level actions are carried out here
// on the replica table; the others go to the hub as COMMANDs, which forwards them to the agents,
// the broker or the load generator.

#include <signal.h>

#include <algorithm>

#include "fault_actions.h"
#include "launcher_child.h"

namespace clusterscope::agents::launcher {

namespace p = protocol;

void Launcher::scheduleTimeline(Clock::time_point start) {
  std::vector<model::TimelineEntry> entries = settings_.scenario.timeline;
  // Entries at one time apply in file order; timers at one time fire in the order set.
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return a.atS < b.atS; });
  for (const model::TimelineEntry& entry : entries) {
    const auto at = start + loopSeconds(entry.atS);
    timers_.push_back(loop_.at(at, [this, action = entry.action] {
      if (phase_ == LaunchPhase::Running || phase_ == LaunchPhase::Finished) {
        applyFrom(action, "timeline", {});
      }
    }));
  }
}

void Launcher::apply(const model::Action& action, std::function<void(const ActionEvent&)> done) {
  applyFrom(action, "launcher", std::move(done));
}

void Launcher::applyFrom(const model::Action& action, const std::string& source,
                         std::function<void(const ActionEvent&)> done) {
  auto finish = [this, done, action](ActionEvent event) {
    event.action = action;
    if (events_.action) events_.action(event);
    if (done) done(event);
  };
  if (ReplicaTable::isProcessLevel(action.kind)) return finish(applyProcessAction(action, source));
  const std::string description = model::describeAction(action);
  // The routes go in before the agents hear of it: the network cuts, whatever they do.
  if (const std::string error = applyToNetwork(action); !error.empty()) {
    return finish({source, description, false, error, {}});
  }
  if (action.kind == model::ActionKind::SetAutoscaler) {
    return finish({source, description, false, "real processes have no autoscaler yet", {}});
  }
  if (!client_ || !client_->welcomed()) {
    return finish({source, description, false, "not connected to the hub", {}});
  }
  p::Command command;
  command.what = action;
  client_->sendCommand(command, [finish, source, description](const p::CommandResult& result) {
    finish({source, description, result.ok, result.error, {}});
  });
}

ActionEvent Launcher::applyProcessAction(const model::Action& action, const std::string& source) {
  ActionEvent event{source, model::describeAction(action), true, {}, {}};
  if (phase_ != LaunchPhase::Starting && phase_ != LaunchPhase::Running &&
      phase_ != LaunchPhase::Finished) {
    event.ok = false;
    event.error = std::string("the launch is ") + launchPhaseName(phase_);
    return event;
  }
  ActionOutcome outcome = table_.apply(action);
  // A failed node's link goes down before its processes are killed, so what they held is cut
  // off as on a real failure; a recovered one's comes up before anything is placed on it.
  if (outcome.error.empty()) outcome.error = applyToNetwork(action);
  if (outcome.error.empty()) outcome.error = execute(outcome.ops);
  event.ok = outcome.error.empty();
  event.error = outcome.error;
  return event;
}

void Launcher::onCommand(const p::Command& command, CommandReply reply) {
  ActionEvent event{"command", "", false, "unsupported", {}};
  if (const auto* action = std::get_if<model::Action>(&command.what)) {
    event.description = model::describeAction(*action);
    if (ReplicaTable::isProcessLevel(action->kind)) {
      event = applyProcessAction(*action, "command");
    } else if (action->kind == model::ActionKind::SetAutoscaler) {
      event.error = "real processes have no autoscaler yet";
    } else if (action->kind == model::ActionKind::Partition ||
               action->kind == model::ActionKind::HealPartition) {
      // Routed to the agents and to us: with node namespaces the routes are ours to cut (the
      // same cut asked twice, from our timeline and back from the hub, is done once).
      event.error = applyToNetwork(*action);
      event.ok = event.error.empty();
    }
  } else if (const auto* fault = std::get_if<p::Fault>(&command.what)) {
    // Said as the scenario would say it ("+50 ms on orders for 30 s"), in the user's language.
    const std::optional<model::Action> as = p::actionOf(*fault);
    event.description =
        as ? model::describeAction(*as) : std::string("fault ") + p::faultKindName(fault->kind);
    if (fault->kind == p::FaultKind::Pause) event = pause(*fault);
  } else {
    event = {"command", model::describeAction(p::actionOf(p::ResetFaults{})), true, {}, {}};
    resumeAll();
    if (network_) network_->healAll();
  }
  reply(event.ok, event.error);
  if (events_.action) events_.action(event);
}

ActionEvent Launcher::pause(const p::Fault& fault) {
  std::string target = fault.service;
  if (fault.replica >= 0) target += "#" + std::to_string(fault.replica);
  const std::optional<model::Action> as = p::actionOf(fault);
  const std::string what = as ? model::describeAction(*as) : "pause " + target;
  ActionEvent event{"command", what, true, {}, {}};
  const int d = table_.deploymentOf(fault.service);
  if (d < 0) return {"command", what, false, "unknown service \"" + fault.service + "\"", {}};
  if (table_.deployments()[d].external) {
    return {"command",
            what,
            false,
            fault.service + " is external: this launcher did not start its processes",
            {}};
  }
  std::vector<Child*> paused;
  for (auto& child : children_) {
    if (child->kind != ProcessKind::Agent || child->deployment != d || child->process->reaped() ||
        (fault.replica >= 0 && child->replica != fault.replica)) {
      continue;
    }
    signalChild(*child, SIGSTOP, false);
    paused.push_back(child.get());
  }
  if (paused.empty()) return {"command", what, false, "no running process of " + target, {}};
  if (fault.durationS > 0) {
    for (Child* child : paused) {
      loop_.cancel(child->resumeTimer);
      child->resumeTimer = loop_.after(loopSeconds(fault.durationS), [this, child] {
        child->resumeTimer = 0;
        signalChild(*child, SIGCONT, false);
      });
    }
  }
  return event;
}

std::string Launcher::applyToNetwork(const model::Action& action) {
  if (!network_) return {};
  auto nodeIndex = [this](const std::string& name) {
    for (int n = 0; n < static_cast<int>(table_.nodes().size()); ++n) {
      if (table_.nodes()[n].name == name) return n;
    }
    return -1;
  };
  using model::ActionKind;
  switch (action.kind) {
    case ActionKind::FailNode:
    case ActionKind::RecoverNode:
      return network_->setLinkUp(nodeIndex(action.node), action.kind == ActionKind::RecoverNode);
    case ActionKind::Partition:
    case ActionKind::HealPartition:
      return network_->setPartitioned(nodeIndex(action.node), nodeIndex(action.otherNode),
                                      action.kind == ActionKind::Partition);
    case ActionKind::ResetFaults:
      network_->healAll();
      return {};
    default:
      return {};
  }
}

void Launcher::resumeAll() {
  for (auto& child : children_) {
    if (!child->paused) continue;
    loop_.cancel(child->resumeTimer);
    child->resumeTimer = 0;
    signalChild(*child, SIGCONT, false);
  }
}

}  // namespace clusterscope::agents::launcher
