#pragma once

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "control_messages.h"
#include "scenario.h"

// What a launch is told (LaunchSettings) and what it derives from the scenario alone: which
// programs it runs, whether it needs a broker, the CLUSTER plan it announces. Plain values
// and pure functions, any thread.

namespace clusterscope::agents::launcher {

// The command that starts each kind of process: a program (a path, or a name looked up in
// PATH) and leading arguments, to which the launcher appends its own (docs/protocol.md,
// "Keys": --connection FILE --scenario FILE, and --service NAME --replica N [--node NODE]
// for agents). An agent in another language fits: {"/usr/bin/python3", "agent.py"}.
struct Programs {
  std::vector<std::string> agent;
  std::vector<std::string> broker;
  std::vector<std::string> loadgen;
  // The replicas of services whose scenario says "agent": "python".
  std::vector<std::string> pythonAgent;
};

// clusterscope-agent, -broker and -loadgen: beside the running executable (an installed
// tree), else where this build put them, else by name (PATH). The Python agent: Debian's
// /usr/bin/python3 (where python3-zmq is) on agents/python/clusterscope_agent.py, from the
// installed tree's share/clusterscope/python, else from the source tree of this build.
Programs defaultPrograms();

// A command line as a user types it ("python3 agents/python/clusterscope_agent.py"): split on
// blanks, single and double quotes grouping. Empty when `text` holds only blanks.
std::vector<std::string> splitCommand(const std::string& text);

enum class BrokerChoice { Auto, Always, Never };

struct LaunchSettings {
  // The scenario as it will run (--seed and --duration applied); its duration_s is how long
  // traffic runs, its timeline is applied from the moment traffic starts.
  engine::Scenario scenario;
  // Services whose replicas someone else starts (any language, by hand): counted in the plan
  // and waited for, never started, killed or restarted here.
  std::set<std::string> external;
  std::string bindHost = "127.0.0.1";  // the hub and every child bind here
  std::string connectionFile;          // empty: defaultConnectionFilePath()
  // Where each child's stdout and stderr go (INSTANCE.log). Empty: the run's own directory,
  // removed at the end.
  std::string logDir;
  Programs programs;  // empty commands: defaultPrograms()'s
  BrokerChoice broker = BrokerChoice::Auto;
  bool load = true;           // start the load generator (false: the services alone)
  bool timeline = true;       // apply the scenario's timeline
  bool telemetryPub = false;  // the hub's PUB socket for PlotJuggler
  bool untilStopped = false;  // keep running after duration_s, until stop()
  // Each scenario node a network namespace of this machine (node_network.h, docs/nodes.md):
  // needs root; bindHost is then the bridge's address.
  bool netns = false;
  // Every process planned must report ready within this, or the launch fails.
  std::chrono::milliseconds readyTimeout{60000};
  // A process asked to leave (SIGTERM) is killed (SIGKILL) after this.
  std::chrono::milliseconds stopGrace{5000};
};

// True when the scenario may send anything through a broker: an async call, a timeline that
// switches a call to async or acts on the broker, or a broker section that differs from the
// defaults.
bool needsBroker(const engine::Scenario& scenario);

// The CLUSTER plan (docs/protocol.md): the scenario's description, the engine's layout of it
// and each deployment's initial replicas (autoscaled ones clamped to their bounds).
protocol::ClusterPlan clusterPlan(const engine::Scenario& scenario);

}  // namespace clusterscope::agents::launcher
