#pragma once

#include <optional>
#include <string_view>

#include "control_messages.h"

// Who may send what to the hub (docs/protocol.md, "Who may send what"): the hub's ZAP handler
// gives each CURVE key a role, libzmq hands it back as every message's "User-Id" property, and
// the hub asks these functions before acting on a message. Pure functions, any thread.

namespace clusterscope::agents::protocol {

// The role of a connection's key. None: the hub runs without CURVE (nobody is a controller).
enum class KeyRole { None, Agent, Controller };

// The ZAP user ids: "agent", "controller"; "" (no ZAP, no CURVE) is None. Nothing for others.
std::optional<KeyRole> keyRoleFromUserId(std::string_view userId);
const char* keyRoleUserId(KeyRole role);  // "agent", "controller", ""

// May a connection with this key say HELLO with this role?
bool mayJoinAs(KeyRole key, PeerRole role);

// May a connection with this key send the hub a message of this type? Messages only the hub
// sends (WELCOME, ERROR, SNAPSHOT, UPDATE, ROUTES) are refused from anyone. PEER_STATE, a
// launcher's notice that a child exited, needs a controller key (and the hub also checks that
// the sender joined as a launcher).
bool maySendToHub(KeyRole key, ControlType type);

// Actions a launcher carries out (docs/protocol.md, COMMAND: kill and restart, crash, nodes,
// scaling, rolling updates, the autoscaler): they act on processes, not inside them.
bool launcherCarriesOut(model::ActionKind kind);

}  // namespace clusterscope::agents::protocol
