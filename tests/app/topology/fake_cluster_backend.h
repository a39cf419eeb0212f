#pragma once

#include <memory>
#include <vector>

#include "cluster_backend.h"

// A ClusterBackend the test drives by hand: it publishes what it is given, on the calling
// thread, and records the actions it is asked to apply. Lets a test time the view alone,
// without the engine's thread or pacing in the measurement.

namespace clusterscope::testing {

class FakeClusterBackend : public app::ClusterBackend {
 public:
  void publishLayout(std::shared_ptr<const model::ClusterLayout> layout) {
    layout_ = std::move(layout);
    emit layoutChanged(layout_);
  }
  void publish(std::shared_ptr<const model::ClusterSnapshot> snapshot) {
    snapshot_ = std::move(snapshot);
    emit snapshotReady(snapshot_);
  }
  void setRunState(app::RunState state) {
    state_ = state;
    emit runStateChanged(state);
  }

  app::RunState runState() const override { return state_; }
  std::shared_ptr<const model::ClusterLayout> layout() const override { return layout_; }
  std::shared_ptr<const model::ClusterSnapshot> lastSnapshot() const override { return snapshot_; }
  double speed() const override { return 1.0; }
  const engine::Scenario& scenario() const override { return scenario_; }

  void start() override { setRunState(app::RunState::Running); }
  void pause() override { setRunState(app::RunState::Paused); }
  void step() override {}
  void setSpeed(double) override {}
  void applyAction(const model::Action& action) override { applied.push_back(action); }
  void reset() override {}

  std::vector<model::Action> applied;

 private:
  app::RunState state_ = app::RunState::Empty;
  engine::Scenario scenario_;
  std::shared_ptr<const model::ClusterLayout> layout_;
  std::shared_ptr<const model::ClusterSnapshot> snapshot_;
};

}  // namespace clusterscope::testing
