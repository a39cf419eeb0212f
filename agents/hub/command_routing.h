#pragma once

#include <optional>
#include <string>
#include <vector>

#include "control_messages.h"
#include "peer_table.h"

// Who carries out a COMMAND (docs/protocol.md, "COMMAND": the table of actions and their
// executors, faults, reset_faults, `target`), after checking its references against what the
// hub knows: the launcher's CLUSTER plan and every HELLO. Pure: no sockets, one thread.

namespace clusterscope::agents {

struct CommandRouting {
  std::vector<std::string> executors;  // instance ids, each live, in instance order
  std::string error;                   // non-empty: refused, with this COMMAND_RESULT error
};

CommandRouting routeCommand(const protocol::Command& command, const PeerTable& peers,
                            const std::optional<protocol::ClusterPlan>& plan);

}  // namespace clusterscope::agents
