#include "layout_builder.h"

#include <algorithm>
#include <utility>

#include "protocol_limits.h"

namespace clusterscope::agents::cluster_view {

namespace {

constexpr std::size_t kMaxLayoutItems = protocol::kMaxItems;

std::uint64_t edgeKey(int from, int to) {
  return static_cast<std::uint64_t>(static_cast<std::uint32_t>(from)) << 32 |
         static_cast<std::uint32_t>(to);
}

int find(const std::unordered_map<std::string, int>& map, std::string_view name) {
  const auto it = map.find(std::string(name));
  return it == map.end() ? -1 : it->second;
}

}  // namespace

void LayoutBuilder::reset(const protocol::ClusterPlan* plan) {
  layout_ = {};
  description_ = {};
  plan_.reset();
  components_.clear();
  deployments_.clear();
  nodes_.clear();
  edges_.clear();
  pendingCalls_.clear();
  pendingEntry_.clear();
  shapeChanged_ = false;
  if (plan == nullptr) return;
  plan_ = *plan;
  layout_ = plan->layout;
  description_ = plan->description;
  // The decoder checked every index; the maps only speed up lookups by name.
  for (std::size_t i = 0; i < layout_.components.size(); ++i) {
    components_.emplace(layout_.components[i].name, static_cast<int>(i));
  }
  for (std::size_t i = 0; i < layout_.deployments.size(); ++i) {
    deployments_.emplace(layout_.deployments[i].name, static_cast<int>(i));
  }
  for (std::size_t i = 0; i < layout_.nodes.size(); ++i) {
    nodes_.emplace(layout_.nodes[i].name, static_cast<int>(i));
  }
  for (std::size_t i = 0; i < layout_.edges.size(); ++i) {
    edges_.emplace(edgeKey(layout_.edges[i].from, layout_.edges[i].to), static_cast<int>(i));
  }
}

int LayoutBuilder::plannedReplicas(int deployment) const {
  if (!plan_ || deployment < 0 || static_cast<std::size_t>(deployment) >= plan_->replicas.size()) {
    return 0;
  }
  return static_cast<int>(plan_->replicas[static_cast<std::size_t>(deployment)]);
}

int LayoutBuilder::component(std::string_view name) const { return find(components_, name); }

int LayoutBuilder::ownComponent(int deployment) const {
  if (deployment < 0 || static_cast<std::size_t>(deployment) >= layout_.deployments.size()) {
    return -1;
  }
  const model::DeploymentInfo& info = layout_.deployments[static_cast<std::size_t>(deployment)];
  const int named = component(info.name);
  if (named >= 0 && layout_.components[static_cast<std::size_t>(named)].deployment == deployment) {
    return named;
  }
  return info.components.size() == 1 ? info.components.front() : -1;
}

bool LayoutBuilder::takeShapeChanged() { return std::exchange(shapeChanged_, false); }

int LayoutBuilder::node(const std::string& name) {
  if (name.empty()) return -1;
  if (const int n = find(nodes_, name); n >= 0) return n;
  if (layout_.nodes.size() >= kMaxLayoutItems) return -1;
  // A node nobody planned: its cores are unknown (0), and it is not the implicit one.
  layout_.nodes.push_back({name, 0.0, false});
  shapeChanged_ = true;
  return nodes_[name] = static_cast<int>(layout_.nodes.size() - 1);
}

int LayoutBuilder::addComponent(const std::string& name, int deployment, bool isModule) {
  if (layout_.components.size() >= kMaxLayoutItems) return -1;
  const int c = static_cast<int>(layout_.components.size());
  layout_.components.push_back({name, deployment, isModule});
  layout_.deployments[static_cast<std::size_t>(deployment)].components.push_back(c);
  components_[name] = c;
  shapeChanged_ = true;
  // Calls declared before this component joined become edges now.
  const auto [first, last] = pendingCalls_.equal_range(name);
  std::vector<std::pair<int, model::CallMode>> waiting;
  for (auto it = first; it != last; ++it) waiting.push_back(it->second);
  pendingCalls_.erase(name);
  for (const auto& [from, mode] : waiting) edge(from, c, mode);
  if (pendingEntry_ == name) {
    layout_.entryComponent = c;
    pendingEntry_.clear();
  }
  return c;
}

int LayoutBuilder::addDeployment(const protocol::Hello& hello) {
  if (layout_.deployments.size() >= kMaxLayoutItems) return -1;
  model::DeploymentInfo info;
  info.name = hello.service;
  info.isMonolith = !hello.modules.empty();
  info.language = hello.language;
  info.workersPerReplica = static_cast<int>(std::max<std::int64_t>(1, hello.workers));
  layout_.deployments.push_back(std::move(info));
  shapeChanged_ = true;
  return deployments_[hello.service] = static_cast<int>(layout_.deployments.size() - 1);
}

int LayoutBuilder::edge(int from, int to, model::CallMode mode) {
  if (from < 0 || to < 0 || from == to) return -1;
  if (const auto it = edges_.find(edgeKey(from, to)); it != edges_.end()) return it->second;
  if (layout_.edges.size() >= kMaxLayoutItems) return -1;
  const bool inProcess = layout_.components[static_cast<std::size_t>(from)].deployment ==
                         layout_.components[static_cast<std::size_t>(to)].deployment;
  layout_.edges.push_back({from, to, mode, inProcess});
  shapeChanged_ = true;
  return edges_[edgeKey(from, to)] = static_cast<int>(layout_.edges.size() - 1);
}

void LayoutBuilder::addCall(int from, const std::string& to, model::CallMode mode) {
  if (from < 0) return;
  if (const int c = component(to); c >= 0) {
    edge(from, c, mode);
    return;
  }
  const auto [first, last] = pendingCalls_.equal_range(to);
  const bool known =
      std::any_of(first, last, [&](const auto& p) { return p.second.first == from; });
  if (!known && pendingCalls_.size() < kMaxLayoutItems)
    pendingCalls_.emplace(to, std::make_pair(from, mode));
}

int LayoutBuilder::fromComponent(const Placement& at, std::string_view from) const {
  if (at.deployment < 0) return -1;
  if (from.empty()) {
    if (const int own = ownComponent(at.deployment); own >= 0) return own;
    // A monolith host's own call (no module said): its first module stands for it.
    const auto& members = layout_.deployments[static_cast<std::size_t>(at.deployment)].components;
    return members.empty() ? -1 : members.front();
  }
  const int c = component(from);
  // A module of another deployment is not this replica's to speak for.
  return c >= 0 && layout_.components[static_cast<std::size_t>(c)].deployment == at.deployment ? c
                                                                                               : -1;
}

Placement LayoutBuilder::placeAgent(const protocol::Hello& hello) {
  Placement at;
  int d = find(deployments_, hello.service);
  if (d < 0) {
    // The name is taken by a component of another deployment (a module, say): placing it
    // would give one name two meanings.
    if (component(hello.service) >= 0) return at;
    d = addDeployment(hello);
    if (d < 0) return at;
  }
  at.deployment = d;
  for (const std::string& module : hello.modules) {
    // A module that is another deployment's component is left out: names keep one meaning.
    if (component(module) < 0) addComponent(module, d, true);
  }
  if (hello.modules.empty() && component(hello.service) < 0 &&
      layout_.deployments[static_cast<std::size_t>(d)].components.empty()) {
    addComponent(hello.service, d, false);
  }
  for (const protocol::CallInfo& call : hello.calls) {
    addCall(fromComponent(at, call.from), call.to, call.mode);
  }
  return at;
}

Placement LayoutBuilder::place(const protocol::Hello& hello) {
  Placement at;
  if (hello.role == protocol::PeerRole::Agent && !hello.service.empty()) at = placeAgent(hello);
  at.node = node(hello.node);
  if (hello.role == protocol::PeerRole::Loadgen && !plan_ && !hello.calls.empty()) {
    const int entry = component(hello.calls.front().to);
    if (entry >= 0) {
      shapeChanged_ = shapeChanged_ || layout_.entryComponent != entry;
      layout_.entryComponent = entry;
    } else {
      pendingEntry_ = hello.calls.front().to;
    }
  }
  return at;
}

int LayoutBuilder::reportedEdge(const Placement& at, std::string_view from, std::string_view to,
                                model::CallMode mode) {
  const int e = edge(fromComponent(at, from), component(to), mode);
  if (e >= 0) layout_.edges[static_cast<std::size_t>(e)].mode = mode;
  return e;
}

}  // namespace clusterscope::agents::cluster_view
