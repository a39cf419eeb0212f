#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "chart_sample.h"
#include "cluster_description.h"
#include "cluster_layout.h"
#include "cluster_snapshot.h"
#include "control_messages.h"
#include "hub_connection.h"
#include "lesson.h"
#include "scenario.h"

// The live cluster seen from the GUI, without Qt: a thread of its own that follows a hub as a
// monitor (HubClient on an EventLoop), turns its stream into the model's types (ClusterView)
// and hands them over through callbacks. LiveBackend puts a Qt face on it.
//
// Threading: construct, call and destroy on one thread (the GUI's). Every callback runs on the
// monitor's own thread: the receiver must move what it gets to its own thread (LiveBackend
// posts it to the GUI thread). The destructor stops the thread and waits for it; no callback
// runs after it returns. command() may be called from the owning thread at any time.

namespace clusterscope::app {

class LiveMonitor {
 public:
  struct Options {
    agents::HubConnection connection;
    std::string instance;                          // this monitor's id, e.g. "gui@host:4242"
    std::chrono::milliseconds interval{1000};      // chart samples: one per interval of wall time
    std::chrono::milliseconds snapshotEvery{100};  // the topology's pictures
    // The hub counts as lost after this long without a message while it had peers to report.
    std::chrono::milliseconds lostAfter{3000};
  };

  struct Callbacks {
    // A new cluster (a new CLUSTER plan, or the first one seen), or the same one in a new shape.
    std::function<void(std::shared_ptr<const model::ClusterLayout>,
                       std::shared_ptr<const model::ClusterDescription>, bool reset)>
        onLayout;
    // The scenario file the launcher's plan carries changed (before the onLayout it comes
    // with): null when the plan gives none, or gives one that is not a valid scenario, and
    // then `problem` says why.
    std::function<void(std::shared_ptr<const engine::Scenario>, const std::string& problem)>
        onPlanScenario;
    std::function<void(std::shared_ptr<const model::ClusterSnapshot>)> onSnapshot;
    std::function<void(std::vector<model::ChartSample>)> onSamples;
    // The hub is reachable (a WELCOME and a stream) or lost (`why` says so).
    std::function<void(bool reachable, const std::string& why)> onConnection;
    // Whether a launcher is live: process-level actions need one.
    std::function<void(bool launcher)> onLauncher;
    // Whether the cluster has a broker (live or down): asynchronous calls need one.
    std::function<void(bool broker)> onBroker;
    // The lesson's questions whose window closed (askQuestions()), in lesson order.
    std::function<void(std::vector<model::QuestionOutcome>)> onQuestions;
  };

  // Starts the thread at once. Throws std::runtime_error when the connection cannot be made
  // (bad keys); an unreachable hub is not an error: the monitor keeps trying.
  LiveMonitor(Options options, Callbacks callbacks);
  ~LiveMonitor();
  LiveMonitor(const LiveMonitor&) = delete;
  LiveMonitor& operator=(const LiveMonitor&) = delete;

  // Sends a command to the hub; `done` runs on the monitor's thread with the hub's answer (or a
  // local one: "not connected", "timeout"), and the cluster time at which it came, in seconds.
  void command(agents::protocol::Command command,
               std::function<void(const agents::protocol::CommandResult&, double atS)> done);
  // Cluster time 0 is now: a launched run's traffic starts (what came before was its processes
  // starting). The cluster is published again as a reset, so charts start from there.
  void restartClock();
  // Evaluates the questions of `scenario`'s lesson over the measured intervals, as
  // `clusterscope-cli launch` does, from cluster time 0 (restartClock() starts them again).
  void askQuestions(std::shared_ptr<const engine::Scenario> scenario);

 private:
  struct State;
  std::shared_ptr<State> state_;
  std::thread thread_;
};

}  // namespace clusterscope::app
