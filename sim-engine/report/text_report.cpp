#include "text_report.h"

#include <cstdio>
#include <string>

namespace clusterscope::engine {

namespace {

std::string strf(const char* format, auto... args) {
  char buf[512];
  std::snprintf(buf, sizeof buf, format, args...);
  return buf;
}

std::string causes(const model::FailureCounts& f) {
  std::string s;
  for (int c = 1; c < model::kFailureCauseCount; ++c) {
    const auto cause = static_cast<model::FailureCause>(c);
    if (f[cause] == 0) continue;
    if (!s.empty()) s += ", ";
    s += std::string(model::failureCauseName(cause)) + " " + std::to_string(f[cause]);
  }
  return s;
}

std::string change(double a, double b) {
  if (a == 0.0) return b == 0.0 ? "" : "   new";
  return strf("%+7.1f%%", (b - a) / a * 100.0);
}

}  // namespace

std::string formatSummary(const RunSummary& s) {
  std::string out;
  out += s.scenario + "\n";
  out += strf("  seed %llu%s, %.6g s simulated (%.6g s measured) in %.2f s, %llu events\n",
              static_cast<unsigned long long>(s.seed),
              s.mode.empty() ? "" : (", all calls " + s.mode).c_str(), s.simTimeS, s.measuredS,
              s.wallTimeS, static_cast<unsigned long long>(s.events));
  if (!s.stopReason.empty()) out += "  STOPPED EARLY: " + s.stopReason + "\n";
  const auto& r = s.requests;
  // The failed share is of the requests that finished (completed or failed): those still in
  // flight at the end are in neither count.
  out += strf("  requests  sent %llu, completed %llu, failed %llu (%.2f%% of finished), %.1f rps\n",
              static_cast<unsigned long long>(r.arrivals),
              static_cast<unsigned long long>(r.completed),
              static_cast<unsigned long long>(r.failed), r.failedRatio * 100.0, r.throughputRps);
  out += strf("  latency   mean %.2f ms, p50 %.2f, p95 %.2f, p99 %.2f, max %.2f\n",
              r.latencyMs.mean, r.latencyMs.p50, r.latencyMs.p95, r.latencyMs.p99, r.latencyMs.max);
  if (r.failed > 0) out += "  failures  " + causes(r.failures) + "\n";
  out += strf("  cost      %.1f cores on average\n", s.meanCores);
  out += strf("\n  %-20s %10s %10s %8s %6s %9s %9s %9s\n", "service", "arrivals", "completed",
              "failed", "util", "mean ms", "p95 ms", "p99 ms");
  for (const auto& svc : s.services) {
    const auto& t = svc.traffic;
    out += strf("  %-20s %10llu %10llu %8llu %5.0f%% %9.2f %9.2f %9.2f\n", svc.name.c_str(),
                static_cast<unsigned long long>(t.arrivals),
                static_cast<unsigned long long>(t.completed),
                static_cast<unsigned long long>(t.failed), svc.utilization * 100.0,
                t.latencyMs.mean, t.latencyMs.p95, t.latencyMs.p99);
  }
  if (s.broker.published + s.broker.rejected > 0) {
    out += strf(
        "\n  broker    published %llu, delivered %llu, rejected %llu, max backlog %llu, "
        "max lag %.1f ms\n",
        static_cast<unsigned long long>(s.broker.published),
        static_cast<unsigned long long>(s.broker.delivered),
        static_cast<unsigned long long>(s.broker.rejected),
        static_cast<unsigned long long>(s.broker.maxBacklog), s.broker.maxLagMs);
  }
  return out;
}

std::string formatComparison(const RunSummary& a, const std::string& labelA, const RunSummary& b,
                             const std::string& labelB) {
  std::string out = a.scenario + strf(" (seed %llu)\n\n", static_cast<unsigned long long>(a.seed));
  out += strf("  %-28s %14s %14s %8s\n", "", labelA.c_str(), labelB.c_str(), "change");
  auto row = [&](const std::string& name, double x, double y, const char* format) {
    out += strf("  %-28s ", name.c_str()) + strf(format, x) + " " + strf(format, y) + " " +
           change(x, y) + "\n";
  };
  row("throughput (rps)", a.requests.throughputRps, b.requests.throughputRps, "%14.1f");
  row("failed (%)", a.requests.failedRatio * 100, b.requests.failedRatio * 100, "%14.2f");
  row("latency mean (ms)", a.requests.latencyMs.mean, b.requests.latencyMs.mean, "%14.2f");
  row("latency p50 (ms)", a.requests.latencyMs.p50, b.requests.latencyMs.p50, "%14.2f");
  row("latency p95 (ms)", a.requests.latencyMs.p95, b.requests.latencyMs.p95, "%14.2f");
  row("latency p99 (ms)", a.requests.latencyMs.p99, b.requests.latencyMs.p99, "%14.2f");
  row("cores (mean)", a.meanCores, b.meanCores, "%14.1f");
  row("broker max backlog", static_cast<double>(a.broker.maxBacklog),
      static_cast<double>(b.broker.maxBacklog), "%14.0f");
  row("broker max lag (ms)", a.broker.maxLagMs, b.broker.maxLagMs, "%14.1f");
  for (std::size_t i = 0; i < a.services.size() && i < b.services.size(); ++i) {
    const auto& sa = a.services[i];
    const auto& sb = b.services[i];
    out += "\n  " + sa.name + "\n";
    row("  utilization (%)", sa.utilization * 100, sb.utilization * 100, "%14.1f");
    row("  p95 (ms)", sa.traffic.latencyMs.p95, sb.traffic.latencyMs.p95, "%14.2f");
    row("  failed (%)", sa.traffic.failedRatio * 100, sb.traffic.failedRatio * 100, "%14.2f");
  }
  return out;
}

std::string formatClaims(const std::vector<ClaimResult>& results) {
  std::string out;
  for (const auto& r : results)
    out += (r.passed ? "  ok      " : "  FAILED  ") + r.describe() + "\n";
  return out;
}

}  // namespace clusterscope::engine
