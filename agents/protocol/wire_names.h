#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "action.h"
#include "cluster_snapshot.h"
#include "failure_cause.h"

// The enumerations the control plane names in JSON, and their wire names (docs/protocol.md
// lists the same tables). Model enumerations keep the model's names (failure causes as in
// summaries, replica states as in the GUI); the protocol adds its own. Every *FromName returns
// nothing for a name it does not know.

namespace clusterscope::agents::protocol {

// What a process is, said in its HELLO.
enum class PeerRole : std::uint8_t { Agent, Broker, Loadgen, Launcher, Monitor };
// What the hub knows of a peer's liveness (docs/protocol.md, "Liveness").
enum class Liveness : std::uint8_t { Joined, Suspect, Down, Left };
// A fault (Toxiproxy / Chaos Mesh style); see Fault.
enum class FaultKind : std::uint8_t { Latency, Loss, Pause, Blackhole, FailFirst };

const char* peerRoleName(PeerRole role);                  // "agent", "loadgen", ...
const char* livenessName(Liveness liveness);              // "joined", "suspect", ...
const char* faultKindName(FaultKind kind);                // "latency", "fail_first", ...
const char* breakerStateName(model::BreakerState state);  // "none", "half_open", ...

std::optional<PeerRole> peerRoleFromName(std::string_view name);
std::optional<Liveness> livenessFromName(std::string_view name);
std::optional<FaultKind> faultKindFromName(std::string_view name);
std::optional<model::BreakerState> breakerStateFromName(std::string_view name);
std::optional<model::CallMode> callModeFromName(std::string_view name);
// Every state but "removed" and "suspect", which are for monitors to say, not a process.
std::optional<model::ReplicaState> replicaStateFromName(std::string_view name);
// Every cause but "none".
std::optional<model::FailureCause> failureCauseFromName(std::string_view name);

}  // namespace clusterscope::agents::protocol
