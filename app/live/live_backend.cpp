#include "live_backend.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "live_monitor.h"
#include "service_theory.h"

namespace clusterscope::app {

namespace {

using model::ActionKind;

// What only a launcher can do: start and stop processes.
constexpr ActionKind kProcessActions[] = {
    ActionKind::KillReplica,    ActionKind::RestartReplica, ActionKind::CrashService,
    ActionKind::RestartService, ActionKind::FailNode,       ActionKind::RecoverNode,
    ActionKind::SetReplicas,    ActionKind::RollingUpdate,
};

// An instance id the hub accepts: "gui@HOST:PID", the host name cut to the id's alphabet.
std::string monitorInstance() {
  std::array<char, 256> host{};
  if (::gethostname(host.data(), host.size() - 1) != 0) host[0] = '\0';
  std::string name;
  for (const char* c = host.data(); *c && name.size() < 64; ++c) {
    const bool ok = std::isalnum(static_cast<unsigned char>(*c)) || *c == '-' || *c == '.';
    name += ok ? *c : '-';
  }
  return "gui@" + (name.empty() ? std::string("localhost") : name) + ":" +
         std::to_string(::getpid());
}

}  // namespace

LiveBackend::LiveBackend(agents::HubConnection connection, QObject* parent)
    : ClusterBackend(parent), connection_(std::move(connection)) {
  updateCapabilities();
  LiveMonitor::Options options;
  options.connection = connection_;
  options.instance = monitorInstance();
  // Every callback runs on the monitor's thread: each hands its data to this object's thread.
  LiveMonitor::Callbacks callbacks;
  callbacks.onLayout = [this](auto layout, auto description, bool reset) {
    QMetaObject::invokeMethod(
        this,
        [this, layout, description, reset] {
          layout_ = layout;
          description_ = description;
          if (scenario_ && description) {
            // The hub's plan carries the lesson in one language and without its questions.
            auto own = std::make_shared<model::ClusterDescription>(*description);
            own->lesson = scenario_->lesson;
            description_ = std::move(own);
          }
          if (reset) {
            snapshot_.reset();
            emit clusterReset(layout_, description_);
          } else {
            emit layoutChanged(layout_);
          }
          updateCapabilities();
        },
        Qt::QueuedConnection);
  };
  callbacks.onPlanScenario = [this](std::shared_ptr<const engine::Scenario> scenario,
                                    const std::string& trouble) {
    QMetaObject::invokeMethod(
        this,
        [this, scenario, why = QString::fromStdString(trouble)] {
          // A cluster followed with Connect: the launcher's scenario, as its plan carries it.
          if (!launchedScenario_) useScenario(scenario);
          if (!why.isEmpty()) emit problem(why);
        },
        Qt::QueuedConnection);
  };
  callbacks.onSnapshot = [this](std::shared_ptr<const model::ClusterSnapshot> snapshot) {
    QMetaObject::invokeMethod(
        this,
        [this, snapshot] {
          // A snapshot of another shape than the layout shown is in flight across a change.
          if (!layout_ || snapshot->deployments.size() != layout_->deployments.size()) return;
          auto s = std::make_shared<model::ClusterSnapshot>(*snapshot);
          if (description_ && description_->durationS > 0) {
            s->duration = static_cast<model::ClusterTime>(description_->durationS * 1e9);
          }
          lastTimeS_ = model::toSeconds(s->time);
          if (scenario_ && layout_->components.size() == s->components.size()) {
            s->theory = theory::predictComponents(*scenario_, *layout_,
                                                  theory::loadFromSnapshot(*layout_, *s));
          }
          snapshot_ = std::move(s);
          emit snapshotReady(snapshot_);
        },
        Qt::QueuedConnection);
  };
  callbacks.onSamples = [this](std::vector<model::ChartSample> samples) {
    QMetaObject::invokeMethod(
        this,
        [this, samples = std::move(samples)]() mutable {
          // The prediction in force at the last snapshot, a tenth of a second old at most.
          if (snapshot_ && !snapshot_->theory.empty()) {
            for (auto& sample : samples) {
              const std::size_t n = std::min(sample.components.size(), snapshot_->theory.size());
              for (std::size_t c = 0; c < n; ++c) {
                const model::ComponentTheory& t = snapshot_->theory[c];
                if (!t.applies()) continue;
                sample.components[c].theoryMeanMs = static_cast<float>(t.meanResponseMs);
                sample.components[c].theoryUtilization = static_cast<float>(t.utilization);
              }
            }
          }
          emit samplesReady(QVector<model::ChartSample>(samples.begin(), samples.end()));
        },
        Qt::QueuedConnection);
  };
  callbacks.onConnection = [this](bool reachable, const std::string& why) {
    QMetaObject::invokeMethod(
        this,
        [this, reachable, why = QString::fromStdString(why)] {
          if (finished_) return;  // the end of a launched run is not a lost hub
          reachable_ = reachable;
          setState(reachable ? RunState::Running : (layout_ ? RunState::Paused : RunState::Empty));
          if (!why.isEmpty()) emit problem(why);
        },
        Qt::QueuedConnection);
  };
  callbacks.onQuestions = [this](std::vector<model::QuestionOutcome> outcomes) {
    QMetaObject::invokeMethod(
        this,
        [this, outcomes = std::move(outcomes)] {
          for (const model::QuestionOutcome& o : outcomes) emit questionSettled(o.step, o);
        },
        Qt::QueuedConnection);
  };
  callbacks.onBroker = [this](bool broker) {
    QMetaObject::invokeMethod(
        this,
        [this, broker] {
          broker_ = broker;
          updateCapabilities();
        },
        Qt::QueuedConnection);
  };
  callbacks.onLauncher = [this](bool launcher) {
    QMetaObject::invokeMethod(
        this,
        [this, launcher] {
          launcher_ = launcher;
          updateCapabilities();
        },
        Qt::QueuedConnection);
  };
  monitor_ = std::make_unique<LiveMonitor>(std::move(options), std::move(callbacks));
}

LiveBackend::~LiveBackend() = default;

void LiveBackend::setScenario(std::shared_ptr<const engine::Scenario> scenario) {
  launchedScenario_ = scenario != nullptr;
  useScenario(std::move(scenario));
}

void LiveBackend::useScenario(std::shared_ptr<const engine::Scenario> scenario) {
  scenario_ = std::move(scenario);
  const bool asks = scenario_ && std::any_of(scenario_->lesson.begin(), scenario_->lesson.end(),
                                             [](const auto& step) { return step.question; });
  monitor_->askQuestions(asks ? scenario_ : nullptr);
  questions_ = asks;
  updateCapabilities();
}  // the monitor's thread stops first; queued calls die

QString LiveBackend::endpoint() const { return QString::fromStdString(connection_.endpoint); }

void LiveBackend::restartClock() {
  if (monitor_) monitor_->restartClock();
  lastTimeS_ = 0.0;
}

void LiveBackend::showAppliedAction(const model::Action& action) {
  emit actionApplied(lastTimeS_, action, QString::fromStdString(model::describeAction(action)));
}

void LiveBackend::finish() {
  if (finished_) return;
  finished_ = true;
  monitor_.reset();  // joins the monitor's thread: nothing more comes from the hub
  reachable_ = false;
  setState(RunState::Finished);
  updateCapabilities();
}

void LiveBackend::setState(RunState state) {
  if (state == state_) return;
  state_ = state;
  emit runStateChanged(state);
}

void LiveBackend::updateCapabilities() {
  model::ClusterCapabilities c;  // no pause, step, reset or speed: the wall clock runs
  c.timeLimit = description_ && description_->durationS > 0;
  c.questions = questions_;
  if (finished_) {
    for (int k = 0; k < model::kActionKindCount; ++k) {
      c.refuse(static_cast<ActionKind>(k),
               tr("this run has ended: its processes are gone").toStdString());
    }
  } else if (!connection_.curve()) {
    // A hub without keys takes no command (docs/protocol.md, "Security").
    for (int k = 0; k < model::kActionKindCount; ++k) {
      c.refuse(static_cast<ActionKind>(k),
               tr("this hub runs without keys: it can be watched, not changed").toStdString());
    }
  } else if (!launcher_) {
    for (ActionKind k : kProcessActions) {
      c.refuse(k, tr("no launcher in this cluster: only the launcher that started its processes "
                     "can start or stop them")
                      .toStdString());
    }
  }
  if (!finished_ && connection_.curve() && !broker_) {
    // Agents would send asynchronous calls to no one: say so before, not after.
    const std::string why = tr("no broker in this cluster: asynchronous calls need one (a "
                               "scenario with an asynchronous call or a broker section starts one)")
                                .toStdString();
    for (ActionKind k :
         {ActionKind::SetCallMode, ActionKind::BrokerOutage, ActionKind::BrokerRecover}) {
      c.refuse(k, why);
    }
  }
  c.refuse(ActionKind::SetAutoscaler, tr("a live cluster has no autoscaler").toStdString());
  if (c == capabilities_) return;
  capabilities_ = c;
  emit capabilitiesChanged(capabilities_);
}

void LiveBackend::applyAction(const model::Action& action) {
  if (!monitor_ || !capabilities_.supports(action.kind)) {
    emit actionRejected(action, QString::fromStdString(capabilities_.whyNot(action.kind)));
    return;
  }
  agents::protocol::Command command;
  command.what = action;
  monitor_->command(std::move(command), [this, action](const agents::protocol::CommandResult& r,
                                                       double atS) {
    QMetaObject::invokeMethod(
        this,
        [this, action, ok = r.ok, error = QString::fromStdString(r.error), atS] {
          if (ok) {
            userActions_.push_back(model::TimelineEntry{atS, action});
            emit actionApplied(atS, action, QString::fromStdString(model::describeAction(action)));
          } else {
            emit actionRejected(action, error);
          }
        },
        Qt::QueuedConnection);
  });
}

}  // namespace clusterscope::app
