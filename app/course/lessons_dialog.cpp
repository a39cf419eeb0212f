#include "lessons_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace clusterscope::app {

namespace {
constexpr int kIdRole = Qt::UserRole;
const char* const kLastLessonKey = "course/lastLesson";
const char* const kAtStartKey = "course/showAtStart";
}  // namespace

LessonsDialog::LessonsDialog(const Course& course, const QString& language, QWidget* parent)
    : QDialog(parent), course_(course), language_(language) {
  setObjectName("lessonsDialog");
  setWindowTitle(tr("Lessons"));
  auto* intro = new QLabel(
      tr("The course, in teaching order. Each lesson runs a scenario; many ask the room to "
         "predict what will happen before the run shows it."));
  intro->setWordWrap(true);

  list_ = new QTreeWidget;
  list_->setObjectName("lessonsList");
  list_->setColumnCount(3);
  list_->setHeaderLabels({tr("Lesson"), tr("Length"), tr("What it shows")});
  list_->setRootIsDecorated(false);
  list_->setWordWrap(true);
  list_->setAlternatingRowColors(true);
  int number = 0;
  for (const CoursePart& part : course_.parts) {
    auto* partItem = new QTreeWidgetItem(list_, {courseText(part.title, language_)});
    partItem->setFirstColumnSpanned(true);
    partItem->setFlags(Qt::ItemIsEnabled);
    QFont bold = partItem->font(0);
    bold.setBold(true);
    partItem->setFont(0, bold);
    for (const CourseLesson& lesson : part.lessons) {
      auto* item = new QTreeWidgetItem(
          partItem, {tr("%1. %2").arg(++number).arg(courseText(lesson.title, language_)),
                     formatLessonDuration(lesson.durationS), courseText(lesson.shows, language_)});
      item->setData(0, kIdRole, lesson.id);
      item->setToolTip(2, courseText(lesson.shows, language_));
    }
  }
  list_->expandAll();
  list_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  list_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  list_->header()->setStretchLastSection(true);

  details_ = new QLabel;
  details_->setObjectName("lessonDetails");
  details_->setWordWrap(true);
  details_->setMinimumHeight(details_->fontMetrics().lineSpacing() * 3);

  atStart_ = new QCheckBox(tr("Show the lessons when ClusterScope starts without a file"));
  atStart_->setChecked(showAtStart());
  connect(atStart_, &QCheckBox::toggled, this,
          [](bool on) { QSettings().setValue(kAtStartKey, on); });

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
  open_ = buttons->addButton(tr("&Open lesson"), QDialogButtonBox::AcceptRole);
  open_->setObjectName("openLessonButton");
  open_->setDefault(true);
  connect(buttons, &QDialogButtonBox::accepted, this, &LessonsDialog::openSelected);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(list_, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
    if (!item->data(0, kIdRole).toString().isEmpty()) openSelected();
  });
  connect(list_, &QTreeWidget::currentItemChanged, this, &LessonsDialog::showDetails);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(intro);
  layout->addWidget(list_, 1);
  layout->addWidget(details_);
  layout->addWidget(atStart_);
  layout->addWidget(buttons);
  resize(900, 620);

  // Where the class left off: the lesson after the last one opened, else the first.
  const auto all = course_.lessons();
  QString next = all.empty() ? QString() : all.front()->id;
  for (std::size_t i = 0; i + 1 < all.size(); ++i) {
    if (all[i]->id == lastOpenedLesson()) next = all[i + 1]->id;
  }
  selectLesson(next);
}

QString LessonsDialog::selectedLesson() const {
  const QTreeWidgetItem* item = list_->currentItem();
  return item ? item->data(0, kIdRole).toString() : QString();
}

void LessonsDialog::selectLesson(const QString& id) {
  for (QTreeWidgetItemIterator it(list_); *it; ++it) {
    if ((*it)->data(0, kIdRole).toString() == id) {
      list_->setCurrentItem(*it);
      list_->scrollToItem(*it);
      return;
    }
  }
}

void LessonsDialog::showDetails() {
  const CourseLesson* lesson = course_.find(selectedLesson());
  open_->setEnabled(lesson != nullptr);
  if (!lesson) {
    details_->clear();
    return;
  }
  QStringList facts;
  facts << formatLessonDuration(lesson->durationS);
  if (lesson->questions > 0) facts << tr("%n question(s) for the room", "", lesson->questions);
  if (!lesson->compareWith.isEmpty()) facts << tr("two scenarios side by side");
  if (lesson->opening == CourseLesson::Opening::RealAgents) {
    facts << tr("runs on real processes on this machine");
  } else if (lesson->opening == CourseLesson::Opening::CompareRealAgents) {
    facts << tr("the simulation beside real processes on this machine");
  }
  details_->setText(QStringLiteral("<b>%1</b> · %2<br>%3")
                        .arg(courseText(lesson->title, language_).toHtmlEscaped(),
                             facts.join(QStringLiteral(" · ")).toHtmlEscaped(),
                             courseText(lesson->shows, language_).toHtmlEscaped()));
}

void LessonsDialog::openSelected() {
  const QString id = selectedLesson();
  if (id.isEmpty()) return;
  rememberOpened(id);
  emit lessonChosen(id);
  accept();
}

QString LessonsDialog::lastOpenedLesson() { return QSettings().value(kLastLessonKey).toString(); }

void LessonsDialog::rememberOpened(const QString& id) { QSettings().setValue(kLastLessonKey, id); }

bool LessonsDialog::showAtStart() { return QSettings().value(kAtStartKey, true).toBool(); }

}  // namespace clusterscope::app
