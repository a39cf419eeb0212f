// MainWindow's menus and shortcuts, apart from the assembly in main_window.cpp.

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDesktopServices>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>

#include "action_catalog.h"
#include "charts_panel.h"
#include "comparison_window.h"
#include "control_bar.h"
#include "lesson_panel.h"
#include "main_window.h"
#include "scenario_files.h"
#include "simulation_backend.h"
#include "topology_view.h"

namespace clusterscope::app {

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->setToolTipsVisible(true);  // a disabled entry says why
  sessionActions_ << file->addAction(tr("&Open…"), QKeySequence::Open, this,
                                     &MainWindow::openDialog);
  recentMenu_ = file->addMenu(tr("Open &recent"));
  recentMenu_->setObjectName("recentMenu");
  rebuildRecentMenu();
  QMenu* examples = file->addMenu(tr("&Examples"));
  examples->setObjectName("examplesMenu");
  for (const auto& e : ScenarioFiles::examples()) {
    const QString path = e.path;
    examples->addAction(e.title, this, [this, path] { openScenario(path); });
  }
  sessionActions_ << examples->menuAction();
  file->addSeparator();
  QAction* connectAction =
      file->addAction(tr("&Connect to agents…"), this, &MainWindow::connectDialog);
  connectAction->setObjectName("connectAction");
  connectAction->setShortcut(Qt::CTRL | Qt::Key_K);
  runLiveAction_ = file->addAction(tr("Run on real &agents"), this, &MainWindow::runOnRealAgents);
  runLiveAction_->setObjectName("runLiveAction");
  runLiveAction_->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_R);
  runLiveAction_->setToolTip(
      tr("Start the open scenario as real local processes (a hub, its agents, broker and load "
         "generator) and show them here"));
  nodeNamespacesAction_ = file->addAction(tr("Nodes as network &namespaces"));
  nodeNamespacesAction_->setObjectName("nodeNamespacesAction");
  nodeNamespacesAction_->setCheckable(true);
  if (LiveLaunch::canMakeNodeNamespaces()) {
    nodeNamespacesAction_->setChecked(QSettings().value("live/nodeNamespaces", false).toBool());
    nodeNamespacesAction_->setToolTip(
        tr("Run on real agents puts each node's agents in a network namespace of its own: "
           "failing a node takes its link down, a partition cuts the routes between nodes"));
    connect(nodeNamespacesAction_, &QAction::toggled, this,
            [](bool on) { QSettings().setValue("live/nodeNamespaces", on); });
  } else {
    nodeNamespacesAction_->setEnabled(false);
    nodeNamespacesAction_->setToolTip(
        tr("Needs ClusterScope to run as root: making network namespaces needs CAP_NET_ADMIN"));
  }
  file->addSeparator();
  saveSessionAction_ = file->addAction(tr("&Save session as scenario…"), QKeySequence::Save, this,
                                       &MainWindow::saveSessionDialog);
  QMenu* exports = file->addMenu(tr("E&xport charts"));
  for (const QString format : {"png", "pdf", "csv"}) {
    exports->addAction(format.toUpper() + "…", this, [this, format] { exportCharts(format); });
  }
  file->addAction(tr("Scenario &information"), this, [this] {
    const auto d = backend_ ? backend_->description() : nullptr;
    const QString name = d && !d->name.empty() ? QString::fromStdString(d->name) : tr("Cluster");
    QMessageBox::information(this, name,
                             d && !d->description.empty() ? QString::fromStdString(d->description)
                                                          : tr("No description."));
  });
  file->addSeparator();
  // Every window, not only this one: a comparison window left open would keep the application
  // and its simulations running.
  QAction* quit =
      file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::closeAllWindows);
  quit->setObjectName("quitAction");

  QMenu* run = menuBar()->addMenu(tr("&Run"));
  QAction* toggle = run->addAction(tr("Run / pause"), controls_, &ControlBar::toggleRun);
  toggle->setShortcut(Qt::Key_Space);
  run->addAction(controls_->stepAction());
  run->addAction(controls_->resetAction());
  run->addSeparator();
  QAction* faster = run->addAction(tr("Faster"), controls_, &ControlBar::faster);
  faster->setShortcuts({QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal)});
  QAction* slower = run->addAction(tr("Slower"), controls_, &ControlBar::slower);
  slower->setShortcut(Qt::Key_Minus);
  pauseActions_ << toggle;
  speedActions_ << faster << slower;
  run->addSeparator();
  resetFaultsAction_ = run->addAction(ActionCatalog::resetFaults().text, this, [this] {
    if (backend_) backend_->applyAction(ActionCatalog::resetFaults().action);
  });
  resetFaultsAction_->setObjectName("resetFaultsAction");
  resetFaultsAction_->setToolTip(
      tr("End every fault, slowdown, injected error rate, partition "
         "and broker outage in force"));
  // Shortcuts must work whichever panel has the focus.
  for (QAction* a : {toggle, faster, slower}) {
    a->setShortcutContext(Qt::ApplicationShortcut);
    addAction(a);
  }

  QMenu* view = menuBar()->addMenu(tr("&View"));
  QAction* presenter = view->addAction(tr("&Presenter mode"));
  presenter->setObjectName("presenterAction");
  presenter->setCheckable(true);
  presenter->setShortcut(Qt::Key_F11);
  connect(presenter, &QAction::toggled, this, &MainWindow::setPresenterMode);
  addAction(presenter);
  view->addAction(tr("&Fit topology"), topology_, &TopologyView::fitAll)->setShortcut(Qt::Key_F);
  view->addSeparator();
  for (QDockWidget* d : findChildren<QDockWidget*>()) view->addAction(d->toggleViewAction());
  view->addSeparator();
  buildLanguageMenu(view->addMenu(tr("&Language")));

  buildCompareMenu(menuBar()->addMenu(tr("&Compare")));

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  buildLessonActions(help);
  help->addSeparator();
  help->addAction(tr("&About ClusterScope"), this, [this] {
    QMessageBox::about(this, tr("About ClusterScope"),
                       tr("<h3>ClusterScope %1</h3><p>See a cluster of microservices at work: "
                          "kill replicas, scale services, switch calls between synchronous and "
                          "asynchronous, and watch throughput and latency react.</p>")
                           .arg(QApplication::applicationVersion()));
  });
}

