#include "internal/call_graph.h"

#include <unordered_map>

#include "engine_text.h"

namespace clusterscope::engine::loader {

std::vector<CallSite> callSites(const Scenario& s) {
  std::vector<CallSite> sites;
  for (std::size_t i = 0; i < s.services.size(); ++i) {
    const ServiceSpec& service = s.services[i];
    const std::string pointer = "/services/" + std::to_string(i);
    if (service.modules.empty()) {
      sites.push_back({&service.calls, service.name, pointer, i, &service.serviceTimeMs});
    }
    for (std::size_t j = 0; j < service.modules.size(); ++j) {
      const ModuleSpec& m = service.modules[j];
      sites.push_back(
          {&m.calls, m.name, pointer + "/modules/" + std::to_string(j), i, &m.serviceTimeMs});
    }
  }
  return sites;
}

std::vector<CallCycle> findCycles(const std::vector<CallSite>& sites, const CallFilter& include) {
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < sites.size(); ++i) index.emplace(sites[i].name, i);
  struct Edge {
    std::size_t to;
    std::size_t call;
  };
  std::vector<std::vector<Edge>> edges(sites.size());
  for (std::size_t i = 0; i < sites.size(); ++i) {
    const auto& calls = *sites[i].calls;
    for (std::size_t c = 0; c < calls.size(); ++c) {
      const auto it = index.find(calls[c].to);
      if (it != index.end() && it->second != i && include(calls[c], i, it->second)) {
        edges[i].push_back({it->second, c});
      }
    }
  }
  enum class Color { White, Grey, Black };
  std::vector<Color> color(sites.size(), Color::White);
  std::vector<std::size_t> depthOf(sites.size(), 0);  // position on the stack while grey
  struct Frame {
    std::size_t node;
    std::size_t next;
  };
  std::vector<CallCycle> cycles;
  for (std::size_t root = 0; root < sites.size(); ++root) {
    if (color[root] != Color::White) continue;
    std::vector<Frame> stack{{root, 0}};
    color[root] = Color::Grey;
    while (!stack.empty()) {
      Frame& top = stack.back();
      if (top.next == edges[top.node].size()) {
        color[top.node] = Color::Black;
        stack.pop_back();
        continue;
      }
      const Edge edge = edges[top.node][top.next++];
      if (color[edge.to] == Color::White) {
        color[edge.to] = Color::Grey;
        depthOf[edge.to] = stack.size();
        stack.push_back({edge.to, 0});
      } else if (color[edge.to] == Color::Grey) {
        CallCycle cycle;
        for (std::size_t i = depthOf[edge.to]; i < stack.size(); ++i) {
          cycle.sites.push_back(stack[i].node);
        }
        cycle.closingSite = stack.back().node;
        cycle.closingCall = edge.call;
        cycles.push_back(std::move(cycle));
      }
    }
  }
  return cycles;
}

std::string cyclePath(const std::vector<CallSite>& sites, const CallCycle& cycle) {
  constexpr std::size_t kHead = 5;
  constexpr std::size_t kTail = 4;
  const std::vector<std::size_t>& on = cycle.sites;
  std::string path;
  for (std::size_t i = 0; i < on.size(); ++i) {
    if (on.size() > kHead + kTail + 1 && i == kHead) {
      path += text::format(text::translate("ScenarioLoader", "... (%1 more)"),
                           {std::to_string(on.size() - kHead - kTail)}) +
              " -> ";
      i = on.size() - kTail - 1;
      continue;
    }
    path += sites[on[i]].name + " -> ";
  }
  return path + sites[on.front()].name;
}

}  // namespace clusterscope::engine::loader
