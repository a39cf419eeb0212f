#include "control_bar.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <cmath>

namespace clusterscope::app {

using model::Action;
using model::ActionKind;

namespace {

QString speedLabel(double s) {
  if (s <= 0.0) return QObject::tr("max");
  return QString("%1×").arg(s, 0, 'g', 3);
}

QString clockText(double t, double end) {
  auto mmss = [](double s) {
    const int total = static_cast<int>(s);
    return QString("%1:%2").arg(total / 60).arg(total % 60, 2, 10, QChar('0'));
  };
  return QString(" %1 / %2 ").arg(mmss(t), mmss(end));
}

}  // namespace

const std::vector<double>& ControlBar::speeds() {
  static const std::vector<double> s = {0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 0};
  return s;
}

ControlBar::ControlBar(QWidget* parent) : QToolBar(tr("Controls"), parent) {
  setObjectName("controlBar");
  run_ = addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Run"), this,
                   &ControlBar::toggleRun);
  run_->setToolTip(tr("Run / pause (Space)"));
  step_ = addAction(style()->standardIcon(QStyle::SP_MediaSkipForward), tr("Step"), this, [this] {
    if (backend_) backend_->step();
  });
  step_->setToolTip(tr("Advance one metrics interval"));
  reset_ = addAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("Reset"), this, [this] {
    if (backend_) backend_->reset();
  });
  reset_->setToolTip(tr("Back to time 0, paused"));
  clock_ = new QLabel(clockText(0, 0), this);
  clock_->setObjectName("clock");
  addWidget(clock_);

  addSeparator();
  addWidget(new QLabel(tr(" Speed "), this));
  speed_ = new QComboBox(this);
  speed_->setObjectName("speed");
  for (double s : speeds()) speed_->addItem(speedLabel(s), s);
  speed_->setToolTip(tr("Cluster seconds per real second (+ / -)"));
  connect(speed_, &QComboBox::currentIndexChanged, this, &ControlBar::setSpeedIndex);
  addWidget(speed_);

  addSeparator();
  addWidget(new QLabel(tr(" Load "), this));
  rate_ = new QSlider(Qt::Horizontal, this);
  rate_->setObjectName("arrivalRate");
  rate_->setRange(0, 400);  // percent of the scenario's rate
  rate_->setFixedWidth(140);
  rate_->setToolTip(tr("Arrival rate, as a share of the scenario's"));
  rateLabel_ = new QLabel(this);
  rateLabel_->setMinimumWidth(80);
  connect(rate_, &QSlider::valueChanged, this, [this](int percent) {
    const double rps = baseRate_ * percent / 100.0;
    rateLabel_->setText(tr(" %1 rps").arg(rps, 0, 'f', 0));
    if (syncingControls_) return;
    Action a;
    a.kind = ActionKind::SetArrivalRate;
    a.rate = rps;
    send(a);
  });
  rate_->setTracking(false);  // one action when released, not one per pixel
  addWidget(rate_);
  addWidget(rateLabel_);

  addSeparator();
  async_ = addAction(tr("All async"));
  async_->setCheckable(true);
  async_->setToolTip(
      tr("Switch every call between services to asynchronous (on) or synchronous (off)"));
  connect(async_, &QAction::triggered, this, [this](bool on) {
    Action a;
    a.kind = ActionKind::SetCallMode;
    a.mode = on ? model::CallMode::Async : model::CallMode::Sync;
    send(a);
  });

  addSeparator();
  kill_ = addAction(tr("Kill replica"), this, [this] {
    const int d = selectedDeployment();
    if (d < 0 || !snapshot_) return;
    int replica = selection_.kind == Selection::Kind::Replica ? selection_.replica : -1;
    if (replica < 0) {
      // The service is selected: kill its first ready replica.
      for (const auto& r : snapshot_->deployments[d].replicas) {
        if (r.state == model::ReplicaState::Ready) {
          replica = r.index;
          break;
        }
      }
    }
    if (replica < 0) return;
    Action a;
    a.kind = ActionKind::KillReplica;
    a.service = layout_->deployments[d].name;
    a.replica = replica;
    send(a);
  });
  slow_ = addAction(tr("Slow ×5"));
  slow_->setCheckable(true);
  connect(slow_, &QAction::triggered, this, [this](bool on) {
    const int d = selectedDeployment();
    if (d < 0) return;
    Action a;
    a.kind = ActionKind::SlowService;
    a.service = layout_->deployments[d].name;
    a.factor = on ? 5.0 : 1.0;
    send(a);
  });
  errors_ = addAction(tr("Errors 20 %"));
  errors_->setCheckable(true);
  connect(errors_, &QAction::triggered, this, [this](bool on) {
    const int d = selectedDeployment();
    if (d < 0) return;
    Action a;
    a.kind = ActionKind::SetErrorRate;
    a.service = layout_->deployments[d].name;
    a.rate = on ? 0.2 : 0.0;
    send(a);
  });
  failNode_ = addAction(tr("Fail node"), this, [this] {
    const int n = selectedNode();
    if (n < 0 || !snapshot_) return;
    Action a;
    a.kind = snapshot_->nodes[n].up ? ActionKind::FailNode : ActionKind::RecoverNode;
    a.node = layout_->nodes[n].name;
    send(a);
  });

  addSeparator();
  auto resilience = [this](const QString& text, auto field) {
    QAction* act = addAction(text);
    act->setCheckable(true);
    act->setChecked(true);
    connect(act, &QAction::triggered, this, [this, field](bool on) {
      Action a;
      a.kind = ActionKind::SetResilience;
      a.*field = on;
      send(a);
    });
    return act;
  };
  timeouts_ = resilience(tr("Timeouts"), &Action::timeouts);
  retries_ = resilience(tr("Retries"), &Action::retries);
  breakers_ = resilience(tr("Breakers"), &Action::circuitBreaker);
  autoscaler_ = addAction(tr("Autoscaler"));
  autoscaler_->setCheckable(true);
  connect(autoscaler_, &QAction::triggered, this, [this](bool on) {
    Action a;
    a.kind = ActionKind::SetAutoscaler;
    a.enabled = on;
    send(a);
  });
  updateFailureButtons();
}

