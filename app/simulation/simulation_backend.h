#pragma once

#include <QThread>
#include <vector>

#include "cluster_backend.h"
#include "scenario.h"

namespace clusterscope::app {

class SimulationRunner;

// The simulated cluster: a SimulationRunner on a worker thread of its own, seen from the GUI
// thread. Keeps the latest layout, snapshot and state for views that ask, and the actions the
// user applied (with their cluster times) so that a session can be saved as a scenario that
// replays it. Every capability applies.
class SimulationBackend : public ClusterBackend {
  Q_OBJECT

 public:
  explicit SimulationBackend(QObject* parent = nullptr);
  ~SimulationBackend() override;

  // Replaces the running scenario (paused at time 0). The scenario must have passed the
  // loader. If the engine refuses it, problem() is emitted and the old one keeps running.
  void load(const engine::Scenario& scenario);
  // The scenario shown now (the one of the last clusterReset); empty before.
  const engine::Scenario& scenario() const { return *scenario_; }
  // A scenario has been loaded (loading is done on the runner's thread: not at once).
  bool hasScenario() const { return !scenario_->services.empty(); }
  // What the user did since the last load or reset, in order.
  const std::vector<model::TimelineEntry>& userActions() const { return userActions_; }
  // The scenario plus the user's actions as timeline entries: replays this session.
  engine::Scenario sessionAsScenario() const;
  // The run's summary so far, as the CLI writes it (without the wall time). Waits for the
  // worker thread, which answers between two slices of at most ~10 ms of engine work.
  QString summaryJson() const;

  RunState runState() const override { return state_; }
  std::shared_ptr<const model::ClusterLayout> layout() const override { return layout_; }
  std::shared_ptr<const model::ClusterDescription> description() const override {
    return description_;
  }
  std::shared_ptr<const model::ClusterSnapshot> lastSnapshot() const override { return snapshot_; }
  model::ClusterCapabilities capabilities() const override;
  double speed() const override { return speed_; }

 public slots:
  void start() override;
  void pause() override;
  void step() override;
  void setSpeed(double factor) override;
  void applyAction(const clusterscope::model::Action& action) override;
  void reset() override;

 private:
  QThread thread_;
  SimulationRunner* runner_;  // lives on thread_, deleted there
  RunState state_ = RunState::Empty;
  std::shared_ptr<const engine::Scenario> scenario_;
  std::shared_ptr<const model::ClusterLayout> layout_;
  std::shared_ptr<const model::ClusterDescription> description_;
  std::shared_ptr<const model::ClusterSnapshot> snapshot_;
  double speed_ = 1.0;
  std::vector<model::TimelineEntry> userActions_;
};

}  // namespace clusterscope::app
