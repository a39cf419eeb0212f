// The latency histogram against exact order statistics: every percentile the reports print
// comes from here, so its error bound, its extremes and its bucket arithmetic are checked
// over the whole range it claims.

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "latency_histogram.h"
#include "random.h"

using namespace clusterscope::engine;

namespace {

using H = LatencyHistogram;

// The exact nearest-rank percentile: the smallest value with at least p % of the samples at
// or below it. Integer arithmetic for the rank where p is whole, so that the reference itself
// has no rounding error.
std::int64_t exactPercentile(const std::vector<std::int64_t>& sorted, double p) {
  const double n = static_cast<double>(sorted.size());
  auto rank = static_cast<std::size_t>(std::ceil(p * n / 100.0));
  rank = std::clamp<std::size_t>(rank, 1, sorted.size());
  return sorted[rank - 1];
}

std::vector<std::int64_t> logUniformSamples(int n, std::uint64_t seed) {
  // 1 us .. 1 h, uniform in log: every octave of the range equally represented.
  Rng rng(seed);
  const double lo = std::log(1e3), hi = std::log(3600e9);
  std::vector<std::int64_t> v;
  for (int i = 0; i < n; ++i) v.push_back(std::llround(std::exp(lo + (hi - lo) * rng.uniform01())));
  return v;
}

std::vector<std::int64_t> exponentialSamples(int n, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<std::int64_t> v;
  for (int i = 0; i < n; ++i) v.push_back(std::llround(rng.exponential(50e6)));  // mean 50 ms
  return v;
}

// Every percentile from 0 to 100 in steps of 0.1, plus the far tail. Use a sample count for
// which p * n / 100 is never close to a whole number, so that the rank is not a tie-break of
// floating-point rounding.
void expectPercentilesWithin1Percent(std::vector<std::int64_t> samples) {
  H h;
  for (auto v : samples) h.record(v);
  std::sort(samples.begin(), samples.end());
  std::vector<double> ps;
  for (int i = 0; i <= 1000; ++i) ps.push_back(i / 10.0);
  for (double p : {99.95, 99.99, 99.999}) ps.push_back(p);
  for (double p : ps) {
    const auto exact = static_cast<double>(exactPercentile(samples, p));
    const auto got = static_cast<double>(h.percentileNs(p));
    const double err = std::abs(got - exact) / exact;
    if (err > 0.01) {
      QFAIL(qPrintable(QString("p%1: histogram %2 ns, exact %3 ns (%4 % off)")
                           .arg(p)
                           .arg(got, 0, 'f', 0)
                           .arg(exact, 0, 'f', 0)
                           .arg(err * 100, 0, 'f', 3)));
    }
  }
}

void expectSamePercentiles(const H& a, const H& b, const char* what) {
  for (int i = 0; i <= 200; ++i) {
    const double p = i / 2.0;
    if (a.percentileNs(p) != b.percentileNs(p)) {
      QFAIL(qPrintable(QString("%1: p%2 is %3 vs %4")
                           .arg(what)
                           .arg(p)
                           .arg(a.percentileNs(p))
                           .arg(b.percentileNs(p))));
    }
  }
}

}  // namespace

class LatencyHistogramTest : public QObject {
  Q_OBJECT

 private slots:
  void emptyReadsZero() {
    H h;
    QVERIFY(h.empty());
    QCOMPARE(h.count(), 0ULL);
    QCOMPARE(h.minNs(), 0LL);
    QCOMPARE(h.maxNs(), 0LL);
    QCOMPARE(h.meanNs(), 0.0);
    QCOMPARE(h.percentileNs(50), 0LL);
  }

  void valuesBelow128AreExact() {
    for (std::int64_t v = 0; v < H::kExactLimit; ++v) {
      QCOMPARE(H::bucketIndex(v), static_cast<int>(v));
      QCOMPARE(H::bucketWidth(static_cast<int>(v)), 1LL);
      H h;
      h.record(v);
      QCOMPARE(h.percentileNs(0), v);
      QCOMPARE(h.percentileNs(50), v);
      QCOMPARE(h.percentileNs(100), v);
    }
    // Several exact values together: each percentile is the exact order statistic.
    H h;
    std::vector<std::int64_t> sorted;
    for (std::int64_t v = 127; v >= 0; v -= 3) {
      h.record(v);
      sorted.push_back(v);
    }
    std::sort(sorted.begin(), sorted.end());
    for (double p : {0.0, 1.0, 10.0, 33.3, 50.0, 66.7, 90.0, 99.0, 100.0}) {
      QCOMPARE(h.percentileNs(p), exactPercentile(sorted, p));
    }
  }

