#include "fault_actions.h"

#include <limits>

namespace clusterscope::agents::protocol {

namespace {

using model::ActionKind;

std::optional<FaultKind> faultKindOf(ActionKind kind) {
  switch (kind) {
    case ActionKind::AddLatency:
      return FaultKind::Latency;
    case ActionKind::DropMessages:
      return FaultKind::Loss;
    case ActionKind::Blackhole:
      return FaultKind::Blackhole;
    case ActionKind::Pause:
      return FaultKind::Pause;
    case ActionKind::FailFirst:
      return FaultKind::FailFirst;
    default:
      return std::nullopt;
  }
}

ActionKind actionKindOf(FaultKind kind) {
  switch (kind) {
    case FaultKind::Latency:
      return ActionKind::AddLatency;
    case FaultKind::Loss:
      return ActionKind::DropMessages;
    case FaultKind::Blackhole:
      return ActionKind::Blackhole;
    case FaultKind::Pause:
      return ActionKind::Pause;
    case FaultKind::FailFirst:
      return ActionKind::FailFirst;
  }
  return ActionKind::AddLatency;  // not reached: every kind is listed
}

}  // namespace

CommandPayload commandPayload(const model::Action& a) {
  if (a.kind == ActionKind::ResetFaults) return ResetFaults{};
  const std::optional<FaultKind> kind = faultKindOf(a.kind);
  if (!kind) return a;
  Fault f;
  f.kind = *kind;
  f.service = a.service;
  f.replica = a.replica;
  f.from = a.from;
  f.to = a.to;
  f.durationS = a.durationS;
  // Only the numbers of its kind: the others stay 0, as the decoder leaves them.
  switch (*kind) {
    case FaultKind::Latency:
      f.latencyMs = a.latencyMs;
      f.jitterMs = a.jitterMs;
      break;
    case FaultKind::Loss:
      f.rate = a.rate;
      break;
    case FaultKind::FailFirst:
      f.count = a.count > 0 ? static_cast<std::uint64_t>(a.count) : 0;
      break;
    case FaultKind::Pause:
    case FaultKind::Blackhole:
      break;
  }
  return f;
}

CommandPayload protocolForm(const CommandPayload& payload) {
  if (const auto* action = std::get_if<model::Action>(&payload)) return commandPayload(*action);
  return payload;
}

std::optional<model::Action> actionOf(const Fault& f) {
  if (f.count > static_cast<std::uint64_t>(std::numeric_limits<int>::max())) return std::nullopt;
  model::Action a;
  a.kind = actionKindOf(f.kind);
  a.service = f.service;
  a.replica = f.replica;
  a.from = f.from;
  a.to = f.to;
  a.durationS = f.durationS;
  switch (f.kind) {
    case FaultKind::Latency:
      a.latencyMs = f.latencyMs;
      a.jitterMs = f.jitterMs;
      break;
    case FaultKind::Loss:
      a.rate = f.rate;
      break;
    case FaultKind::FailFirst:
      a.count = static_cast<int>(f.count);
      break;
    case FaultKind::Pause:
    case FaultKind::Blackhole:
      break;
  }
  return a;
}

model::Action actionOf(ResetFaults) {
  model::Action a;
  a.kind = ActionKind::ResetFaults;
  return a;
}

std::optional<model::Action> actionOf(const CommandPayload& payload) {
  if (const auto* action = std::get_if<model::Action>(&payload)) return *action;
  if (const auto* fault = std::get_if<Fault>(&payload)) return actionOf(*fault);
  return actionOf(ResetFaults{});
}

}  // namespace clusterscope::agents::protocol
