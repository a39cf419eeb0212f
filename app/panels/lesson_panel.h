#pragma once

#include <QPointer>
#include <QWidget>
#include <vector>

#include "cluster_backend.h"

class QLabel;
class QPushButton;
class QTextBrowser;

namespace clusterscope::app {

// The cluster's lesson (from its description): one step at a time, title and text in large
// type. It follows cluster time (a step shows once its time is reached) unless the teacher
// moves on with Next or back with Previous; once time catches up with the step shown, it
// follows time again. On a cluster that cannot be paused (a live one) a note says that steps
// follow its clock.
class LessonPanel : public QWidget {
  Q_OBJECT

 public:
  explicit LessonPanel(QWidget* parent = nullptr);
  // Not owned; null detaches (and so does the back end's destruction).
  void setBackend(ClusterBackend* backend);
  int currentStep() const { return current_; }  // -1: none yet
  int stepCount() const { return static_cast<int>(steps_.size()); }
  QString currentTitle() const;
  void setPresenterMode(bool on);

 public slots:
  void next();
  void previous();

 signals:
  void stepChanged(int step);

 private:
  void onReset(const model::ClusterDescription* description);
  void onTime(double timeS);
  void show(int step);
  void showCapabilities(const model::ClusterCapabilities& capabilities);
  void updateNote();

  QPointer<ClusterBackend> backend_;
  bool canPause_ = true;
  std::vector<model::LessonStep> steps_;
  int current_ = -1;
  bool manual_ = false;
  double timeS_ = 0.0;
  QLabel* counter_;
  QLabel* note_;
  QTextBrowser* text_;
  QPushButton* previous_;
  QPushButton* next_;
};

}  // namespace clusterscope::app
