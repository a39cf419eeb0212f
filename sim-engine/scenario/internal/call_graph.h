#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "scenario.h"

// Internal to the scenario loader: the calls of a scenario as a graph, and the cycles in it.
// Used by the checks that refuse sync cycles and loops that take no time.

namespace clusterscope::engine::loader {

// Something that makes calls: a service without modules, or a module.
struct CallSite {
  const std::vector<CallSpec>* calls = nullptr;
  std::string name;     // the caller
  std::string pointer;  // of the caller object, e.g. "/services/2/modules/0"
  std::size_t service = 0;
  const DistributionSpec* serviceTime = nullptr;
};

std::vector<CallSite> callSites(const Scenario& s);

struct CallCycle {
  std::vector<std::size_t> sites;  // in call order, starting anywhere on the cycle
  std::size_t closingSite = 0;     // the site whose call closes the cycle...
  std::size_t closingCall = 0;     // ...and that call's index in its `calls`
};

// Whether the call `call` from sites[from] to sites[to] belongs to the graph searched.
using CallFilter = std::function<bool(const CallSpec& call, std::size_t from, std::size_t to)>;

// Cycles found by a depth-first walk without recursion (the graph can have 10,000 sites),
// one per call that closes one; every site on some cycle is on at least one reported.
std::vector<CallCycle> findCycles(const std::vector<CallSite>& sites, const CallFilter& include);

// "a -> b -> a"; a long cycle keeps its ends: "a -> b -> c -> ... (93 more) -> y -> z -> a".
std::string cyclePath(const std::vector<CallSite>& sites, const CallCycle& cycle);

}  // namespace clusterscope::engine::loader
