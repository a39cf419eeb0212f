#include "topology_menu.h"

#include <QCoreApplication>
#include <algorithm>

#include "action_catalog.h"

namespace clusterscope::app {

namespace {

using model::ActionKind;
using C = ActionCatalog;

template <typename T>
bool inRange(int i, const std::vector<T>& v) {
  return i >= 0 && i < static_cast<int>(v.size());
}

// The translation context of the menus' own texts (the actions' come from ActionCatalog).
struct TopologyMenuText {
  Q_DECLARE_TR_FUNCTIONS(TopologyMenuText)
};

// Builds entries with the cluster's capabilities applied to each.
class MenuBuilder {
 public:
  explicit MenuBuilder(const model::ClusterCapabilities& caps) : caps_(caps) {}

  TopologyMenuEntry& add(std::vector<TopologyMenuEntry>& out, const OfferedAction& offered,
                         bool enabled = true) {
    TopologyMenuEntry e;
    e.text = offered.text;
    e.action = offered.action;
    const bool supported = caps_.supports(offered.action.kind);
    e.enabled = enabled && supported;
    if (!supported) e.toolTip = QString::fromStdString(caps_.whyNot(offered.action.kind));
    out.push_back(e);
    return out.back();
  }

 private:
  const model::ClusterCapabilities& caps_;
};

TopologyMenuEntry separator() { return {}; }

// The "Faults" submenu of a process or an edge, ending with the reset of every fault.
void addFaultEntries(MenuBuilder& b, std::vector<TopologyMenuEntry>& out,
                     const ActionCatalog::FaultScope& scope, bool enabled) {
  const std::size_t first = out.size();
  for (const OfferedAction& fault : C::faults(scope)) b.add(out, fault, enabled);
  b.add(out, C::resetFaults());
  for (std::size_t i = first; i < out.size(); ++i) out[i].submenu = TopologyMenuText::tr("Faults");
}

void addServiceEntries(MenuBuilder& b, std::vector<TopologyMenuEntry>& out, int d,
                       const model::ClusterLayout& layout, const model::ClusterSnapshot* snap,
                       const QString& submenu) {
  const auto& info = layout.deployments[d];
  const model::DeploymentView* view =
      snap && inRange(d, snap->deployments) ? &snap->deployments[d] : nullptr;
  const std::size_t first = out.size();
  const int desired = view ? view->desiredReplicas : -1;
  b.add(out, C::setReplicas(info.name, desired + 1, true), view != nullptr);
  b.add(out, C::setReplicas(info.name, std::max(0, desired - 1), false), desired > 0);
  out.push_back(separator());
  b.add(out, C::slowService(info.name));
  b.add(out, C::normalService(info.name));
  out.push_back(separator());
  for (double rate : C::kErrorRates) b.add(out, C::errorRate(info.name, rate));
  b.add(out, C::errorRate(info.name, 0.0));
  out.push_back(separator());
  b.add(out, C::crashService(info.name));
  b.add(out, C::restartService(info.name));
  b.add(out, C::rollingUpdate(info.name));
  if (info.autoscaled) {
    const bool on = view ? view->autoscalerOn : true;
    TopologyMenuEntry& e = b.add(out, C::autoscaler(info.name, !on), view != nullptr);
    e.checkable = true;
    e.checked = on;
  }
  for (std::size_t i = first; i < out.size(); ++i) out[i].submenu = submenu;
}

void addReplicaEntries(MenuBuilder& b, TopologyMenu& menu, const LayoutTarget& t,
                       const model::ClusterLayout& layout, const model::ClusterSnapshot* snap) {
  const auto& info = layout.deployments[t.index];
  menu.title = QStringLiteral("%1#%2").arg(QString::fromStdString(info.name)).arg(t.replica);
  const model::ReplicaView* replica = nullptr;
  if (snap && inRange(t.index, snap->deployments)) {
    for (const auto& r : snap->deployments[t.index].replicas) {
      if (r.index == t.replica) replica = &r;
    }
  }
  const bool down = replica && replica->state == model::ReplicaState::Down;
  auto& e = menu.entries;
  b.add(e, C::killReplica(info.name, t.replica), !down);
  b.add(e, C::restartReplica(info.name, t.replica), down);
  e.push_back(separator());
  b.add(e, C::slowReplica(info.name, t.replica), !down);
  b.add(e, C::normalReplica(info.name, t.replica), replica && replica->slowFactor != 1.0);
  addFaultEntries(b, e, {info.name, t.replica, {}, {}}, !down);
  e.push_back(separator());
  addServiceEntries(b, e, t.index, layout, snap,
                    TopologyMenuText::tr("Service %1").arg(QString::fromStdString(info.name)));
}

void addNodeEntries(MenuBuilder& b, TopologyMenu& menu, int n, const model::ClusterLayout& layout,
                    const model::ClusterSnapshot* snap) {
  const auto& name = layout.nodes[n].name;
  menu.title = QString::fromStdString(name);
  const bool known = snap && inRange(n, snap->nodes);
  const bool up = known && snap->nodes[n].up;
  b.add(menu.entries, C::failNode(name), known && up);
  b.add(menu.entries, C::recoverNode(name), known && !up);
  for (int other = 0; other < static_cast<int>(layout.nodes.size()); ++other) {
    if (other == n) continue;
    const auto key = std::minmax(n, other);
    const bool partitioned =
        snap && std::find(snap->partitions.begin(), snap->partitions.end(),
                          std::pair<int, int>(key.first, key.second)) != snap->partitions.end();
    const auto& otherName = layout.nodes[other].name;
    TopologyMenuEntry& e =
        b.add(menu.entries,
              partitioned ? C::healPartition(name, otherName) : C::partition(name, otherName),
              snap != nullptr);
    e.submenu = partitioned ? TopologyMenuText::tr("Heal partition with")
                            : TopologyMenuText::tr("Partition from");
  }
}

void addModuleEntries(MenuBuilder& b, TopologyMenu& menu, int c, const model::ClusterLayout& layout,
                      const model::ClusterSnapshot* snap) {
  const auto& comp = layout.components[c];
  const auto& hostName = layout.deployments[comp.deployment].name;
  const QString host = QString::fromStdString(hostName);
  menu.title =
      TopologyMenuText::tr("%1 (module of %2)").arg(QString::fromStdString(comp.name), host);
  for (double rate : C::kErrorRates) b.add(menu.entries, C::errorRate(comp.name, rate));
  b.add(menu.entries, C::errorRate(comp.name, 0.0));
  menu.entries.push_back(separator());
  b.add(menu.entries, C::crashModule(comp.name, hostName));
  menu.entries.push_back(separator());
  addServiceEntries(b, menu.entries, comp.deployment, layout, snap,
                    TopologyMenuText::tr("Process %1").arg(host));
}

void addEdgeEntries(MenuBuilder& b, TopologyMenu& menu, int index,
                    const model::ClusterLayout& layout, const model::ClusterSnapshot* snap) {
  const auto& e = layout.edges[index];
  const auto& from = layout.components[e.from].name;
  const auto& to = layout.components[e.to].name;
  menu.title =
      QStringLiteral("%1 → %2").arg(QString::fromStdString(from), QString::fromStdString(to));
  const model::CallMode mode =
      snap && inRange(index, snap->edges) ? snap->edges[index].mode : e.mode;
  for (auto m : {model::CallMode::Sync, model::CallMode::Async}) {
    TopologyMenuEntry& item = b.add(menu.entries, C::callMode(from, to, m));
    item.checkable = true;
    item.checked = mode == m;
  }
  // Between two modules of one process a sync call is a function call: no message to disturb.
  if (!e.inProcess) addFaultEntries(b, menu.entries, {{}, -1, from, to}, true);
}

void addBrokerEntries(MenuBuilder& b, TopologyMenu& menu, const model::ClusterSnapshot* snap) {
  menu.title = TopologyMenuText::tr("broker");
  const bool up = !snap || snap->brokerUp;
  b.add(menu.entries, C::brokerOutage(C::kBrokerOutageS), up);
  b.add(menu.entries, C::brokerOutage(0.0), up);
  b.add(menu.entries, C::brokerRecover(), !up);
}

}  // namespace

TopologyMenu topologyMenu(const LayoutTarget& t, const model::ClusterLayout& layout,
                          const model::ClusterSnapshot* snap,
                          const model::ClusterCapabilities& capabilities) {
  TopologyMenu menu;
  MenuBuilder b(capabilities);
  switch (t.kind) {
    case Selection::Kind::None:
      break;
    case Selection::Kind::Replica:
      if (inRange(t.index, layout.deployments)) addReplicaEntries(b, menu, t, layout, snap);
      break;
    case Selection::Kind::Deployment:
      if (!inRange(t.index, layout.deployments)) break;
      menu.title = QString::fromStdString(layout.deployments[t.index].name);
      addServiceEntries(b, menu.entries, t.index, layout, snap, {});
      addFaultEntries(b, menu.entries, {layout.deployments[t.index].name, -1, {}, {}}, true);
      break;
    case Selection::Kind::Component: {
      if (!inRange(t.index, layout.components)) break;
      const auto& c = layout.components[t.index];
      if (c.isModule) {
        addModuleEntries(b, menu, t.index, layout, snap);
      } else {
        menu.title = QString::fromStdString(layout.deployments[c.deployment].name);
        addServiceEntries(b, menu.entries, c.deployment, layout, snap, {});
        addFaultEntries(b, menu.entries, {layout.deployments[c.deployment].name, -1, {}, {}}, true);
      }
      break;
    }
    case Selection::Kind::Edge:
      if (inRange(t.index, layout.edges)) addEdgeEntries(b, menu, t.index, layout, snap);
      break;
    case Selection::Kind::Node:
      if (inRange(t.index, layout.nodes)) addNodeEntries(b, menu, t.index, layout, snap);
      break;
    case Selection::Kind::Broker:
      addBrokerEntries(b, menu, snap);
      break;
  }
  return menu;
}

}  // namespace clusterscope::app
