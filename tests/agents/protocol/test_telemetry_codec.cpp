// REPORT's telemetry: histograms cross the wire as sparse buckets and merge exactly, counts
// by failure cause stay consistent, and the PlotJuggler-style telemetry samples.

#include <QtTest>
#include <random>

#include "protocol_samples.h"
#include "protocol_test_helpers.h"
#include "telemetry_pub.h"

using namespace clusterscope::agents::protocol;
using namespace clusterscope::agents::protocol::testing;
using clusterscope::engine::LatencyHistogram;
using clusterscope::testing::sampleServiceReport;
using clusterscope::testing::sampleTelemetry;

namespace {

QString reasonOfEdit(const ControlMessage& m, const std::function<void(Json&)>& edit) {
  return reasonOf(decode(edited(m, edit)));
}

// A report whose latency histogram has these values and nothing else.
Report reportWith(const LatencyHistogram& h, std::uint64_t seq) {
  Report r;
  r.seq = seq;
  ServiceTelemetry& s = r.service.emplace();
  s.arrivals = s.completed = h.count();
  s.workers = 1;
  s.latency = SparseHistogram::of(h);
  return r;
}

Json& latencyOf(Json& body) { return body["service"]["latency"]; }

}  // namespace

class TelemetryCodecTest : public QObject {
  Q_OBJECT

 private slots:
  // Three replicas with different latency profiles; the monitor merges what it decodes. The
  // result must be the merge of the originals to the last bit: same buckets, same count, same
  // sum (so the same mean), same extremes, same percentiles.
  void histogramsMergeExactlyThroughTheEncoding() {
    std::mt19937_64 rng(7);
    std::vector<LatencyHistogram> replicas(3);
    std::lognormal_distribution<double> slow(16.0, 1.2), fast(12.0, 0.5);
    for (int i = 0; i < 30'000; ++i) {
      replicas[0].record(static_cast<std::int64_t>(fast(rng)));
      replicas[1].record(static_cast<std::int64_t>(slow(rng)));
      if (i % 3 == 0) replicas[2].record(static_cast<std::int64_t>(fast(rng) * 7.0));
    }
    replicas[2].record(0);
    replicas[2].record(std::int64_t{1} << 50);  // clamped into the last bucket
    LatencyHistogram direct, received;
    for (std::size_t i = 0; i < replicas.size(); ++i) {
      direct.merge(replicas[i]);
      const auto d = decode(encodeControl(reportWith(replicas[i], i + 1)));
      QVERIFY2(d.ok(), qPrintable(messageOf(d)));
      const Report& r = std::get<Report>(d.value());
      QVERIFY(r.service->latency == SparseHistogram::of(replicas[i]));
      QVERIFY(r.service->latency.mergeInto(received));
    }
    QVERIFY(received.buckets() == direct.buckets());
    QCOMPARE(received.count(), direct.count());
    QCOMPARE(received.sumNs(), direct.sumNs());
    QCOMPARE(received.minNs(), direct.minNs());
    QCOMPARE(received.maxNs(), direct.maxNs());
    for (double p : {0.0, 1.0, 50.0, 90.0, 95.0, 99.0, 99.9, 99.99, 100.0}) {
      QCOMPARE(received.percentileNs(p), direct.percentileNs(p));
    }
  }

  void histogramsAreValidated() {
    LatencyHistogram h;
    for (std::int64_t v : {1'000, 2'000, 3'000'000}) h.record(v);
    const Report r = reportWith(h, 1);
    const auto bucket = [](Json& j, std::size_t i) -> Json& { return latencyOf(j)["buckets"][i]; };
    QCOMPARE(reasonOfEdit(r, [&](Json& j) { bucket(j, 0)[0] = -1; }), QString("out_of_range"));
    QCOMPARE(reasonOfEdit(r, [&](Json& j) { bucket(j, 2)[0] = LatencyHistogram::kBucketCount; }),
             QString("out_of_range"));
    QCOMPARE(reasonOfEdit(r, [&](Json& j) { bucket(j, 1)[1] = 0; }), QString("out_of_range"));
    QCOMPARE(reasonOfEdit(r, [&](Json& j) { bucket(j, 1)[1] = -2; }), QString("out_of_range"));
    QCOMPARE(reasonOfEdit(r, [&](Json& j) { bucket(j, 1)[1] = 1.5; }), QString("wrong_type"));
    QCOMPARE(reasonOfEdit(r, [&](Json& j) { bucket(j, 1) = {1}; }), QString("wrong_type"));
    QCOMPARE(reasonOfEdit(r, [&](Json& j) { bucket(j, 1).push_back(1); }), QString("too_long"));
    QCOMPARE(reasonOfEdit(r, [&](Json& j) { bucket(j, 1) = "x"; }), QString("wrong_type"));
    QCOMPARE(reasonOfEdit(r, [&](Json& j) { std::swap(bucket(j, 0), bucket(j, 1)); }),
             QString("inconsistent"));
    QCOMPARE(reasonOfEdit(r, [&](Json& j) { bucket(j, 1)[0] = bucket(j, 0)[0]; }),
             QString("inconsistent"));
    QCOMPARE(reasonOfEdit(r, [&](Json& j) { latencyOf(j)["min_ns"] = 5; }),
             QString("inconsistent"));
    QCOMPARE(reasonOfEdit(r, [&](Json& j) { latencyOf(j)["max_ns"] = 9'000'000; }),
             QString("inconsistent"));
    QCOMPARE(reasonOfEdit(r, [&](Json& j) { latencyOf(j)["sum_ns"] = -1.0; }),
             QString("out_of_range"));
    QCOMPARE(reasonOfEdit(r, [&](Json& j) { latencyOf(j).erase("sum_ns"); }),
             QString("missing_field"));
    QCOMPARE(reasonOfEdit(r,
                          [&](Json& j) {
                            bucket(j, 0)[1] = 1ull << 63;
                            bucket(j, 1)[1] = 1ull << 63;
                          }),
             QString("out_of_range"));
    // An empty histogram has nothing else either.
    QCOMPARE(reasonOfEdit(reportWith(LatencyHistogram(), 1),
                          [&](Json& j) { latencyOf(j)["max_ns"] = 1; }),
             QString("inconsistent"));
    // At most one entry per bucket of the engine's histogram.
    QCOMPARE(reasonOfEdit(r,
                          [&](Json& j) {
                            Json all = Json::array();
                            for (int i = 0; i <= LatencyHistogram::kBucketCount; ++i) {
                              all.push_back({i, 1});
                            }
                            latencyOf(j)["buckets"] = all;
                          }),
             QString("too_long"));
  }

