#include "fake_cluster_backend.h"

namespace clusterscope::testing {

void FakeClusterBackend::resetCluster(const FakeCluster& cluster, bool withSnapshot) {
  resetCluster(cluster.layout(), cluster.description());
  if (withSnapshot) publish(cluster.snapshot());
}

void FakeClusterBackend::resetCluster(
    std::shared_ptr<const model::ClusterLayout> layout,
    std::shared_ptr<const model::ClusterDescription> description) {
  layout_ = std::move(layout);
  description_ = std::move(description);
  snapshot_.reset();
  if (state_ == app::RunState::Empty) setRunState(app::RunState::Paused);
  emit clusterReset(layout_, description_);
}

void FakeClusterBackend::reshape(std::shared_ptr<const model::ClusterLayout> layout) {
  layout_ = std::move(layout);
  emit layoutChanged(layout_);
}

void FakeClusterBackend::publish(std::shared_ptr<const model::ClusterSnapshot> snapshot) {
  snapshot_ = std::move(snapshot);
  emit snapshotReady(snapshot_);
}

void FakeClusterBackend::publishSamples(const QVector<model::ChartSample>& samples) {
  emit samplesReady(samples);
}

void FakeClusterBackend::emitApplied(double atS, const model::Action& action) {
  emit actionApplied(atS, action, QString::fromStdString(model::describeAction(action)));
}

void FakeClusterBackend::setRunState(app::RunState state) {
  state_ = state;
  emit runStateChanged(state);
}

void FakeClusterBackend::setCapabilities(const model::ClusterCapabilities& capabilities) {
  capabilities_ = capabilities;
  emit capabilitiesChanged(capabilities_);
}

void FakeClusterBackend::start() {
  if (capabilities_.pause) setRunState(app::RunState::Running);
}

void FakeClusterBackend::pause() {
  if (capabilities_.pause) setRunState(app::RunState::Paused);
}

void FakeClusterBackend::setSpeed(double factor) {
  speed_ = factor;
  emit speedChanged(factor);
}

}  // namespace clusterscope::testing
