#pragma once

#include <string>
#include <utility>
#include <vector>

#include "latency_histogram.h"

// Metrics in the Prometheus text exposition format 0.0.4, the one `promtool check metrics`
// checks: one HELP and one TYPE line per family, then its samples. Base units (seconds, bytes);
// counters end in `_total`. Names and label names are checked, label values escaped, so a
// service called `a"b` cannot break the page.

namespace clusterscope::agents {

using Labels = std::vector<std::pair<std::string, std::string>>;

// Histogram buckets as Prometheus wants them: upper bounds in seconds, cumulative counts.
struct HistogramBuckets {
  std::vector<std::pair<double, double>> bounds;  // (le, cumulative count), increasing le
  double count = 0.0;                             // the +Inf bucket
  double sumSeconds = 0.0;
};

// The bounds every ClusterScope process uses, from 50 µs to 10 s.
const std::vector<double>& standardLatencyBounds();

// A latency histogram (nanoseconds, the engine's log-linear buckets) on the standard bounds. A
// bucket counts under every bound at or above its lower edge: a bucket is at most 1/64 of an
// octave wide, so a value near a bound may be counted under it when it is up to 1.6 % above.
HistogramBuckets latencyBuckets(const engine::LatencyHistogram& histogram);

class PrometheusText {
 public:
  // Adds a sample to the family `name`, declaring it (with `help`) the first time. Samples of
  // one family may come in any order; the text groups them. A name or label name that
  // Prometheus would refuse throws std::invalid_argument (a programming error, not input).
  void counter(const std::string& name, const std::string& help, double value,
               const Labels& labels = {});
  void gauge(const std::string& name, const std::string& help, double value,
             const Labels& labels = {});
  void histogram(const std::string& name, const std::string& help, const HistogramBuckets& h,
                 const Labels& labels = {});

  std::string text() const;

 private:
  struct Family {
    std::string name;
    std::string help;
    std::string type;
    std::string samples;
  };
  Family& family(const std::string& name, const std::string& help, const char* type);
  std::vector<Family> families_;
};

}  // namespace clusterscope::agents
