#pragma once

#include <QString>
#include <QVector>
#include <cstddef>
#include <deque>
#include <memory>
#include <vector>

#include "chart_sample.h"
#include "cluster_layout.h"
#include "failure_cause.h"

// The chart data of one source (one ClusterBackend): its ChartSamples in time order, the
// actions applied to it, and the series the plots draw. No widget here, so tests check it alone.
//
// Memory stays flat over any run: samples older than `Limits::maxAgeS` of cluster time are
// dropped, and so are the oldest ones once the history and the plots drawn from it hold
// `Limits::maxBytes` (a sample of a 200-component cluster is about 35 kB, so the default keeps
// more than an hour of it; a small cluster keeps the full maxAgeS at a 1 s interval, and as
// much as fits at a 1 ms one). Not thread-safe: use it on one thread (the GUI's).

namespace clusterscope::app {

// What a series shows. Scope-dependent metrics read the end-to-end figures or one component's;
// Cores, BrokerBacklog, BrokerLagMs and InFlight are cluster-wide whatever the scope.
enum class ChartMetric {
  Arrivals,           // requests/s
  Throughput,         // completed requests/s
  Failures,           // failed/s; with a cause, only that cause's
  FailedRatio,        // 0..1
  P50,                // ms; NaN when nothing completed in the interval
  P95,                // ms; NaN as above
  P99,                // ms; NaN as above
  Queue,              // tasks waiting: the component's host, or every deployment end to end
  Utilization,        // 0..1 busy share of the host's workers; NaN end to end
  ReadyReplicas,      // the component's host deployment, or all deployments end to end
  Cores,              // mean cores provisioned in the cluster
  BrokerBacklog,      // messages waiting in the broker
  BrokerLagMs,        // oldest message's wait
  InFlight,           // requests in the system (mean)
  Mean,               // ms, mean latency; NaN when nothing completed
  TheoryMean,         // ms, queueing theory's mean latency; NaN end to end or where none applies
  TheoryUtilization,  // 0..1, the same for utilisation
};

// A vertical marker: an action that took effect at cluster time `atS`.
struct ChartMarker {
  double atS = 0.0;
  QString label;  // describeAction()'s text, e.g. "killed orders#1"
};

// Parallel x (interval end time, s) and y vectors, ready for QCPGraph::setData.
struct ChartSeries {
  QVector<double> x;
  QVector<double> y;
};

class ChartHistory {
 public:
  static constexpr int kEndToEnd = -1;

  struct Limits {
    double maxAgeS = 4 * 3600.0;                  // cluster seconds kept behind the newest sample
    std::size_t maxBytes = 160u * 1024u * 1024u;  // estimated heap held by samples and plots
    // What the plots hold for each sample: a point (16 bytes) in each of a source's 17
    // graphs, with the slack QCustomPlot's containers keep as they grow and drop their
    // front (measured: about 900 bytes). For a small cluster this is most of the memory.
    std::size_t plotBytesPerSample = 900;
    std::size_t maxMarkers = 1000;  // markers beyond this drop the oldest
  };

  ChartHistory();
  explicit ChartHistory(Limits limits);

  // Forgets everything: a new cluster or a reset. `layout` may be null (no names, and the
  // end-to-end queue then sums components instead of deployments).
  void reset(std::shared_ptr<const model::ClusterLayout> layout);
  // The same cluster in a new shape: keeps every sample and marker, re-indexes the samples'
  // components by name to the new layout. A component new in `layout` has no figures before
  // now (NaN, drawn as a gap); one that is gone loses its history.
  void reshape(std::shared_ptr<const model::ClusterLayout> layout);
  const model::ClusterLayout* layout() const { return layout_.get(); }

  // Appends samples in time order and applies the limits. A sample that ends before the newest
  // one means the source started over without a reset: the history is cleared first and false
  // is returned, so that views rebuild rather than append.
  bool append(const QVector<model::ChartSample>& samples);
  void addMarker(double atS, const QString& label);

  std::size_t size() const { return samples_.size(); }
  bool empty() const { return samples_.empty(); }
  const model::ChartSample& at(std::size_t i) const { return samples_[i]; }
  // Start of the oldest sample and end of the newest; NaN when empty.
  double firstStartS() const;
  double lastEndS() const;
  const std::deque<ChartMarker>& markers() const { return markers_; }
  // Estimated heap held by the samples and their plot points, compared with maxBytes.
  std::size_t bytesUsed() const { return bytes_; }
  const Limits& limits() const { return limits_; }

  // Number of components in the layout, or in the newest sample without a layout.
  int componentCount() const;
  // "end to end", or the component's name ("component 3" without a layout or out of range).
  QString scopeName(int scope) const;

  // One value of one sample; NaN when it does not apply (a component out of range, a
  // percentile of an interval in which nothing completed, utilisation end to end).
  double value(const model::ChartSample& s, ChartMetric metric, int scope,
               model::FailureCause cause = model::FailureCause::None) const;
  // The series of samples [from, size()).
  ChartSeries series(ChartMetric metric, int scope, std::size_t from = 0,
                     model::FailureCause cause = model::FailureCause::None) const;

  // Every sample of one scope as CSV: a header line, then one line per sample (oldest first)
  // with the actions applied during its interval. A non-empty `source` adds a first column
  // holding it, so several histories can share one file; `header` false leaves the header out.
  QString toCsv(int scope, const QString& source = {}, bool header = true) const;

 private:
  std::size_t estimateBytes(const model::ChartSample& s) const;
  void indexDeployments();
  void dropOld();

  Limits limits_;
  std::shared_ptr<const model::ClusterLayout> layout_;
  // For each deployment, one of its components: every component of a deployment reports the
  // deployment's queue and replicas, so end-to-end sums must count each deployment once.
  std::vector<int> deploymentComponent_;
  std::deque<model::ChartSample> samples_;
  std::deque<ChartMarker> markers_;
  std::size_t bytes_ = 0;
};

}  // namespace clusterscope::app
