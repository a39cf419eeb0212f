#pragma once

#include <string>

#include "hub_connection.h"

namespace clusterscope::app {

// Where a window finds a live cluster: `target` is a connection file (what `launch` and
// `clusterscope-hub` write) or a hub endpoint ("tcp://host:port"). An endpoint takes its keys
// from the default connection file when that file names the same hub; otherwise it is followed
// without keys (a hub without CURVE: watched, not changed). Empty: the default connection
// file. Throws std::runtime_error with a message for people when the file cannot be used.
agents::HubConnection liveConnection(const std::string& target);

// The default connection file's path (docs/protocol.md, "Keys and the connection file").
std::string defaultLiveConnectionFile();

}  // namespace clusterscope::app
