#include "fault_actions.h"
#include "internal/control_json.h"
#include "scenario_loader.h"

// COMMAND and COMMAND_RESULT, and the faults (also listed in reports).

namespace clusterscope::agents::protocol::detail {

namespace {

void readScope(const ObjectIn& in, Fault& f) {
  f.service = in.tokenOr("service", Token::Name);
  f.replica = static_cast<int>(in.integer("replica", 0, 19999, -1));  // as HELLO's replica
  f.from = in.tokenOr("from", Token::Name);
  f.to = in.tokenOr("to", Token::Name);
  const bool process = !f.service.empty();
  const bool edge = !f.from.empty() || !f.to.empty();
  if (process == edge) {
    fail(process ? DecodeReason::Inconsistent : DecodeReason::MissingField,
         in.path() +
             ": a fault applies to a \"service\" (and \"replica\") or to an edge "
             "(\"from\" and \"to\"), one of the two");
  }
  if (edge && (f.from.empty() || f.to.empty())) {
    fail(DecodeReason::MissingField, in.path() + ": an edge needs both \"from\" and \"to\"");
  }
  if (f.replica >= 0 && !process) {
    fail(DecodeReason::Inconsistent, in.at("replica") + ": a replica is named with its service");
  }
  if (f.kind == FaultKind::Pause && edge) {
    fail(DecodeReason::Inconsistent, in.path() + ": pause applies to processes, not edges");
  }
}

}  // namespace

Json toJson(const Fault& f) {
  Json j{{"fault", faultKindName(f.kind)}};
  if (!f.service.empty()) j["service"] = f.service;
  if (f.replica >= 0) j["replica"] = f.replica;
  if (!f.from.empty()) j["from"] = f.from;
  if (!f.to.empty()) j["to"] = f.to;
  switch (f.kind) {
    case FaultKind::Latency:
      j["ms"] = f.latencyMs;
      if (f.jitterMs != 0.0) j["jitter_ms"] = f.jitterMs;
      break;
    case FaultKind::Loss:
      j["rate"] = f.rate;
      break;
    case FaultKind::FailFirst:
      j["count"] = f.count;
      break;
    case FaultKind::Pause:
    case FaultKind::Blackhole:
      break;
  }
  if (f.durationS != 0.0) j["duration_s"] = f.durationS;
  return j;
}

void fromJson(const ObjectIn& in, Fault& f) {
  f.kind = in.choice("fault", faultKindFromName);
  readScope(in, f);
  switch (f.kind) {
    case FaultKind::Latency:
      f.latencyMs = in.number("ms", 0, kMaxMs);
      f.jitterMs = in.number("jitter_ms", 0, kMaxMs, 0.0);
      break;
    case FaultKind::Loss:
      f.rate = in.number("rate", 0, 1);
      break;
    case FaultKind::FailFirst:
      f.count = static_cast<std::uint64_t>(in.integer("count", 1, kMaxId));
      break;
    case FaultKind::Pause:
    case FaultKind::Blackhole:
      break;
  }
  f.durationS = in.number("duration_s", 0, kMaxSeconds, 0.0);
}

Json toJson(const Command& m) {
  Json j{{"id", m.id}};
  if (!m.target.empty()) j["target"] = m.target;
  // A fault held as a model::Action travels in its protocol form.
  const CommandPayload what = protocolForm(m.what);
  if (const auto* action = std::get_if<model::Action>(&what)) {
    j["action"] = Json::parse(engine::actionToJson(*action));
  } else if (const auto* fault = std::get_if<Fault>(&what)) {
    j["fault"] = toJson(*fault);
  } else {
    j["reset_faults"] = true;
  }
  return j;
}

void fromJson(const ObjectIn& in, Command& m) {
  m.id = static_cast<std::uint64_t>(in.integer("id", 0, kMaxId));
  m.target = in.tokenOr("target", Token::Instance);
  const int kinds = int(in.has("action")) + int(in.has("fault")) + int(in.has("reset_faults"));
  if (kinds != 1) {
    fail(kinds == 0 ? DecodeReason::MissingField : DecodeReason::Inconsistent,
         in.path() + ": a command holds exactly one of \"action\", \"fault\" and \"reset_faults\"");
  }
  if (in.has("action")) {
    // The timeline's own reader, so that a command and a scenario entry can never disagree on
    // what an action means. It wants text; the object is small and already depth-checked.
    in.object("action");  // refuses anything but an object
    const engine::ActionLoadResult parsed =
        engine::loadActionText(dumpBody(in.get("action")), "action");
    if (!parsed.ok()) {
      const engine::Diagnostic& first = parsed.errors.front();
      fail(DecodeReason::BadAction,
           in.at("action") + (first.pointer.empty() ? "" : first.pointer) + ": " + first.message);
    }
    const model::Action& action = *parsed.action;
    if (!std::holds_alternative<model::Action>(commandPayload(action))) {
      // One spelling per command: the faults have theirs (docs/protocol.md, "Faults").
      const bool reset = action.kind == model::ActionKind::ResetFaults;
      fail(DecodeReason::BadAction, in.at("action") + "/action: \"" +
                                        model::actionKindName(action.kind) + "\" travels as " +
                                        (reset ? "\"reset_faults\": true" : "a \"fault\""));
    }
    m.what = action;
  } else if (in.has("fault")) {
    Fault fault;
    fromJson(in.object("fault"), fault);
    m.what = std::move(fault);
  } else {
    if (!in.boolean("reset_faults")) {
      fail(DecodeReason::BadValue, in.at("reset_faults") + ": must be true");
    }
    m.what = ResetFaults{};
  }
}

Json toJson(const CommandResult& m) {
  Json j{{"id", m.id}, {"ok", m.ok}};
  if (!m.error.empty()) j["error"] = m.error;
  return j;
}

void fromJson(const ObjectIn& in, CommandResult& m) {
  m.id = static_cast<std::uint64_t>(in.integer("id", 0, kMaxId));
  m.ok = in.boolean("ok");
  m.error = in.textOr("error", kMaxTextBytes);
  if (m.ok == !m.error.empty()) {
    fail(DecodeReason::Inconsistent,
         in.path() + ": a failed command says why in \"error\", a successful one has none");
  }
}

}  // namespace clusterscope::agents::protocol::detail
