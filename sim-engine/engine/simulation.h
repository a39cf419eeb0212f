#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cluster_layout.h"
#include "cluster_snapshot.h"
#include "scenario.h"
#include "sim_time.h"
#include "simulation_limits.h"
#include "simulation_observer.h"

namespace clusterscope::engine {

namespace detail {
class Core;
}

// A discrete-event simulation of one scenario. It does no pacing: step() runs one event and
// the drivers below run many; a GUI paces them against the wall clock itself.
//
// Not thread-safe: drive it from one thread (the GUI does so on a worker thread and sends
// actions there). The same scenario and seed always give the same sequence of events.
class Simulation {
 public:
  // The scenario should have passed the loader's checks; a reference the engine cannot
  // resolve throws std::invalid_argument naming it. `limits` bound what the run may hold.
  explicit Simulation(const Scenario& scenario, const SimulationLimits& limits = {});
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  // Runs the next event. Returns false once the run has reached its end time.
  bool step();
  // Runs every event before time t (clamped to the end), and those at t that come before a
  // timeline action due at t (interval ticks, earlier timeline actions); then sets the clock
  // to t even if no event fell there. So an action applied next lands exactly where the same
  // action in the timeline would: a recorded session replays to the same run.
  void runUntil(SimTime t);
  // The same, but stops after at most maxEvents events, with the clock at the last event run;
  // returns true when time t was reached. For drivers that must keep their slices short.
  bool runUntil(SimTime t, std::uint64_t maxEvents);
  // Runs at most n events; returns how many ran.
  std::uint64_t runEvents(std::uint64_t n);
  void runToEnd() { runUntil(endTime()); }

  SimTime now() const;
  SimTime endTime() const;
  // True once the run reached its end time, or stopped early (see stopReason).
  bool finished() const;
  // Why the run stopped before its end time, one line naming the place and what bounds it (a
  // service whose queue holds too much, a loop at one instant); empty while it runs and after
  // a normal end. The last, partial interval has been reported to the observers.
  const std::string& stopReason() const;
  std::uint64_t eventsProcessed() const;
  std::size_t pendingEvents() const;

  // Applies an action now, between events. Returns an empty string on success, or why it
  // could not be applied (an unknown name, a replica that does not exist, ...).
  std::string applyAction(const model::Action& action);
  // The actions applied through applyAction(), with their sim times: with the scenario,
  // what "save session as scenario" writes so that the session replays.
  const std::vector<model::TimelineEntry>& appliedActions() const;

  model::ClusterSnapshot snapshot() const;
  const model::ClusterLayout& layout() const;
  const Scenario& scenario() const;

  // The observer must outlive the Simulation or be removed first.
  void addObserver(SimulationObserver* observer);
  void removeObserver(SimulationObserver* observer);

 private:
  std::unique_ptr<detail::Core> core_;
};

// Sets every call of the scenario to one mode: what `clusterscope-cli run --mode` and
// `compare` do.
void forceCallMode(Scenario& scenario, model::CallMode mode);

}  // namespace clusterscope::engine
