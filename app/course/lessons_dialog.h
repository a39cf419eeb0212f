#pragma once

#include <QDialog>

#include "course.h"

class QCheckBox;
class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace clusterscope::app {

// Help > Lessons, and the start screen when ClusterScope opens without a file: the course's
// lessons in teaching order under their parts, each with its length and what it shows. The
// lesson after the last one opened is selected, so a class picks up where it left off.
class LessonsDialog : public QDialog {
  Q_OBJECT

 public:
  // `language`: two-letter code of the texts to show ("en", "fr").
  LessonsDialog(const Course& course, const QString& language, QWidget* parent = nullptr);

  // The selected lesson's id, or empty.
  QString selectedLesson() const;
  void selectLesson(const QString& id);
  QTreeWidget* list() const { return list_; }

  // Remembered across runs: the last lesson opened, and whether the list shows at start.
  static QString lastOpenedLesson();
  static void rememberOpened(const QString& id);
  static bool showAtStart();

 signals:
  // The user chose to open this lesson (Open, Enter or a double click).
  void lessonChosen(const QString& id);

 private:
  void showDetails();
  void openSelected();

  const Course course_;
  const QString language_;
  QTreeWidget* list_;
  QLabel* details_;
  QCheckBox* atStart_;
  QPushButton* open_;
};

}  // namespace clusterscope::app