void ControlBar::setBackend(ClusterBackend* backend) {
  if (backend_) disconnect(backend_, nullptr, this, nullptr);
  backend_ = backend;
  connect(backend_, &ClusterBackend::layoutChanged, this, &ControlBar::onLayout);
  connect(backend_, &ClusterBackend::snapshotReady, this, &ControlBar::onSnapshot);
  connect(backend_, &ClusterBackend::runStateChanged, this, &ControlBar::onRunState);
  connect(backend_, &ClusterBackend::speedChanged, this, &ControlBar::showSpeed);
  onRunState(backend_->runState());
  showSpeed(backend_->speed());
  if (backend_->layout()) onLayout(backend_->layout());
}

void ControlBar::onLayout(std::shared_ptr<const model::ClusterLayout> layout) {
  layout_ = std::move(layout);
  snapshot_.reset();
  selection_ = {};
  const auto& w = backend_->scenario().workload;
  baseRate_ = w.rateRps;
  syncingControls_ = true;
  rate_->setEnabled(w.arrival != engine::ArrivalKind::Closed && baseRate_ > 0);
  rate_->setValue(100);
  rateLabel_->setText(tr(" %1 rps").arg(baseRate_, 0, 'f', 0));
  bool anyAutoscaled = false;
  for (const auto& d : layout_->deployments) anyAutoscaled = anyAutoscaled || d.autoscaled;
  autoscaler_->setEnabled(anyAutoscaled);
  autoscaler_->setChecked(anyAutoscaled);
  syncingControls_ = false;
  updateFailureButtons();
}

void ControlBar::onSnapshot(std::shared_ptr<const model::ClusterSnapshot> snapshot) {
  snapshot_ = std::move(snapshot);
  clock_->setText(
      clockText(model::toSeconds(snapshot_->time), model::toSeconds(snapshot_->duration)));
  // Reflect the cluster's switches, whoever changed them (the timeline, a menu, this bar).
  syncingControls_ = true;
  timeouts_->setChecked(snapshot_->timeoutsOn);
  retries_->setChecked(snapshot_->retriesOn);
  breakers_->setChecked(snapshot_->circuitBreakersOn);
  bool allAsync = !snapshot_->edges.empty();
  for (std::size_t e = 0; e < snapshot_->edges.size(); ++e) {
    if (!layout_->edges[e].inProcess && snapshot_->edges[e].mode == model::CallMode::Sync) {
      allAsync = false;
    }
  }
  async_->setChecked(allAsync);
  syncingControls_ = false;
  updateFailureButtons();
}

