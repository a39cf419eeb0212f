#include "chart_history.h"

#include <QStringList>
#include <algorithm>
#include <cmath>
#include <limits>

namespace clusterscope::app {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Under this many samples the byte limit is ignored: a view needs some history to be useful,
// whatever the cluster's size.
constexpr std::size_t kMinSamplesKept = 60;

// The engine reports 0 ms when no request completed; a chart must show a gap there, not a
// dive to zero (and a log axis cannot draw zero at all).
double latency(double ms) { return ms > 0.0 ? ms : kNaN; }

QString csvNumber(double v) {
  if (std::isnan(v)) return {};
  return QString::number(v, 'g', 10);
}

QString csvField(const QString& text) {
  if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
      !text.contains(QLatin1Char('\n'))) {
    return text;
  }
  QString quoted = text;
  quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
  return QLatin1Char('"') + quoted + QLatin1Char('"');
}

}  // namespace

ChartHistory::ChartHistory() : ChartHistory(Limits{}) {}

ChartHistory::ChartHistory(Limits limits) : limits_(limits) {}

void ChartHistory::reset(std::shared_ptr<const model::ClusterLayout> layout) {
  layout_ = std::move(layout);
  indexDeployments();
  samples_.clear();
  markers_.clear();
  bytes_ = 0;
}

void ChartHistory::reshape(std::shared_ptr<const model::ClusterLayout> layout) {
  if (layout_ && layout) {
    // For each component of the new layout, where it was in the old one (-1: new).
    std::vector<int> from(layout->components.size());
    bool same = layout->components.size() == layout_->components.size();
    for (std::size_t c = 0; c < from.size(); ++c) {
      from[c] = layout_->componentIndex(layout->components[c].name);
      same = same && from[c] == static_cast<int>(c);
    }
    if (!same) {
      model::ScopeSample missing;
      for (float* f :
           {&missing.arrivalRps, &missing.throughputRps, &missing.failedRps, &missing.failedRatio,
            &missing.p50Ms, &missing.p95Ms, &missing.p99Ms, &missing.meanQueue,
            &missing.utilization, &missing.readyReplicas, &missing.backlog, &missing.cores}) {
        *f = std::numeric_limits<float>::quiet_NaN();
      }
      missing.failuresByCause.fill(std::numeric_limits<float>::quiet_NaN());
      bytes_ = 0;
      for (model::ChartSample& s : samples_) {
        std::vector<model::ScopeSample> remapped(from.size(), missing);
        for (std::size_t c = 0; c < from.size(); ++c) {
          if (from[c] >= 0 && from[c] < static_cast<int>(s.components.size())) {
            remapped[c] = s.components[from[c]];
          }
        }
        s.components = std::move(remapped);
        bytes_ += estimateBytes(s);
      }
    }
  }
  layout_ = std::move(layout);
  indexDeployments();
  dropOld();
}

void ChartHistory::indexDeployments() {
  deploymentComponent_.clear();
  if (!layout_) return;
  for (const auto& d : layout_->deployments) {
    if (!d.components.empty()) deploymentComponent_.push_back(d.components.front());
  }
}

std::size_t ChartHistory::estimateBytes(const model::ChartSample& s) const {
  // The deque's own block overhead is small next to the components vector: ignored.
  return sizeof(model::ChartSample) + s.components.capacity() * sizeof(model::ScopeSample) +
         limits_.plotBytesPerSample;
}

bool ChartHistory::append(const QVector<model::ChartSample>& samples) {
  bool continuous = true;
  for (const model::ChartSample& s : samples) {
    if (!samples_.empty() && s.endS < samples_.back().endS) {
      samples_.clear();
      markers_.clear();
      bytes_ = 0;
      continuous = false;
    }
    samples_.push_back(s);
    bytes_ += estimateBytes(samples_.back());
  }
  dropOld();
  return continuous;
}

