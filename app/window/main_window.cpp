#include "main_window.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSaveFile>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>

#include "charts_panel.h"
#include "control_bar.h"
#include "details_panel.h"
#include "event_log.h"
#include "lesson_panel.h"
#include "live_backend.h"
#include "scenario_files.h"
#include "simulation_backend.h"
#include "topology_view.h"

namespace clusterscope::app {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      topology_(new TopologyView(this)),
      charts_(new ChartsPanel(this)),
      controls_(new ControlBar(this)),
      lesson_(new LessonPanel(this)),
      log_(new EventLog(this)),
      details_(new DetailsPanel(this)) {
  setObjectName("mainWindow");
  setWindowTitle(tr("ClusterScope"));
  setAcceptDrops(true);
  normalFontSize_ = QApplication::font().pointSizeF();
  setCentralWidget(topology_);
  addToolBar(Qt::TopToolBarArea, controls_);

  // Selection flows from the topology to whoever follows it; actions from its menus go to
  // the back end shown, like every other lever.
  connect(topology_, &TopologyView::selectionChanged, controls_, &ControlBar::setSelection);
  connect(topology_, &TopologyView::selectionChanged, details_, &DetailsPanel::setSelection);
  connect(topology_, &TopologyView::selectionChanged, charts_, &ChartsPanel::followSelection);
  connect(topology_, &TopologyView::actionRequested, this, [this](const model::Action& a) {
    if (backend_) backend_->applyAction(a);
  });

  buildDocks();
  buildMenus();
  updateMenus();
  QSettings settings;
  restoreGeometry(settings.value("window/geometry").toByteArray());
  restoreState(settings.value("window/state").toByteArray());
  firstRun_ = !settings.contains("window/geometry");
}

void MainWindow::setBackend(ClusterBackend* backend) {
  if (backend_ == backend) return;
  if (backend_) {
    disconnect(backend_, nullptr, this, nullptr);
    charts_->clearSources();
  }
  backend_ = backend;
  topology_->setBackend(backend);
  controls_->setBackend(backend);
  lesson_->setBackend(backend);
  log_->setBackend(backend);
  details_->setBackend(backend);
  setWindowTitle(tr("ClusterScope"));
  if (backend) {
    charts_->addSource(backend, tr("cluster"), QColor(0x1f, 0x78, 0xb4));
    connect(backend, &ClusterBackend::clusterReset, this, [this](const auto&, const auto& d) {
      const QString name = QString::fromStdString(d ? d->name : std::string());
      setWindowTitle(name.isEmpty() ? tr("ClusterScope") : tr("%1 — ClusterScope").arg(name));
      statusBar()->showMessage(tr("Loaded %1").arg(name), 5000);
    });
    connect(backend, &ClusterBackend::actionRejected, this,
            [this](const model::Action&, const QString& reason) {
              statusBar()->showMessage(tr("Not done: %1").arg(reason), 8000);
            });
    connect(backend, &ClusterBackend::problem, this,
            [this](const QString& message) { statusBar()->showMessage(message, 10000); });
    connect(backend, &ClusterBackend::capabilitiesChanged, this, &MainWindow::updateMenus);
    connect(backend, &ClusterBackend::clusterReset, this, &MainWindow::updateMenus);
    connect(backend, &QObject::destroyed, this, &MainWindow::updateMenus);
  }
  updateMenus();
}

void MainWindow::setScenarioSession(ScenarioSession* session) {
  session_ = session;
  if (session) setBackend(session->backend());
  updateMenus();
}

void MainWindow::showEvent(QShowEvent* event) {
  QMainWindow::showEvent(event);
  // The first time ever, use the whole screen; afterwards the saved geometry.
  if (firstRun_) {
    firstRun_ = false;
    setWindowState(windowState() | Qt::WindowMaximized);
    if (QScreen* s = screen()) setGeometry(s->availableGeometry());
  }
}

MainWindow::~MainWindow() {
  // A session among the children outlives this object's own destructor: its back end's last
  // signals must not reach a half-destroyed window.
  if (backend_) disconnect(backend_, nullptr, this, nullptr);
}

void MainWindow::buildDocks() {
  auto dock = [this](QWidget* w, const QString& title, const char* name, Qt::DockWidgetArea area) {
    auto* d = new QDockWidget(title, this);
    d->setObjectName(name);  // restoreState finds docks by name
    d->setWidget(w);
    addDockWidget(area, d);
    return d;
  };
  auto* charts = dock(charts_, tr("Charts"), "chartsDock", Qt::BottomDockWidgetArea);
  auto* lesson = dock(lesson_, tr("Lesson"), "lessonDock", Qt::RightDockWidgetArea);
  auto* details = dock(details_, tr("Details"), "detailsDock", Qt::RightDockWidgetArea);
  auto* log = dock(log_, tr("Event log"), "logDock", Qt::RightDockWidgetArea);
  tabifyDockWidget(details, log);
  details->raise();
  resizeDocks({charts}, {380}, Qt::Vertical);
  resizeDocks({lesson}, {380}, Qt::Horizontal);
}

bool MainWindow::openScenario(const QString& path) {
  if (!session_) return false;
  QStringList errors;
  if (!session_->open(path, &errors)) {
    showLoadErrors(path, errors);
    return false;
  }
  if (backend_ != session_->backend()) {
    setBackend(session_->backend());
    if (live_) live_->deleteLater();  // stops following the hub
    stopLaunch();
  }
  rebuildRecentMenu();
  return true;
}

void MainWindow::showError(const QString& title, const QString& text, const QString& details,
                           const char* objectName) {
  if (errorDialog_) errorDialog_->close();
  auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
  box->setObjectName(objectName);
  box->setInformativeText(details);
  box->setAttribute(Qt::WA_DeleteOnClose);
  errorDialog_ = box;
  box->open();  // not exec(): whatever is shown goes on behind it
}

void MainWindow::showLoadErrors(const QString& path, const QStringList& errors) {
  // The loader bounds its diagnostics; the dialog bounds what it lays out all the same, so
  // that no file can freeze it (a 15 MB key once took minutes).
  constexpr qsizetype kMaxLineChars = 400;
  QStringList lines;
  for (const QString& line : errors) {
    lines << (line.size() > kMaxLineChars ? line.left(kMaxLineChars) + QStringLiteral("…") : line);
  }
  if (errorDialog_) errorDialog_->close();
  auto* box = new QMessageBox(QMessageBox::Warning, tr("Cannot open scenario"),
                              tr("%1 is not a valid scenario. The current one keeps running.")
                                  .arg(QFileInfo(path).fileName()),
                              QMessageBox::Ok, this);
  box->setObjectName("loadErrorDialog");
  box->setDetailedText(lines.join('\n'));
  box->setInformativeText(lines.mid(0, 5).join('\n') +
                          (lines.size() > 5 ? tr("\n… %1 more").arg(lines.size() - 5) : QString()));
  box->setAttribute(Qt::WA_DeleteOnClose);
  errorDialog_ = box;
  box->open();  // not exec(): the simulation and the GUI go on behind it
}

bool MainWindow::saveSession(const QString& path) {
  QString error = tr("no simulated session to save");
  const bool saved = liveSessionShown() ? ScenarioSession::write(path, liveSession(), &error)
                                        : session_ && session_->save(path, &error);
  if (!saved) {
    QMessageBox::warning(this, tr("Save session"), tr("Cannot write %1: %2").arg(path, error));
    return false;
  }
  statusBar()->showMessage(tr("Session saved to %1").arg(path), 5000);
  return true;
}

void MainWindow::openDialog() {
  const QString dir = QSettings().value("lastDirectory").toString();
  const QString path = QFileDialog::getOpenFileName(this, tr("Open scenario"), dir,
                                                    tr("Scenarios (*.json);;All files (*)"));
  if (path.isEmpty()) return;
  QSettings().setValue("lastDirectory", QFileInfo(path).absolutePath());
  openScenario(path);
}

void MainWindow::saveSessionDialog() {
  const QString dir = QSettings().value("lastDirectory").toString();
  const QString path = QFileDialog::getSaveFileName(this, tr("Save session as scenario"), dir,
                                                    tr("Scenarios (*.json)"));
  if (!path.isEmpty()) saveSession(path);
}

void MainWindow::setPresenterMode(bool on) {
  const bool wasOn = presenter_;
  presenter_ = on;
  QFont f = QApplication::font();
  f.setPointSizeF(on ? normalFontSize_ * 1.5 : normalFontSize_);
  QApplication::setFont(f);
  // The control bar is for the one at the keyboard, like the details and the log: it keeps
  // its normal type, so that every lever fits on a projector's screen.
  QFont normal = QApplication::font();
  normal.setPointSizeF(normalFontSize_);
  controls_->setFont(on ? normal : QFont());
  topology_->setPresenterMode(on);
  charts_->setPresenterMode(on);
  lesson_->setPresenterMode(on);
  // Large type makes the bars wider than a projector's screen. The lesson's own toolbar goes:
  // the panel has the same Previous / Next / Continue buttons, the Lesson menu and the keys
  // (Page Up / Page Down, R) stay, and the control bar's levers keep the room.
  if (lessonBar_) {
    if (on && !wasOn) lessonBarWasVisible_ = !lessonBar_->isHidden();
    lessonBar_->setVisible(!on && lessonBarWasVisible_);
  }
  // On a projector the room reads the topology, the lesson and the charts; the details and
  // the log are for the one at the keyboard.
  for (const char* name : {"detailsDock", "logDock"}) {
    if (auto* dock = findChild<QDockWidget*>(name)) dock->setVisible(!on);
  }
  if (on) {
    normalGeometry_ = saveGeometry();
    showFullScreen();
    // Without a window manager (a bare X server) full screen is only a hint: size it too.
    if (QScreen* s = screen()) setGeometry(s->geometry());
  } else {
    showNormal();
    restoreGeometry(normalGeometry_);
  }
  QTimer::singleShot(0, topology_, &TopologyView::fitAll);
}

void MainWindow::closeEvent(QCloseEvent* event) {
  QSettings settings;
  // What is saved is the normal window, not the presenter's full screen.
  if (presenter_) setPresenterMode(false);
  settings.setValue("window/geometry", saveGeometry());
  settings.setValue("window/state", saveState());
  stopLaunch();  // what this window launched goes with it
  QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  const auto urls = event->mimeData()->urls();
  if (!urls.isEmpty() && urls.first().isLocalFile()) openScenario(urls.first().toLocalFile());
}

void MainWindow::exportCharts(const QString& format) {
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Export charts"), QSettings().value("lastDirectory").toString(),
      QString("%1 (*.%2)").arg(format.toUpper(), format));
  if (path.isEmpty()) return;
  bool ok = false;
  if (format == "png") ok = charts_->exportPng(path);
  if (format == "pdf") ok = charts_->exportPdf(path);
  if (format == "csv") ok = charts_->exportCsv(path);
  statusBar()->showMessage(ok ? tr("Exported %1").arg(path) : tr("Could not write %1").arg(path),
                           5000);
}

}  // namespace clusterscope::app