void ControlBar::onRunState(RunState state) {
  const bool running = state == RunState::Running;
  run_->setText(running ? tr("Pause") : tr("Run"));
  run_->setIcon(style()->standardIcon(running ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
  const bool loaded = state != RunState::Empty;
  run_->setEnabled(loaded && state != RunState::Finished);
  step_->setEnabled(loaded && state != RunState::Finished);
  reset_->setEnabled(loaded);
}

void ControlBar::toggleRun() {
  if (!backend_) return;
  if (backend_->runState() == RunState::Running) {
    backend_->pause();
  } else {
    backend_->start();
  }
}

void ControlBar::setSpeedIndex(int index) {
  if (index < 0 || !backend_ || syncingControls_) return;
  backend_->setSpeed(speed_->itemData(index).toDouble());
}

double ControlBar::nearestSpeed(double factor) {
  if (factor <= 0) return 0;
  double best = speeds().front();
  for (double s : speeds()) {
    if (s > 0 && std::abs(std::log(s / factor)) < std::abs(std::log(best / factor))) best = s;
  }
  return best;
}

void ControlBar::showSpeed(double factor) {
  const auto& all = speeds();
  const auto it = std::find(all.begin(), all.end(), nearestSpeed(factor));
  syncingControls_ = true;
  speed_->setCurrentIndex(static_cast<int>(it - all.begin()));
  syncingControls_ = false;
}

void ControlBar::faster() {
  speed_->setCurrentIndex(std::min(speed_->currentIndex() + 1, speed_->count() - 1));
}

void ControlBar::slower() { speed_->setCurrentIndex(std::max(speed_->currentIndex() - 1, 0)); }

void ControlBar::setSelection(const Selection& selection) {
  selection_ = selection;
  updateFailureButtons();
}

int ControlBar::selectedDeployment() const {
  if (!layout_) return -1;
  switch (selection_.kind) {
    case Selection::Kind::Deployment:
    case Selection::Kind::Replica:
      return selection_.index;
    case Selection::Kind::Component:
      return layout_->components[selection_.index].deployment;
    default:
      return -1;
  }
}

int ControlBar::selectedNode() const {
  if (!snapshot_) return -1;
  if (selection_.kind == Selection::Kind::Node) return selection_.index;
  if (selection_.kind == Selection::Kind::Replica) {
    for (const auto& r : snapshot_->deployments[selection_.index].replicas) {
      if (r.index == selection_.replica) return r.node;
    }
  }
  return -1;
}

void ControlBar::updateFailureButtons() {
  const int d = selectedDeployment();
  const QString name = d >= 0 ? QString::fromStdString(layout_->deployments[d].name) : QString();
  const QString hint = tr("Select a service or a replica in the topology first");
  kill_->setEnabled(d >= 0);
  slow_->setEnabled(d >= 0);
  errors_->setEnabled(d >= 0);
  kill_->setToolTip(d >= 0 ? tr("Kill a replica of %1").arg(name) : hint);
  slow_->setToolTip(d >= 0 ? tr("Make %1 five times slower").arg(name) : hint);
  errors_->setToolTip(d >= 0 ? tr("Make 20 % of %1's requests fail").arg(name) : hint);
  if (snapshot_ && d >= 0) {
    syncingControls_ = true;
    bool slow = false;
    for (const auto& r : snapshot_->deployments[d].replicas) slow = slow || r.slowFactor > 1.0;
    slow_->setChecked(slow);
    double errors = 0.0;
    for (int c : layout_->deployments[d].components)
      errors = std::max(errors, snapshot_->components[c].errorRate);
    errors_->setChecked(errors > 0.0);
    syncingControls_ = false;
  }
  const int n = selectedNode();
  failNode_->setEnabled(n >= 0);
  failNode_->setText(n >= 0 && snapshot_ && !snapshot_->nodes[n].up ? tr("Recover node")
                                                                    : tr("Fail node"));
  failNode_->setToolTip(n >= 0 ? tr("Node %1").arg(QString::fromStdString(layout_->nodes[n].name))
                               : tr("Select a node (or a replica on it) first"));
}

void ControlBar::send(const Action& action) {
  if (backend_ && !syncingControls_) backend_->applyAction(action);
}

}  // namespace clusterscope::app
