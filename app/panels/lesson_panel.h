#pragma once

#include <QWidget>
#include <vector>

#include "cluster_backend.h"

class QLabel;
class QPushButton;
class QTextBrowser;

namespace clusterscope::app {

// The scenario's lesson: one step at a time, title and text in large type. It follows cluster
// time (a step shows once its time is reached) unless the teacher moves on with Next or back
// with Previous; once time catches up with the step shown, it follows time again.
class LessonPanel : public QWidget {
  Q_OBJECT

 public:
  explicit LessonPanel(QWidget* parent = nullptr);
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
  void onTime(double timeS);
  void show(int step);

  std::vector<model::LessonStep> steps_;
  int current_ = -1;
  bool manual_ = false;
  double timeS_ = 0.0;
  QLabel* counter_;
  QTextBrowser* text_;
  QPushButton* previous_;
  QPushButton* next_;
};

}  // namespace clusterscope::app
