#include "telemetry_feed.h"

#include <cmath>

namespace clusterscope::agents {

namespace {

namespace p = protocol;
using Bucket = engine::LatencyHistogram::Bucket;

// A peer reporting far faster than it should must not make the hub keep more than this.
constexpr std::size_t kMaxPoints = 64;

// `now` minus `base`, bucket by bucket (both cumulative, so `base` is a subset of `now`; a
// reporter that broke that rule gets no negative counts).
std::vector<Bucket> difference(const std::vector<Bucket>& now, const std::vector<Bucket>& base) {
  std::vector<Bucket> out;
  std::size_t j = 0;
  for (const Bucket& b : now) {
    while (j < base.size() && base[j].index < b.index) ++j;
    const std::uint64_t before = j < base.size() && base[j].index == b.index ? base[j].count : 0;
    if (b.count > before) out.push_back({b.index, b.count - before});
  }
  return out;
}

double perSecond(std::uint64_t now, std::uint64_t base, double seconds) {
  return now >= base ? static_cast<double>(now - base) / seconds : 0.0;
}

}  // namespace

double bucketPercentileNs(const std::vector<Bucket>& buckets, double p) {
  std::uint64_t total = 0;
  for (const Bucket& b : buckets) total += b.count;
  if (total == 0) return 0.0;
  const auto rank = std::max<std::uint64_t>(
      1, static_cast<std::uint64_t>(std::ceil(p / 100.0 * static_cast<double>(total))));
  std::uint64_t running = 0;
  for (const Bucket& b : buckets) {
    running += b.count;
    if (running >= rank) {
      const auto lower = static_cast<double>(engine::LatencyHistogram::bucketLowerBound(b.index));
      const auto width = static_cast<double>(engine::LatencyHistogram::bucketWidth(b.index));
      return width <= 1 ? lower : lower + width / 2;
    }
  }
  return 0.0;
}

std::optional<p::TelemetrySample> TelemetryFeed::sample(const std::string& instance,
                                                        const p::Report& report, double unixTimeS) {
  p::TelemetrySample s{p::telemetryTopic(instance), {}, unixTimeS};
  auto add = [&s](std::string name, double value) {
    s.values.emplace_back(std::move(name), value);
  };
  Point now;
  now.timeNs = report.timeNs;
  now.seq = report.seq;
  const char* inName = "arrival_rps";
  if (const auto& service = report.service) {
    now.in = service->arrivals;
    now.completed = service->completed;
    now.failed = service->failed;
    now.latency = service->latency.buckets;
    add("queued", static_cast<double>(service->queued));
    add("busy", static_cast<double>(service->busy));
    add("workers", static_cast<double>(service->workers));
    add("in_flight", static_cast<double>(service->inFlight));
  } else if (const auto& load = report.load) {
    inName = "sent_rps";
    now.in = load->sent;
    now.completed = load->completed;
    now.failed = load->failed;
    now.latency = load->latency.buckets;
    add("rate_rps", load->rateRps);
    add("in_flight", static_cast<double>(load->inFlight));
  } else if (const auto& broker = report.broker) {
    add("up", broker->up ? 1.0 : 0.0);
    for (const p::QueueTelemetry& q : broker->queues) {
      add(q.service + ".backlog", static_cast<double>(q.backlog));
      add(q.service + ".oldest_age_ms", q.oldestAgeMs);
    }
    return s;
  } else {
    return std::nullopt;
  }

  std::deque<Point>& h = history_[instance];
  // A restarted process counts from 0 again: its old figures are no base.
  if (!h.empty() && (now.seq <= h.back().seq || now.timeNs <= h.back().timeNs ||
                     now.in < h.back().in || now.completed < h.back().completed)) {
    h.clear();
  }
  // Keep, as the base, the newest point at or before the window's start.
  while (h.size() >= 2 && h[1].timeNs <= now.timeNs - kWindowNs) h.pop_front();
  while (h.size() >= kMaxPoints) h.pop_front();
  if (!h.empty()) {
    const Point& base = h.front();
    const double seconds = static_cast<double>(now.timeNs - base.timeNs) / 1e9;
    add(inName, perSecond(now.in, base.in, seconds));
    add("throughput_rps", perSecond(now.completed, base.completed, seconds));
    add("failed_rps", perSecond(now.failed, base.failed, seconds));
    const std::vector<Bucket> window = difference(now.latency, base.latency);
    add("p50_ms", bucketPercentileNs(window, 50) / 1e6);
    add("p95_ms", bucketPercentileNs(window, 95) / 1e6);
    add("p99_ms", bucketPercentileNs(window, 99) / 1e6);
  }
  h.push_back(std::move(now));
  return s;
}

void TelemetryFeed::forget(const std::string& instance) { history_.erase(instance); }

}  // namespace clusterscope::agents
