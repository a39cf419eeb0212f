// MainWindow's course: Help > Lessons, opening a lesson, and the Lesson toolbar a teacher
// drives from the keyboard or a presentation clicker (which sends Page Up / Page Down).

#include <QAction>
#include <QMenuBar>
#include <QSettings>
#include <QStyle>
#include <QToolBar>

#include "course.h"
#include "lesson_panel.h"
#include "lessons_dialog.h"
#include "main_window.h"
#include "scenario_files.h"
#include "simulation_backend.h"

namespace clusterscope::app {

void MainWindow::buildLessonActions(QMenu* help) {
  QAction* lessons = help->addAction(tr("&Lessons…"), this, &MainWindow::showLessons);
  lessons->setObjectName("lessonsAction");
  lessons->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
  lessons->setToolTip(tr("The course: every lesson in teaching order"));

  QMenu* menu = new QMenu(tr("&Lesson"), this);
  menuBar()->insertMenu(help->menuAction(), menu);
  const auto [previous, next] = addLessonKeys(lesson_, this);
  menu->addAction(previous);
  menu->addAction(next);
  previous->setObjectName("previousStepAction");
  next->setObjectName("nextStepAction");
  next->setToolTip(tr("Continue after a question, or show the next step (Page Down)"));
  QAction* reveal = menu->addAction(tr("&Reveal the answer"), lesson_, &LessonPanel::reveal);
  reveal->setObjectName("lessonRevealAction");
  reveal->setShortcut(Qt::Key_R);
  reveal->setEnabled(lesson_->canReveal());
  reveal->setToolTip(tr("Show the measured answer to the question"));
  connect(lesson_, &LessonPanel::revealPossibleChanged, reveal, &QAction::setEnabled);
  QAction* onSettle = menu->addAction(tr("Show &answers as soon as measured"));
  onSettle->setObjectName("revealOnSettleAction");
  onSettle->setCheckable(true);
  onSettle->setToolTip(
      tr("Off: the panel keeps a measured answer until you reveal it, so the room can argue "
         "first"));
  onSettle->setChecked(QSettings().value("lesson/revealOnSettle", true).toBool());
  lesson_->setRevealOnSettle(onSettle->isChecked());
  connect(onSettle, &QAction::toggled, this, [this](bool on) {
    lesson_->setRevealOnSettle(on);
    QSettings().setValue("lesson/revealOnSettle", on);
  });
  menu->addSeparator();
  menu->addAction(lessons);
  menu->setToolTipsVisible(true);
  // Like Previous and Next, whichever panel of the window has the focus.
  reveal->setShortcutContext(Qt::WindowShortcut);
  addAction(reveal);

  lessonBar_ = new QToolBar(tr("Lesson"), this);
  lessonBar_->setObjectName("lessonToolBar");
  lessonBar_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  previous->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
  next->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
  lessons->setIcon(style()->standardIcon(QStyle::SP_FileDialogListView));
  reveal->setIcon(style()->standardIcon(QStyle::SP_MessageBoxInformation));
  lessonBar_->addAction(previous);
  lessonBar_->addAction(next);
  lessonBar_->addAction(reveal);
  lessonBar_->addSeparator();
  lessonBar_->addAction(lessons);
  addToolBar(Qt::TopToolBarArea, lessonBar_);
}

LessonsDialog* MainWindow::showLessons() {
  if (lessonsDialog_) {
    lessonsDialog_->raise();
    lessonsDialog_->activateWindow();
    return lessonsDialog_;
  }
  const CourseLoad& course = bundledCourse();
  if (!course.ok()) {
    // The bundled course is checked by the tests; this says which file broke if it ever does.
    showError(tr("The lessons cannot be listed"), tr("The bundled course has problems."),
              course.errors.join('\n'), "courseErrorDialog");
    return nullptr;
  }
  lessonsDialog_ = new LessonsDialog(course.course, lesson_->language(), this);
  lessonsDialog_->setAttribute(Qt::WA_DeleteOnClose);
  connect(lessonsDialog_, &LessonsDialog::lessonChosen, this, &MainWindow::openLesson);
  lessonsDialog_->show();
  return lessonsDialog_;
}

bool MainWindow::openLesson(const QString& id) {
  const CourseLoad& course = bundledCourse();
  const CourseLesson* lesson = course.course.find(id);
  if (!lesson) {
    showError(tr("No such lesson"), tr("The course has no lesson \"%1\".").arg(id), {},
              "courseErrorDialog");
    return false;
  }
  if (!openScenario(lesson->file)) return false;
  LessonsDialog::rememberOpened(id);
  switch (lesson->opening) {
    case CourseLesson::Opening::Simulate:
      if (!lesson->compareWith.isEmpty()) {
        // Both from their files: the session's copy reaches its thread later.
        const auto first = ScenarioFiles::load(lesson->file);
        const auto other = ScenarioFiles::load(lesson->compareWith);
        if (!first.ok() || !other.ok()) return false;  // the course's test loads every pair
        openComparison({*first.scenario, QString::fromStdString(first.scenario->name),
                        *other.scenario, QString::fromStdString(other.scenario->name)});
      }
      return true;
    case CourseLesson::Opening::RealAgents:
      return runOnRealAgents();
    case CourseLesson::Opening::CompareRealAgents:
      return compareWithRealAgents() != nullptr;
  }
  return true;
}

}  // namespace clusterscope::app
