#include "lesson_panel.h"

#include <QAction>
#include <QApplication>
#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>
#include <algorithm>

#include "question_text.h"

namespace clusterscope::app {

namespace {

constexpr int kMaxChoices = 4;

}  // namespace

LessonPanel::LessonPanel(QWidget* parent)
    : QWidget(parent),
      language_(QLocale().name().left(2)),
      counter_(new QLabel(this)),
      note_(new QLabel(this)),
      text_(new QTextBrowser(this)),
      choicesBox_(new QWidget(this)),
      choiceGroup_(new QButtonGroup(this)),
      answer_(new QLabel(this)),
      continue_(new QPushButton(tr("Continue (Page Down)"), this)),
      previous_(new QPushButton(tr("Previous"), this)),
      next_(new QPushButton(tr("Next (N)"), this)) {
  setObjectName("lessonPanel");
  auto* choices = new QVBoxLayout(choicesBox_);
  choices->setContentsMargins(0, 0, 0, 0);
  // The question stays in view above its choices however long the step's text is.
  question_ = new QLabel(choicesBox_);
  question_->setObjectName("lessonQuestion");
  question_->setWordWrap(true);
  question_->setStyleSheet("font-weight: bold");
  // Never squeezed below its wrapped height: the step's text scrolls instead.
  question_->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
  choices->addWidget(question_);
  choiceGroup_->setExclusive(false);  // a second click takes the pick back
  for (int i = 0; i < kMaxChoices; ++i) {
    auto* b = new QPushButton(choicesBox_);
    b->setObjectName(QStringLiteral("lessonChoice%1").arg(QChar('A' + i)));
    b->setCheckable(true);
    b->setStyleSheet(
        "QPushButton { text-align: left; padding: 4px; }"
        "QPushButton:checked { background: #ffd54f; font-weight: bold; }");
    choices->addWidget(b);
    choiceGroup_->addButton(b, i);
    choices_.push_back(b);
  }
  connect(choiceGroup_, &QButtonGroup::idClicked, this, &LessonPanel::pickChoice);
  answer_->setObjectName("lessonAnswer");
  answer_->setWordWrap(true);
  answer_->setTextFormat(Qt::RichText);
  continue_->setObjectName("lessonContinue");
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(previous_);
  buttons->addWidget(counter_, 1, Qt::AlignCenter);
  buttons->addWidget(next_);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(text_, 1);
  layout->addWidget(choicesBox_);
  layout->addWidget(answer_);
  layout->addWidget(continue_);
  layout->addWidget(note_);
  layout->addLayout(buttons);
  note_->setObjectName("lessonNote");
  note_->setWordWrap(true);
  note_->setStyleSheet("color: gray");
  note_->hide();
  text_->setOpenExternalLinks(false);
  connect(previous_, &QPushButton::clicked, this, &LessonPanel::previous);
  connect(next_, &QPushButton::clicked, this, &LessonPanel::next);
  connect(continue_, &QPushButton::clicked, this, &LessonPanel::continueRun);
  show(-1);
}

void LessonPanel::setBackend(ClusterBackend* backend) {
  if (backend_) disconnect(backend_, nullptr, this, nullptr);
  backend_ = backend;
  if (!backend) {
    onReset(nullptr);
    showCapabilities(model::ClusterCapabilities::simulation());
    return;
  }
  connect(backend, &ClusterBackend::clusterReset, this,
          [this](const auto&, const auto& description) { onReset(description.get()); });
  connect(backend, &ClusterBackend::snapshotReady, this,
          [this](const auto& s) { onTime(model::toSeconds(s->time)); });
  connect(backend, &ClusterBackend::capabilitiesChanged, this, &LessonPanel::showCapabilities);
  connect(backend, &ClusterBackend::questionSettled, this, &LessonPanel::onSettled);
  connect(backend, &ClusterBackend::runStateChanged, this, [this](RunState state) {
    if (state != RunState::Running) return;
    // A question shown before the run started (one at 0 s, or reached by Step): it holds
    // the run now, before the cluster moves on.
    if (!waiting_ && !manual_ && current_ >= 0 && steps_[current_].question &&
        !asked_[current_].asked) {
      holdForRoom(current_);
      return;
    }
    // Resumed by other means (Space, the control bar): the room's time is over.
    if (!waiting_) return;
    waiting_ = false;
    render();
  });
  connect(backend, &QObject::destroyed, this, [this] { setBackend(nullptr); });
  onReset(backend->description().get());
  showCapabilities(backend->capabilities());
  if (const auto s = backend->lastSnapshot()) onTime(model::toSeconds(s->time));
}

void LessonPanel::setLanguage(const QString& language) {
  language_ = language;
  render();
}

QString LessonPanel::local(const model::LocalText& text) const {
  return QString::fromStdString(text.in(language_.toStdString()));
}

void LessonPanel::onReset(const model::ClusterDescription* description) {
  steps_ = description ? description->lesson : std::vector<model::LessonStep>{};
  asked_.assign(steps_.size(), Asked{});
  manual_ = false;
  waiting_ = false;
  timeS_ = 0.0;
  current_ = -2;  // force a refresh
  onTime(0.0);
  updateNote();
}

void LessonPanel::showCapabilities(const model::ClusterCapabilities& capabilities) {
  canPause_ = capabilities.pause;
  questionsMeasured_ = capabilities.questions;
  updateNote();
  render();
}

void LessonPanel::updateNote() {
  // Without pause the room cannot hold the run at a step: say that the steps keep time.
  note_->setText(
      tr("This cluster runs in real time: each step shows when its time comes. "
         "Next and Previous browse them."));
  note_->setVisible(!canPause_ && !steps_.empty());
}

void LessonPanel::onTime(double timeS) {
  timeS_ = timeS;
  int due = -1;
  for (int i = 0; i < stepCount(); ++i) {
    if (steps_[i].atS <= timeS + 1e-9) due = i;
  }
  if (manual_) {
    // The teacher went ahead (or back); follow time again once it reaches that step.
    if (due != current_) return;
    manual_ = false;
  }
  if (due == current_) return;
  // Reached by time: a question holds the run for the room (once), where it can be held. A
  // run not going yet is held when it starts (runStateChanged).
  if (due >= 0 && steps_[due].question && !asked_[due].asked) {
    if (!canPause_) {
      asked_[due].asked = true;
    } else if (backend_ && backend_->runState() == RunState::Running) {
      show(due);
      holdForRoom(due);
      return;
    }
  }
  show(due);
}

void LessonPanel::holdForRoom(int step) {
  asked_[step].asked = true;
  waiting_ = true;
  if (backend_) backend_->pause();
  render();
}

void LessonPanel::onSettled(int step, const model::QuestionOutcome& outcome) {
  if (step < 0 || step >= stepCount() || !steps_[step].question) return;
  asked_[step].outcome = outcome;
  if (revealOnSettle_) asked_[step].revealed = true;
  render();  // the answer shows on its step, and on the steps that explain it after
  updateReveal();
}

void LessonPanel::next() {
  if (current_ + 1 >= stepCount()) return;
  manual_ = true;
  show(current_ + 1);
}

void LessonPanel::previous() {
  if (current_ <= 0) return;
  manual_ = true;
  show(current_ - 1);
}

void LessonPanel::continueRun() {
  if (!waiting_) return;
  waiting_ = false;
  if (backend_ && canPause_) backend_->start();
  render();
}

void LessonPanel::goOn() {
  if (waiting_) {
    continueRun();
  } else {
    next();
  }
}

LessonKeys addLessonKeys(LessonPanel* lesson, QWidget* window) {
  auto* previous = new QAction(LessonPanel::tr("&Previous step"), window);
  previous->setShortcuts({QKeySequence(Qt::Key_PageUp), QKeySequence(Qt::Key_P)});
  QObject::connect(previous, &QAction::triggered, lesson, &LessonPanel::previous);
  auto* next = new QAction(LessonPanel::tr("&Next"), window);
  next->setShortcuts({QKeySequence(Qt::Key_PageDown), QKeySequence(Qt::Key_N)});
  QObject::connect(next, &QAction::triggered, lesson, &LessonPanel::goOn);
  for (QAction* a : {previous, next}) {
    a->setShortcutContext(Qt::WindowShortcut);
    window->addAction(a);
  }
  return {previous, next};
}

void LessonPanel::pickChoice(int choice) {
  if (current_ < 0 || !steps_[current_].question) return;
  Asked& a = asked_[current_];
  a.pick = a.pick == choice ? -1 : choice;
  render();
}

int LessonPanel::pickedChoice() const { return current_ >= 0 ? asked_[current_].pick : -1; }

std::vector<int> LessonPanel::answerSteps() const {
  if (current_ < 0 || current_ >= stepCount()) return {};
  if (steps_[current_].question) return {current_};
  std::vector<int> questions;
  double lastAskedS = 0.0;  // when the latest question up to the current step is asked
  for (int i = current_; i >= 0; --i) {
    if (!steps_[i].question) continue;
    if (questions.empty()) {
      lastAskedS = steps_[i].atS;
      questions.push_back(i);
      continue;
    }
    // Superseded: a later question is asked once this one's window has closed.
    lastAskedS = std::max(lastAskedS, steps_[i].atS);
    if (steps_[i].question->betweenS.second > lastAskedS + 1e-9) {
      questions.insert(questions.begin(), i);
    }
  }
  return questions;
}

bool LessonPanel::canReveal() const {
  for (const int q : answerSteps()) {
    if (asked_[q].outcome && !asked_[q].revealed) return true;
  }
  return false;
}

void LessonPanel::reveal() {
  if (!canReveal()) return;
  for (const int q : answerSteps()) {
    if (asked_[q].outcome) asked_[q].revealed = true;
  }
  render();
  updateReveal();
}

void LessonPanel::updateReveal() {
  const bool possible = canReveal();
  if (possible == couldReveal_) return;
  couldReveal_ = possible;
  emit revealPossibleChanged(possible);
}

QString LessonPanel::answerText() const {
  QTextDocument doc;
  doc.setHtml(answer_->text());
  return answer_->isHidden() ? QString() : doc.toPlainText();
}

void LessonPanel::show(int step) {
  current_ = step;
  render();
  updateReveal();
  emit stepChanged(step);
}

void LessonPanel::render() {
  const int step = current_;
  if (steps_.empty()) {
    counter_->setText(tr("no lesson"));
    text_->setHtml(
        tr("<p style='color:gray'>This scenario has no lesson steps. "
           "Its description is in File ▸ Scenario information.</p>"));
  } else if (step < 0) {
    counter_->setText(tr("– / %1").arg(stepCount()));
    text_->setHtml(
        tr("<p style='color:gray'>The first step starts at %1 s.</p>").arg(steps_.front().atS));
  } else {
    const auto& s = steps_[step];
    counter_->setText(tr("%1 / %2  ·  %3 s").arg(step + 1).arg(stepCount()).arg(s.atS));
    QString body = QString("<h2>%1</h2><p>%2</p>")
                       .arg(local(s.title).toHtmlEscaped(), local(s.text).toHtmlEscaped());
    text_->setHtml(body);
  }
  const bool question = step >= 0 && step < stepCount() && steps_[step].question;
  if (question) {
    renderQuestion(steps_[step]);
  } else {
    // A lesson explains a question in the steps after it: the answer stays in view there,
    // under the question it answers, until the next question; questions that settle together
    // are explained together, so each of their answers shows.
    choicesBox_->hide();
    QStringList answers;
    for (const int q : answerSteps()) {
      const QString answer = answerHtml(q);
      if (answer.isEmpty() || !asked_[q].revealed) continue;
      answers << "<i>" + local(steps_[q].question->text).toHtmlEscaped() + "</i><br>" + answer;
    }
    answer_->setText(answers.join("<br><br>"));
    answer_->setVisible(!answers.isEmpty());
  }
  continue_->setVisible(waiting_);
  previous_->setEnabled(step > 0);
  next_->setEnabled(step + 1 < stepCount());
}

void LessonPanel::renderQuestion(const model::LessonStep& s) {
  const model::LessonQuestion& q = *s.question;
  const Asked& a = asked_[current_];
  const bool shown = a.revealed && a.outcome;
  question_->setText(local(q.text));
  for (int i = 0; i < kMaxChoices; ++i) {
    QPushButton* b = choices_[i];
    const bool offered = i < static_cast<int>(q.choices.size());
    b->setVisible(offered);
    if (!offered) continue;
    QString label = QStringLiteral("%1   %2").arg(QChar('A' + i), local(q.choices[i].text));
    if (shown && a.outcome->matching == i) label += QStringLiteral("   ✓");
    b->setText(label);
    b->setChecked(a.pick == i);
  }
  choicesBox_->show();
  QString answer;
  if (shown) {
    answer = answerHtml(current_);
  } else if (!questionsMeasured_) {
    answer =
        tr("The measured figure is not available on this cluster: the room can discuss "
           "the charts instead.");
  }
  answer_->setText(answer);
  answer_->setVisible(!answer.isEmpty());
}

QString LessonPanel::answerHtml(int step) const {
  const Asked& a = asked_[step];
  if (!a.outcome) return {};
  QString answer = "<b>" + QuestionText::answer(*a.outcome).toHtmlEscaped() + "</b>";
  if (a.pick >= 0) {
    const bool right = a.outcome->matching == a.pick;
    answer += "<br>" + (right ? tr("The room chose %1: right.") : tr("The room chose %1: wrong."))
                           .arg(QChar('A' + a.pick));
  }
  return answer;
}

QString LessonPanel::currentTitle() const {
  return current_ >= 0 ? local(steps_[current_].title) : QString();
}

void LessonPanel::setPresenterMode(bool on) {
  presenter_ = on;
  QFont f = font();
  f.setPointSizeF(on ? 16 : QApplication::font().pointSizeF());
  text_->setFont(f);
  // The room reads the question and its choices from the back of the class.
  QFont large = font();
  large.setPointSizeF(on ? 18 : QApplication::font().pointSizeF());
  for (QPushButton* b : choices_) b->setFont(large);
  question_->setFont(large);
  answer_->setFont(large);
}

}  // namespace clusterscope::app
