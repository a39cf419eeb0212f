#include "text_report.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "engine_text.h"
#include "question_tracker.h"

namespace clusterscope::engine {

namespace {

using text::format;
using text::pad;
using text::translate;
using text::width;

std::string strf(const char* format, auto... args) {
  char buf[512];
  std::snprintf(buf, sizeof buf, format, args...);
  return buf;
}

std::string count(std::uint64_t n) { return std::to_string(n); }

// The causes as the summary names them, for the translators (failureCauseName's words; the JSON
// summary and the CSV keep those).
[[maybe_unused]] constexpr const char* kCauseNames[] = {
    QT_TRANSLATE_NOOP("FailureCause", "timeout"),
    QT_TRANSLATE_NOOP("FailureCause", "queue_full"),
    QT_TRANSLATE_NOOP("FailureCause", "error"),
    QT_TRANSLATE_NOOP("FailureCause", "no_replica"),
    QT_TRANSLATE_NOOP("FailureCause", "circuit_open"),
    QT_TRANSLATE_NOOP("FailureCause", "bulkhead_full"),
    QT_TRANSLATE_NOOP("FailureCause", "crashed"),
    QT_TRANSLATE_NOOP("FailureCause", "broker_rejected"),
    QT_TRANSLATE_NOOP("FailureCause", "too_deep"),
};

std::string causes(const model::FailureCounts& f) {
  std::string s;
  for (int c = 1; c < model::kFailureCauseCount; ++c) {
    const auto cause = static_cast<model::FailureCause>(c);
    if (f[cause] == 0) continue;
    if (!s.empty()) s += ", ";
    s += translate("FailureCause", model::failureCauseName(cause)) + " " + std::to_string(f[cause]);
  }
  return s;
}

std::string change(double a, double b) {
  if (a == 0.0) return b == 0.0 ? "" : pad(translate("TextReport", "new"), 6, false);
  return strf("%+7.1f%%", (b - a) / a * 100.0);
}

std::string modeName(const std::string& mode) {
  if (mode == "sync") return translate("TextReport", "sync");
  if (mode == "async") return translate("TextReport", "async");
  return mode;
}

}  // namespace

std::string formatSummary(const RunSummary& s) {
  std::string out;
  out += s.scenario + "\n";
  const std::string simulated = strf("%.6g", s.simTimeS);
  const std::string measured = strf("%.6g", s.measuredS);
  const std::string wall = strf("%.2f", s.wallTimeS);
  const std::string seed = count(s.seed);
  // A run on real processes had real traffic and counted reports; a forced call mode adds one
  // argument, second.
  const bool forced = !s.mode.empty();
  const char* line =
      s.realProcesses
          ? (forced ? QT_TRANSLATE_NOOP("TextReport",
                                        "seed %1, all calls %2, %3 s of traffic (%4 s measured) "
                                        "in %5 s, %6 reports")
                    : QT_TRANSLATE_NOOP("TextReport",
                                        "seed %1, %2 s of traffic (%3 s measured) in %4 s, %5 "
                                        "reports"))
          : (forced ? QT_TRANSLATE_NOOP("TextReport",
                                        "seed %1, all calls %2, %3 s simulated (%4 s measured) "
                                        "in %5 s, %6 events")
                    : QT_TRANSLATE_NOOP("TextReport",
                                        "seed %1, %2 s simulated (%3 s measured) in %4 s, %5 "
                                        "events"));
  const std::string pattern = translate("TextReport", line);
  const std::string events = count(s.events);
  out += "  " +
         (forced ? format(pattern, {seed, modeName(s.mode), simulated, measured, wall, events})
                 : format(pattern, {seed, simulated, measured, wall, events})) +
         "\n";
  if (!s.stopReason.empty()) {
    out += "  " + format(translate("TextReport", "STOPPED EARLY: %1"), {s.stopReason}) + "\n";
  }
  const auto& r = s.requests;
  // The failed share is of the requests that finished (completed or failed): those still in
  // flight at the end are in neither count.
  out += "  " +
         format(translate("TextReport",
                          "requests  sent %1, completed %2, failed %3 (%4% of "
                          "finished), %5 rps"),
                {count(r.arrivals), count(r.completed), count(r.failed),
                 strf("%.2f", r.failedRatio * 100.0), strf("%.1f", r.throughputRps)}) +
         "\n";
  out += "  " +
         format(translate("TextReport", "latency   mean %1 ms, p50 %2, p95 %3, p99 %4, max %5"),
                {strf("%.2f", r.latencyMs.mean), strf("%.2f", r.latencyMs.p50),
                 strf("%.2f", r.latencyMs.p95), strf("%.2f", r.latencyMs.p99),
                 strf("%.2f", r.latencyMs.max)}) +
         "\n";
  if (r.failed > 0) {
    out += "  " + format(translate("TextReport", "failures  %1"), {causes(r.failures)}) + "\n";
  }
  out += "  " +
         format(translate("TextReport", "cost      %1 cores on average"),
                {strf("%.1f", s.meanCores)}) +
         "\n";
  // The columns' titles are padded by characters, not bytes, so that accents line up.
  out += "\n  " + pad(translate("TextReport", "service"), 20, true) + " " +
         pad(translate("TextReport", "arrivals"), 10, false) + " " +
         pad(translate("TextReport", "completed"), 10, false) + " " +
         pad(translate("TextReport", "failed"), 8, false) + " " +
         pad(translate("TextReport", "util"), 6, false) + " " +
         pad(translate("TextReport", "mean ms"), 9, false) + " " + pad("p95 ms", 9, false) + " " +
         pad("p99 ms", 9, false) + "\n";
  for (const auto& svc : s.services) {
    const auto& t = svc.traffic;
    out += strf("  %-20s %10llu %10llu %8llu %5.0f%% %9.2f %9.2f %9.2f\n", svc.name.c_str(),
                static_cast<unsigned long long>(t.arrivals),
                static_cast<unsigned long long>(t.completed),
                static_cast<unsigned long long>(t.failed), svc.utilization * 100.0,
                t.latencyMs.mean, t.latencyMs.p95, t.latencyMs.p99);
  }
  if (s.broker.published + s.broker.rejected > 0) {
    out += "\n  " +
           format(translate("TextReport",
                            "broker    published %1, delivered %2, rejected %3, "
                            "max backlog %4, max lag %5 ms"),
                  {count(s.broker.published), count(s.broker.delivered), count(s.broker.rejected),
                   count(s.broker.maxBacklog), strf("%.1f", s.broker.maxLagMs)}) +
           "\n";
  }
  return out;
}

std::string formatComparison(const RunSummary& a, const std::string& labelA, const RunSummary& b,
                             const std::string& labelB) {
  std::string out =
      a.scenario + " " + format(translate("TextReport", "(seed %1)"), {count(a.seed)}) + "\n\n";
  out += "  " + pad("", 28, true) + " " + pad(labelA, 14, false) + " " + pad(labelB, 14, false) +
         " " + pad(translate("TextReport", "change"), 8, false) + "\n";
  auto row = [&](const std::string& name, double x, double y, const char* format) {
    out += "  " + pad(name, 28, true) + " " + strf(format, x) + " " + strf(format, y) + " " +
           change(x, y) + "\n";
  };
  row(translate("TextReport", "throughput (rps)"), a.requests.throughputRps,
      b.requests.throughputRps, "%14.1f");
  row(translate("TextReport", "failed (%)"), a.requests.failedRatio * 100,
      b.requests.failedRatio * 100, "%14.2f");
  row(translate("TextReport", "latency mean (ms)"), a.requests.latencyMs.mean,
      b.requests.latencyMs.mean, "%14.2f");
  row(translate("TextReport", "latency p50 (ms)"), a.requests.latencyMs.p50,
      b.requests.latencyMs.p50, "%14.2f");
  row(translate("TextReport", "latency p95 (ms)"), a.requests.latencyMs.p95,
      b.requests.latencyMs.p95, "%14.2f");
  row(translate("TextReport", "latency p99 (ms)"), a.requests.latencyMs.p99,
      b.requests.latencyMs.p99, "%14.2f");
  row(translate("TextReport", "cores (mean)"), a.meanCores, b.meanCores, "%14.1f");
  row(translate("TextReport", "broker max backlog"), static_cast<double>(a.broker.maxBacklog),
      static_cast<double>(b.broker.maxBacklog), "%14.0f");
  row(translate("TextReport", "broker max lag (ms)"), a.broker.maxLagMs, b.broker.maxLagMs,
      "%14.1f");
  for (std::size_t i = 0; i < a.services.size() && i < b.services.size(); ++i) {
    const auto& sa = a.services[i];
    const auto& sb = b.services[i];
    out += "\n  " + sa.name + "\n";
    row("  " + translate("TextReport", "utilization (%)"), sa.utilization * 100,
        sb.utilization * 100, "%14.1f");
    row("  p95 (ms)", sa.traffic.latencyMs.p95, sb.traffic.latencyMs.p95, "%14.2f");
    row("  " + translate("TextReport", "failed (%)"), sa.traffic.failedRatio * 100,
        sb.traffic.failedRatio * 100, "%14.2f");
  }
  return out;
}

std::string formatModeComparison(const RunSummary& sync, const RunSummary& async) {
  return formatComparison(sync, translate("TextReport", "all sync"), async,
                          translate("TextReport", "all async"));
}

std::string formatClaims(const std::vector<ClaimResult>& results) {
  const std::string ok = translate("TextReport", "ok");
  const std::string failed = translate("TextReport", "FAILED");
  // A column of eight, or wider for longer words, with two spaces after the longest.
  const std::size_t column = std::max<std::size_t>(8, std::max(width(ok), width(failed)) + 2);
  std::string out;
  for (const auto& r : results)
    out += "  " + pad(r.passed ? ok : failed, column, true) + r.describe() + "\n";
  return out;
}

std::string formatRunReport(const RunSummary& summary, const std::vector<ClaimResult>& claims) {
  std::string out = formatSummary(summary);
  if (!claims.empty()) {
    out += "\n" + translate("TextReport", "claims") + "\n" + formatClaims(claims);
  }
  if (!summary.questions.empty()) {
    out += "\n" + translate("TextReport", "questions") + "\n" + formatQuestions(summary.questions);
  }
  return out;
}

}  // namespace clusterscope::engine