void ChartHistory::addMarker(double atS, const QString& label) {
  markers_.push_back(ChartMarker{atS, label});
  // Actions normally arrive in time order; a late one is moved to its place so CSV rows and
  // trimming can rely on the order.
  for (std::size_t i = markers_.size() - 1; i > 0 && markers_[i - 1].atS > markers_[i].atS; --i) {
    std::swap(markers_[i - 1], markers_[i]);
  }
  while (markers_.size() > limits_.maxMarkers) markers_.pop_front();
}

void ChartHistory::dropOld() {
  if (samples_.empty()) return;
  const double oldestKept = samples_.back().endS - limits_.maxAgeS;
  while (samples_.size() > 1 && samples_.front().endS < oldestKept) {
    bytes_ -= estimateBytes(samples_.front());
    samples_.pop_front();
  }
  while (samples_.size() > kMinSamplesKept && bytes_ > limits_.maxBytes) {
    bytes_ -= estimateBytes(samples_.front());
    samples_.pop_front();
  }
  const double firstS = samples_.front().startS;
  while (!markers_.empty() && markers_.front().atS < firstS) markers_.pop_front();
}

double ChartHistory::firstStartS() const {
  return samples_.empty() ? kNaN : samples_.front().startS;
}

double ChartHistory::lastEndS() const { return samples_.empty() ? kNaN : samples_.back().endS; }

int ChartHistory::componentCount() const {
  if (layout_) return static_cast<int>(layout_->components.size());
  return samples_.empty() ? 0 : static_cast<int>(samples_.back().components.size());
}

QString ChartHistory::scopeName(int scope) const {
  if (scope < 0) return QStringLiteral("end to end");
  if (layout_ && scope < static_cast<int>(layout_->components.size())) {
    return QString::fromStdString(layout_->components[scope].name);
  }
  return QStringLiteral("component %1").arg(scope);
}

double ChartHistory::value(const model::ChartSample& s, ChartMetric metric, int scope,
                           model::FailureCause cause) const {
  const bool oneComponent = scope >= 0 && scope < static_cast<int>(s.components.size());
  switch (metric) {  // cluster-wide metrics first; cores and backlog also exist per service
    case ChartMetric::Cores:
      return oneComponent ? s.components[scope].cores : s.cores;
    case ChartMetric::BrokerBacklog:
      return oneComponent ? s.components[scope].backlog : s.brokerBacklog;
    case ChartMetric::BrokerLagMs:
      return s.brokerLagMs;
    case ChartMetric::InFlight:
      return s.requestsInFlight;
    default:
      break;
  }
  if (scope >= static_cast<int>(s.components.size())) return kNaN;
  const bool endToEnd = scope < 0;
  const model::ScopeSample& p = endToEnd ? s.requests : s.components[scope];
  switch (metric) {
    case ChartMetric::Arrivals:
      return p.arrivalRps;
    case ChartMetric::Throughput:
      return p.throughputRps;
    case ChartMetric::Failures:
      return cause == model::FailureCause::None ? p.failedRps
                                                : p.failuresByCause[static_cast<int>(cause)];
    case ChartMetric::FailedRatio:
      return p.failedRatio;
    case ChartMetric::P50:
      return latency(p.p50Ms);
    case ChartMetric::P95:
      return latency(p.p95Ms);
    case ChartMetric::P99:
      return latency(p.p99Ms);
    case ChartMetric::Queue: {
      if (!endToEnd) return p.meanQueue;
      double total = 0.0;
      if (layout_ && layout_->components.size() == s.components.size()) {
        for (int c : deploymentComponent_) total += s.components[c].meanQueue;
      } else {
        for (const auto& c : s.components) total += c.meanQueue;
      }
      return total;
    }
    case ChartMetric::Utilization:
      return endToEnd ? kNaN : p.utilization;
    case ChartMetric::Mean:
      return latency(p.meanMs);
    case ChartMetric::TheoryMean:
      return endToEnd || p.theoryMeanMs < 0 ? kNaN : p.theoryMeanMs;
    case ChartMetric::TheoryUtilization:
      return endToEnd || p.theoryUtilization < 0 ? kNaN : p.theoryUtilization;
    case ChartMetric::ReadyReplicas:
      return endToEnd ? s.readyReplicas : p.readyReplicas;
    default:
      return kNaN;
  }
}

