#include "measured_under_theory.h"

#include <cmath>

namespace clusterscope::app {

void MeasuredUnderTheory::clear() {
  windows_.clear();
  lastEndS_ = -1.0;
  lastIntervalS_ = 0.0;
}

void MeasuredUnderTheory::add(const model::ChartSample& sample) {
  const double seconds = sample.endS - sample.startS;
  // Another shape, or a hole in time (a live cluster out of reach): nothing carries over.
  const bool continuous = lastEndS_ >= 0.0 && std::abs(sample.startS - lastEndS_) < 1e-6;
  if (!continuous || windows_.size() != sample.components.size()) {
    windows_.assign(sample.components.size(), Window{});
  }
  lastEndS_ = sample.endS;
  lastIntervalS_ = seconds;
  if (seconds <= 0.0) return;
  for (std::size_t c = 0; c < sample.components.size(); ++c) {
    const model::ScopeSample& s = sample.components[c];
    Window& w = windows_[c];
    if (s.theoryMeanMs != w.theoryMeanMs || s.theoryUtilization != w.theoryUtilization) {
      w = Window{s.theoryMeanMs, s.theoryUtilization, {}};
      continue;  // this interval saw the change: measure from the next one
    }
    if (s.theoryMeanMs < 0.0F) continue;
    if (w.buckets.empty() || w.buckets.back().seconds >= kBucketS) w.buckets.emplace_back();
    Bucket& b = w.buckets.back();
    const double completed = s.throughputRps * seconds;
    b.seconds += seconds;
    b.completed += completed;
    b.latencyMsSum += s.meanMs * completed;
    b.busySeconds += s.utilization * seconds;
    double total = 0.0;
    for (const Bucket& each : w.buckets) total += each.seconds;
    while (w.buckets.size() > 1 && total - w.buckets.front().seconds >= kWindowS - 1e-9) {
      total -= w.buckets.front().seconds;
      w.buckets.pop_front();
    }
  }
}

std::optional<MeasuredUnderTheory::Figures> MeasuredUnderTheory::under(
    int component, const model::ComponentTheory& theory) const {
  if (component < 0 || component >= static_cast<int>(windows_.size())) return std::nullopt;
  const Window& w = windows_[component];
  // Samples carry the prediction in single precision, computed the same way as the snapshot's.
  if (w.buckets.empty() || !theory.applies() ||
      w.theoryMeanMs != static_cast<float>(theory.meanResponseMs) ||
      w.theoryUtilization != static_cast<float>(theory.utilization)) {
    return std::nullopt;
  }
  Figures f;
  double latencyMsSum = 0.0, busySeconds = 0.0;
  for (const Bucket& b : w.buckets) {
    f.seconds += b.seconds;
    f.completed += b.completed;
    latencyMsSum += b.latencyMsSum;
    busySeconds += b.busySeconds;
  }
  if (f.completed > 0.0) f.meanMs = latencyMsSum / f.completed;
  f.utilization = busySeconds / f.seconds;
  return f;
}

}  // namespace clusterscope::app
