#include "action.h"

#include <array>
#include <cstdio>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "engine_text.h"

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

// The engine's words in the user's language (sim-engine/i18n): each label is written whole in
// English, the numbers formatted here, in the "C" locale.
std::string say(const char* english, std::initializer_list<std::string_view> args) {
  return text::format(text::translate("Action", english), args);
}

// A fault's label, with its duration when it has one.
std::string fault(const Action& a, const char* forever, const char* timed,
                  std::initializer_list<std::string_view> args) {
  if (a.durationS <= 0) return say(forever, args);
  // The duration is the last argument of every timed label.
  std::vector<std::string_view> all(args);
  const std::string seconds = formatNumber(a.durationS);
  all.push_back(seconds);
  return text::format(text::translate("Action", timed), all);
}

std::string onOff(const Action& a) {
  std::string out = text::translate("Action", "resilience:");
  const auto add = [&](const std::optional<bool>& v, const char* on, const char* off) {
    if (v) out += " " + text::translate("Action", *v ? on : off);
  };
  add(a.timeouts, QT_TRANSLATE_NOOP("Action", "timeouts on"),
      QT_TRANSLATE_NOOP("Action", "timeouts off"));
  add(a.retries, QT_TRANSLATE_NOOP("Action", "retries on"),
      QT_TRANSLATE_NOOP("Action", "retries off"));
  add(a.circuitBreaker, QT_TRANSLATE_NOOP("Action", "breaker on"),
      QT_TRANSLATE_NOOP("Action", "breaker off"));
  return out;
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
  const std::string replica = replicaLabel(a);
  switch (a.kind) {
    case ActionKind::KillReplica:
      return say(QT_TRANSLATE_NOOP("Action", "killed %1"), {replica});
    case ActionKind::RestartReplica:
      return text::format(text::translate("ReplicaAction", "restarted %1"), {replica});
    case ActionKind::CrashService:
      return say(QT_TRANSLATE_NOOP("Action", "crashed %1"), {a.service});
    case ActionKind::RestartService:
      return say(QT_TRANSLATE_NOOP("Action", "restarted %1"), {a.service});
    case ActionKind::FailNode:
      return say(QT_TRANSLATE_NOOP("Action", "failed node %1"), {a.node});
    case ActionKind::RecoverNode:
      return say(QT_TRANSLATE_NOOP("Action", "recovered node %1"), {a.node});
    case ActionKind::SlowReplica:
    case ActionKind::SlowService: {
      const std::string& who = a.kind == ActionKind::SlowReplica ? replica : a.service;
      if (a.factor == 1.0) return say(QT_TRANSLATE_NOOP("Action", "normal speed %1"), {who});
      return say(QT_TRANSLATE_NOOP("Action", "slowed x%1 %2"), {formatNumber(a.factor), who});
    }
    case ActionKind::SetErrorRate:
      return say(QT_TRANSLATE_NOOP("Action", "%1 errors %2%"),
                 {a.service, formatNumber(a.rate * 100.0)});
    case ActionKind::Partition:
      return say(QT_TRANSLATE_NOOP("Action", "partitioned %1 | %2"), {a.node, a.otherNode});
    case ActionKind::HealPartition:
      return say(QT_TRANSLATE_NOOP("Action", "healed %1 | %2"), {a.node, a.otherNode});
    case ActionKind::BrokerOutage:
      return a.durationS > 0
                 ? say(QT_TRANSLATE_NOOP("Action", "broker down %1 s"), {formatNumber(a.durationS)})
                 : say(QT_TRANSLATE_NOOP("Action", "broker down"), {});
    case ActionKind::BrokerRecover:
      return say(QT_TRANSLATE_NOOP("Action", "broker up"), {});
    case ActionKind::SetReplicas:
      return say(QT_TRANSLATE_NOOP("Action", "%1 x%2"), {a.service, std::to_string(a.count)});
    case ActionKind::SetCallMode: {
      const bool async = a.mode == CallMode::Async;
      if (a.from.empty() && a.to.empty()) {
        return say(async ? QT_TRANSLATE_NOOP("Action", "all calls async")
                         : QT_TRANSLATE_NOOP("Action", "all calls sync"),
                   {});
      }
      return say(async ? QT_TRANSLATE_NOOP("Action", "%1->%2 async")
                       : QT_TRANSLATE_NOOP("Action", "%1->%2 sync"),
                 {a.from, a.to});
    }
    case ActionKind::SetArrivalRate:
      return say(QT_TRANSLATE_NOOP("Action", "rate %1 rps"), {formatNumber(a.rate)});
    case ActionKind::RollingUpdate:
      return say(QT_TRANSLATE_NOOP("Action", "rolling update %1"), {a.service});
    case ActionKind::SetResilience:
      return onOff(a);
    case ActionKind::SetAutoscaler:
      if (a.service.empty()) {
        return say(a.enabled ? QT_TRANSLATE_NOOP("Action", "autoscaler on")
                             : QT_TRANSLATE_NOOP("Action", "autoscaler off"),
                   {});
      }
      return say(a.enabled ? QT_TRANSLATE_NOOP("Action", "autoscaler on %1")
                           : QT_TRANSLATE_NOOP("Action", "autoscaler off %1"),
                 {a.service});
    case ActionKind::AddLatency: {
      const std::string amount =
          formatNumber(a.latencyMs) +
          (a.jitterMs > 0 ? "\u00b1" + formatNumber(a.jitterMs) : std::string());
      return fault(a, QT_TRANSLATE_NOOP("Action", "+%1 ms on %2"),
                   QT_TRANSLATE_NOOP("Action", "+%1 ms on %2 for %3 s"), {amount, faultScope(a)});
    }
    case ActionKind::DropMessages:
      return fault(a, QT_TRANSLATE_NOOP("Action", "lost %1% on %2"),
                   QT_TRANSLATE_NOOP("Action", "lost %1% on %2 for %3 s"),
                   {formatNumber(a.rate * 100.0), faultScope(a)});
    case ActionKind::Blackhole:
      return fault(a, QT_TRANSLATE_NOOP("Action", "blackholed %1"),
                   QT_TRANSLATE_NOOP("Action", "blackholed %1 for %2 s"), {faultScope(a)});
    case ActionKind::Pause:
      return fault(a, QT_TRANSLATE_NOOP("Action", "paused %1"),
                   QT_TRANSLATE_NOOP("Action", "paused %1 for %2 s"), {faultScope(a)});
    case ActionKind::FailFirst:
      return fault(a, QT_TRANSLATE_NOOP("Action", "failed the next %1 on %2"),
                   QT_TRANSLATE_NOOP("Action", "failed the next %1 on %2 for %3 s"),
                   {std::to_string(a.count), faultScope(a)});
    case ActionKind::ResetFaults:
      return say(QT_TRANSLATE_NOOP("Action", "faults reset"), {});
  }
  return "?";
}

}  // namespace clusterscope::model
