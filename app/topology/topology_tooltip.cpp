#include "topology_tooltip.h"

#include <QStringList>

#include "topology_format.h"

namespace clusterscope::app {

namespace {

template <typename T>
bool inRange(int i, const std::vector<T>& v) {
  return i >= 0 && i < static_cast<int>(v.size());
}

QString q(const std::string& s) { return QString::fromStdString(s).toHtmlEscaped(); }

QString componentFigures(const model::ComponentView& c) {
  QString s = Topology::tr("%1 in, %2 done<br>p50 %3 · p95 %4 · p99 %5")
                  .arg(formatRate(c.arrivalRps), formatRate(c.throughputRps),
                       formatLatency(c.p50Ms), formatLatency(c.p95Ms), formatLatency(c.p99Ms));
  s += Topology::tr("<br>failed %1").arg(formatPercent(c.failedRatio));
  if (c.errorRate > 0) s += Topology::tr(" · injected errors %1").arg(formatPercent(c.errorRate));
  return s;
}

QString nodeName(const model::ClusterLayout& layout, int n) {
  return inRange(n, layout.nodes) ? q(layout.nodes[n].name) : Topology::tr("not placed");
}

}  // namespace

QString topologyToolTip(const LayoutTarget& t, const model::ClusterLayout& layout,
                        const model::ClusterSnapshot* snap) {
  switch (t.kind) {
    case Selection::Kind::None:
      return {};
    case Selection::Kind::Replica: {
      if (!inRange(t.index, layout.deployments)) return {};
      const auto& info = layout.deployments[t.index];
      QString s = QStringLiteral("<b>%1#%2</b>").arg(q(info.name)).arg(t.replica);
      if (!snap || !inRange(t.index, snap->deployments)) return s;
      for (const auto& r : snap->deployments[t.index].replicas) {
        if (r.index != t.replica) continue;
        s += Topology::tr("<br>%1 on %2<br>%3/%4 workers busy · %5 queued")
                 .arg(QString::fromLatin1(model::replicaStateName(r.state)),
                      nodeName(layout, r.node))
                 .arg(r.busyWorkers)
                 .arg(info.workersPerReplica)
                 .arg(r.queued);
        if (r.slowFactor != 1.0) s += Topology::tr("<br>slowed ×%1").arg(r.slowFactor);
        if (!r.inPlan || (!r.language.empty() && r.language != info.language)) {
          const QString language = q(r.language.empty() ? info.language : r.language);
          s += r.inPlan ? QStringLiteral("<br>%1").arg(language)
                        : Topology::tr("<br>%1, not in the plan (started by hand)")
                              .arg(language.isEmpty() ? Topology::tr("an agent") : language);
        }
      }
      return s;
    }
    case Selection::Kind::Deployment: {
      if (!inRange(t.index, layout.deployments)) return {};
      const auto& info = layout.deployments[t.index];
      QString s = QStringLiteral("<b>%1</b>").arg(q(info.name));
      if (!info.language.empty()) s += QStringLiteral(" (%1)").arg(q(info.language));
      if (info.isMonolith)
        s += Topology::tr("<br>monolith: %1 modules in one process").arg(info.components.size());
      if (!snap || !inRange(t.index, snap->deployments)) return s;
      const auto& d = snap->deployments[t.index];
      int ready = 0;
      for (const auto& r : d.replicas) ready += r.state == model::ReplicaState::Ready ? 1 : 0;
      s += Topology::tr("<br>%1 ready of %2 wanted · %3 workers each · utilisation %4")
               .arg(ready)
               .arg(d.desiredReplicas)
               .arg(info.workersPerReplica)
               .arg(formatPercent(d.utilization));
      if (d.backlog > 0) s += Topology::tr("<br>%1 messages waiting in the broker").arg(d.backlog);
      if (info.autoscaled)
        s +=
            d.autoscalerOn ? Topology::tr("<br>autoscaler on") : Topology::tr("<br>autoscaler off");
      if (!info.isMonolith && !info.components.empty() &&
          inRange(info.components[0], snap->components)) {
        s += QStringLiteral("<br>") + componentFigures(snap->components[info.components[0]]);
      }
      return s;
    }
    case Selection::Kind::Component: {
      if (!inRange(t.index, layout.components)) return {};
      const auto& c = layout.components[t.index];
      QString s = QStringLiteral("<b>%1</b>").arg(q(c.name));
      if (c.isModule)
        s += Topology::tr(", module of %1").arg(q(layout.deployments[c.deployment].name));
      if (snap && inRange(t.index, snap->components))
        s += QStringLiteral("<br>") + componentFigures(snap->components[t.index]);
      return s;
    }
    case Selection::Kind::Edge: {
      if (!inRange(t.index, layout.edges)) return {};
      const auto& e = layout.edges[t.index];
      QString s = QStringLiteral("<b>%1 → %2</b>")
                      .arg(q(layout.components[e.from].name), q(layout.components[e.to].name));
      if (!snap || !inRange(t.index, snap->edges)) return s;
      const auto& v = snap->edges[t.index];
      s += v.mode == model::CallMode::Async ? Topology::tr(" (asynchronous, through the broker)")
                                            : Topology::tr(" (synchronous: the caller waits)");
      s += Topology::tr("<br>%1 · p95 %2 · errors %3 · %4 in flight")
               .arg(formatRate(v.rateRps), formatLatency(v.p95Ms), formatPercent(v.errorRatio))
               .arg(v.inFlight);
      if (v.breaker == model::BreakerState::Open) s += Topology::tr("<br>circuit breaker open");
      if (v.breaker == model::BreakerState::HalfOpen)
        s += Topology::tr("<br>circuit breaker half-open");
      return s;
    }
    case Selection::Kind::Node: {
      if (!inRange(t.index, layout.nodes)) return {};
      QString s = QStringLiteral("<b>%1</b>").arg(q(layout.nodes[t.index].name));
      if (!snap || !inRange(t.index, snap->nodes)) return s;
      const auto& n = snap->nodes[t.index];
      int replicas = 0;
      for (const auto& d : snap->deployments) {
        for (const auto& r : d.replicas) replicas += r.node == t.index ? 1 : 0;
      }
      s += n.up ? QStringLiteral(" up") : Topology::tr(" <b>down</b>");
      s += Topology::tr("<br>%1 of %2 cores reserved · %3 replicas")
               .arg(n.usedCores, 0, 'g', 3)
               .arg(n.cores, 0, 'g', 3)
               .arg(replicas);
      return s;
    }
    case Selection::Kind::Broker: {
      QString s = Topology::tr("<b>broker</b>");
      if (!snap) return s;
      s += snap->brokerUp ? QStringLiteral(" up") : Topology::tr(" <b>down</b>");
      s += Topology::tr("<br>%1 messages waiting · lag %2")
               .arg(snap->brokerBacklog)
               .arg(formatLatency(snap->brokerLagMs));
      return s;
    }
  }
  return {};
}

}  // namespace clusterscope::app
