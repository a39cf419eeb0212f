#include "latency_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>

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

bool LatencyHistogram::mergeBuckets(std::span<const Bucket> buckets, double sumNs,
                                    std::int64_t minNs, std::int64_t maxNs) {
  if (buckets.empty()) return sumNs == 0.0 && minNs == 0 && maxNs == 0;
  std::uint64_t added = 0;
  int previous = -1;
  for (const Bucket& b : buckets) {
    if (b.index <= previous || b.index >= kBucketCount || b.count == 0) return false;
    if (b.count > UINT64_MAX - added) return false;
    added += b.count;
    previous = b.index;
  }
  // The extremes must lie in the outermost buckets, or percentiles would be clamped to values
  // that were never recorded.
  if (minNs < 0 || minNs > maxNs || bucketIndex(minNs) != buckets.front().index ||
      bucketIndex(maxNs) != buckets.back().index) {
    return false;
  }
  if (!std::isfinite(sumNs) || sumNs < 0.0 || added > UINT64_MAX - count_) return false;
  for (const Bucket& b : buckets) counts_[b.index] += b.count;
  minNs_ = count_ == 0 ? minNs : std::min(minNs_, minNs);
  maxNs_ = count_ == 0 ? maxNs : std::max(maxNs_, maxNs);
  count_ += added;
  sumNs_ += sumNs;
  lowIndex_ = std::min(lowIndex_, buckets.front().index);
  highIndex_ = std::max(highIndex_, buckets.back().index);
  return true;
}

std::vector<LatencyHistogram::Bucket> LatencyHistogram::buckets() const {
  std::vector<Bucket> out;
  for (int i = lowIndex_; i <= highIndex_; ++i) {
    if (counts_[i] != 0) out.push_back({i, counts_[i]});
  }
  return out;
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
