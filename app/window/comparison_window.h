#pragma once

#include <QMainWindow>

class QComboBox;

#include "scenario.h"

namespace clusterscope::app {

class ChartsPanel;
class ControlBar;
class SimulationBackend;
class TopologyView;

// Two variants of one scenario run side by side with the same seed: both topologies on top,
// their curves overlaid on one set of charts below, in two colours. Run, pause, step, reset
// and speed act on both at once so that they stay in step.
class ComparisonWindow : public QMainWindow {
  Q_OBJECT

 public:
  ComparisonWindow(const engine::Scenario& a, const QString& labelA, const engine::Scenario& b,
                   const QString& labelB, QWidget* parent = nullptr);
  ~ComparisonWindow() override;

  SimulationBackend* backendA() const { return a_; }
  SimulationBackend* backendB() const { return b_; }
  ChartsPanel* charts() const { return charts_; }
  void setPresenterMode(bool on);

 public slots:
  void run();
  void pause();
  void reset();
  void setSpeed(double factor);

 private:
  SimulationBackend* a_;
  SimulationBackend* b_;
  TopologyView* topologyA_;
  TopologyView* topologyB_;
  ChartsPanel* charts_;
  QComboBox* speed_;
};

}  // namespace clusterscope::app
