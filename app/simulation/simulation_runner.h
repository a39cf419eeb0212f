#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QVector>
#include <atomic>
#include <memory>

#include "chart_sample.h"
#include "cluster_backend.h"
#include "question_tracker.h"
#include "run_summary.h"
#include "simulation.h"

namespace clusterscope::app {

// Runs a Simulation on the thread it lives on (SimulationBackend's worker thread) and paces it
// against the wall clock. Every slot must be called on that thread (queued); it never touches
// a widget. Each timer tick spends at most ~10 ms in the engine, then publishes: the intervals
// closed since the last tick, and a snapshot if ~33 ms have passed. A step runs in the same
// slices, so a blocking call from the GUI thread (summaryJson) waits one slice at most.
class SimulationRunner : public QObject, private engine::SimulationObserver {
  Q_OBJECT

 public:
  explicit SimulationRunner(QObject* parent = nullptr);
  ~SimulationRunner() override;

 public slots:
  void load(std::shared_ptr<const clusterscope::engine::Scenario> scenario);
  void start();
  void pause();
  void step();
  void setSpeed(double factor);
  void applyAction(const clusterscope::model::Action& action);
  void reset();
  void shutdown();
  // The run's summary so far as JSON (summaryToJson without the wall time).
  QString summaryJson() const;

 signals:
  // A scenario is running from time 0, paused: the scenario itself and its layout.
  void loaded(std::shared_ptr<const clusterscope::engine::Scenario> scenario,
              std::shared_ptr<const clusterscope::model::ClusterLayout> layout);
  void snapshotReady(std::shared_ptr<const clusterscope::model::ClusterSnapshot> snapshot);
  void samplesReady(const QVector<clusterscope::model::ChartSample>& samples);
  void actionApplied(double atS, const clusterscope::model::Action& action, const QString& label,
                     bool byUser);
  void actionRejected(const clusterscope::model::Action& action, const QString& reason);
  void stateChanged(clusterscope::app::RunState state);
  void loadFailed(const QString& reason);
  // The engine ended the run before its end time (Simulation::stopReason).
  void stoppedEarly(const QString& reason);
  // The scenario just loaded would take very long to run as fast as possible (run_cost.h).
  void costWarning(const QString& warning);
  void questionSettled(int step, const clusterscope::model::QuestionOutcome& outcome);

 private:
  void tick();
  void publish(bool force);
  void setState(RunState state);
  void setFinished();
  void reanchor();
  model::ClusterSnapshot snapshotWithTheory() const;
  void onIntervalClosed(const engine::IntervalReport& report) override;
  void onActionApplied(engine::SimTime at, const model::Action& action) override;

  std::shared_ptr<const engine::Scenario> scenario_;
  std::unique_ptr<engine::Simulation> sim_;
  std::unique_ptr<engine::SummaryCollector> summary_;
  std::unique_ptr<engine::QuestionTracker> questions_;  // the lesson's, as the CLI evaluates them
  QTimer* timer_;
  QElapsedTimer clock_;
  RunState state_ = RunState::Empty;
  double speed_ = 1.0;
  qint64 anchorWallNs_ = 0;
  engine::SimTime anchorSim_ = 0;
  engine::SimTime stepTarget_ = -1;  // a step under way runs to this time, then pauses
  qint64 lastSnapshotNs_ = -1'000'000'000;
  QVector<model::ChartSample> pending_;
  // Samples emitted and not yet taken on the GUI thread (which decrements it there).
  std::shared_ptr<std::atomic<qsizetype>> samplesInFlight_ =
      std::make_shared<std::atomic<qsizetype>>(0);
  bool applyingUserAction_ = false;
};

}  // namespace clusterscope::app
