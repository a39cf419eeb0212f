#pragma once

#include <QVector>
#include <memory>
#include <vector>

#include "cluster_backend.h"
#include "fake_cluster.h"

// The view tests' back end: it emits what the test tells it to, at once and on the calling
// thread, and records what the views ask of it (actions, run controls). Its capabilities are
// whatever the test sets (a simulation's by default). No engine behind it.

namespace clusterscope::testing {

class FakeClusterBackend : public app::ClusterBackend {
  Q_OBJECT

 public:
  using ClusterBackend::ClusterBackend;

  // A new cluster (clusterReset), then its snapshot at time 0 unless `withSnapshot` is false.
  void resetCluster(const FakeCluster& cluster, bool withSnapshot = true);
  void resetCluster(std::shared_ptr<const model::ClusterLayout> layout,
                    std::shared_ptr<const model::ClusterDescription> description);
  // The same cluster in a new shape (layoutChanged).
  void reshape(std::shared_ptr<const model::ClusterLayout> layout);
  void publish(std::shared_ptr<const model::ClusterSnapshot> snapshot);
  void publishSamples(const QVector<model::ChartSample>& samples);
  // actionApplied with describeAction()'s label.
  void emitApplied(double atS, const model::Action& action);
  void setRunState(app::RunState state);
  void setCapabilities(const model::ClusterCapabilities& capabilities);

  app::RunState runState() const override { return state_; }
  std::shared_ptr<const model::ClusterLayout> layout() const override { return layout_; }
  std::shared_ptr<const model::ClusterDescription> description() const override {
    return description_;
  }
  std::shared_ptr<const model::ClusterSnapshot> lastSnapshot() const override { return snapshot_; }
  model::ClusterCapabilities capabilities() const override { return capabilities_; }
  double speed() const override { return speed_; }

  void applyAction(const model::Action& action) override { applied.push_back(action); }
  void start() override;
  void pause() override;
  void step() override { ++steps; }
  void setSpeed(double factor) override;
  void reset() override { ++resets; }

  std::vector<model::Action> applied;
  int steps = 0;
  int resets = 0;

 private:
  app::RunState state_ = app::RunState::Empty;
  model::ClusterCapabilities capabilities_ = model::ClusterCapabilities::simulation();
  double speed_ = 1.0;
  std::shared_ptr<const model::ClusterLayout> layout_;
  std::shared_ptr<const model::ClusterDescription> description_;
  std::shared_ptr<const model::ClusterSnapshot> snapshot_;
};

}  // namespace clusterscope::testing
