#include "interval_csv.h"

#include <cstdio>
#include <string>

namespace clusterscope::engine {

namespace {

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string ms(std::int64_t ns) { return num(static_cast<double>(ns) / 1e6); }

// Scope names come from the scenario: quote them if they could break the row.
std::string field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += (c == '"') ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

void writeTraffic(std::ostream& out, const TrafficStats& t, double secs) {
  const auto& h = t.latency;
  out << t.arrivals << ',' << t.completed << ',' << t.failed() << ',' << num(t.failedRatio()) << ','
      << num(secs > 0 ? static_cast<double>(t.completed) / secs : 0.0) << ','
      << num(h.meanNs() / 1e6) << ',' << ms(h.percentileNs(50)) << ',' << ms(h.percentileNs(95))
      << ',' << ms(h.percentileNs(99)) << ',' << ms(h.maxNs());
}

void writeCauses(std::ostream& out, const model::FailureCounts& f) {
  for (int c = 1; c < model::kFailureCauseCount; ++c)
    out << ',' << f[static_cast<model::FailureCause>(c)];
}

}  // namespace

IntervalCsvWriter::IntervalCsvWriter(std::ostream& out) : out_(out) {
  out_ << "t_start_s,t_end_s,scope,arrivals,completed,failed,failed_ratio,throughput_rps,"
          "latency_mean_ms,latency_p50_ms,latency_p95_ms,latency_p99_ms,latency_max_ms,"
          "utilization,mean_queue,ready_replicas,in_flight,backlog,lag_ms,cores";
  for (int c = 1; c < model::kFailureCauseCount; ++c) {
    out_ << ',' << model::failureCauseName(static_cast<model::FailureCause>(c));
  }
  out_ << '\n';
}

void IntervalCsvWriter::onIntervalClosed(const IntervalReport& r) {
  const double secs = r.seconds();
  const std::string times = num(simToSeconds(r.start)) + ',' + num(simToSeconds(r.end)) + ',';
  out_ << times << "requests,";
  writeTraffic(out_, *r.requests, secs);
  out_ << ",,,," << r.requestsInFlight << ",,," << num(r.coreSeconds / secs);
  writeCauses(out_, r.requests->failures);
  out_ << '\n';
  for (std::size_t c = 0; c < r.components->size(); ++c) {
    const auto& info = r.layout->components[c];
    const auto& dep = (*r.deployments)[info.deployment];
    out_ << times << field(info.name) << ',';
    writeTraffic(out_, (*r.components)[c], secs);
    out_ << ',' << num(dep.utilization()) << ',' << num(dep.queuedTaskSeconds / secs) << ','
         << dep.readyReplicas << ",,,,";
    writeCauses(out_, (*r.components)[c].failures);
    out_ << '\n';
  }
  const auto& b = r.broker;
  out_ << times << "broker," << b.published << ',' << b.delivered << ',' << b.rejected
       << ",,,,,,,,,,,," << b.backlog << ',' << num(b.maxLagMs) << ',';
  for (int c = 1; c < model::kFailureCauseCount; ++c) out_ << ',';
  out_ << '\n';
}

}  // namespace clusterscope::engine
