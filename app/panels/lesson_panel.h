#pragma once

#include <QPointer>
#include <QWidget>
#include <optional>
#include <vector>

#include "cluster_backend.h"

class QAction;
class QButtonGroup;
class QLabel;
class QPushButton;
class QTextBrowser;

namespace clusterscope::app {

// The cluster's lesson (from its description): one step at a time, title and text in large
// type, in the panel's language. It follows cluster time (a step shows once its time is
// reached) unless the teacher moves on with Next or back with Previous; once time catches up
// with the step shown, it follows time again. On a cluster that cannot be paused (a live one) a
// note says that steps follow its clock.
//
// A step may ask a question ("predict, then run"): when time reaches it the panel shows the
// question and its choices A-D and pauses the run where it can; the teacher may click the
// choice the room picked, then Continue (or Space / Page Down) resumes. When the back end says
// the question settled, the panel states the measured answer and whether the room was right.
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
  // Two-letter code of the language texts are shown in (default: the UI locale's); English,
  // then the first language a text gives, when a text lacks it.
  void setLanguage(const QString& language);
  QString language() const { return language_; }
  // Show a question's answer as soon as it settles (default), or only on reveal().
  void setRevealOnSettle(bool on) { revealOnSettle_ = on; }
  // The run is held at a question, waiting for the room.
  bool waitingForRoom() const { return waiting_; }
  // The choice the room picked for the current step's question; -1: none.
  int pickedChoice() const;
  // A question in view (the current step's, or those answered on the steps after them) has
  // settled and its answer is not shown yet.
  bool canReveal() const;
  // The answer (or the note) shown under the current question, as plain text.
  QString answerText() const;

 public slots:
  void next();
  void previous();
  // Resumes a run held at a question.
  void continueRun();
  // What a presentation clicker's Next does (it has two buttons): a run held at a question goes
  // on, else the next step shows.
  void goOn();
  // Records the room's answer to the current question (toggles it off when picked again).
  void pickChoice(int choice);
  // Shows the settled answers in view now (answerSteps()); nothing when none is known yet.
  void reveal();

 signals:
  void stepChanged(int step);
  void revealPossibleChanged(bool possible);

 private:
  void onReset(const model::ClusterDescription* description);
  void onTime(double timeS);
  void onSettled(int step, const model::QuestionOutcome& outcome);
  // Pauses the run at `step`'s question until the room has answered (continueRun()).
  void holdForRoom(int step);
  // The questions whose answers the current step shows (when settled and revealed), in
  // question order: its own question; else the last question before it and every earlier one
  // the room has not moved on from, that is, no question after it was asked once it had
  // settled (two questions whose windows end together are answered together).
  std::vector<int> answerSteps() const;
  // The measured answer to `step`'s question and whether the room was right; empty before it
  // settles.
  QString answerHtml(int step) const;
  void show(int step);
  void render();
  void renderQuestion(const model::LessonStep& step);
  void showCapabilities(const model::ClusterCapabilities& capabilities);
  void updateNote();
  void updateReveal();
  QString local(const model::LocalText& text) const;

  QPointer<ClusterBackend> backend_;
  bool canPause_ = true;
  bool questionsMeasured_ = true;  // the back end settles questions (capabilities().questions)
  QString language_;
  bool revealOnSettle_ = true;
  bool presenter_ = false;
  std::vector<model::LessonStep> steps_;
  // Per step: asked (the run reached it), the room's pick, the outcome, shown or not.
  struct Asked {
    bool asked = false;
    int pick = -1;
    std::optional<model::QuestionOutcome> outcome;
    bool revealed = false;
  };
  std::vector<Asked> asked_;
  int current_ = -1;
  bool manual_ = false;
  bool waiting_ = false;
  bool couldReveal_ = false;
  double timeS_ = 0.0;
  QLabel* counter_;
  QLabel* note_;
  QTextBrowser* text_;
  QWidget* choicesBox_;
  QLabel* question_;
  std::vector<QPushButton*> choices_;
  QButtonGroup* choiceGroup_;
  QLabel* answer_;
  QPushButton* continue_;
  QPushButton* previous_;
  QPushButton* next_;
};

// The Previous and Next of a window that shows `lesson`: Page Up / Page Down (what a
// presentation clicker sends) and P / N, added to `window` as window-wide shortcuts (so that a
// main window and a comparison window beside it do not cancel each other's).
struct LessonKeys {
  QAction* previous;
  QAction* next;
};
LessonKeys addLessonKeys(LessonPanel* lesson, QWidget* window);

}  // namespace clusterscope::app
