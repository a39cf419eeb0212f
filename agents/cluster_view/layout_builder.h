#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cluster_description.h"
#include "cluster_layout.h"
#include "control_messages.h"

// The live cluster's shape: the launcher's plan when there is one, grown by what peers announce.
// Append-only: an index, once given, keeps its name for the life of the cluster, so that
// history indexed by it stays right; starting over is reset(). Not thread-safe.

namespace clusterscope::agents::cluster_view {

// Where a peer sits in the layout.
struct Placement {
  int deployment = -1;  // -1: not a service replica, or a name clash kept it out
  int node = -1;        // -1: no node said
};

class LayoutBuilder {
 public:
  // Starts over: the plan's layout and description, or an empty cluster.
  void reset(const protocol::ClusterPlan* plan);

  const model::ClusterLayout& layout() const { return layout_; }
  const model::ClusterDescription& description() const { return description_; }
  const std::optional<protocol::ClusterPlan>& plan() const { return plan_; }
  // Replicas the plan counts for a deployment; 0 for one it did not plan.
  int plannedReplicas(int deployment) const;

  // Places a peer by its HELLO, adding its deployment, components (its service, or its
  // modules) and node when the layout lacks them, and the edges of its declared calls whose
  // ends are known. A service name that is already another deployment's component (or a
  // module clashing the same way) is not placed: {-1, ...}. Roles other than agent get only
  // their node; a load generator without a plan also names the entry (its first call).
  Placement place(const protocol::Hello& hello);
  // The edge a replica at `at` reports (`from` empty: its own service), added when both ends
  // are components; -1 when one is unknown. `mode` is the edge's mode in force: it updates the
  // layout's, as set_call_mode does in the engine (not a shape change).
  int reportedEdge(const Placement& at, std::string_view from, std::string_view to,
                   model::CallMode mode);
  // -1 when there is no such component.
  int component(std::string_view name) const;
  // The component a replica's own figures (its REPORT's service section) belong to: the one
  // named as its deployment, or the deployment's only component. -1 for a monolith of several
  // modules, whose figures the protocol does not split by module.
  int ownComponent(int deployment) const;

  // True once after the layout gained something (since the last call or reset()).
  bool takeShapeChanged();

 private:
  int addDeployment(const protocol::Hello& hello);
  int addComponent(const std::string& name, int deployment, bool isModule);
  int node(const std::string& name);
  int edge(int from, int to, model::CallMode mode);
  void addCall(int from, const std::string& to, model::CallMode mode);
  int fromComponent(const Placement& at, std::string_view from) const;
  Placement placeAgent(const protocol::Hello& hello);

  model::ClusterLayout layout_;
  model::ClusterDescription description_;
  std::optional<protocol::ClusterPlan> plan_;
  std::unordered_map<std::string, int> components_, deployments_, nodes_;
  std::unordered_map<std::uint64_t, int> edges_;  // from << 32 | to
  // Declared calls to names nobody has announced yet, by callee: they become edges when it
  // joins. At most kMaxItems, each (caller, callee) once.
  std::unordered_multimap<std::string, std::pair<int, model::CallMode>> pendingCalls_;
  std::string pendingEntry_;  // a load generator's first call, without a plan
  bool shapeChanged_ = false;
};

}  // namespace clusterscope::agents::cluster_view
