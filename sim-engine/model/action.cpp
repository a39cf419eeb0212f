#include "action.h"

#include <array>
#include <cstdio>

namespace clusterscope::model {

namespace {

constexpr std::array<const char*, kActionKindCount> kActionNames = {
    "kill_replica",     "restart_replica", "crash_service",  "restart_service", "fail_node",
    "recover_node",     "slow_replica",    "slow_service",   "set_error_rate",  "partition",
    "heal_partition",   "broker_outage",   "broker_recover", "set_replicas",    "set_call_mode",
    "set_arrival_rate", "rolling_update",  "set_resilience", "set_autoscaler",  "add_latency",
    "drop_messages",    "blackhole",       "pause",          "fail_first",      "reset_faults",
};

std::string formatNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string replicaLabel(const Action& a) { return a.service + "#" + std::to_string(a.replica); }

// What a fault acts on: "orders", "orders#1" or "api->orders".
std::string faultScope(const Action& a) {
  if (a.service.empty()) return a.from + "->" + a.to;
  return a.replica >= 0 ? replicaLabel(a) : a.service;
}

std::string forDuration(const Action& a) {
  return a.durationS > 0 ? " for " + formatNumber(a.durationS) + " s" : std::string();
}

std::string onOff(const char* what, const std::optional<bool>& v) {
  if (!v) return {};
  return std::string(" ") + what + (*v ? " on" : " off");
}

}  // namespace

const char* callModeName(CallMode mode) { return mode == CallMode::Sync ? "sync" : "async"; }

bool isFault(ActionKind kind) {
  switch (kind) {
    case ActionKind::AddLatency:
    case ActionKind::DropMessages:
    case ActionKind::Blackhole:
    case ActionKind::Pause:
    case ActionKind::FailFirst:
      return true;
    default:
      return false;
  }
}

const char* actionKindName(ActionKind kind) { return kActionNames[static_cast<int>(kind)]; }

std::optional<ActionKind> actionKindFromName(std::string_view name) {
  for (int i = 0; i < kActionKindCount; ++i) {
    if (name == kActionNames[i]) return static_cast<ActionKind>(i);
  }
  return std::nullopt;
}

std::string describeAction(const Action& a) {
  switch (a.kind) {
    case ActionKind::KillReplica:
      return "killed " + replicaLabel(a);
    case ActionKind::RestartReplica:
      return "restarted " + replicaLabel(a);
    case ActionKind::CrashService:
      return "crashed " + a.service;
    case ActionKind::RestartService:
      return "restarted " + a.service;
    case ActionKind::FailNode:
      return "failed node " + a.node;
    case ActionKind::RecoverNode:
      return "recovered node " + a.node;
    case ActionKind::SlowReplica:
      return (a.factor == 1.0 ? "normal speed " : "slowed x" + formatNumber(a.factor) + " ") +
             replicaLabel(a);
    case ActionKind::SlowService:
      return (a.factor == 1.0 ? "normal speed " : "slowed x" + formatNumber(a.factor) + " ") +
             a.service;
    case ActionKind::SetErrorRate:
      return a.service + " errors " + formatNumber(a.rate * 100.0) + "%";
    case ActionKind::Partition:
      return "partitioned " + a.node + " | " + a.otherNode;
    case ActionKind::HealPartition:
      return "healed " + a.node + " | " + a.otherNode;
    case ActionKind::BrokerOutage:
      return a.durationS > 0 ? "broker down " + formatNumber(a.durationS) + " s" : "broker down";
    case ActionKind::BrokerRecover:
      return "broker up";
    case ActionKind::SetReplicas:
      return a.service + " x" + std::to_string(a.count);
    case ActionKind::SetCallMode:
      if (a.from.empty() && a.to.empty()) return std::string("all calls ") + callModeName(a.mode);
      return a.from + "->" + a.to + " " + callModeName(a.mode);
    case ActionKind::SetArrivalRate:
      return "rate " + formatNumber(a.rate) + " rps";
    case ActionKind::RollingUpdate:
      return "rolling update " + a.service;
    case ActionKind::SetResilience:
      return "resilience:" + onOff("timeouts", a.timeouts) + onOff("retries", a.retries) +
             onOff("breaker", a.circuitBreaker);
    case ActionKind::SetAutoscaler:
      return std::string("autoscaler ") + (a.enabled ? "on" : "off") +
             (a.service.empty() ? "" : " " + a.service);
    case ActionKind::AddLatency:
      return "+" + formatNumber(a.latencyMs) +
             (a.jitterMs > 0 ? "\u00b1" + formatNumber(a.jitterMs) : std::string()) + " ms on " +
             faultScope(a) + forDuration(a);
    case ActionKind::DropMessages:
      return "lost " + formatNumber(a.rate * 100.0) + "% on " + faultScope(a) + forDuration(a);
    case ActionKind::Blackhole:
      return "blackholed " + faultScope(a) + forDuration(a);
    case ActionKind::Pause:
      return "paused " + faultScope(a) + forDuration(a);
    case ActionKind::FailFirst:
      return "failed the next " + std::to_string(a.count) + " on " + faultScope(a) + forDuration(a);
    case ActionKind::ResetFaults:
      return "faults reset";
  }
  return "?";
}

}  // namespace clusterscope::model
