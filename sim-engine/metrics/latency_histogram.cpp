#include "latency_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace clusterscope::engine {

int LatencyHistogram::bucketIndex(std::int64_t ns) {
  if (ns < kExactLimit) return ns < 0 ? 0 : static_cast<int>(ns);
  const auto v = static_cast<std::uint64_t>(ns);
  const int msb = 63 - std::countl_zero(v);
  const int shift = msb - kSubBucketBits;  // >= 1 here
  if (shift > kMaxOctaveShift) return kBucketCount - 1;
  const int top = static_cast<int>(v >> shift);  // in [kSubBuckets, 2*kSubBuckets)
  return kExactLimit + (shift - 1) * kSubBuckets + (top - kSubBuckets);
}

std::int64_t LatencyHistogram::bucketLowerBound(int index) {
  if (index < kExactLimit) return index;
  const int shift = (index - kExactLimit) / kSubBuckets + 1;
  const int top = (index - kExactLimit) % kSubBuckets + kSubBuckets;
  return static_cast<std::int64_t>(top) << shift;
}

std::int64_t LatencyHistogram::bucketWidth(int index) {
  if (index < kExactLimit) return 1;
  return std::int64_t{1} << ((index - kExactLimit) / kSubBuckets + 1);
}

void LatencyHistogram::record(std::int64_t ns) {
  if (ns < 0) ns = 0;
  const int i = bucketIndex(ns);
  ++counts_[i];
  if (count_ == 0) {
    minNs_ = maxNs_ = ns;
  } else {
    minNs_ = std::min(minNs_, ns);
    maxNs_ = std::max(maxNs_, ns);
  }
  ++count_;
  sumNs_ += static_cast<double>(ns);
  lowIndex_ = std::min(lowIndex_, i);
  highIndex_ = std::max(highIndex_, i);
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
  if (other.count_ == 0) return;
  for (int i = other.lowIndex_; i <= other.highIndex_; ++i) counts_[i] += other.counts_[i];
  if (count_ == 0) {
    minNs_ = other.minNs_;
    maxNs_ = other.maxNs_;
  } else {
    minNs_ = std::min(minNs_, other.minNs_);
    maxNs_ = std::max(maxNs_, other.maxNs_);
  }
  count_ += other.count_;
  sumNs_ += other.sumNs_;
  lowIndex_ = std::min(lowIndex_, other.lowIndex_);
  highIndex_ = std::max(highIndex_, other.highIndex_);
}

void LatencyHistogram::clear() {
  // Only the touched range is dirty: clearing stays cheap for the many per-interval histograms.
  if (highIndex_ >= lowIndex_) {
    std::fill(counts_.begin() + lowIndex_, counts_.begin() + highIndex_ + 1, 0);
  }
  count_ = 0;
  sumNs_ = 0.0;
  minNs_ = maxNs_ = 0;
  lowIndex_ = kBucketCount;
  highIndex_ = -1;
}

std::int64_t LatencyHistogram::percentileNs(double p) const {
  if (count_ == 0) return 0;
  p = std::clamp(p, 0.0, 100.0);
  auto rank = static_cast<std::uint64_t>(std::ceil(p * static_cast<double>(count_) / 100.0));
  rank = std::clamp<std::uint64_t>(rank, 1, count_);
  std::uint64_t seen = 0;
  for (int i = lowIndex_; i <= highIndex_; ++i) {
    seen += counts_[i];
    if (seen >= rank) {
      const std::int64_t mid = bucketLowerBound(i) + bucketWidth(i) / 2;
      // The exact extremes are known, so never report beyond them.
      return std::clamp(bucketWidth(i) == 1 ? bucketLowerBound(i) : mid, minNs_, maxNs_);
    }
  }
  return maxNs_;
}

}  // namespace clusterscope::engine
