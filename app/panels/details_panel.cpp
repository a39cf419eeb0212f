#include "details_panel.h"

#include <QTextBrowser>
#include <QVBoxLayout>
#include <array>
#include <cmath>

#include "model_text.h"
#include "theory_labels.h"

namespace clusterscope::app {

namespace {

QString q(const std::string& s) { return QString::fromStdString(s).toHtmlEscaped(); }

QString row(const QString& name, const QString& value) {
  return QString("<tr><td style='color:gray;padding-right:12px'>%1</td><td>%2</td></tr>")
      .arg(name, value);
}

QString num(double v, int decimals = 1) { return localNumber(v, 'f', decimals); }
QString percent(double ratio) { return DetailsPanel::tr("%1 %").arg(num(ratio * 100.0)); }
// A length of cluster time: whole seconds as such ("60"), a tenth where intervals are shorter.
QString seconds(double s) { return num(s, std::abs(s - std::round(s)) < 1e-6 ? 0 : 1); }

QString table(const QString& title, const QString& rows) {
  return QString("<h3>%1</h3><table>%2</table>").arg(title, rows);
}

}  // namespace

DetailsPanel::DetailsPanel(QWidget* parent) : QWidget(parent), view_(new QTextBrowser(this)) {
  setObjectName("detailsPanel");
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(view_);
}

void DetailsPanel::setBackend(ClusterBackend* backend) {
  if (backend_) disconnect(backend_, nullptr, this, nullptr);
  backend_ = backend;
  layout_ = backend ? backend->layout() : nullptr;
  snapshot_ = backend ? backend->lastSnapshot() : nullptr;
  selection_ = {};
  measured_.clear();
  if (backend) {
    connect(backend, &ClusterBackend::clusterReset, this, [this](auto layout) {
      layout_ = std::move(layout);
      snapshot_.reset();
      measured_.clear();
      selection_ = {};
      refresh();
    });
    // A new shape of the same cluster: the selection is kept by name.
    connect(backend, &ClusterBackend::layoutChanged, this, [this](auto layout) {
      layout_ = std::move(layout);
      snapshot_.reset();
      measured_.clear();
      refresh();
    });
    connect(backend, &ClusterBackend::snapshotReady, this, [this](auto snapshot) {
      snapshot_ = std::move(snapshot);
      // Skip the work while nobody can see it.
      if (isVisible()) refresh();
    });
    // Taken even while hidden: the theory rows show what was measured since the prediction
    // last changed, which a panel opened later must not have missed. The snapshot that
    // follows the samples refreshes the view.
    connect(backend, &ClusterBackend::samplesReady, this, [this](const auto& samples) {
      for (const model::ChartSample& sample : samples) measured_.add(sample);
    });
    connect(backend, &QObject::destroyed, this, [this] { setBackend(nullptr); });
  }
  refresh();
}

void DetailsPanel::setSelection(const Selection& selection) {
  selection_ = selection;
  refresh();
}

QString DetailsPanel::text() const { return view_->toPlainText(); }

void DetailsPanel::refresh() {
  const auto& l = layout_;
  const auto& s = snapshot_;
  // A snapshot of another shape (in flight while the layout changed) is not shown.
  if (!l || !s || s->deployments.size() != l->deployments.size() ||
      s->components.size() != l->components.size() || s->edges.size() != l->edges.size() ||
      s->nodes.size() != l->nodes.size()) {
    view_->setHtml(tr("<p style='color:gray'>No cluster yet.</p>"));
    return;
  }
  const LayoutTarget t = resolve(selection_, *l);
  QString html;
  switch (t.kind) {
    case Selection::Kind::Deployment:
      html = deploymentHtml(t.index);
      break;
    case Selection::Kind::Component:
      html = deploymentHtml(l->components[t.index].deployment);
      break;
    case Selection::Kind::Replica:
      html = replicaHtml(t.index, t.replica);
      break;
    case Selection::Kind::Edge:
      html = edgeHtml(t.index);
      break;
    case Selection::Kind::Node:
      html = nodeHtml(t.index);
      break;
    case Selection::Kind::Broker:
      html = brokerHtml();
      break;
    case Selection::Kind::None:
      html = clusterHtml();
      break;
  }
  view_->setHtml(html);
}

QString DetailsPanel::clusterHtml() const {
  const auto& s = *snapshot_;
  int replicas = 0;
  for (const auto& d : s.deployments) replicas += static_cast<int>(d.replicas.size());
  return table(tr("Cluster"),
               row(tr("time"), tr("%1 s").arg(num(model::toSeconds(s.time)))) +
                   row(tr("services"), QString::number(s.deployments.size())) +
                   row(tr("replicas"), QString::number(replicas)) + row(tr("cores"), num(s.cores)) +
                   row(tr("throughput"), tr("%1 rps").arg(num(s.throughputRps))) +
                   row(tr("latency p50 / p95 / p99"),
                       tr("%1 / %2 / %3 ms").arg(num(s.p50Ms), num(s.p95Ms), num(s.p99Ms))) +
                   row(tr("failed"), percent(s.failedRatio)) +
                   row(tr("in flight"), QString::number(s.requestsInFlight)) +
                   row(tr("events"), QString::number(s.events))) +
         tr("<p style='color:gray'>Click a service, a replica, a call or a node for its "
            "details.</p>");
}

QString DetailsPanel::deploymentHtml(int d) const {
  const auto& info = layout_->deployments[d];
  const auto& view = snapshot_->deployments[d];
  std::array<int, model::kReplicaStateCount> byState{};
  int busy = 0, queued = 0;
  for (const auto& r : view.replicas) {
    ++byState[static_cast<int>(r.state)];
    busy += r.busyWorkers;
    queued += r.queued;
  }
  QString states;
  for (int st = 0; st < model::kReplicaStateCount; ++st) {
    if (byState[st] == 0) continue;
    if (!states.isEmpty()) states += ", ";
    states += tr("%1 %2", "a count of replicas, their state")
                  .arg(byState[st])
                  .arg(ModelText::replicaState(static_cast<model::ReplicaState>(st)));
  }
  QString rows =
      row(tr("replicas"), states + tr(" (desired %1)").arg(view.desiredReplicas)) +
      row(tr("workers"), tr("%1 busy of %2 per replica").arg(busy).arg(info.workersPerReplica)) +
      row(tr("queued"), QString::number(queued)) +
      row(tr("utilisation"), percent(view.utilization)) +
      row(tr("broker backlog"), QString::number(view.backlog));
  if (!info.language.empty()) rows += row(tr("language"), q(info.language));
  if (info.autoscaled) rows += row(tr("autoscaler"), view.autoscalerOn ? tr("on") : tr("off"));
  for (int c : info.components) {
    const auto& cv = snapshot_->components[c];
    const QString label =
        info.isMonolith ? tr("module %1").arg(q(layout_->components[c].name)) : tr("traffic");
    rows += row(label, tr("%1 rps, p95 %2 ms, %3 failed")
                           .arg(num(cv.throughputRps), num(cv.p95Ms), percent(cv.failedRatio)));
    if (cv.errorRate > 0) rows += row(tr("injected errors"), percent(cv.errorRate));
  }
  if (!info.isMonolith && info.components.size() == 1) rows += theoryRows(info.components[0]);
  return table(q(info.name) + (info.isMonolith ? tr(" (monolith)") : QString()), rows);
}

// Queueing theory beside what was measured while its prediction has been in force (the last
// minute at most, see MeasuredUnderTheory), or why no formula applies. The formula predicts
// the service's own latency (queue and work at one replica), as measured.
QString DetailsPanel::theoryRows(int c) const {
  if (c >= static_cast<int>(snapshot_->theory.size())) return {};
  const model::ComponentTheory& t = snapshot_->theory[c];
  const auto& cv = snapshot_->components[c];
  if (!t.applies())
    return row(tr("queueing theory"), tr("no formula: %1").arg(TheoryLabels::reason(t)));
  QString rows = row(tr("queueing theory"), TheoryLabels::modelName(t));
  if (const auto m = measured_.under(c, t)) {
    const QString window = seconds(m->seconds);
    rows +=
        row(tr("mean latency"), m->completed > 0
                                    ? tr("theory %1 ms, measured %2 ms over the last %3 s")
                                          .arg(num(t.meanResponseMs), num(m->meanMs), window)
                                    : tr("theory %1 ms, nothing completed in the last %2 s")
                                          .arg(num(t.meanResponseMs), window)) +
        row(tr("utilisation"), tr("theory %1, measured %2 over the last %3 s")
                                   .arg(percent(t.utilization), percent(m->utilization), window));
  } else {
    rows +=
        row(tr("mean latency"),
            tr("theory %1 ms, not measured yet under this prediction").arg(num(t.meanResponseMs))) +
        row(tr("utilisation"),
            tr("theory %1, not measured yet under this prediction").arg(percent(t.utilization)));
  }
  // Percentiles cannot be averaged over intervals, and the samples carry three per interval,
  // no histogram to merge: these stay the last interval's (the snapshot's), and say so.
  if (t.p99Ms > 0) {
    const double lastS = measured_.lastIntervalS();
    rows +=
        row(tr("p50 / p95 / p99"),
            lastS > 0
                ? tr("theory %1 / %2 / %3 ms, measured %4 / %5 / %6 ms in the last interval (%7 s)")
                      .arg(num(t.p50Ms), num(t.p95Ms), num(t.p99Ms), num(cv.p50Ms), num(cv.p95Ms),
                           num(cv.p99Ms), seconds(lastS))
                : tr("theory %1 / %2 / %3 ms, measured %4 / %5 / %6 ms in the last interval")
                      .arg(num(t.p50Ms), num(t.p95Ms), num(t.p99Ms), num(cv.p50Ms), num(cv.p95Ms),
                           num(cv.p99Ms)));
  }
  if (t.approximate) rows += row(QString(), TheoryLabels::approximation(t));
  return rows;
}

QString DetailsPanel::replicaHtml(int d, int replica) const {
  for (const auto& r : snapshot_->deployments[d].replicas) {
    if (r.index != replica) continue;
    QString rows =
        row(tr("state"), ModelText::replicaState(r.state)) +
        row(tr("node"), r.node >= 0 && r.node < static_cast<int>(layout_->nodes.size())
                            ? q(layout_->nodes[r.node].name)
                            : tr("not placed")) +
        row(tr("busy workers"),
            QString("%1 / %2").arg(r.busyWorkers).arg(layout_->deployments[d].workersPerReplica)) +
        row(tr("queued"), QString::number(r.queued));
    if (r.slowFactor != 1.0)
      rows += row(tr("slowed"), QString("×%1").arg(localNumber(r.slowFactor)));
    return table(QString("%1#%2").arg(q(layout_->deployments[d].name)).arg(replica), rows);
  }
  return tr("<p>This replica is gone.</p>");
}

QString DetailsPanel::edgeHtml(int e) const {
  const auto& info = layout_->edges[e];
  const auto& v = snapshot_->edges[e];
  return table(
      q(layout_->components[info.from].name) + " → " + q(layout_->components[info.to].name),
      row(tr("mode"), info.inProcess ? tr("in-process call") : ModelText::callMode(v.mode)) +
          row(tr("rate"), tr("%1 rps").arg(num(v.rateRps))) +
          row(tr("p95"), tr("%1 ms").arg(num(v.p95Ms))) + row(tr("errors"), percent(v.errorRatio)) +
          row(tr("in flight"), QString::number(v.inFlight)) +
          row(tr("circuit breaker"), ModelText::breakerState(static_cast<int>(v.breaker))));
}

QString DetailsPanel::nodeHtml(int n) const {
  const auto& v = snapshot_->nodes[n];
  QString replicas;
  for (std::size_t d = 0; d < snapshot_->deployments.size(); ++d) {
    for (const auto& r : snapshot_->deployments[d].replicas) {
      if (r.node != n) continue;
      if (!replicas.isEmpty()) replicas += ", ";
      replicas += QString("%1#%2").arg(q(layout_->deployments[d].name)).arg(r.index);
    }
  }
  return table(tr("node %1").arg(q(layout_->nodes[n].name)),
               row(tr("state"), v.up ? tr("up") : tr("down")) +
                   row(tr("cores used"),
                       QString("%1 / %2")
                           .arg(num(v.usedCores))
                           .arg(layout_->nodes[n].implicit ? tr("unlimited") : num(v.cores))) +
                   row(tr("replicas"), replicas.isEmpty() ? tr("none") : replicas));
}

QString DetailsPanel::brokerHtml() const {
  const auto& s = *snapshot_;
  return table(tr("Broker"),
               row(tr("state"), s.brokerUp ? tr("up") : tr("down")) +
                   row(tr("backlog"), QString::number(s.brokerBacklog)) +
                   row(tr("oldest message"), tr("%1 s").arg(num(s.brokerLagMs / 1000.0))));
}

}  // namespace clusterscope::app
