#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>

#include "event_loop.h"
#include "hub_connection.h"
#include "scenario.h"

namespace CLI {
class App;
}

// What the programs that join a cluster share on their command line and in main(): how they
// reach the hub (a connection file, or an endpoint with keys), loading the scenario they are
// made from, and running their loop until SIGINT or SIGTERM has made them finish.

namespace clusterscope::agents {

// --connection FILE, or --hub ENDPOINT [--hub-key Z85 --certificate PATH].
struct HubFlags {
  std::string connection;
  std::string hub;
  std::string hubKey;
  std::string certificate;
};

// Adds the four options, in a group of their own.
void addHubOptions(CLI::App& app, HubFlags& flags);

// The connection the flags describe; with none of them, the default connection file
// (docs/protocol.md: $XDG_RUNTIME_DIR/clusterscope/connection.json, ...) with the agent key.
// Throws std::invalid_argument for flags that do not go together, std::runtime_error for files
// that cannot be read, each with one sentence for the user.
HubConnection hubConnectionFrom(const HubFlags& flags);

// Loads a scenario file; on failure prints every diagnostic to `err` and returns nothing.
std::optional<engine::Scenario> loadScenarioOrReport(const std::string& path, std::ostream& err);

// Runs `loop` until `finished()`. The first SIGINT or SIGTERM calls `stop()` (which should make
// the process finish soon); a second one returns at once. Returns false when it returned on a
// second signal. Blocks both signals in the calling thread: call it before starting threads
// that should leave them to it (httplib's server thread inherits the mask).
void blockStopSignals();
bool runUntilFinished(EventLoop& loop, const std::function<void()>& stop,
                      const std::function<bool()>& finished);

}  // namespace clusterscope::agents
