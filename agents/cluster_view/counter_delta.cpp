#include "counter_delta.h"

#include <algorithm>
#include <cmath>

#include "latency_histogram.h"

namespace clusterscope::agents::cluster_view {

namespace {

using engine::LatencyHistogram;

std::uint64_t difference(std::uint64_t latest, std::uint64_t base, bool& backwards) {
  if (latest >= base) return latest - base;
  backwards = true;
  return 0;
}

std::int64_t bucketUpperBound(int index) {
  return LatencyHistogram::bucketLowerBound(index) + LatencyHistogram::bucketWidth(index) - 1;
}

bool trafficWentBackwards(const TrafficCounters& next, const TrafficCounters& previous) {
  const auto histogramCount = [](const protocol::SparseHistogram* h) { return h ? h->count() : 0; };
  return next.arrivals < previous.arrivals || next.completed < previous.completed ||
         next.failed < previous.failed ||
         histogramCount(next.latency) < histogramCount(previous.latency);
}

bool serviceWentBackwards(const protocol::ServiceTelemetry& next,
                          const protocol::ServiceTelemetry& previous) {
  if (trafficWentBackwards(countersOf(next), countersOf(previous))) return true;
  for (std::size_t i = 0; i < previous.edges.size(); ++i) {
    const auto& old = previous.edges[i];
    const auto* now = findSame(&next.edges, i,
                               [&](const auto& e) { return e.from == old.from && e.to == old.to; });
    if (now == nullptr || trafficWentBackwards(countersOf(*now), countersOf(old))) return true;
  }
  return false;
}

bool brokerWentBackwards(const protocol::BrokerTelemetry& next,
                         const protocol::BrokerTelemetry& previous) {
  for (std::size_t i = 0; i < previous.queues.size(); ++i) {
    const auto& old = previous.queues[i];
    const auto* now =
        findSame(&next.queues, i, [&](const auto& q) { return q.service == old.service; });
    if (now == nullptr || now->published < old.published || now->delivered < old.delivered ||
        now->redelivered < old.redelivered || now->acknowledged < old.acknowledged ||
        now->rejected < old.rejected) {
      return true;
    }
  }
  return false;
}

}  // namespace

TrafficCounters countersOf(const protocol::ServiceTelemetry& s) {
  return {s.arrivals, s.completed, s.failed, &s.failedBy, &s.latency};
}

TrafficCounters countersOf(const protocol::EdgeTelemetry& e) {
  return {e.calls, e.completed, e.failed, &e.failedBy, e.latency ? &*e.latency : nullptr};
}

TrafficCounters countersOf(const protocol::LoadTelemetry& l) {
  return {l.sent, l.completed, l.failed, &l.failedBy, &l.latency};
}

bool histogramDelta(const protocol::SparseHistogram& latest, const protocol::SparseHistogram* base,
                    protocol::SparseHistogram& out) {
  out.buckets.clear();
  bool backwards = false;
  const std::vector<LatencyHistogram::Bucket> none;
  const auto& old = base ? base->buckets : none;
  std::size_t j = 0;
  for (const auto& b : latest.buckets) {
    std::uint64_t before = 0;
    for (; j < old.size() && old[j].index <= b.index; ++j) {
      if (old[j].index == b.index) {
        before = old[j].count;
      } else {
        backwards = true;  // a bucket that had counts has none now
      }
    }
    if (b.count > before) {
      out.buckets.push_back({b.index, b.count - before});
    } else if (b.count < before) {
      backwards = true;
    }
  }
  if (j < old.size()) backwards = true;
  if (out.buckets.empty()) {
    out.sumNs = 0.0;
    out.minNs = out.maxNs = 0;
    return backwards;
  }
  const double sum = latest.sumNs - (base ? base->sumNs : 0.0);
  out.sumNs = std::isfinite(sum) && sum > 0.0 ? sum : 0.0;
  const int first = out.buckets.front().index;
  const int last = out.buckets.back().index;
  out.minNs = LatencyHistogram::bucketIndex(latest.minNs) == first
                  ? latest.minNs
                  : LatencyHistogram::bucketLowerBound(first);
  out.maxNs =
      LatencyHistogram::bucketIndex(latest.maxNs) == last ? latest.maxNs : bucketUpperBound(last);
  return backwards;
}

void TrafficDelta::compute(const TrafficCounters& latest, const TrafficCounters* base) {
  static const TrafficCounters kZero;
  const TrafficCounters& b = base ? *base : kZero;
  backwards = false;
  arrivals = difference(latest.arrivals, b.arrivals, backwards);
  completed = difference(latest.completed, b.completed, backwards);
  const std::uint64_t failed = difference(latest.failed, b.failed, backwards);
  failures.clear();
  if (latest.failedBy) {
    for (int c = 1; c < model::kFailureCauseCount; ++c) {
      const std::uint64_t before = b.failedBy ? b.failedBy->byCause[c] : 0;
      failures.byCause[c] = difference(latest.failedBy->byCause[c], before, backwards);
    }
  }
  const std::uint64_t known = failures.total();
  failures.byCause[0] = failed > known ? failed - known : 0;
  if (latest.latency) {
    backwards = histogramDelta(*latest.latency, b.latency, latency) || backwards;
  } else {
    latency = {};
  }
}

void TrafficDelta::clear() {
  arrivals = completed = 0;
  failures.clear();
  latency.buckets.clear();
  latency.sumNs = 0.0;
  latency.minNs = latency.maxNs = 0;
  backwards = false;
}

void TrafficDelta::addTo(engine::TrafficStats& into) const {
  into.arrivals += arrivals;
  into.completed += completed;
  into.failures.merge(failures);
  // Cannot fail: histogramDelta() keeps the extremes in the outermost buckets.
  (void)latency.mergeInto(into.latency);
}

bool countersWentBackwards(const protocol::Report& next, const protocol::Report& previous) {
  if (previous.service) {
    if (!next.service || serviceWentBackwards(*next.service, *previous.service)) return true;
  }
  if (previous.load) {
    if (!next.load || trafficWentBackwards(countersOf(*next.load), countersOf(*previous.load))) {
      return true;
    }
  }
  if (previous.broker) {
    if (!next.broker || brokerWentBackwards(*next.broker, *previous.broker)) return true;
  }
  return false;
}

}  // namespace clusterscope::agents::cluster_view
