#include "simulation_runner.h"

#include <QCoreApplication>
#include <cmath>

#include "interval_sample.h"
#include "run_cost.h"
#include "service_theory.h"
#include "summary_json.h"

namespace clusterscope::app {

namespace {

constexpr int kTickMs = 15;                        // how often the runner wakes up
constexpr qint64 kBudgetNs = 10'000'000;           // engine time per tick: the rest is free
constexpr qint64 kSnapshotEveryNs = 33'000'000;    // ~30 snapshots per second at most
constexpr std::uint64_t kEventsPerSlice = 20'000;  // between two looks at the clock
// Chart samples published but not yet taken by the GUI thread. Past this the engine waits:
// with a 1 ms interval at full speed it closes intervals faster than the charts can take
// them, and the queued signals once grew by gigabytes a minute.
constexpr qsizetype kMaxSamplesInFlight = 20'000;

}  // namespace

SimulationRunner::SimulationRunner(QObject* parent) : QObject(parent), timer_(new QTimer(this)) {
  timer_->setInterval(kTickMs);
  connect(timer_, &QTimer::timeout, this, &SimulationRunner::tick);
  clock_.start();
}

SimulationRunner::~SimulationRunner() = default;

void SimulationRunner::load(std::shared_ptr<const engine::Scenario> scenario) {
  try {
    auto sim = std::make_unique<engine::Simulation>(*scenario);
    auto summary =
        std::make_unique<engine::SummaryCollector>(engine::secondsToSim(scenario->warmupS));
    auto questions = std::make_unique<engine::QuestionTracker>(*scenario);
    sim->addObserver(this);
    sim->addObserver(summary.get());
    sim->addObserver(questions.get());
    sim_ = std::move(sim);
    summary_ = std::move(summary);
    questions_ = std::move(questions);
    scenario_ = std::move(scenario);
  } catch (const std::exception& e) {
    // The loader has checked the file; if the engine still refuses, keep what was running.
    emit loadFailed(QString::fromStdString(e.what()));
    return;
  }
  timer_->stop();  // only now: a refused scenario leaves the old run going
  stepTarget_ = -1;
  pending_.clear();
  emit loaded(scenario_, std::make_shared<const model::ClusterLayout>(sim_->layout()));
  if (const std::string warning = engine::runCostWarning(*scenario_); !warning.empty()) {
    emit costWarning(QString::fromStdString(warning));
  }
  setState(RunState::Paused);
  publish(true);
}

void SimulationRunner::start() {
  if (!sim_ || sim_->finished()) return;
  stepTarget_ = -1;
  reanchor();
  timer_->start();
  setState(RunState::Running);
}

void SimulationRunner::pause() {
  timer_->stop();
  stepTarget_ = -1;
  if (state_ == RunState::Running) setState(RunState::Paused);
  publish(true);
}

void SimulationRunner::step() {
  if (!sim_ || sim_->finished()) return;
  const engine::SimTime interval =
      std::max<engine::SimTime>(1, engine::secondsToSim(scenario_->intervalS));
  stepTarget_ = (sim_->now() / interval + 1) * interval;
  // The tick runs the step in slices like any run: a long interval of a busy cluster never
  // holds this thread for more than one slice.
  timer_->start();
  setState(RunState::Running);
  tick();
}

void SimulationRunner::setSpeed(double factor) {
  speed_ = std::max(0.0, factor);
  reanchor();
}

void SimulationRunner::applyAction(const model::Action& action) {
  if (!sim_) {
    emit actionRejected(action, tr("No scenario is loaded."));
    return;
  }
  applyingUserAction_ = true;
  const std::string error = sim_->applyAction(action);
  applyingUserAction_ = false;
  if (!error.empty()) emit actionRejected(action, QString::fromStdString(error));
  publish(true);
}

void SimulationRunner::reset() {
  if (scenario_) load(scenario_);
}

void SimulationRunner::shutdown() {
  timer_->stop();
  sim_.reset();
  summary_.reset();
  questions_.reset();
}

QString SimulationRunner::summaryJson() const {
  if (!sim_) return {};
  engine::RunSummary s = summary_->summary();
  s.scenario = scenario_->name;
  s.seed = scenario_->seed;
  s.events = sim_->eventsProcessed();
  // The lesson's questions as `clusterscope-cli run` reports them.
  if (questions_) s.questions = questions_->results();
  return QString::fromStdString(engine::summaryToJson(s, false));
}

void SimulationRunner::reanchor() {
  anchorWallNs_ = clock_.nsecsElapsed();
  anchorSim_ = sim_ ? sim_->now() : 0;
}

void SimulationRunner::tick() {
  if (!sim_) return;
  const qint64 started = clock_.nsecsElapsed();
  auto budgetLeft = [&] {
    return clock_.nsecsElapsed() - started < kBudgetNs &&
           *samplesInFlight_ + pending_.size() < kMaxSamplesInFlight;
  };
  bool stepDone = false;
  if (stepTarget_ >= 0) {
    while (!stepDone && budgetLeft()) stepDone = sim_->runUntil(stepTarget_, kEventsPerSlice);
    if (stepDone) {
      stepTarget_ = -1;
      timer_->stop();
      if (!sim_->finished()) setState(RunState::Paused);
    }
  } else if (speed_ <= 0.0) {
    while (!sim_->finished() && budgetLeft()) sim_->runEvents(kEventsPerSlice);
  } else {
    const double wallS = static_cast<double>(started - anchorWallNs_) / 1e9;
    const engine::SimTime target = anchorSim_ + engine::secondsToSim(wallS * speed_);
    bool reached = false;
    while (!reached && budgetLeft()) reached = sim_->runUntil(target, kEventsPerSlice);
    // Too slow for the requested speed: run as fast as the budget allows instead of piling
    // up a debt that would later come out as a burst.
    if (!reached) reanchor();
  }
  const bool finished = sim_->finished();
  if (finished) {
    timer_->stop();
    setFinished();
  }
  publish(finished || stepDone);  // the last picture of a run or a step must not be skipped
}

void SimulationRunner::publish(bool force) {
  if (!pending_.isEmpty()) {
    const qsizetype count = pending_.size();
    *samplesInFlight_ += count;
    emit samplesReady(pending_);
    pending_.clear();
    // Posted to the GUI thread after the samples, so it runs once they have been taken.
    if (QCoreApplication* app = QCoreApplication::instance()) {
      QMetaObject::invokeMethod(
          app, [inFlight = samplesInFlight_, count] { *inFlight -= count; }, Qt::QueuedConnection);
    } else {
      *samplesInFlight_ -= count;
    }
  }
  // After the samples, so that a chart already has the interval that settled a question.
  if (questions_) {
    for (const model::QuestionOutcome& o : questions_->takeSettled())
      emit questionSettled(o.step, o);
  }
  const qint64 now = clock_.nsecsElapsed();
  if (sim_ && (force || now - lastSnapshotNs_ >= kSnapshotEveryNs)) {
    lastSnapshotNs_ = now;
    emit snapshotReady(std::make_shared<const model::ClusterSnapshot>(snapshotWithTheory()));
  }
}

void SimulationRunner::setState(RunState state) {
  if (state == state_) return;
  state_ = state;
  emit stateChanged(state);
}

void SimulationRunner::setFinished() {
  if (state_ != RunState::Finished && !sim_->stopReason().empty()) {
    emit stoppedEarly(QString::fromStdString(sim_->stopReason()));
  }
  setState(RunState::Finished);
}

model::ClusterSnapshot SimulationRunner::snapshotWithTheory() const {
  model::ClusterSnapshot s = sim_->snapshot();
  s.theory = theory::predictComponents(sim_->scenario(), sim_->layout(),
                                       theory::loadFromSnapshot(sim_->layout(), s));
  return s;
}

void SimulationRunner::onIntervalClosed(const engine::IntervalReport& report) {
  model::ChartSample sample = engine::makeChartSample(report);
  // Theory for the cluster as it stands at the interval's end: the charts draw it beside the
  // measurement, following the load, the replicas and the slow-downs in force.
  const std::vector<model::ComponentTheory> predicted = snapshotWithTheory().theory;
  for (std::size_t c = 0; c < predicted.size() && c < sample.components.size(); ++c) {
    if (!predicted[c].applies()) continue;
    sample.components[c].theoryMeanMs = static_cast<float>(predicted[c].meanResponseMs);
    sample.components[c].theoryUtilization = static_cast<float>(predicted[c].utilization);
  }
  pending_.push_back(std::move(sample));
}

void SimulationRunner::onActionApplied(engine::SimTime at, const model::Action& action) {
  emit actionApplied(engine::simToSeconds(at), action,
                     QString::fromStdString(model::describeAction(action)), applyingUserAction_);
}

}  // namespace clusterscope::app
