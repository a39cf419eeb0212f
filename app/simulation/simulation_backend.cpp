#include "simulation_backend.h"

#include <algorithm>

#include "simulation_runner.h"

namespace clusterscope::app {

SimulationBackend::SimulationBackend(QObject* parent)
    : ClusterBackend(parent),
      runner_(new SimulationRunner),
      scenario_(std::make_shared<engine::Scenario>()) {
  thread_.setObjectName("simulation");
  runner_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, runner_, &QObject::deleteLater);
  // The loaded event carries its own scenario: a refused load in between cannot pair one
  // scenario's layout with another's title, lesson or session.
  connect(runner_, &SimulationRunner::loaded, this,
          [this](std::shared_ptr<const engine::Scenario> scenario,
                 std::shared_ptr<const model::ClusterLayout> layout) {
            scenario_ = std::move(scenario);
            layout_ = std::move(layout);
            description_ = std::make_shared<const model::ClusterDescription>(
                engine::describeScenario(*scenario_));
            snapshot_.reset();
            userActions_.clear();
            emit clusterReset(layout_, description_);
          });
  connect(runner_, &SimulationRunner::loadFailed, this, [this](const QString& reason) {
    emit problem(tr("The simulation could not start: %1").arg(reason));
  });
  connect(runner_, &SimulationRunner::stoppedEarly, this, [this](const QString& reason) {
    emit problem(tr("The run stopped early: %1").arg(reason));
  });
  connect(runner_, &SimulationRunner::costWarning, this, [this](const QString& warning) {
    emit problem(tr("As fast as possible, %1").arg(warning));
  });
  connect(runner_, &SimulationRunner::snapshotReady, this,
          [this](std::shared_ptr<const model::ClusterSnapshot> s) {
            snapshot_ = std::move(s);
            emit snapshotReady(snapshot_);
          });
  connect(runner_, &SimulationRunner::samplesReady, this, &ClusterBackend::samplesReady);
  connect(runner_, &SimulationRunner::actionApplied, this,
          [this](double atS, const model::Action& a, const QString& label, bool byUser) {
            if (byUser) userActions_.push_back(model::TimelineEntry{atS, a});
            emit actionApplied(atS, a, label);
          });
  connect(runner_, &SimulationRunner::actionRejected, this, &ClusterBackend::actionRejected);
  connect(runner_, &SimulationRunner::questionSettled, this, &ClusterBackend::questionSettled);
  connect(runner_, &SimulationRunner::stateChanged, this, [this](RunState s) {
    state_ = s;
    emit runStateChanged(s);
  });
  thread_.start();
}

SimulationBackend::~SimulationBackend() {
  // Stop the engine on its own thread, then let the thread delete the runner as it ends.
  QMetaObject::invokeMethod(runner_, &SimulationRunner::shutdown, Qt::BlockingQueuedConnection);
  thread_.quit();
  thread_.wait();
}

model::ClusterCapabilities SimulationBackend::capabilities() const {
  return model::ClusterCapabilities::simulation();
}

void SimulationBackend::load(const engine::Scenario& scenario) {
  auto s = std::make_shared<const engine::Scenario>(scenario);
  QMetaObject::invokeMethod(
      runner_, [r = runner_, s] { r->load(s); }, Qt::QueuedConnection);
}

engine::Scenario SimulationBackend::sessionAsScenario() const {
  return engine::withActions(*scenario_, userActions_);
}

QString SimulationBackend::summaryJson() const {
  QString json;
  QMetaObject::invokeMethod(
      runner_, [r = runner_, &json] { json = r->summaryJson(); }, Qt::BlockingQueuedConnection);
  return json;
}

void SimulationBackend::start() {
  QMetaObject::invokeMethod(runner_, &SimulationRunner::start, Qt::QueuedConnection);
}

void SimulationBackend::pause() {
  QMetaObject::invokeMethod(runner_, &SimulationRunner::pause, Qt::QueuedConnection);
}

void SimulationBackend::step() {
  QMetaObject::invokeMethod(runner_, &SimulationRunner::step, Qt::QueuedConnection);
}

void SimulationBackend::setSpeed(double factor) {
  if (factor == speed_) return;
  speed_ = factor;
  emit speedChanged(factor);
  QMetaObject::invokeMethod(
      runner_, [r = runner_, factor] { r->setSpeed(factor); }, Qt::QueuedConnection);
}

void SimulationBackend::applyAction(const model::Action& action) {
  QMetaObject::invokeMethod(
      runner_, [r = runner_, action] { r->applyAction(action); }, Qt::QueuedConnection);
}

void SimulationBackend::reset() {
  QMetaObject::invokeMethod(runner_, &SimulationRunner::reset, Qt::QueuedConnection);
}

}  // namespace clusterscope::app
