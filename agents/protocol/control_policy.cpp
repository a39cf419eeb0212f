#include "control_policy.h"

namespace clusterscope::agents::protocol {

std::optional<KeyRole> keyRoleFromUserId(std::string_view userId) {
  if (userId.empty()) return KeyRole::None;
  if (userId == "agent") return KeyRole::Agent;
  if (userId == "controller") return KeyRole::Controller;
  return std::nullopt;
}

const char* keyRoleUserId(KeyRole role) {
  switch (role) {
    case KeyRole::Agent:
      return "agent";
    case KeyRole::Controller:
      return "controller";
    case KeyRole::None:
      break;
  }
  return "";
}

bool mayJoinAs(KeyRole key, PeerRole role) {
  switch (role) {
    case PeerRole::Agent:
    case PeerRole::Broker:
    case PeerRole::Loadgen:
      return true;
    case PeerRole::Monitor:
      return key != KeyRole::Agent;  // watching is harmless, but an agent key is for agents
    case PeerRole::Launcher:
      return key == KeyRole::Controller;
  }
  return false;
}

bool maySendToHub(KeyRole key, ControlType type) {
  switch (type) {
    case ControlType::Hello:
    case ControlType::Report:
    case ControlType::Bye:
    case ControlType::CommandResult:
      return true;
    case ControlType::Subscribe:
      return key != KeyRole::Agent;
    // Changing the cluster needs an authenticated controller: never without CURVE.
    case ControlType::Cluster:
    case ControlType::Command:
    case ControlType::PeerState:  // a launcher's child exited: it marks a peer down at once
      return key == KeyRole::Controller;
    case ControlType::Welcome:
    case ControlType::Error:
    case ControlType::Snapshot:
    case ControlType::Update:
    case ControlType::Routes:
      return false;
  }
  return false;
}

bool launcherCarriesOut(model::ActionKind kind) {
  using model::ActionKind;
  switch (kind) {
    case ActionKind::KillReplica:
    case ActionKind::RestartReplica:
    case ActionKind::CrashService:
    case ActionKind::RestartService:
    case ActionKind::FailNode:
    case ActionKind::RecoverNode:
    case ActionKind::SetReplicas:
    case ActionKind::RollingUpdate:
    case ActionKind::SetAutoscaler:
      return true;
    default:
      return false;
  }
}

}  // namespace clusterscope::agents::protocol
