#include "lesson_panel.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace clusterscope::app {

LessonPanel::LessonPanel(QWidget* parent)
    : QWidget(parent),
      counter_(new QLabel(this)),
      note_(new QLabel(this)),
      text_(new QTextBrowser(this)),
      previous_(new QPushButton(tr("Previous"), this)),
      next_(new QPushButton(tr("Next (N)"), this)) {
  setObjectName("lessonPanel");
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(previous_);
  buttons->addWidget(counter_, 1, Qt::AlignCenter);
  buttons->addWidget(next_);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(text_, 1);
  layout->addWidget(note_);
  layout->addLayout(buttons);
  note_->setObjectName("lessonNote");
  note_->setWordWrap(true);
  note_->setStyleSheet("color: gray");
  note_->hide();
  text_->setOpenExternalLinks(false);
  connect(previous_, &QPushButton::clicked, this, &LessonPanel::previous);
  connect(next_, &QPushButton::clicked, this, &LessonPanel::next);
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
  connect(backend, &QObject::destroyed, this, [this] { setBackend(nullptr); });
  onReset(backend->description().get());
  showCapabilities(backend->capabilities());
  if (const auto s = backend->lastSnapshot()) onTime(model::toSeconds(s->time));
}

void LessonPanel::onReset(const model::ClusterDescription* description) {
  steps_ = description ? description->lesson : std::vector<model::LessonStep>{};
  manual_ = false;
  timeS_ = 0.0;
  current_ = -2;  // force a refresh
  onTime(0.0);
  updateNote();
}

void LessonPanel::showCapabilities(const model::ClusterCapabilities& capabilities) {
  canPause_ = capabilities.pause;
  updateNote();
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
  if (due != current_) show(due);
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

void LessonPanel::show(int step) {
  current_ = step;
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
    text_->setHtml(QString("<h2>%1</h2><p>%2</p>")
                       .arg(QString::fromStdString(s.title.text()).toHtmlEscaped(),
                            QString::fromStdString(s.text.text()).toHtmlEscaped()));
  }
  previous_->setEnabled(step > 0);
  next_->setEnabled(step + 1 < stepCount());
  emit stepChanged(step);
}

QString LessonPanel::currentTitle() const {
  return current_ >= 0 ? QString::fromStdString(steps_[current_].title.text()) : QString();
}

void LessonPanel::setPresenterMode(bool on) {
  QFont f = font();
  f.setPointSizeF(on ? 16 : QApplication::font().pointSizeF());
  text_->setFont(f);
}

}  // namespace clusterscope::app
