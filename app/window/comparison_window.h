#pragma once

#include <QMainWindow>

class QAction;
class QComboBox;

namespace clusterscope::app {

class ChartsPanel;
class ClusterBackend;
class LessonPanel;
class TopologyView;

// Two clusters side by side (two variants of one scenario with the same seed, or any two back
// ends): both topologies on top, their curves overlaid on one set of charts below, in two
// colours. Run, pause, reset and speed act on both at once, where both can, so that they stay
// in step; an action from either topology's menu goes to that cluster only, or to both
// (setMirrorActions). The lesson (a dock) is the first cluster's, or the second's when only
// that one cannot be paused (real agents beside their model, whose questions then settle from
// the real figures); a question that holds the first cluster holds the second with it.
class ComparisonWindow : public QMainWindow {
  Q_OBJECT

 public:
  // Takes ownership of both back ends (they become children of the window).
  ComparisonWindow(ClusterBackend* a, const QString& labelA, ClusterBackend* b,
                   const QString& labelB, QWidget* parent = nullptr);
  ~ComparisonWindow() override;

  ClusterBackend* backendA() const { return a_; }
  ClusterBackend* backendB() const { return b_; }
  ChartsPanel* charts() const { return charts_; }
  LessonPanel* lesson() const { return lesson_; }
  void setPresenterMode(bool on);
  // Every action chosen in either topology applies to both clusters (a model and the real
  // cluster it models, kept doing the same things); off: to the cluster clicked only.
  void setMirrorActions(bool on);
  bool mirrorActions() const { return mirror_; }

 public slots:
  void run();
  void pause();
  void reset();
  void setSpeed(double factor);

 private:
  // Shows the run controls both clusters have.
  void updateControls();

  ClusterBackend* a_;
  ClusterBackend* b_;
  QString labels_;
  QAction* run_;
  QAction* pause_;
  QAction* reset_;
  QAction* speedLabel_;
  QAction* speedBox_;
  TopologyView* topologyA_;
  TopologyView* topologyB_;
  ChartsPanel* charts_;
  LessonPanel* lesson_;
  QComboBox* speed_;
  bool mirror_ = false;
  bool heldB_ = false;  // B was paused because a question held A
};

}  // namespace clusterscope::app
