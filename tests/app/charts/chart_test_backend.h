#pragma once

#include <cmath>
#include <memory>
#include <string>

#include "cluster_backend.h"

// A ClusterBackend the test drives by hand: it emits what it is told to, when told to. Lets
// the chart tests build exact histories (an hour of a 200-component cluster) without running
// the engine.

namespace clusterscope::app::testing {

class ChartTestBackend : public ClusterBackend {
  Q_OBJECT

 public:
  using ClusterBackend::ClusterBackend;

  // Emits layoutChanged with `components` components, each its own deployment.
  void emitLayout(int components) {
    auto layout = std::make_shared<model::ClusterLayout>();
    for (int c = 0; c < components; ++c) {
      layout->components.push_back({"svc-" + std::to_string(c), c, false});
      layout->deployments.push_back({"svc-" + std::to_string(c), {c}, false, "", 4, false});
    }
    layout_ = layout;
    emit layoutChanged(layout_);
  }

  // A plausible sample for interval [t - 1, t]: end-to-end and per-component values that
  // vary with t, failures of two causes, a broker backlog.
  static model::ChartSample sample(double t, int components) {
    model::ChartSample s;
    s.startS = t - 1.0;
    s.endS = t;
    s.requests.throughputRps = 1000.0 + 100.0 * std::sin(t / 30.0);
    s.requests.arrivalRps = s.requests.throughputRps + 5.0;
    s.requests.p50Ms = 10.0 + std::fmod(t, 7.0);
    s.requests.p95Ms = 40.0 + std::fmod(t, 13.0);
    s.requests.p99Ms = 90.0 + std::fmod(t, 29.0);
    s.requests.failuresByCause[static_cast<int>(model::FailureCause::Timeout)] =
        std::fmod(t, 50.0) < 10.0 ? 4.0 : 0.0;
    s.requests.failuresByCause[static_cast<int>(model::FailureCause::Crashed)] =
        std::fmod(t, 300.0) < 2.0 ? 20.0 : 0.0;
    s.components.resize(components);
    for (int c = 0; c < components; ++c) {
      model::ScopeSample& p = s.components[c];
      p.throughputRps = 50.0 + c + 10.0 * std::sin(t / (10.0 + c));
      p.p50Ms = 2.0 + c % 5;
      p.p95Ms = 8.0 + c % 7;
      p.p99Ms = 20.0 + c % 11;
      p.meanQueue = (c % 3) * std::fmod(t, 17.0);
      p.utilization = 0.5;
      p.readyReplicas = 10;
    }
    s.readyReplicas = 10 * components;
    s.cores = 20.0 * components;
    s.brokerBacklog = std::fmod(t, 600.0);
    return s;
  }

  RunState runState() const override { return RunState::Paused; }
  std::shared_ptr<const model::ClusterLayout> layout() const override { return layout_; }
  std::shared_ptr<const model::ClusterSnapshot> lastSnapshot() const override { return {}; }
  double speed() const override { return 1.0; }
  const engine::Scenario& scenario() const override { return scenario_; }

 public slots:
  void start() override {}
  void pause() override {}
  void step() override {}
  void setSpeed(double) override {}
  void applyAction(const clusterscope::model::Action&) override {}
  void reset() override {}

 private:
  std::shared_ptr<const model::ClusterLayout> layout_;
  engine::Scenario scenario_;
};

}  // namespace clusterscope::app::testing
