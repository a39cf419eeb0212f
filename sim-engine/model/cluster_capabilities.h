#pragma once

#include <array>
#include <string>

#include "action.h"

// What a running cluster lets its user do. A simulation can be paused, stepped, reset and
// sped up, and takes every action; a live cluster runs on the wall clock and takes the actions
// its processes can carry out. Views enable, hide or explain their controls from this, never
// from knowing which kind of cluster they show.

namespace clusterscope::model {

struct ClusterCapabilities {
  bool pause = false;        // the run can be held and resumed (start / pause)
  bool step = false;         // the run advances by one metrics interval on request
  bool reset = false;        // the run can go back to its start
  bool speed = false;        // cluster seconds per wall second can be chosen
  bool timeLimit = false;    // the run has a planned end (ClusterSnapshot::duration)
  bool saveSession = false;  // what was done can be saved as a scenario that replays it
  bool questions = false;    // lesson questions are settled from measured figures

  // Why an action kind does not apply to this cluster; empty when it does.
  std::array<std::string, kActionKindCount> refusals{};

  bool supports(ActionKind kind) const { return refusals[static_cast<int>(kind)].empty(); }
  const std::string& whyNot(ActionKind kind) const { return refusals[static_cast<int>(kind)]; }
  void refuse(ActionKind kind, std::string reason) {
    refusals[static_cast<int>(kind)] = std::move(reason);
  }

  // A simulated cluster: every control, every action.
  static ClusterCapabilities simulation() {
    return ClusterCapabilities{true, true, true, true, true, true, true, {}};
  }

  bool operator==(const ClusterCapabilities&) const = default;
};

}  // namespace clusterscope::model
