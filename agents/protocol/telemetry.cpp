#include "telemetry.h"

namespace clusterscope::agents::protocol {

std::uint64_t SparseHistogram::count() const {
  std::uint64_t n = 0;
  for (const auto& b : buckets) n += b.count;
  return n;
}

SparseHistogram SparseHistogram::of(const engine::LatencyHistogram& histogram) {
  return {histogram.buckets(), histogram.sumNs(), histogram.minNs(), histogram.maxNs()};
}

bool SparseHistogram::mergeInto(engine::LatencyHistogram& into) const {
  return into.mergeBuckets(buckets, sumNs, minNs, maxNs);
}

}  // namespace clusterscope::agents::protocol