void MainWindow::rebuildRecentMenu() {
  if (!recentMenu_) return;
  recentMenu_->clear();
  const QStringList files = ScenarioFiles::recentFiles();
  for (const QString& path : files) {
    recentMenu_->addAction(path, this, [this, path] { openScenario(path); });
  }
  recentMenu_->setEnabled(session_ && !files.isEmpty());
}

void MainWindow::updateMenus() {
  const model::ClusterCapabilities caps =
      backend_ ? backend_->capabilities() : model::ClusterCapabilities{};
  for (QAction* a : sessionActions_) a->setEnabled(session_ != nullptr);
  const bool simulationShown = session_ && backend_ == session_->backend();
  for (QAction* a : simulationActions_) a->setEnabled(simulationShown);
  recentMenu_->setEnabled(session_ && !ScenarioFiles::recentFiles().isEmpty());
  saveSessionAction_->setEnabled((simulationShown && caps.saveSession) || liveSessionShown());
  runLiveAction_->setEnabled(session_ && session_->backend()->hasScenario());
  for (QAction* a : pauseActions_) a->setEnabled(backend_ && caps.pause);
  resetFaultsAction_->setEnabled(backend_ && caps.supports(model::ActionKind::ResetFaults));
  for (QAction* a : speedActions_) a->setEnabled(backend_ && caps.speed);
}

void MainWindow::buildCompareMenu(QMenu* menu) {
  menu->setObjectName("compareMenu");
  simulationActions_ << menu->menuAction();  // its variants are of the simulated scenario
  menu->addAction(tr("&Sync vs async"), this, [this] { compare("sync-async"); });
  menu->addAction(tr("Circuit breakers &on vs off"), this, [this] { compare("breakers"); });
  menu->addAction(tr("&Monolith vs microservices"), this, [this] { compare("monolith"); });
  QAction* real =
      menu->addAction(tr("Simulation vs &real agents"), this, [this] { compareWithRealAgents(); });
  real->setObjectName("compareRealAction");
  real->setToolTip(
      tr("The same scenario and seed simulated and on real local processes, side "
         "by side in real time; every action goes to both"));
  menu->addAction(tr("With &another file…"), this, [this] {
    if (!session_) return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Compare with"),
                                                      QSettings().value("lastDirectory").toString(),
                                                      tr("Scenarios (*.json)"));
    if (path.isEmpty()) return;
    const auto other = ScenarioFiles::load(path);
    if (!other.ok()) {
      QStringList lines;
      for (const auto& d : other.errors) lines << QString::fromStdString(d.format());
      showLoadErrors(path, lines);
      return;
    }
    openComparison({session_->backend()->scenario(), tr("current"), *other.scenario,
                    QFileInfo(path).baseName()});
  });
}

// System, English, Français: the choice is saved and takes effect at the next start (the
// windows are built with their texts; rebuilding them live would lose the session's state).
// Each language is named in itself, so that someone who cannot read the current one finds theirs.
void MainWindow::buildLanguageMenu(QMenu* menu) {
  menu->setObjectName("languageMenu");
  auto* group = new QActionGroup(menu);
  const QString current = QSettings().value(languageSettingKey()).toString();
  const QList<QPair<QString, QString>> choices = {
      {QString(), tr("&System language")},
      {QStringLiteral("en"), QStringLiteral("&English")},
      {QStringLiteral("fr"), QStringLiteral("&Français")}};
  for (const auto& choice : choices) {
    const QString code = choice.first;
    QAction* a = menu->addAction(choice.second);
    a->setObjectName(code.isEmpty() ? QStringLiteral("languageSystem")
                                    : QStringLiteral("language_") + code);
    a->setCheckable(true);
    a->setChecked(code == current);
    group->addAction(a);
    connect(a, &QAction::triggered, this, [this, code] {
      QSettings settings;
      if (settings.value(languageSettingKey()).toString() == code) return;
      settings.setValue(languageSettingKey(), code);
      QMessageBox::information(this, tr("Language"),
                               tr("The new language takes effect when ClusterScope restarts."));
    });
  }
}

ComparisonWindow* MainWindow::compare(const QString& preset) {
  if (!session_ || backend_ != session_->backend()) return nullptr;
  if (preset == "real-agents") return compareWithRealAgents();
  const auto variants = session_->variants(preset);
  return variants ? openComparison(*variants) : nullptr;
}

ComparisonWindow* MainWindow::openComparison(const ScenarioSession::Variants& v) {
  auto* a = new SimulationBackend;
  auto* b = new SimulationBackend;
  auto* w = new ComparisonWindow(a, v.labelA, b, v.labelB);
  a->load(v.a);
  b->load(v.b);
  w->setAttribute(Qt::WA_DeleteOnClose);
  w->setPresenterMode(presenter_);
  w->show();
  return w;
}

}  // namespace clusterscope::app
