#include "simulation.h"

#include <algorithm>

#include "core.h"

namespace clusterscope::engine {

Simulation::Simulation(const Scenario& scenario, const SimulationLimits& limits)
    : core_(std::make_unique<detail::Core>(scenario, limits)) {}

Simulation::~Simulation() = default;

bool Simulation::step() { return core_->step(); }
void Simulation::runUntil(SimTime t) { core_->runUntil(t); }
bool Simulation::runUntil(SimTime t, std::uint64_t maxEvents) {
  return core_->runUntil(t, maxEvents);
}
std::uint64_t Simulation::runEvents(std::uint64_t n) { return core_->runEvents(n); }
SimTime Simulation::now() const { return core_->now_; }
SimTime Simulation::endTime() const { return core_->end_; }
bool Simulation::finished() const { return core_->finished_; }
const std::string& Simulation::stopReason() const { return core_->stopReason_; }
std::uint64_t Simulation::eventsProcessed() const { return core_->events_; }
std::size_t Simulation::pendingEvents() const { return core_->queue_.size(); }

std::string Simulation::applyAction(const model::Action& action) {
  return core_->applyAction(action, true);
}

const std::vector<model::TimelineEntry>& Simulation::appliedActions() const {
  return core_->applied_;
}
model::ClusterSnapshot Simulation::snapshot() const { return core_->snapshot(); }
const model::ClusterLayout& Simulation::layout() const { return core_->layout_; }
const Scenario& Simulation::scenario() const { return core_->scenario_; }

void Simulation::addObserver(SimulationObserver* observer) {
  core_->observers_.push_back(observer);
}

void Simulation::removeObserver(SimulationObserver* observer) {
  auto& list = core_->observers_;
  list.erase(std::remove(list.begin(), list.end(), observer), list.end());
}

void forceCallMode(Scenario& scenario, model::CallMode mode) {
  for (auto& service : scenario.services) {
    for (auto& call : service.calls) call.mode = mode;
    for (auto& module : service.modules) {
      for (auto& call : module.calls) {
        // Calls between modules of one monolith are function calls, not messages.
        const bool internal = std::any_of(service.modules.begin(), service.modules.end(),
                                          [&](const ModuleSpec& m) { return m.name == call.to; });
        if (!internal) call.mode = mode;
      }
    }
  }
}

}  // namespace clusterscope::engine