  void countsByCauseStayConsistent() {
    const Report r = sampleServiceReport();  // failed 30: 20 timeouts, 10 queue full
    const auto causes = [](Json& j) -> Json& { return j["service"]["failed_by_cause"]; };
    QCOMPARE(reasonOfEdit(r, [&](Json& j) { causes(j)["error"] = 1; }), QString("inconsistent"));
    QCOMPARE(reasonOfEdit(r, [&](Json& j) { causes(j)["timeout"] = -1; }), QString("out_of_range"));
    QCOMPARE(reasonOfEdit(r, [&](Json& j) { causes(j)["timeout"] = "20"; }), QString("wrong_type"));
    // Causes from a newer version are skipped; they may account for the rest of `failed`.
    const auto newer = decode(edited(r, [&](Json& j) {
      causes(j)["cosmic_ray"] = 7;
      causes(j)["timeout"] = 13;
    }));
    QVERIFY2(newer.ok(), qPrintable(messageOf(newer)));
    const ServiceTelemetry& s = *std::get<Report>(newer.value()).service;
    QCOMPARE(s.failedBy[clusterscope::model::FailureCause::Timeout], 13ull);
    QCOMPARE(s.failedBy.total(), 23ull);
    QCOMPARE(s.failed, 30ull);
  }

  void reportShape() {
    const Report r = sampleServiceReport();
    QCOMPARE(reasonOfEdit(r, [](Json& j) { j["loadgen"] = j["service"]; }),
             QString("inconsistent"));
    QCOMPARE(reasonOfEdit(r, [](Json& j) { j["state"] = "removed"; }), QString("bad_value"));
    QCOMPARE(reasonOfEdit(r, [](Json& j) { j["state"] = "suspect"; }), QString("bad_value"));
    QCOMPARE(reasonOfEdit(r, [](Json& j) { j["time_ns"] = -5; }), QString("out_of_range"));
    QCOMPARE(reasonOfEdit(r, [](Json& j) { j["service"]["error_rate"] = 1.01; }),
             QString("out_of_range"));
    QCOMPARE(reasonOfEdit(r, [](Json& j) { j["service"]["edges"][0]["breaker"] = "ajar"; }),
             QString("bad_value"));
    QCOMPARE(reasonOfEdit(r, [](Json& j) { j["service"]["faults"][0]["remaining_s"] = -1; }),
             QString("out_of_range"));
    QCOMPARE(reasonOfEdit(r,
                          [](Json& j) {
                            j["service"]["edges"] = Json::array();
                            for (int i = 0; i < 257; ++i) {
                              j["service"]["edges"].push_back(j["service"]["edges"].size());
                            }
                          }),
             QString("too_long"));
  }

  void telemetrySamplesForPlotJuggler() {
    const TelemetrySample sample = sampleTelemetry();
    const Frames frames = encodeTelemetrySample(sample);
    QCOMPARE(frames.size(), std::size_t{3});
    QCOMPARE(frames[0], std::string("clusterscope/orders#1"));
    QCOMPARE(frames[1], std::string(R"({"arrival_rps":150.5,"busy":3.0,"p95_ms":12.25})"));
    QCOMPARE(frames[2], std::string("1700000000.250000"));
    const auto views = viewsOf(frames);
    const auto d = decodeTelemetrySample(views);
    QVERIFY2(d.ok(), qPrintable(messageOf(d)));
    QVERIFY(d.value() == sample);
    const auto decodeFrames = [](Frames f) {
      const auto v = viewsOf(f);
      return reasonOf(decodeTelemetrySample(v));
    };
    QCOMPARE(decodeFrames({frames[0], frames[1]}), QString("accepted"));  // no timestamp
    QCOMPARE(decodeFrames({frames[0]}), QString("frame_count"));
    QCOMPARE(decodeFrames({"other/x", frames[1], frames[2]}), QString("bad_magic"));
    QCOMPARE(decodeFrames({frames[0], R"({"a":"b"})", frames[2]}), QString("wrong_type"));
    QCOMPARE(decodeFrames({frames[0], frames[1], "soon"}), QString("bad_value"));
    QCOMPARE(decodeFrames({frames[0], frames[1], "12.5x"}), QString("bad_value"));
    // A broker's per-queue figure of a service with the longest name still fits.
    const std::string longest = std::string(64, 's') + ".oldest_age_ms";
    QCOMPARE(decodeFrames({frames[0], "{\"" + longest + "\":1}", frames[2]}), QString("accepted"));
    QCOMPARE(decodeFrames({frames[0], "{\"" + std::string(129, 'x') + "\":1}", frames[2]}),
             QString("too_long"));
  }
};

QTEST_APPLESS_MAIN(TelemetryCodecTest)
#include "test_telemetry_codec.moc"
