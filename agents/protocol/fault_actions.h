#pragma once

#include <optional>

#include "action.h"
#include "control_messages.h"

// The faults in the one action vocabulary. model::Action names every change a user or a
// scenario's timeline makes, the faults included (AddLatency, DropMessages, Blackhole, Pause,
// FailFirst, ResetFaults); a COMMAND carries those in the protocol's own form, `fault` and
// `reset_faults` (docs/protocol.md, "COMMAND" and "Faults"), and every other action as
// `action`. These map one form to the other, both ways, with the same scope (a process:
// service and replica; an edge: from and to), numbers and duration (0: until reset):
//
//   AddLatency   <-> latency     latencyMs, jitterMs <-> latencyMs, jitterMs
//   DropMessages <-> loss        rate                <-> rate
//   Blackhole    <-> blackhole
//   Pause        <-> pause
//   FailFirst    <-> fail_first  count               <-> count
//   ResetFaults  <-> ResetFaults
//
// Pure functions: no ranges are checked here (the decoder and the engine check theirs).

namespace clusterscope::agents::protocol {

// What a COMMAND carries for `action`: its Fault or ResetFaults for a fault kind, the action
// itself for any other kind.
CommandPayload commandPayload(const model::Action& action);
// The payload as it travels: a fault held as a model::Action becomes its protocol form, anything
// else stays as it is. The encoder and the hub's routing go by this, so a Command can hold a
// fault either way.
CommandPayload protocolForm(const CommandPayload& payload);

// The model's action for a fault: the kind its FaultKind maps to, the fields above set and
// every other field at its default. Empty when the fault's count does not fit an Action's
// (above 2^31 - 1; the model's own limit is 10^9).
std::optional<model::Action> actionOf(const Fault& fault);
model::Action actionOf(ResetFaults);
// Whatever a COMMAND carries as a model::Action (an action as it is).
std::optional<model::Action> actionOf(const CommandPayload& payload);

}  // namespace clusterscope::agents::protocol
