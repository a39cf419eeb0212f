#pragma once

#include <QPointer>
#include <QToolBar>
#include <memory>

#include "cluster_backend.h"
#include "selection.h"

class QAction;
class QComboBox;
class QLabel;
class QSlider;

namespace clusterscope::app {

// Run controls and the levers a teacher pulls most: run / pause / step / reset, speed, the
// arrival rate, all calls sync or async, failures on the selected element, resilience and
// autoscaler switches. Every lever becomes a model Action (from the ActionCatalog) sent to the
// back end, so a saved session replays it. Run controls the back end does not have are hidden;
// a lever whose action it refuses is disabled and says why.
class ControlBar : public QToolBar {
  Q_OBJECT

 public:
  // The speeds offered, in cluster seconds per wall second; 0 means as fast as possible.
  static const std::vector<double>& speeds();
  // The offered speed nearest to `factor` on a log scale; 0 stays 0 (as fast as possible).
  static double nearestSpeed(double factor);

  explicit ControlBar(QWidget* parent = nullptr);
  // Not owned; null detaches (and so does the back end's destruction).
  void setBackend(ClusterBackend* backend);

  QAction* runAction() const { return run_; }
  QAction* stepAction() const { return step_; }
  QAction* resetAction() const { return reset_; }
  QAction* asyncAction() const { return async_; }

 public slots:
  void setSelection(const clusterscope::app::Selection& selection);
  void faster();
  void slower();
  void toggleRun();

 private:
  void onReset(std::shared_ptr<const model::ClusterLayout> layout,
               std::shared_ptr<const model::ClusterDescription> description);
  void onLayout(std::shared_ptr<const model::ClusterLayout> layout);
  void onSnapshot(std::shared_ptr<const model::ClusterSnapshot> snapshot);
  void onRunState(RunState state);
  void applyCapabilities(const model::ClusterCapabilities& capabilities);
  // Enables `action` when `possible` and the back end takes `kind`; the tool tip says why not.
  void enableLever(QAction* action, model::ActionKind kind, bool possible, const QString& tip);
  void setSpeedIndex(int index);
  void showSpeed(double factor);
  void send(const model::Action& action);
  void updateFailureButtons();
  int selectedDeployment() const;
  int selectedNode() const;

  QPointer<ClusterBackend> backend_;
  model::ClusterCapabilities capabilities_;
  std::shared_ptr<const model::ClusterLayout> layout_;
  std::shared_ptr<const model::ClusterSnapshot> snapshot_;
  Selection selection_;
  double baseRate_ = 0.0;
  bool syncingControls_ = false;

  QAction* run_;
  QAction* step_;
  QAction* reset_;
  QAction* speedLabel_;
  QAction* speedBox_;
  QComboBox* speed_;
  QSlider* rate_;
  QLabel* rateLabel_;
  QAction* async_;
  QAction* kill_;
  QAction* slow_;
  QAction* errors_;
  QAction* failNode_;
  QAction* timeouts_;
  QAction* retries_;
  QAction* breakers_;
  QAction* autoscaler_;
  QLabel* clock_;
};

}  // namespace clusterscope::app
