#pragma once

#include <string>
#include <utility>
#include <vector>

#include "connection_file.h"
#include "control_policy.h"

// The keys a CURVE hub starts with, from a key directory as `clusterscope-cli keygen DIR` and
// the launcher write it (docs/protocol.md, "Keys and the connection file"):
//
//   DIR/hub.key_secret                 the hub's own pair (required)
//   DIR/agent.key, DIR/controller.key  the client public keys let in, as `agent` / `controller`
//   DIR/agents/*.key, DIR/controllers/*.key   more of each (optional: a key per host or person)
//
// At least one client key is required. A secret certificate may stand where a public one is
// looked for (only its public key is read). Errors throw std::runtime_error naming the file.
// Any thread.

namespace clusterscope::agents {

struct HubKeys {
  protocol::Certificate server;
  std::vector<std::pair<std::string, protocol::KeyRole>> allowed;  // Z85 public key, role
  // The secret certificates of the two roles when the directory holds them ("" otherwise),
  // absolute: the connection file names them for the processes that will read it.
  std::string agentSecretPath;
  std::string controllerSecretPath;
};

HubKeys loadHubKeys(const std::string& dir);

}  // namespace clusterscope::agents
