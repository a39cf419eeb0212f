#include "comparison_window.h"

#include <QComboBox>
#include <QDockWidget>
#include <QGuiApplication>
#include <QLabel>
#include <QScreen>
#include <QSplitter>
#include <QStyle>
#include <QToolBar>
#include <QVBoxLayout>

#include "charts_panel.h"
#include "cluster_backend.h"
#include "control_bar.h"
#include "lesson_panel.h"
#include "topology_view.h"

namespace clusterscope::app {

namespace {

QWidget* titled(const QString& title, const QColor& color, QWidget* content) {
  auto* box = new QWidget;
  auto* layout = new QVBoxLayout(box);
  layout->setContentsMargins(2, 2, 2, 2);
  auto* label = new QLabel(title);
  label->setStyleSheet(QString("font-weight: bold; color: %1").arg(color.name()));
  layout->addWidget(label);
  layout->addWidget(content, 1);
  return box;
}

}  // namespace

ComparisonWindow::ComparisonWindow(ClusterBackend* a, const QString& labelA, ClusterBackend* b,
                                   const QString& labelB, QWidget* parent)
    : QMainWindow(parent),
      a_(a),
      b_(b),
      labels_(tr("%1 vs %2").arg(labelA, labelB)),
      topologyA_(new TopologyView),
      topologyB_(new TopologyView),
      charts_(new ChartsPanel),
      lesson_(new LessonPanel) {
  setObjectName("comparisonWindow");
  a_->setParent(this);
  b_->setParent(this);
  setWindowTitle(tr("Compare: %1").arg(labels_));
  connect(a_, &ClusterBackend::clusterReset, this, [this](const auto&, const auto& d) {
    if (d && !d->name.empty()) {
      setWindowTitle(tr("Compare: %1 — %2").arg(labels_, QString::fromStdString(d->name)));
    }
  });
  const QColor colorA(0x1f, 0x78, 0xb4), colorB(0xe6, 0x55, 0x0d);
  topologyA_->setBackend(a_);
  topologyB_->setBackend(b_);
  charts_->addSource(a_, labelA, colorA);
  charts_->addSource(b_, labelB, colorB);
  // Actions from either topology's menus apply to that cluster only, or to both when mirrored.
  for (TopologyView* view : {topologyA_, topologyB_}) {
    connect(view, &TopologyView::actionRequested, this, [this, view](const model::Action& action) {
      if (mirror_ || view == topologyA_) a_->applyAction(action);
      if (mirror_ || view == topologyB_) b_->applyAction(action);
    });
  }

  // The lesson follows a cluster that can be held for the room, unless only the first can.
  const bool lessonOnB = a_->capabilities().pause && !b_->capabilities().pause;
  ClusterBackend* lessonBackend = lessonOnB ? b_ : a_;
  lesson_->setBackend(lessonBackend);
  auto* lessonDock = new QDockWidget(tr("Lesson"), this);
  lessonDock->setObjectName("comparisonLessonDock");
  lessonDock->setWidget(lesson_);
  addDockWidget(Qt::RightDockWidgetArea, lessonDock);
  // A question holds the lesson's cluster: the other, if it can be held, waits with it and
  // goes on with it, so that both stay in step.
  if (!lessonOnB) {
    // A pause takes effect on the simulation's thread: B may still say Running when A goes
    // on again, so what was held is remembered, not read back from B's state.
    connect(a_, &ClusterBackend::runStateChanged, this, [this](RunState state) {
      if (!b_->capabilities().pause) return;
      if (state == RunState::Paused && b_->runState() == RunState::Running) {
        b_->pause();
        heldB_ = true;
      }
      if (state == RunState::Running && (heldB_ || b_->runState() == RunState::Paused)) {
        heldB_ = false;
        b_->start();
      }
    });
  }
  addLessonKeys(lesson_, this);  // the clicker's keys, as in the main window

  auto* top = new QSplitter(Qt::Horizontal);
  top->addWidget(titled(labelA, colorA, topologyA_));
  top->addWidget(titled(labelB, colorB, topologyB_));
  auto* split = new QSplitter(Qt::Vertical);
  split->addWidget(top);
  split->addWidget(charts_);
  split->setStretchFactor(0, 2);
  split->setStretchFactor(1, 3);
  split->setSizes({400, 600});
  setCentralWidget(split);

  auto* bar = addToolBar(tr("Both"));
  run_ = bar->addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Run both"), this,
                        &ComparisonWindow::run);
  pause_ = bar->addAction(style()->standardIcon(QStyle::SP_MediaPause), tr("Pause both"), this,
                          &ComparisonWindow::pause);
  reset_ = bar->addAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("Reset both"), this,
                          &ComparisonWindow::reset);
  speedLabel_ = bar->addWidget(new QLabel(tr(" Speed ")));
  speed_ = new QComboBox;
  for (double s : ControlBar::speeds()) {
    speed_->addItem(s > 0 ? QString("%1×").arg(s) : tr("max"), s);
  }
  speed_->setCurrentIndex(speed_->findData(1.0));
  connect(speed_, &QComboBox::currentIndexChanged, this,
          [this](int i) { setSpeed(speed_->itemData(i).toDouble()); });
  speedBox_ = bar->addWidget(speed_);
  for (ClusterBackend* backend : {a_, b_}) {
    connect(backend, &ClusterBackend::capabilitiesChanged, this, &ComparisonWindow::updateControls);
  }
  updateControls();

  // Two clusters need the room: the whole screen.
  if (QScreen* s = QGuiApplication::primaryScreen()) setGeometry(s->availableGeometry());
}

void ComparisonWindow::updateControls() {
  const auto ca = a_->capabilities(), cb = b_->capabilities();
  run_->setVisible(ca.pause && cb.pause);
  pause_->setVisible(ca.pause && cb.pause);
  reset_->setVisible(ca.reset && cb.reset);
  speedLabel_->setVisible(ca.speed && cb.speed);
  speedBox_->setVisible(ca.speed && cb.speed);
}

ComparisonWindow::~ComparisonWindow() = default;

void ComparisonWindow::run() {
  a_->start();
  b_->start();
}

void ComparisonWindow::pause() {
  a_->pause();
  b_->pause();
}

void ComparisonWindow::reset() {
  a_->reset();
  b_->reset();
}

void ComparisonWindow::setSpeed(double factor) {
  factor = ControlBar::nearestSpeed(factor);
  a_->setSpeed(factor);
  b_->setSpeed(factor);
  const QSignalBlocker quiet(speed_);  // showing the value must not set it again
  speed_->setCurrentIndex(speed_->findData(factor));
}

void ComparisonWindow::setMirrorActions(bool on) { mirror_ = on; }

void ComparisonWindow::setPresenterMode(bool on) {
  topologyA_->setPresenterMode(on);
  topologyB_->setPresenterMode(on);
  charts_->setPresenterMode(on);
  lesson_->setPresenterMode(on);
}

}  // namespace clusterscope::app
