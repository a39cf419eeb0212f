#include "control_bar.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <algorithm>
#include <cmath>

#include "action_catalog.h"

namespace clusterscope::app {

using model::Action;
using model::ActionKind;
using C = ActionCatalog;

namespace {

QString speedLabel(double s) {
  if (s <= 0.0) return QObject::tr("max");
  return QString("%1×").arg(s, 0, 'g', 3);
}

// "1:05 / 10:00", or "1:05" for a cluster with no planned end (end <= 0).
QString clockText(double t, double end) {
  auto mmss = [](double s) {
    const int total = static_cast<int>(s);
    return QString("%1:%2").arg(total / 60).arg(total % 60, 2, 10, QChar('0'));
  };
  return end > 0 ? QString(" %1 / %2 ").arg(mmss(t), mmss(end)) : QString(" %1 ").arg(mmss(t));
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
  speedLabel_ = addWidget(new QLabel(tr(" Speed "), this));
  speed_ = new QComboBox(this);
  speed_->setObjectName("speed");
  for (double s : speeds()) speed_->addItem(speedLabel(s), s);
  speed_->setToolTip(tr("Cluster seconds per real second (+ / -)"));
  connect(speed_, &QComboBox::currentIndexChanged, this, &ControlBar::setSpeedIndex);
  speedBox_ = addWidget(speed_);

  addSeparator();
  addWidget(new QLabel(tr(" Load "), this));
  rate_ = new QSlider(Qt::Horizontal, this);
  rate_->setObjectName("arrivalRate");
  rate_->setRange(0, 400);  // percent of the scenario's rate
  rate_->setFixedWidth(140);
  rate_->setToolTip(tr("Arrival rate, as a share of the scenario's"));
  rateLabel_ = new QLabel(this);
  rateLabel_->setObjectName("arrivalRateLabel");
  rateLabel_->setMinimumWidth(80);
  connect(rate_, &QSlider::valueChanged, this, [this](int percent) {
    const double rps = baseRate_ * percent / 100.0;
    rateLabel_->setText(tr(" %1 rps").arg(rps, 0, 'f', 0));
    if (syncingControls_) return;
    send(C::arrivalRate(rps).action);
  });
  rate_->setTracking(false);  // one action when released, not one per pixel
  addWidget(rate_);
  addWidget(rateLabel_);

  addSeparator();
  async_ = addAction(tr("All async"));
  async_->setCheckable(true);
  connect(async_, &QAction::triggered, this, [this](bool on) {
    send(C::callMode({}, {}, on ? model::CallMode::Async : model::CallMode::Sync).action);
  });

  addSeparator();
  kill_ = addAction(tr("Kill replica"), this, [this] {
    const int d = selectedDeployment();
    if (d < 0 || !snapshot_ || d >= static_cast<int>(snapshot_->deployments.size())) return;
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
    if (replica >= 0) send(C::killReplica(layout_->deployments[d].name, replica).action);
  });
  slow_ = addAction(C::slowService({}).text);
  slow_->setCheckable(true);
  connect(slow_, &QAction::triggered, this, [this](bool on) {
    const int d = selectedDeployment();
    if (d < 0) return;
    const std::string& name = layout_->deployments[d].name;
    send((on ? C::slowService(name) : C::normalService(name)).action);
  });
  errors_ = addAction(C::errorRate({}, C::kErrorRates.front()).text);
  errors_->setCheckable(true);
  connect(errors_, &QAction::triggered, this, [this](bool on) {
    const int d = selectedDeployment();
    if (d < 0) return;
    send(C::errorRate(layout_->deployments[d].name, on ? C::kErrorRates.front() : 0.0).action);
  });
  failNode_ = addAction(tr("Fail node"), this, [this] {
    const int n = selectedNode();
    if (n < 0 || !snapshot_) return;
    const std::string& name = layout_->nodes[n].name;
    send((snapshot_->nodes[n].up ? C::failNode(name) : C::recoverNode(name)).action);
  });

  addSeparator();
  auto resilience = [this](C::Resilience which) {
    QAction* act = addAction(C::resilience(which, true).text);
    act->setCheckable(true);
    act->setChecked(true);
    connect(act, &QAction::triggered, this,
            [this, which](bool on) { send(C::resilience(which, on).action); });
    return act;
  };
  timeouts_ = resilience(C::Resilience::Timeouts);
  retries_ = resilience(C::Resilience::Retries);
  breakers_ = resilience(C::Resilience::CircuitBreakers);
  autoscaler_ = addAction(C::autoscaler({}, true).text);
  autoscaler_->setCheckable(true);
  connect(autoscaler_, &QAction::triggered, this,
          [this](bool on) { send(C::autoscaler({}, on).action); });
  applyCapabilities({});
}

void ControlBar::setBackend(ClusterBackend* backend) {
  if (backend_) disconnect(backend_, nullptr, this, nullptr);
  backend_ = backend;
  layout_.reset();
  snapshot_.reset();
  selection_ = {};
  baseRate_ = 0.0;
  if (!backend_) {
    onRunState(RunState::Empty);
    applyCapabilities({});
    return;
  }
  connect(backend_, &ClusterBackend::clusterReset, this, &ControlBar::onReset);
  connect(backend_, &ClusterBackend::layoutChanged, this, &ControlBar::onLayout);
  connect(backend_, &ClusterBackend::snapshotReady, this, &ControlBar::onSnapshot);
  connect(backend_, &ClusterBackend::runStateChanged, this, &ControlBar::onRunState);
  connect(backend_, &ClusterBackend::speedChanged, this, &ControlBar::showSpeed);
  connect(backend_, &ClusterBackend::capabilitiesChanged, this, &ControlBar::applyCapabilities);
  connect(backend_, &QObject::destroyed, this, [this] { setBackend(nullptr); });
  onRunState(backend_->runState());
  showSpeed(backend_->speed());
  if (backend_->layout()) onReset(backend_->layout(), backend_->description());
  if (backend_->lastSnapshot()) onSnapshot(backend_->lastSnapshot());
  applyCapabilities(backend_->capabilities());
}

void ControlBar::applyCapabilities(const model::ClusterCapabilities& capabilities) {
  capabilities_ = capabilities;
  // Run controls a cluster does not have are hidden: a live cluster runs on the wall clock.
  run_->setVisible(capabilities.pause);
  step_->setVisible(capabilities.step);
  reset_->setVisible(capabilities.reset);
  speedLabel_->setVisible(capabilities.speed);
  speedBox_->setVisible(capabilities.speed);
  syncingControls_ = true;
  enableLever(async_, ActionKind::SetCallMode, layout_ && !layout_->edges.empty(),
              tr("Switch every call between services to asynchronous (on) or synchronous (off)"));
  for (QAction* a : {timeouts_, retries_, breakers_}) {
    enableLever(a, ActionKind::SetResilience, true, tr("Switch this resilience policy on or off"));
  }
  syncingControls_ = false;
  onRunState(backend_ ? backend_->runState() : RunState::Empty);
  updateFailureButtons();
}

void ControlBar::enableLever(QAction* action, ActionKind kind, bool possible, const QString& tip) {
  const bool supported = capabilities_.supports(kind);
  action->setEnabled(possible && supported);
  action->setToolTip(supported ? tip : QString::fromStdString(capabilities_.whyNot(kind)));
}

void ControlBar::onReset(std::shared_ptr<const model::ClusterLayout> layout,
                         std::shared_ptr<const model::ClusterDescription> description) {
  selection_ = {};
  baseRate_ = description ? description->nominalRateRps : 0.0;
  syncingControls_ = true;
  rate_->setValue(100);
  rateLabel_->setText(tr(" %1 rps").arg(baseRate_, 0, 'f', 0));
  syncingControls_ = false;
  onLayout(std::move(layout));
}

void ControlBar::onLayout(std::shared_ptr<const model::ClusterLayout> layout) {
  layout_ = std::move(layout);
  snapshot_.reset();
  syncingControls_ = true;
  const bool openLoad = baseRate_ > 0;
  rate_->setEnabled(openLoad && capabilities_.supports(ActionKind::SetArrivalRate));
  rate_->setToolTip(!openLoad ? tr("This cluster's load has no arrival rate to scale")
                    : capabilities_.supports(ActionKind::SetArrivalRate)
                        ? tr("Arrival rate, as a share of the scenario's")
                        : QString::fromStdString(capabilities_.whyNot(ActionKind::SetArrivalRate)));
  bool anyAutoscaled = false;
  if (layout_) {
    for (const auto& d : layout_->deployments) anyAutoscaled = anyAutoscaled || d.autoscaled;
  }
  enableLever(autoscaler_, ActionKind::SetAutoscaler, anyAutoscaled,
              anyAutoscaled ? tr("Switch the autoscaler of every autoscaled service")
                            : tr("No service of this cluster is autoscaled"));
  autoscaler_->setChecked(anyAutoscaled);
  enableLever(async_, ActionKind::SetCallMode, layout_ && !layout_->edges.empty(),
              tr("Switch every call between services to asynchronous (on) or synchronous (off)"));
  syncingControls_ = false;
  updateFailureButtons();
}

void ControlBar::onSnapshot(std::shared_ptr<const model::ClusterSnapshot> snapshot) {
  snapshot_ = std::move(snapshot);
  clock_->setText(clockText(model::toSeconds(snapshot_->time),
                            capabilities_.timeLimit ? model::toSeconds(snapshot_->duration) : 0));
  // Reflect the cluster's switches, whoever changed them (the timeline, a menu, this bar).
  syncingControls_ = true;
  timeouts_->setChecked(snapshot_->timeoutsOn);
  retries_->setChecked(snapshot_->retriesOn);
  breakers_->setChecked(snapshot_->circuitBreakersOn);
  bool allAsync = !snapshot_->edges.empty();
  const bool matches = layout_ && layout_->edges.size() == snapshot_->edges.size();
  for (std::size_t e = 0; matches && e < snapshot_->edges.size(); ++e) {
    if (!layout_->edges[e].inProcess && snapshot_->edges[e].mode == model::CallMode::Sync) {
      allAsync = false;
    }
  }
  async_->setChecked(allAsync);
  // The load as it is now: the workload's rate stages, the timeline and other windows move it
  // too. Not while the user holds the slider.
  if (baseRate_ > 0 && !rate_->isSliderDown()) {
    const double rps = std::max(0.0, snapshot_->arrivalRateRps);
    const auto percent = std::lround(rps / baseRate_ * 100.0);
    rate_->setValue(static_cast<int>(std::clamp<long>(percent, 0, rate_->maximum())));
    rateLabel_->setText(tr(" %1 rps").arg(rps, 0, 'f', 0));
  }
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
  if (!backend_ || !capabilities_.pause) return;
  if (backend_->runState() == RunState::Running) {
    backend_->pause();
  } else {
    backend_->start();
  }
}

void ControlBar::setSpeedIndex(int index) {
  if (index < 0 || !backend_ || syncingControls_ || !capabilities_.speed) return;
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
  return layout_ ? app::selectedDeployment(resolve(selection_, *layout_), *layout_) : -1;
}

int ControlBar::selectedNode() const {
  if (!layout_ || !snapshot_) return -1;
  const LayoutTarget t = resolve(selection_, *layout_);
  if (t.kind == Selection::Kind::Node && t.index < static_cast<int>(snapshot_->nodes.size())) {
    return t.index;
  }
  if (t.kind == Selection::Kind::Replica &&
      t.index < static_cast<int>(snapshot_->deployments.size())) {
    for (const auto& r : snapshot_->deployments[t.index].replicas) {
      if (r.index == t.replica && r.node >= 0 &&
          r.node < static_cast<int>(std::min(layout_->nodes.size(), snapshot_->nodes.size()))) {
        return r.node;
      }
    }
  }
  return -1;
}

void ControlBar::updateFailureButtons() {
  const int d = selectedDeployment();
  const QString name = d >= 0 ? QString::fromStdString(layout_->deployments[d].name) : QString();
  const QString hint = tr("Select a service or a replica in the topology first");
  enableLever(kill_, ActionKind::KillReplica, d >= 0,
              d >= 0 ? tr("Kill a replica of %1").arg(name) : hint);
  enableLever(slow_, ActionKind::SlowService, d >= 0,
              d >= 0 ? tr("Make %1 %2 times slower").arg(name).arg(C::kSlowFactor) : hint);
  enableLever(
      errors_, ActionKind::SetErrorRate, d >= 0,
      d >= 0 ? tr("Make %1 % of %2's requests fail").arg(C::kErrorRates.front() * 100).arg(name)
             : hint);
  const bool matches = snapshot_ && d >= 0 && d < static_cast<int>(snapshot_->deployments.size());
  if (matches) {
    syncingControls_ = true;
    bool slow = false;
    for (const auto& r : snapshot_->deployments[d].replicas) slow = slow || r.slowFactor > 1.0;
    slow_->setChecked(slow);
    double errors = 0.0;
    for (int c : layout_->deployments[d].components) {
      if (c < static_cast<int>(snapshot_->components.size())) {
        errors = std::max(errors, snapshot_->components[c].errorRate);
      }
    }
    errors_->setChecked(errors > 0.0);
    syncingControls_ = false;
  }
  const int n = selectedNode();
  const bool down = n >= 0 && !snapshot_->nodes[n].up;
  failNode_->setText(down ? tr("Recover node") : tr("Fail node"));
  enableLever(failNode_, down ? ActionKind::RecoverNode : ActionKind::FailNode, n >= 0,
              n >= 0 ? tr("Node %1").arg(QString::fromStdString(layout_->nodes[n].name))
                     : tr("Select a node (or a replica on it) first"));
}

void ControlBar::send(const Action& action) {
  if (backend_ && !syncingControls_) backend_->applyAction(action);
}

}  // namespace clusterscope::app
