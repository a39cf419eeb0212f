#pragma once

#include <QObject>
#include <QString>
#include <QVector>
#include <memory>

#include "action.h"
#include "chart_sample.h"
#include "cluster_capabilities.h"
#include "cluster_description.h"
#include "cluster_layout.h"
#include "cluster_snapshot.h"

namespace clusterscope::app {

// Empty: no cluster yet. Paused / Running / Finished: a cluster that shows its state (a live
// cluster is Running while it is reachable, Paused when it is not).
enum class RunState { Empty, Paused, Running, Finished };

// What every view talks to: a cluster that runs, simulated or real, and reports what happens.
// It speaks only the model's types; views never learn which implementation they show, and ask
// capabilities() what applies instead.
//
// Identity: services, components, edges and nodes are named; a replica is its deployment's
// name and its number (ReplicaView::index). Vectors of snapshots and samples are indexed as the
// layout in force when they were emitted; views that keep something across layouts (a
// selection, a chart scope) keep its name.
//
// Threading contract: create, call and connect on the GUI thread. Implementations do their
// work elsewhere and emit every signal on the GUI thread. Snapshots come at most ~30 times a
// second; ChartSamples once per metrics interval of cluster time, batched: a cluster that runs
// faster than real time sends many intervals in one signal. Commands (applyAction, start...)
// return at once and take effect later, between two events of the cluster.
class ClusterBackend : public QObject {
  Q_OBJECT

 public:
  using QObject::QObject;
  ~ClusterBackend() override = default;

  virtual RunState runState() const = 0;
  // The cluster's shape, or null before the first clusterReset. Immutable once emitted.
  virtual std::shared_ptr<const model::ClusterLayout> layout() const = 0;
  // What the cluster says about itself (name, lesson, nominal load), sent with the layout;
  // null before the first clusterReset.
  virtual std::shared_ptr<const model::ClusterDescription> description() const = 0;
  // The latest snapshot, or null.
  virtual std::shared_ptr<const model::ClusterSnapshot> lastSnapshot() const = 0;
  virtual model::ClusterCapabilities capabilities() const = 0;
  // Cluster seconds per wall second; 0 means as fast as possible. 1 where capabilities().speed
  // is false.
  virtual double speed() const { return 1.0; }

 public slots:
  virtual void applyAction(const clusterscope::model::Action& action) = 0;
  // Run controls: each does something only where capabilities() says it applies.
  virtual void start() {}
  virtual void pause() {}
  // Advances by one metrics interval and pauses.
  virtual void step() {}
  virtual void setSpeed(double factor) { Q_UNUSED(factor); }
  // Back to time 0 with the same cluster, paused.
  virtual void reset() {}

 signals:
  // A new cluster, or the same one back at its start: history, markers and selections from
  // before mean nothing now. Carries its own layout and description.
  void clusterReset(std::shared_ptr<const clusterscope::model::ClusterLayout> layout,
                    std::shared_ptr<const clusterscope::model::ClusterDescription> description);
  // The same cluster changed shape while it runs (a service appeared, an agent joined):
  // history is kept, and selections whose names still exist.
  void layoutChanged(std::shared_ptr<const clusterscope::model::ClusterLayout> layout);
  void snapshotReady(std::shared_ptr<const clusterscope::model::ClusterSnapshot> snapshot);
  void samplesReady(const QVector<clusterscope::model::ChartSample>& samples);
  // An action took effect at cluster time `atS`; `label` is describeAction()'s text.
  void actionApplied(double atS, const clusterscope::model::Action& action, const QString& label);
  void actionRejected(const clusterscope::model::Action& action, const QString& reason);
  void runStateChanged(clusterscope::app::RunState state);
  void capabilitiesChanged(const clusterscope::model::ClusterCapabilities& capabilities);
  void speedChanged(double factor);
  // The window of lesson step `step`'s question has closed: what was measured over it. Only
  // where capabilities().questions; the same figures as `clusterscope-cli run` prints.
  void questionSettled(int step, const clusterscope::model::QuestionOutcome& outcome);
  // Something the user should read: a problem of the back end itself.
  void problem(const QString& message);
};

}  // namespace clusterscope::app

Q_DECLARE_METATYPE(clusterscope::model::Action)
Q_DECLARE_METATYPE(clusterscope::model::ChartSample)
Q_DECLARE_METATYPE(clusterscope::model::ClusterCapabilities)
Q_DECLARE_METATYPE(clusterscope::model::QuestionOutcome)
Q_DECLARE_METATYPE(clusterscope::app::RunState)