  // The header promises nearest rank: with the values 1..100, percentile p is exactly p.
  void percentileUsesNearestRank() {
    H h;
    for (int v = 1; v <= 100; ++v) h.record(v);
    QStringList wrong;
    for (int p = 1; p <= 100; ++p) {
      if (h.percentileNs(p) != p) wrong << QString("p%1 -> %2").arg(p).arg(h.percentileNs(p));
    }
    // The case that shows in a report: p99.9 of 1000 requests is the 999th, not the outlier.
    H tail;
    for (int i = 0; i < 999; ++i) tail.record(100);  // exact: below 128
    tail.record(3600LL * 1'000'000'000);
    if (tail.percentileNs(99.9) != 100) {
      wrong << QString("p99.9 of 999 x 100 ns and one hour -> %1").arg(tail.percentileNs(99.9));
    }
    QVERIFY2(wrong.isEmpty(),
             qPrintable("nearest rank off by one (rank computed as ceil(p / 100.0 * count) "
                        "rounds 7.000000000000001 up): " +
                        wrong.join(", ")));
  }

  void percentilesWithin1PercentLogUniform() {
    expectPercentilesWithin1Percent(logUniformSamples(200'003, 17));
  }

  void percentilesWithin1PercentExponential() {
    expectPercentilesWithin1Percent(exponentialSamples(200'003, 19));
  }

  void minMaxMeanExact() {
    const auto samples = logUniformSamples(100'000, 23);
    H h;
    long double sum = 0;
    for (auto v : samples) {
      h.record(v);
      sum += static_cast<long double>(v);
    }
    QCOMPARE(h.count(), std::uint64_t{samples.size()});
    QCOMPARE(h.minNs(), *std::min_element(samples.begin(), samples.end()));
    QCOMPARE(h.maxNs(), *std::max_element(samples.begin(), samples.end()));
    // The extremes' percentiles are bucket midpoints clamped to the exact extremes.
    QVERIFY(h.percentileNs(0) >= h.minNs() && h.percentileNs(0) <= h.minNs() * 1.01);
    QVERIFY(h.percentileNs(100) <= h.maxNs() && h.percentileNs(100) >= h.maxNs() * 0.99);
    const double exactMean = static_cast<double>(sum / samples.size());
    QVERIFY2(
        std::abs(h.meanNs() - exactMean) <= 1e-9 * exactMean,
        qPrintable(
            QString("mean %1, exact %2").arg(h.meanNs(), 0, 'f', 3).arg(exactMean, 0, 'f', 3)));
  }

  void mergeEqualsRecordingAll() {
    const auto samples = exponentialSamples(60'000, 29);
    H all, a, b, emptyOne;
    for (std::size_t i = 0; i < samples.size(); ++i) {
      all.record(samples[i]);
      // Disjoint-ish ranges in each part, so merge must widen the touched range.
      (samples[i] < 30'000'000 ? a : b).record(samples[i]);
    }
    H merged;
    merged.merge(emptyOne);
    QVERIFY(merged.empty());
    merged.merge(a);
    merged.merge(emptyOne);
    merged.merge(b);
    QCOMPARE(merged.count(), all.count());
    QCOMPARE(merged.minNs(), all.minNs());
    QCOMPARE(merged.maxNs(), all.maxNs());
    QVERIFY(std::abs(merged.meanNs() - all.meanNs()) <= 1e-12 * all.meanNs());
    expectSamePercentiles(merged, all, "merged vs recorded in one");
    // The other order gives the same.
    H reversed = b;
    reversed.merge(a);
    expectSamePercentiles(reversed, all, "b+a vs recorded in one");
    QCOMPARE(reversed.minNs(), all.minNs());
  }

  // What crosses the wire: the buckets, the sum and the extremes. Merging those parts must give
  // exactly what merging the histograms does (same sum in the same order, so same mean).
  void mergeBucketsEqualsMerge() {
    const auto samples = logUniformSamples(40'000, 31);
    H a, b;
    for (std::size_t i = 0; i < samples.size(); ++i) (i % 3 ? a : b).record(samples[i]);
    const std::vector<H::Bucket> parts = a.buckets();
    QVERIFY(std::is_sorted(parts.begin(), parts.end(), [](const H::Bucket& x, const H::Bucket& y) {
      return x.index < y.index;
    }));
    std::uint64_t total = 0;
    for (const H::Bucket& p : parts) total += p.count;
    QCOMPARE(total, a.count());
    H direct = b, rebuilt = b;
    direct.merge(a);
    QVERIFY(rebuilt.mergeBuckets(parts, a.sumNs(), a.minNs(), a.maxNs()));
    QVERIFY(rebuilt.buckets() == direct.buckets());
    QCOMPARE(rebuilt.count(), direct.count());
    QCOMPARE(rebuilt.sumNs(), direct.sumNs());
    QCOMPARE(rebuilt.minNs(), direct.minNs());
    QCOMPARE(rebuilt.maxNs(), direct.maxNs());
    expectSamePercentiles(rebuilt, direct, "merged from parts vs merged");
    // Into an empty histogram: a copy.
    H copy;
    QVERIFY(copy.mergeBuckets(parts, a.sumNs(), a.minNs(), a.maxNs()));
    expectSamePercentiles(copy, a, "copy from parts");
    QCOMPARE(copy.meanNs(), a.meanNs());
    // No buckets is the empty histogram.
    QVERIFY(copy.mergeBuckets({}, 0.0, 0, 0));
    QCOMPARE(copy.count(), a.count());
    QVERIFY(H().buckets().empty());
  }

  void mergeBucketsRefusesImpossibleParts() {
    H h;
    h.record(1000);
    const H before = h;
    using B = H::Bucket;
    const int i5 = H::bucketIndex(5'000), i9 = H::bucketIndex(9'000);
    const auto refused = [&](std::vector<B> parts, double sum, std::int64_t lo, std::int64_t hi) {
      const bool ok = h.mergeBuckets(parts, sum, lo, hi);
      return !ok && h.count() == before.count() && h.buckets() == before.buckets();
    };
    QVERIFY(refused({{H::kBucketCount, 1}}, 1e6, 1'000'000, 1'000'000));  // index out of range
    QVERIFY(refused({{-1, 1}}, 0, 0, 0));
    QVERIFY(refused({{i5, 0}}, 5e3, 5'000, 5'000));             // zero count
    QVERIFY(refused({{i9, 1}, {i5, 1}}, 14e3, 5'000, 9'000));   // out of order
    QVERIFY(refused({{i5, 1}, {i5, 1}}, 10e3, 5'000, 5'000));   // repeated
    QVERIFY(refused({{i5, 1}, {i9, 1}}, 14e3, 4'000, 9'000));   // min outside the first bucket
    QVERIFY(refused({{i5, 1}, {i9, 1}}, 14e3, 5'000, 20'000));  // max outside the last bucket
    QVERIFY(refused({{i5, 1}}, -1.0, 5'000, 5'000));            // negative sum
    QVERIFY(refused({{i5, 1}}, std::numeric_limits<double>::quiet_NaN(), 5'000, 5'000));
    QVERIFY(refused({{i5, std::numeric_limits<std::uint64_t>::max()}}, 5e3, 5'000, 5'000));
    QVERIFY(refused({}, 1.0, 0, 0));  // no buckets but a sum
    QVERIFY(h.mergeBuckets(std::vector<B>{{i5, 2}, {i9, 1}}, 19e3, 5'000, 9'000));
    QCOMPARE(h.count(), 4ULL);
    QCOMPARE(h.maxNs(), 9'000LL);
  }

  void clearThenReuse() {
    H h;
    for (auto v : logUniformSamples(10'000, 31)) h.record(v);
    h.clear();
    QVERIFY(h.empty());
    QCOMPARE(h.count(), 0ULL);
    QCOMPARE(h.percentileNs(99), 0LL);
    QCOMPARE(h.maxNs(), 0LL);
    QCOMPARE(h.meanNs(), 0.0);
    // Reused on a narrower range: nothing of the old counts may linger.
    H fresh;
    for (std::int64_t v : {500, 900, 1'000'000, 2'000'000, 70}) {
      h.record(v);
      fresh.record(v);
    }
    QCOMPARE(h.count(), 5ULL);
    QCOMPARE(h.minNs(), 70LL);
    QCOMPARE(h.maxNs(), 2'000'000LL);
    QCOMPARE(h.meanNs(), fresh.meanNs());
    expectSamePercentiles(h, fresh, "cleared and reused vs fresh");
  }

  void bucketsContiguousAndMonotonic() {
    for (int i = 0; i < H::kBucketCount; ++i) {
      const std::int64_t lo = H::bucketLowerBound(i), w = H::bucketWidth(i);
      QVERIFY2(w > 0 && (w & (w - 1)) == 0,
               qPrintable(QString("bucket %1 width %2").arg(i).arg(w)));
      QCOMPARE(H::bucketIndex(lo), i);
      QCOMPARE(H::bucketIndex(lo + w - 1), i);
      if (i + 1 < H::kBucketCount) {
        QVERIFY2(H::bucketLowerBound(i + 1) == lo + w,
                 qPrintable(QString("gap or overlap after bucket %1").arg(i)));
      }
      if (i >= H::kExactLimit) {
        // The bound behind "within 0.8 %": half a bucket over its lower bound.
        QVERIFY2(static_cast<double>(w) / 2 / static_cast<double>(lo) <= 1.0 / 128 + 1e-12,
                 qPrintable(QString("bucket %1 too wide: [%2, +%3)").arg(i).arg(lo).arg(w)));
      }
    }
    // The last bucket ends at 2^44 ns (about 4.9 hours): an hour is inside the range.
    const int last = H::kBucketCount - 1;
    QCOMPARE(H::bucketLowerBound(last) + H::bucketWidth(last), std::int64_t{1} << 44);
    QVERIFY(H::bucketIndex(3600LL * 1'000'000'000) < last);
    // Sweep values on a fine geometric grid: the index never decreases and always covers v.
    int previous = 0;
    for (double x = 1; x < 1.7e13; x *= 1.003) {
      const auto v = static_cast<std::int64_t>(x);
      const int i = H::bucketIndex(v);
      QVERIFY2(i >= previous, qPrintable(QString("index fell at %1 ns").arg(v)));
      QVERIFY2(H::bucketLowerBound(i) <= v && v < H::bucketLowerBound(i) + H::bucketWidth(i),
               qPrintable(QString("%1 ns outside its bucket %2").arg(v).arg(i)));
      previous = i;
    }
  }

  void hugeValuesAreClamped() {
    const int last = H::kBucketCount - 1;
    QCOMPARE(H::bucketIndex(std::int64_t{1} << 44), last);
    QCOMPARE(H::bucketIndex(std::int64_t{1} << 50), last);
    QCOMPARE(H::bucketIndex(std::numeric_limits<std::int64_t>::max()), last);
    H h;
    for (int i = 0; i < 999; ++i) h.record(1'000'000);
    h.record(std::numeric_limits<std::int64_t>::max());
    QCOMPARE(h.count(), 1000ULL);
    QCOMPARE(h.maxNs(), std::numeric_limits<std::int64_t>::max());  // the extreme stays exact
    // A clamped value's percentile is read from the last bucket, [2^44 - 2^37, 2^44).
    const std::int64_t p100 = h.percentileNs(100);
    QVERIFY2(p100 >= H::bucketLowerBound(last) && p100 < (std::int64_t{1} << 44),
             qPrintable(QString("p100 of a clamped value: %1 ns").arg(p100)));
    // The huge value must not drag the body: p50 and p99.9 stay on the 1 ms bucket.
    const int oneMs = H::bucketIndex(1'000'000);
    const std::int64_t mid = H::bucketLowerBound(oneMs) + H::bucketWidth(oneMs) / 2;
    QCOMPARE(h.percentileNs(50), mid);
    QCOMPARE(h.percentileNs(99), mid);
    // Only huge values: the exact extremes bound what is reported.
    H big;
    big.record(std::int64_t{1} << 50);
    big.record(std::int64_t{1} << 50);
    QCOMPARE(big.percentileNs(50), std::int64_t{1} << 50);
  }

  void negativeValuesRecordedAsZero() {
    QCOMPARE(H::bucketIndex(-5), 0);
    H h;
    h.record(-5);
    h.record(std::numeric_limits<std::int64_t>::min());
    QCOMPARE(h.count(), 2ULL);
    QCOMPARE(h.minNs(), 0LL);
    QCOMPARE(h.maxNs(), 0LL);
    QCOMPARE(h.meanNs(), 0.0);
    QCOMPARE(h.percentileNs(100), 0LL);
    h.record(10);
    QCOMPARE(h.minNs(), 0LL);
    QCOMPARE(h.percentileNs(100), 10LL);
    QCOMPARE(h.percentileNs(50), 0LL);
  }
};

QTEST_APPLESS_MAIN(LatencyHistogramTest)
#include "test_latency_histogram.moc"
