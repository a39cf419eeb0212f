#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

// The options of the live commands: launch (beyond run's), monitor, inject and keygen. Declared
// on the CLI11 subcommands here, taken as text and checked by convertLiveOptions with this
// tool's messages (cli_options.cpp does the same for run's).

namespace clusterscope::cli {

struct LiveOptions {
  // launch
  std::vector<std::string> external;  // services whose replicas someone else starts
  std::string bind = "127.0.0.1";
  bool keep = false;    // keep the cluster running after the run, until Ctrl-C
  bool noLoad = false;  // no load generator
  bool netns = false;   // each node a network namespace (root only)
  bool telemetry = false;
  std::string logDir;
  std::string agentProgram, brokerProgram, loadgenProgram;  // commands as typed; empty: default
  double readyTimeoutS = 60.0;
  // launch: where to write the connection file; monitor, inject: which one to read
  std::string connectionFile;
  // monitor, inject
  std::string endpoint;             // empty: from the connection file
  std::string keysDir;              // with endpoint: a key directory (keygen's)
  bool json = false;                // monitor: a JSON line per second
  int count = 0;                    // monitor: refreshes before leaving; 0: until Ctrl-C
  double timeoutS = 5.0;            // how long to wait for the hub (and inject for its answer)
  std::vector<std::string> action;  // inject: ACTION FIELD=VALUE..., or one JSON object
  std::string target;               // inject: only this instance carries it out
  // keygen
  std::string dir;
  bool force = false;
};

// Raw text of the options, as typed.
struct LiveRaw {
  std::vector<std::string> external, words;
  std::string connection, bind, logDir, agentProgram, brokerProgram, loadgenProgram;
  std::string readyTimeout, keys, count, timeout, target, dir;
};

void addLaunchOptions(CLI::App* launch, LiveRaw& raw);
CLI::App* addMonitorCommand(CLI::App& app, LiveRaw& raw);
CLI::App* addInjectCommand(CLI::App& app, LiveRaw& raw);
CLI::App* addKeygenCommand(CLI::App& app, LiveRaw& raw);

// Checks and converts what `command` (its parsed subcommand) was given; the first problem's
// message, or empty.
std::string convertLiveOptions(const LiveRaw& raw, const CLI::App& command, LiveOptions& o);

}  // namespace clusterscope::cli
