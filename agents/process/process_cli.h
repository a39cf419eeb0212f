#pragma once

#include <CLI/CLI.hpp>
#include <exception>
#include <functional>
#include <iostream>
#include <optional>
#include <ostream>
#include <string>

#include "event_loop.h"
#include "hub_connection.h"
#include "scenario.h"

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

// The main() of such a program, one for all: `describe` declares its options on a CLI11 app,
// `configure` turns what was parsed into its options (an error message when it cannot), `serve`
// runs it. Exit status: --help and --version 0, a flag CLI11 refuses or a configuration error
// 2, a failure to serve 1, else what `serve` returns. Messages start with the program's name.
template <typename CommandLine, typename Options>
int runProgram(int argc, char** argv, const char* name, void (*describe)(CLI::App&, CommandLine&),
               std::string (*configure)(const CommandLine&, Options&), int (*serve)(Options)) {
  CLI::App app;
  app.name(name);
  CommandLine line;
  describe(app, line);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  Options options;
  try {
    if (const std::string error = configure(line, options); !error.empty()) {
      std::cerr << name << ": " << error << "\n";
      return 2;
    }
  } catch (const std::exception& e) {
    std::cerr << name << ": " << e.what() << "\n";
    return 2;
  }
  try {
    return serve(std::move(options));
  } catch (const std::exception& e) {
    std::cerr << name << ": " << e.what() << "\n";
    return 1;
  }
}

}  // namespace clusterscope::agents