ChartSeries ChartHistory::series(ChartMetric metric, int scope, std::size_t from,
                                 model::FailureCause cause) const {
  ChartSeries out;
  if (from >= samples_.size()) return out;
  const auto n = static_cast<qsizetype>(samples_.size() - from);
  out.x.reserve(n);
  out.y.reserve(n);
  for (auto it = samples_.begin() + static_cast<std::ptrdiff_t>(from); it != samples_.end(); ++it) {
    out.x.push_back(it->endS);
    out.y.push_back(value(*it, metric, scope, cause));
  }
  return out;
}

QString ChartHistory::toCsv(int scope, const QString& source, bool header) const {
  struct Column {
    QString name;
    ChartMetric metric;
    model::FailureCause cause = model::FailureCause::None;
  };
  std::vector<Column> columns = {
      {QStringLiteral("arrival_rps"), ChartMetric::Arrivals},
      {QStringLiteral("throughput_rps"), ChartMetric::Throughput},
      {QStringLiteral("failed_rps"), ChartMetric::Failures},
      {QStringLiteral("failed_ratio"), ChartMetric::FailedRatio},
      {QStringLiteral("p50_ms"), ChartMetric::P50},
      {QStringLiteral("p95_ms"), ChartMetric::P95},
      {QStringLiteral("p99_ms"), ChartMetric::P99},
  };
  for (int c = 1; c < model::kFailureCauseCount; ++c) {
    const auto cause = static_cast<model::FailureCause>(c);
    columns.push_back({QStringLiteral("failed_%1_rps").arg(model::failureCauseName(cause)),
                       ChartMetric::Failures, cause});
  }
  columns.insert(columns.end(), {
                                    {QStringLiteral("queue"), ChartMetric::Queue},
                                    {QStringLiteral("utilization"), ChartMetric::Utilization},
                                    {QStringLiteral("ready_replicas"), ChartMetric::ReadyReplicas},
                                    {QStringLiteral("cores"), ChartMetric::Cores},
                                    {QStringLiteral("broker_backlog"), ChartMetric::BrokerBacklog},
                                    {QStringLiteral("broker_lag_ms"), ChartMetric::BrokerLagMs},
                                    {QStringLiteral("requests_in_flight"), ChartMetric::InFlight},
                                });

  QString out;
  // A rough reservation: about 12 characters per number avoids most reallocations.
  out.reserve(static_cast<qsizetype>((samples_.size() + 1) * (columns.size() + 4) * 12));
  QStringList fields;
  if (header) {
    if (!source.isEmpty()) fields << QStringLiteral("source");
    fields << QStringLiteral("scope") << QStringLiteral("start_s") << QStringLiteral("end_s");
    for (const auto& c : columns) fields << c.name;
    fields << QStringLiteral("actions");
    out += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
  }
  const QString scopeField = csvField(scopeName(scope));
  const QString sourceField = csvField(source);
  auto marker = markers_.begin();
  for (const model::ChartSample& s : samples_) {
    fields.clear();
    if (!source.isEmpty()) fields << sourceField;
    fields << scopeField << csvNumber(s.startS) << csvNumber(s.endS);
    for (const auto& c : columns) fields << csvNumber(value(s, c.metric, scope, c.cause));
    // Markers are sorted. The engine closes an interval before it applies an action due at
    // the same instant, so an action at exactly `endS` belongs to the next row.
    QStringList actions;
    for (; marker != markers_.end() && marker->atS < s.endS; ++marker) actions << marker->label;
    fields << csvField(actions.join(QLatin1String("; ")));
    out += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
  }
  return out;
}

}  // namespace clusterscope::app
