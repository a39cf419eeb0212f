#pragma once

#include <deque>
#include <optional>
#include <vector>

#include "chart_sample.h"
#include "component_theory.h"

namespace clusterscope::app {

// What a component measured while the prediction shown beside it has been in force, for the
// details panel's theory rows. One interval's mean swings widely at low rates (45.6 ms beside
// a theory of 40 ms); the request-weighted mean of the intervals since the prediction last
// changed, capped to the last minute, is what "the model holds" can be read from.
//
// Fed with the back end's chart samples (one per closed metrics interval, with the prediction
// at its end), which the simulation and the live back end both send; snapshots only repeat the
// last interval. A sample whose prediction differs from the window's starts the window again,
// empty: the change (a kill, a slow-down, a new rate) came inside that interval or at its
// start, which the sample does not tell apart, and either way the queue had not yet settled.
// The same holds for the first sample after clear() (a run that starts empty, or a panel that
// joins a run midway) and after a gap in time.
//
// A minute is a compromise, not precision: the mean of M/M/1 response times is noisy (at
// rho 0.7 and 70 requests/s a minute's mean has a standard error of about 9 %, one 10 s
// interval's about 21 %; 8 % against 26 % for theory-vs-saturation's 5 s intervals at
// rho 0.5), while a longer window would hide a drift the model does not see.
class MeasuredUnderTheory {
 public:
  static constexpr double kWindowS = 60.0;

  struct Figures {
    double seconds = 0.0;      // of cluster time measured
    double completed = 0.0;    // requests
    double meanMs = 0.0;       // request-weighted mean latency; 0 when none completed
    double utilization = 0.0;  // time-weighted
  };

  // Forgets everything: another cluster, or another shape of it.
  void clear();
  void add(const model::ChartSample& sample);
  // What `component` measured under `theory` (the prediction shown now); empty when no whole
  // interval has been measured under it yet, which includes just after it changed.
  std::optional<Figures> under(int component, const model::ComponentTheory& theory) const;
  // The length of the last interval received; 0 before any.
  double lastIntervalS() const { return lastIntervalS_; }

 private:
  // Intervals shorter than this are summed into one bucket, so that a 1 ms interval keeps the
  // window at about 60 entries rather than 60,000 per component.
  static constexpr double kBucketS = kWindowS / 60.0;

  struct Bucket {
    double seconds = 0.0;
    double completed = 0.0;
    double latencyMsSum = 0.0;  // mean x completed
    double busySeconds = 0.0;   // utilisation x seconds
  };
  struct Window {
    float theoryMeanMs = -1.0F;  // the prediction measured; below 0: none
    float theoryUtilization = -1.0F;
    std::deque<Bucket> buckets;
  };

  std::vector<Window> windows_;  // indexed as the samples' components
  double lastEndS_ = -1.0;
  double lastIntervalS_ = 0.0;
};

}  // namespace clusterscope::app
