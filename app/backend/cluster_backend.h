#pragma once

#include <QObject>
#include <QString>
#include <QVector>
#include <memory>

#include "action.h"
#include "chart_sample.h"
#include "cluster_layout.h"
#include "cluster_snapshot.h"
#include "scenario.h"

namespace clusterscope::app {

enum class RunState { Empty, Paused, Running, Finished };

// What every view talks to: a cluster that runs (simulated here, real agents later) and
// reports what happens. Views never learn which implementation they show.
//
// Threading contract: create, call and connect on the GUI thread. Implementations do their
// work elsewhere and emit every signal on the GUI thread (queued). Snapshots come at most
// ~30 times a second; ChartSamples once per metrics interval of cluster time, batched: when
// the cluster runs faster than real time one signal carries many intervals. Commands (start,
// applyAction, ...) are queued to the cluster and take effect between two events.
class ClusterBackend : public QObject {
  Q_OBJECT

 public:
  using QObject::QObject;
  ~ClusterBackend() override = default;

  virtual RunState runState() const = 0;
  // The cluster's shape, or null before layoutChanged. Immutable once emitted.
  virtual std::shared_ptr<const model::ClusterLayout> layout() const = 0;
  // The latest snapshot, or null.
  virtual std::shared_ptr<const model::ClusterSnapshot> lastSnapshot() const = 0;
  // Speed: cluster seconds per wall second; 0 means as fast as possible.
  virtual double speed() const = 0;
  // Where the lesson and markers come from; valid after layoutChanged.
  virtual const engine::Scenario& scenario() const = 0;

 public slots:
  virtual void start() = 0;
  virtual void pause() = 0;
  // Advances by one metrics interval (simulation) and pauses.
  virtual void step() = 0;
  virtual void setSpeed(double factor) = 0;
  virtual void applyAction(const clusterscope::model::Action& action) = 0;
  // Back to time 0 with the same scenario, paused.
  virtual void reset() = 0;

 signals:
  void layoutChanged(std::shared_ptr<const clusterscope::model::ClusterLayout> layout);
  void snapshotReady(std::shared_ptr<const clusterscope::model::ClusterSnapshot> snapshot);
  void samplesReady(const QVector<clusterscope::model::ChartSample>& samples);
  // An action took effect at cluster time `atS`; `label` is describeAction()'s text.
  void actionApplied(double atS, const clusterscope::model::Action& action, const QString& label);
  void actionRejected(const clusterscope::model::Action& action, const QString& reason);
  void runStateChanged(clusterscope::app::RunState state);
  void speedChanged(double factor);
  // Something the user should read: a problem of the back end itself.
  void problem(const QString& message);
};

}  // namespace clusterscope::app

Q_DECLARE_METATYPE(clusterscope::model::Action)
Q_DECLARE_METATYPE(clusterscope::model::ChartSample)
Q_DECLARE_METATYPE(clusterscope::app::RunState)
