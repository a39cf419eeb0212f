// MainWindow and live clusters: following a hub (File ▸ Connect to agents…) and running the
// open scenario on real local processes (File ▸ Run on real agents).

#include <QProgressDialog>
#include <QStatusBar>

#include "comparison_window.h"
#include "connect_dialog.h"
#include "live_connection.h"
#include "main_window.h"
#include "simulation_backend.h"

namespace clusterscope::app {

bool MainWindow::connectToHub(const QString& target) {
  LiveBackend* live = nullptr;
  try {
    live = new LiveBackend(liveConnection(target.toStdString()), this);
  } catch (const std::exception& e) {
    showError(tr("Connect to agents"), tr("Cannot follow %1.").arg(target),
              QString::fromUtf8(e.what()), "connectErrorDialog");
    return false;
  }
  ConnectDialog::remember(target);
  stopLaunch();  // following another cluster: what this window launched goes
  showLive(live, tr("%1 — ClusterScope").arg(live->endpoint()));
  statusBar()->showMessage(tr("Following the cluster at %1").arg(live->endpoint()), 5000);
  return true;
}

void MainWindow::connectDialog() {
  ConnectDialog dialog(this);
  if (dialog.exec() == QDialog::Accepted && !dialog.target().isEmpty()) {
    connectToHub(dialog.target());
  }
}

void MainWindow::showLive(LiveBackend* live, const QString& title) {
  liveScenario_.reset();  // a run launched here has one; a cluster connected to has none
  LiveBackend* previous = live_;
  live_ = live;
  setBackend(live);
  setWindowTitle(title);
  if (previous) previous->deleteLater();
}

MainWindow::LiveRun MainWindow::startLiveRun(const engine::Scenario& scenario) {
  auto* launch = new LiveLaunch(scenario, this);
  launch->setNodeNamespaces(nodeNamespacesAction_ && nodeNamespacesAction_->isChecked());
  try {
    launch->start();
  } catch (const std::exception& e) {
    delete launch;
    showError(tr("Run on real agents"), tr("Cannot start the cluster's processes."),
              QString::fromUtf8(e.what()), "launchErrorDialog");
    return {};
  }
  try {
    auto* live = new LiveBackend(liveConnection(launch->connectionFile().toStdString()), this);
    live->setScenario(std::make_shared<const engine::Scenario>(scenario));
    return {launch, live};
  } catch (const std::exception& e) {
    delete launch;  // its processes go with it
    showError(tr("Run on real agents"), tr("Cannot follow the processes just started."),
              QString::fromUtf8(e.what()), "launchErrorDialog");
    return {};
  }
}

QProgressDialog* MainWindow::showLaunchProgress(LiveLaunch* launch, QWidget* parent) {
  // The start takes seconds (every process must report ready): say how far it is, and let the
  // user give up.
  const QString name = QString::fromStdString(launch->scenario().name);
  auto* progress = new QProgressDialog(tr("Starting the processes of %1…").arg(name), tr("Cancel"),
                                       0, 0, parent);
  progress->setObjectName("launchProgressDialog");
  progress->setWindowTitle(tr("Run on real agents"));
  progress->setMinimumDuration(0);
  progress->setAttribute(Qt::WA_DeleteOnClose);
  progress->setAutoReset(false);  // "3 of 3 ready" is not the end: traffic must start
  progress->setAutoClose(false);
  connect(launch, &LiveLaunch::progress, progress,
          [progress](int ready, int awaited, const QString& message) {
            progress->setMaximum(awaited);
            progress->setValue(ready);
            progress->setLabelText(message);
          });
  // Closing a QProgressDialog emits canceled(): only the user's Cancel may stop the launch.
  auto done = [progress] {
    QObject::disconnect(progress, &QProgressDialog::canceled, nullptr, nullptr);
    progress->close();
  };
  connect(launch, &LiveLaunch::started, progress, done);
  connect(launch, &LiveLaunch::stopped, progress, done);
  progress->show();
  return progress;
}

// What the launcher's timeline did, marked on the live cluster's charts like a user's action.
void MainWindow::followTimeline(LiveLaunch* launch, LiveBackend* live) {
  connect(launch, &LiveLaunch::timelineAction, live,
          [live](const model::Action& action, bool ok, const QString& error) {
            if (ok) {
              live->showAppliedAction(action);
            } else {
              emit live->actionRejected(action, error);
            }
          });
}

bool MainWindow::runOnRealAgents() {
  if (!session_ || !session_->backend()->hasScenario()) return false;
  stopLaunch();
  const engine::Scenario scenario = session_->backend()->scenario();
  const LiveRun run = startLiveRun(scenario);
  if (!run.launch) return false;
  LiveLaunch* launch = run.launch;
  LiveBackend* live = run.live;
  launch_ = launch;
  showLive(live, tr("%1 — real agents — ClusterScope").arg(QString::fromStdString(scenario.name)));
  liveScenario_ = scenario;
  launchProgress_ = showLaunchProgress(launch, this);
  connect(launchProgress_, &QProgressDialog::canceled, this, [this] {
    statusBar()->showMessage(tr("Launch cancelled: stopping its processes"), 5000);
    if (launch_) launch_->stop();
  });
  followTimeline(launch, live);
  connect(launch, &LiveLaunch::started, this, [this, live] {
    live->restartClock();  // cluster time 0: traffic starts, as in the simulation
    statusBar()->showMessage(tr("Every process is ready: traffic started"), 5000);
  });
  connect(launch, &LiveLaunch::processLost, this,
          [this](const QString& message) { statusBar()->showMessage(message, 5000); });
  connect(launch, &LiveLaunch::stopped, this, [this, live, launch](const QString& error) {
    if (live_ == live) live->finish();
    if (!error.isEmpty()) {
      showError(tr("Run on real agents"), tr("The run on real agents stopped."), error,
                "launchErrorDialog");
    } else {
      statusBar()->showMessage(tr("The run on real agents is over; its processes are gone"), 10000);
    }
    if (launch_ == launch) launch_ = nullptr;
    launch->deleteLater();
    updateMenus();
  });
  updateMenus();
  return true;
}

ComparisonWindow* MainWindow::compareWithRealAgents() {
  if (!session_ || !session_->backend()->hasScenario()) return nullptr;
  const engine::Scenario scenario = session_->backend()->scenario();
  const LiveRun run = startLiveRun(scenario);
  if (!run.launch) return nullptr;
  auto* sim = new SimulationBackend;
  auto* w = new ComparisonWindow(sim, tr("simulation"), run.live, tr("real agents"));
  run.launch->setParent(w);  // the window owns the processes: closing it stops them
  w->setAttribute(Qt::WA_DeleteOnClose);
  w->setMirrorActions(true);  // the model does what the real cluster is made to do
  w->setPresenterMode(presenter_);
  sim->load(scenario);
  sim->setSpeed(1.0);  // paced with the real cluster: one cluster second per second
  LiveBackend* live = run.live;
  followTimeline(run.launch, live);
  connect(run.launch, &LiveLaunch::started, w, [sim, live] {
    // Both clusters' time 0: the simulation starts as the real traffic does.
    live->restartClock();
    sim->start();
  });
  connect(run.launch, &LiveLaunch::stopped, w, [this, sim, live](const QString& error) {
    live->finish();
    sim->pause();
    if (!error.isEmpty()) {
      showError(tr("Simulation vs real agents"), tr("The run on real agents stopped."), error,
                "launchErrorDialog");
    }
  });
  QProgressDialog* progress = showLaunchProgress(run.launch, w);
  connect(progress, &QProgressDialog::canceled, w, &QWidget::close);
  w->show();
  return w;
}

void MainWindow::closeLaunchProgress() {
  if (!launchProgress_) return;
  // Closing a QProgressDialog emits canceled(): that is the user's Cancel only.
  disconnect(launchProgress_, &QProgressDialog::canceled, this, nullptr);
  launchProgress_->close();
}

void MainWindow::stopLaunch() {
  if (!launch_) return;
  LiveLaunch* launch = launch_;
  launch_ = nullptr;
  closeLaunchProgress();
  disconnect(launch, nullptr, this, nullptr);
  delete launch;  // kills and reaps every process it started, within milliseconds
  if (live_ && backend_ == live_) live_->finish();
}

bool MainWindow::liveSessionShown() const { return liveScenario_ && live_ && backend_ == live_; }

engine::Scenario MainWindow::liveSession() const {
  return engine::withActions(*liveScenario_, live_->userActions());
}

}  // namespace clusterscope::app
