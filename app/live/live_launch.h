#pragma once

#include <QObject>
#include <QString>
#include <memory>

#include "action.h"
#include "scenario.h"

namespace clusterscope::agents::launcher {
class LauncherThread;
}

namespace clusterscope::app {

// A scenario run as real local processes for the GUI ("Run on real agents", `clusterscope FILE
// --live`): the same launcher as `clusterscope-cli launch`, on a thread of its own, seen from
// the GUI thread. It writes the default connection file (so `clusterscope-cli monitor` finds
// the run), reports its progress while processes start, and says when traffic starts, what the
// timeline did and when the run is over. It stops what it started and nothing else: stop(),
// or its destruction (SIGKILL then, for a window that is closing), leaves no process behind.
//
// GUI thread only. Every signal is emitted on the GUI thread.
class LiveLaunch : public QObject {
  Q_OBJECT

 public:
  // `scenario` as it will run.
  explicit LiveLaunch(engine::Scenario scenario, QObject* parent = nullptr);
  ~LiveLaunch() override;

  // Before start(): each of the scenario's nodes a network namespace of this machine
  // (`launch --netns`, docs/nodes.md). Needs root; start() says so otherwise.
  void setNodeNamespaces(bool on) { nodeNamespaces_ = on; }
  bool nodeNamespaces() const { return nodeNamespaces_; }
  // Whether this process may make namespaces (it runs as root).
  static bool canMakeNodeNamespaces();

  // Writes the keys and the connection file, starts the hub and the first processes, and
  // returns. Throws std::runtime_error with a message for people (a program not found, a file
  // that cannot be written); nothing is left running then.
  void start();
  // Asks every process to leave (SIGTERM, SIGKILL after a grace); `stopped` follows. Also
  // cancels a launch still starting.
  void stop();
  bool running() const;

  const engine::Scenario& scenario() const { return scenario_; }
  // The connection file the run wrote (after start()).
  QString connectionFile() const { return connectionFile_; }
  bool trafficStarted() const { return trafficStarted_; }

 signals:
  // Processes starting: `ready` of `awaited` report ready; `message` says what is awaited.
  void progress(int ready, int awaited, const QString& message);
  // Cluster time 0: every process is ready and the load generator sends.
  void started();
  // The scenario's timeline applied an action to the real processes (or could not).
  void timelineAction(const clusterscope::model::Action& action, bool ok, const QString& error);
  // A process ended that the launcher had not asked to leave ("orders#1: process exited
  // (signal 9)").
  void processLost(const QString& message);
  // duration_s is over; the launcher stops every process now.
  void durationReached();
  // Every process is gone. `error` is empty for a normal end or a stop().
  void stopped(const QString& error);

 private:
  engine::Scenario scenario_;
  QString connectionFile_;
  bool trafficStarted_ = false;
  bool nodeNamespaces_ = false;
  std::unique_ptr<agents::launcher::LauncherThread> thread_;
};

}  // namespace clusterscope::app
