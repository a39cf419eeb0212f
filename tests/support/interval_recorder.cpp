#include "interval_recorder.h"

namespace clusterscope::testing {

using namespace clusterscope::engine;
using namespace clusterscope::model;

namespace {

RecordedScope record(const TrafficStats& t) {
  RecordedScope s;
  s.arrivals = t.arrivals;
  s.completed = t.completed;
  s.failed = t.failed();
  s.failures = t.failures;
  s.p50Ms = static_cast<double>(t.latency.percentileNs(50)) / 1e6;
  s.p95Ms = static_cast<double>(t.latency.percentileNs(95)) / 1e6;
  s.meanMs = t.latency.meanNs() / 1e6;
  return s;
}

// Counts add up; the mean is weighted by completions. Percentiles cannot be summed and are
// left at zero.
void add(RecordedScope& sum, const RecordedScope& s) {
  const auto done = sum.completed + s.completed;
  if (done > 0) {
    sum.meanMs = (sum.meanMs * static_cast<double>(sum.completed) +
                  s.meanMs * static_cast<double>(s.completed)) /
                 static_cast<double>(done);
  }
  sum.arrivals += s.arrivals;
  sum.completed += s.completed;
  sum.failed += s.failed;
  sum.failures.merge(s.failures);
}

template <typename Pick>
RecordedScope between(const std::vector<RecordedInterval>& list, double from, double to,
                      Pick pick) {
  RecordedScope sum;
  for (const auto& i : list) {
    if (i.startS >= from - 1e-9 && i.endS <= to + 1e-9) add(sum, pick(i));
  }
  return sum;
}

}  // namespace

void IntervalRecorder::onIntervalClosed(const IntervalReport& r) {
  RecordedInterval i;
  i.startS = simToSeconds(r.start);
  i.endS = simToSeconds(r.end);
  i.requests = record(*r.requests);
  for (const auto& c : *r.components) i.components.push_back(record(c));
  for (const auto& e : *r.edges) i.edges.push_back(record(e));
  i.deployments = *r.deployments;
  i.broker = r.broker;
  intervals.push_back(std::move(i));
}

void IntervalRecorder::onActionApplied(SimTime at, const Action& action) {
  actions.emplace_back(simToSeconds(at), action);
}

RecordedScope IntervalRecorder::requestsBetween(double from, double to) const {
  return between(intervals, from, to, [](const RecordedInterval& i) { return i.requests; });
}

RecordedScope IntervalRecorder::componentBetween(int c, double from, double to) const {
  return between(intervals, from, to, [c](const RecordedInterval& i) { return i.components[c]; });
}

RecordedScope IntervalRecorder::edgeBetween(int e, double from, double to) const {
  return between(intervals, from, to, [e](const RecordedInterval& i) { return i.edges[e]; });
}

}  // namespace clusterscope::testing
