#include "topology_menu.h"

#include <algorithm>

namespace clusterscope::app {

namespace {

using model::Action;
using model::ActionKind;

Action make(ActionKind kind) {
  Action a;
  a.kind = kind;
  return a;
}

TopologyMenuEntry entry(const QString& text, const Action& action, bool enabled = true) {
  TopologyMenuEntry e;
  e.text = text;
  e.action = action;
  e.enabled = enabled;
  return e;
}

TopologyMenuEntry separator(const QString& submenu = {}) {
  TopologyMenuEntry e;
  e.submenu = submenu;
  return e;
}

template <typename T>
bool inRange(int i, const std::vector<T>& v) {
  return i >= 0 && i < static_cast<int>(v.size());
}

void addServiceEntries(std::vector<TopologyMenuEntry>& out, int d,
                       const model::ClusterLayout& layout, const model::ClusterSnapshot* snap,
                       const QString& submenu) {
  const auto& info = layout.deployments[d];
  const model::DeploymentView* view =
      snap && inRange(d, snap->deployments) ? &snap->deployments[d] : nullptr;
  const std::size_t first = out.size();
  auto service = [&](ActionKind kind) {
    Action a = make(kind);
    a.service = info.name;
    return a;
  };
  const int desired = view ? view->desiredReplicas : -1;
  Action add = service(ActionKind::SetReplicas), remove = add;
  add.count = desired + 1;
  remove.count = std::max(0, desired - 1);
  out.push_back(entry(QStringLiteral("Add replica"), add, view != nullptr));
  out.push_back(entry(QStringLiteral("Remove replica"), remove, desired > 0));
  out.push_back(separator());
  Action slow = service(ActionKind::SlowService), normal = slow;
  slow.factor = 5;
  normal.factor = 1;
  out.push_back(entry(QStringLiteral("Slow ×5"), slow));
  out.push_back(entry(QStringLiteral("Normal speed"), normal));
  out.push_back(separator());
  for (double rate : {0.1, 0.5, 0.0}) {
    Action a = service(ActionKind::SetErrorRate);
    a.rate = rate;
    out.push_back(entry(
        rate > 0 ? QStringLiteral("Errors %1 %").arg(rate * 100) : QStringLiteral("Errors off"),
        a));
  }
  out.push_back(separator());
  out.push_back(entry(QStringLiteral("Crash"), service(ActionKind::CrashService)));
  out.push_back(entry(QStringLiteral("Restart all"), service(ActionKind::RestartService)));
  Action update = service(ActionKind::RollingUpdate);
  update.factor = 1;
  out.push_back(entry(QStringLiteral("Rolling update"), update));
  if (info.autoscaled) {
    Action a = service(ActionKind::SetAutoscaler);
    const bool on = view ? view->autoscalerOn : true;
    a.enabled = !on;
    TopologyMenuEntry e = entry(QStringLiteral("Autoscaler"), a, view != nullptr);
    e.checkable = true;
    e.checked = on;
    out.push_back(e);
  }
  for (std::size_t i = first; i < out.size(); ++i) out[i].submenu = submenu;
}

void addReplicaEntries(TopologyMenu& menu, const Selection& t, const model::ClusterLayout& layout,
                       const model::ClusterSnapshot* snap) {
  const auto& info = layout.deployments[t.index];
  menu.title = QStringLiteral("%1#%2").arg(QString::fromStdString(info.name)).arg(t.replica);
  const model::ReplicaView* replica = nullptr;
  if (snap && inRange(t.index, snap->deployments)) {
    for (const auto& r : snap->deployments[t.index].replicas) {
      if (r.index == t.replica) replica = &r;
    }
  }
  const bool down = replica && replica->state == model::ReplicaState::Down;
  auto action = [&](ActionKind kind, double factor = 1.0) {
    Action a = make(kind);
    a.service = info.name;
    a.replica = t.replica;
    a.factor = factor;
    return a;
  };
  auto& e = menu.entries;
  e.push_back(entry(QStringLiteral("Kill"), action(ActionKind::KillReplica), !down));
  e.push_back(entry(QStringLiteral("Restart"), action(ActionKind::RestartReplica), down));
  e.push_back(separator());
  e.push_back(entry(QStringLiteral("Slow ×5"), action(ActionKind::SlowReplica, 5), !down));
  e.push_back(entry(QStringLiteral("Normal speed"), action(ActionKind::SlowReplica, 1),
                    replica && replica->slowFactor != 1.0));
  e.push_back(separator());
  addServiceEntries(e, t.index, layout, snap,
                    QStringLiteral("Service %1").arg(QString::fromStdString(info.name)));
}

void addNodeEntries(TopologyMenu& menu, int n, const model::ClusterLayout& layout,
                    const model::ClusterSnapshot* snap) {
  const auto& name = layout.nodes[n].name;
  menu.title = QString::fromStdString(name);
  const bool known = snap && inRange(n, snap->nodes);
  const bool up = known && snap->nodes[n].up;
  Action fail = make(ActionKind::FailNode), recover = make(ActionKind::RecoverNode);
  fail.node = recover.node = name;
  menu.entries.push_back(entry(QStringLiteral("Fail node"), fail, known && up));
  menu.entries.push_back(entry(QStringLiteral("Recover node"), recover, known && !up));
  const QString cut = QStringLiteral("Partition from"),
                heal = QStringLiteral("Heal partition with");
  for (int other = 0; other < static_cast<int>(layout.nodes.size()); ++other) {
    if (other == n) continue;
    const auto key = std::minmax(n, other);
    const bool partitioned =
        snap && std::find(snap->partitions.begin(), snap->partitions.end(),
                          std::pair<int, int>(key.first, key.second)) != snap->partitions.end();
    Action a = make(partitioned ? ActionKind::HealPartition : ActionKind::Partition);
    a.node = name;
    a.otherNode = layout.nodes[other].name;
    TopologyMenuEntry e = entry(QString::fromStdString(a.otherNode), a, snap != nullptr);
    e.submenu = partitioned ? heal : cut;
    menu.entries.push_back(e);
  }
}

}  // namespace

TopologyMenu topologyMenu(const Selection& t, const model::ClusterLayout& layout,
                          const model::ClusterSnapshot* snap) {
  TopologyMenu menu;
  switch (t.kind) {
    case Selection::Kind::None:
      break;
    case Selection::Kind::Replica:
      if (inRange(t.index, layout.deployments)) addReplicaEntries(menu, t, layout, snap);
      break;
    case Selection::Kind::Deployment:
      if (!inRange(t.index, layout.deployments)) break;
      menu.title = QString::fromStdString(layout.deployments[t.index].name);
      addServiceEntries(menu.entries, t.index, layout, snap, {});
      break;
    case Selection::Kind::Component: {
      if (!inRange(t.index, layout.components)) break;
      const auto& c = layout.components[t.index];
      if (!c.isModule) {
        menu.title = QString::fromStdString(layout.deployments[c.deployment].name);
        addServiceEntries(menu.entries, c.deployment, layout, snap, {});
        break;
      }
      const QString host = QString::fromStdString(layout.deployments[c.deployment].name);
      menu.title = QStringLiteral("%1 (module of %2)").arg(QString::fromStdString(c.name), host);
      for (double rate : {0.1, 0.5, 0.0}) {
        Action a = make(ActionKind::SetErrorRate);
        a.service = c.name;
        a.rate = rate;
        menu.entries.push_back(entry(
            rate > 0 ? QStringLiteral("Errors %1 %").arg(rate * 100) : QStringLiteral("Errors off"),
            a));
      }
      menu.entries.push_back(separator());
      // In a monolith a crashing module takes its whole process down: the lesson's point.
      Action crash = make(ActionKind::CrashService);
      crash.service = c.name;
      menu.entries.push_back(
          entry(QStringLiteral("Crash module (the whole %1 goes)").arg(host), crash));
      menu.entries.push_back(separator());
      addServiceEntries(menu.entries, c.deployment, layout, snap,
                        QStringLiteral("Process %1").arg(host));
      break;
    }
    case Selection::Kind::Edge: {
      if (!inRange(t.index, layout.edges)) break;
      const auto& e = layout.edges[t.index];
      const auto& from = layout.components[e.from].name;
      const auto& to = layout.components[e.to].name;
      menu.title =
          QStringLiteral("%1 → %2").arg(QString::fromStdString(from), QString::fromStdString(to));
      const model::CallMode mode =
          snap && inRange(t.index, snap->edges) ? snap->edges[t.index].mode : e.mode;
      for (auto m : {model::CallMode::Sync, model::CallMode::Async}) {
        Action a = make(ActionKind::SetCallMode);
        a.from = from;
        a.to = to;
        a.mode = m;
        TopologyMenuEntry item = entry(m == model::CallMode::Sync ? QStringLiteral("Synchronous")
                                                                  : QStringLiteral("Asynchronous"),
                                       a);
        item.checkable = true;
        item.checked = mode == m;
        menu.entries.push_back(item);
      }
      break;
    }
    case Selection::Kind::Node:
      if (inRange(t.index, layout.nodes)) addNodeEntries(menu, t.index, layout, snap);
      break;
    case Selection::Kind::Broker: {
      menu.title = QStringLiteral("broker");
      const bool up = !snap || snap->brokerUp;
      Action outage = make(ActionKind::BrokerOutage), untilRecovered = outage;
      outage.durationS = 10;
      menu.entries.push_back(entry(QStringLiteral("Outage 10 s"), outage, up));
      menu.entries.push_back(entry(QStringLiteral("Outage until recovered"), untilRecovered, up));
      menu.entries.push_back(
          entry(QStringLiteral("Recover"), make(ActionKind::BrokerRecover), !up));
      break;
    }
  }
  return menu;
}

}  // namespace clusterscope::app
