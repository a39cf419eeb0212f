#pragma once

#include <QString>
#include <memory>
#include <vector>

#include "cluster_backend.h"
#include "hub_connection.h"
#include "scenario.h"

namespace clusterscope::app {

class LiveMonitor;

// A cluster of real processes, followed through its hub: the second implementation of
// ClusterBackend. A LiveMonitor on a thread of its own subscribes to the hub and turns its
// stream into layouts, snapshots (10 a second) and chart samples (one per second of wall
// time); actions become COMMANDs, applied or refused by the real processes.
//
// Capabilities: a live cluster runs on the wall clock (no pause, step, reset or speed). Actions
// that start or stop processes need the launcher that started them; without one they are
// refused with that reason. When the hub is lost the back end says so (problem()), keeps what
// it showed, and reconnects by itself; a restarted hub that serves the same cluster continues
// its history.
//
// GUI thread only, like every ClusterBackend; its own work happens on the monitor's thread.
class LiveBackend : public ClusterBackend {
  Q_OBJECT

 public:
  // Starts following the hub `connection` reaches. Throws std::runtime_error on bad keys; an
  // unreachable hub is not an error (the back end keeps trying and says so).
  explicit LiveBackend(agents::HubConnection connection, QObject* parent = nullptr);
  ~LiveBackend() override;

  QString endpoint() const;
  bool reachable() const { return reachable_; }

  // For a run this window launched (LiveLaunch). Cluster time 0 is now: traffic starts.
  void restartClock();
  // An action the launcher applied (the scenario's timeline): shown like the user's, with its
  // marker, but not one of userActions().
  void showAppliedAction(const model::Action& action);
  // The scenario the cluster was launched from: with it, snapshots and chart samples carry
  // queueing theory's predictions for the cluster as it stands (as the simulation's do), the
  // lesson is the scenario's own (in every language it gives, with its questions), and its
  // questions are settled from the measured intervals (questionSettled). Call it before the
  // event loop delivers the first layout. Without it, the scenario the launcher's plan
  // carries does the same (a cluster followed with Connect).
  void setScenario(std::shared_ptr<const engine::Scenario> scenario);
  // The run is over and its hub gone: Finished, history kept, nothing more is followed.
  void finish();
  // What the user applied through this back end, at the cluster times it took effect: a
  // launched run's session is its scenario plus these (like SimulationBackend's).
  const std::vector<model::TimelineEntry>& userActions() const { return userActions_; }

  RunState runState() const override { return state_; }
  std::shared_ptr<const model::ClusterLayout> layout() const override { return layout_; }
  std::shared_ptr<const model::ClusterDescription> description() const override {
    return description_;
  }
  std::shared_ptr<const model::ClusterSnapshot> lastSnapshot() const override { return snapshot_; }
  model::ClusterCapabilities capabilities() const override { return capabilities_; }

 public slots:
  void applyAction(const clusterscope::model::Action& action) override;

 private:
  void useScenario(std::shared_ptr<const engine::Scenario> scenario);
  void updateCapabilities();
  void setState(RunState state);

  agents::HubConnection connection_;
  std::unique_ptr<LiveMonitor> monitor_;
  RunState state_ = RunState::Empty;
  bool reachable_ = false;
  bool launcher_ = false;
  bool broker_ = false;  // a broker peer was seen (live or down)
  bool finished_ = false;
  bool questions_ = false;  // the scenario's lesson asks questions
  double lastTimeS_ = 0.0;  // cluster time of the last snapshot
  std::vector<model::TimelineEntry> userActions_;
  model::ClusterCapabilities capabilities_;
  std::shared_ptr<const model::ClusterLayout> layout_;
  std::shared_ptr<const model::ClusterDescription> description_;
  std::shared_ptr<const model::ClusterSnapshot> snapshot_;
  std::shared_ptr<const engine::Scenario> scenario_;  // the launched one, the plan's, or null
  bool launchedScenario_ = false;                     // scenario_ came from setScenario()
};

}  // namespace clusterscope::app
