#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

// A log-linear histogram of durations in nanoseconds (HDR-histogram style): values below 128 ns
// are exact, larger ones fall in buckets 1/64 of an octave wide, so a percentile reported as
// its bucket's midpoint is within 0.8 % of the true sample. Values above ~4.9 hours are
// clamped into the last bucket. Recording is O(1) and allocation-free; reading a percentile
// scans only the buckets between the smallest and largest value seen.

namespace clusterscope::engine {

class LatencyHistogram {
 public:
  static constexpr int kSubBucketBits = 6;
  static constexpr int kSubBuckets = 1 << kSubBucketBits;  // per octave
  static constexpr int kExactLimit = 2 * kSubBuckets;      // values below are exact
  static constexpr int kMaxOctaveShift = 37;               // largest bucket width 2^37 ns
  static constexpr int kBucketCount = kExactLimit + kMaxOctaveShift * kSubBuckets;

  // One non-empty bucket: its index (see bucketIndex) and how many values fell in it.
  struct Bucket {
    int index = 0;
    std::uint64_t count = 0;
    bool operator==(const Bucket&) const = default;
  };

  void record(std::int64_t ns);
  void merge(const LatencyHistogram& other);
  // merge() for a histogram known only by its parts (buckets(), sumNs(), minNs(), maxNs()),
  // e.g. one received over the wire: the result is exactly what merge() of the original gives.
  // Parts that no histogram can have change nothing and return false: an index outside
  // [0, kBucketCount), a zero count, indexes not strictly increasing, extremes outside the
  // first and last buckets, a negative or non-finite sum, a total count that overflows. No
  // buckets (with zero sum and extremes) is an empty histogram: true, nothing changes.
  bool mergeBuckets(std::span<const Bucket> buckets, double sumNs, std::int64_t minNs,
                    std::int64_t maxNs);
  void clear();

  std::uint64_t count() const { return count_; }
  bool empty() const { return count_ == 0; }
  // Exact mean of the recorded values (not bucketed); 0 when empty.
  double meanNs() const { return count_ ? sumNs_ / static_cast<double>(count_) : 0.0; }
  std::int64_t minNs() const { return count_ ? minNs_ : 0; }
  std::int64_t maxNs() const { return count_ ? maxNs_ : 0; }
  // Nearest-rank percentile, p in [0, 100]; 0 when empty.
  std::int64_t percentileNs(double p) const;
  // The exact sum of the recorded values, in ns; 0 when empty.
  double sumNs() const { return sumNs_; }
  // The non-empty buckets in increasing index order; empty when the histogram is.
  std::vector<Bucket> buckets() const;

  static int bucketIndex(std::int64_t ns);
  static std::int64_t bucketLowerBound(int index);
  static std::int64_t bucketWidth(int index);

 private:
  std::array<std::uint64_t, kBucketCount> counts_{};
  std::uint64_t count_ = 0;
  double sumNs_ = 0.0;
  std::int64_t minNs_ = 0;
  std::int64_t maxNs_ = 0;
  int lowIndex_ = kBucketCount;  // range of buckets touched since the last clear
  int highIndex_ = -1;
};

}  // namespace clusterscope::engine
