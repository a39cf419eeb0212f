#include "claim_tracker.h"

#include <algorithm>
#include <cstdio>

#include "engine_text.h"

namespace clusterscope::engine {

struct ClaimTracker::Window {
  SimTime from = 0;
  SimTime to = 0;
  double seconds = 0.0;
  bool resolved = false;
  int component = -1;
  std::string field;  // FIELD of services.NAME.FIELD
  TrafficStats traffic;
  double busy = 0.0, capacity = 0.0, coreSeconds = 0.0;
  BrokerIntervalStats broker;
};

namespace {

std::optional<double> latencyField(const LatencyHistogram& h, const std::string& f) {
  if (f == "mean") return h.meanNs() / 1e6;
  if (f == "max") return static_cast<double>(h.maxNs()) / 1e6;
  if (f == "p50") return static_cast<double>(h.percentileNs(50)) / 1e6;
  if (f == "p95") return static_cast<double>(h.percentileNs(95)) / 1e6;
  if (f == "p99") return static_cast<double>(h.percentileNs(99)) / 1e6;
  return std::nullopt;
}

// Fields shared by `requests.X` and `services.NAME.X`.
std::optional<double> trafficField(const TrafficStats& t, double seconds, const std::string& f) {
  if (f == "sent" || f == "arrivals") return static_cast<double>(t.arrivals);
  if (f == "completed") return static_cast<double>(t.completed);
  if (f == "failed") return static_cast<double>(t.failed());
  if (f == "failed_ratio") return t.failedRatio();
  if (f == "throughput_rps") return seconds > 0 ? static_cast<double>(t.completed) / seconds : 0.0;
  if (f.rfind("latency_ms.", 0) == 0) return latencyField(t.latency, f.substr(11));
  return std::nullopt;
}

}  // namespace

std::string formatFigure(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

ClaimTracker::ClaimTracker(const Scenario& scenario)
    : ClaimTracker(scenario.expect, scenario.warmupS, scenario.durationS) {}

ClaimTracker::ClaimTracker(std::vector<ExpectClaim> claims, double warmupS, double durationS)
    : claims_(std::move(claims)) {
  windows_.resize(claims_.size());
  for (std::size_t i = 0; i < claims_.size(); ++i) {
    const auto& c = claims_[i];
    const double from = c.betweenS ? c.betweenS->first : warmupS;
    const double to = c.betweenS ? c.betweenS->second : durationS;
    windows_[i].from = secondsToSim(from);
    windows_[i].to = secondsToSim(to);
  }
}

ClaimTracker::~ClaimTracker() = default;

void ClaimTracker::onIntervalClosed(const IntervalReport& r) {
  for (std::size_t i = 0; i < claims_.size(); ++i) {
    Window& w = windows_[i];
    // Whole intervals inside the window only: a claim is about a span, not a partial sample.
    if (r.start < w.from || r.end > w.to) continue;
    if (!w.resolved) {
      w.resolved = true;
      const std::string& m = claims_[i].metric;
      if (m.rfind("services.", 0) == 0) {
        // Names may contain dots: the longest name that prefixes the metric wins.
        std::size_t best = 0;
        for (std::size_t c = 0; c < r.layout->components.size(); ++c) {
          const std::string prefix = "services." + r.layout->components[c].name + ".";
          if (m.rfind(prefix, 0) == 0 && prefix.size() > best) {
            best = prefix.size();
            w.component = static_cast<int>(c);
            w.field = m.substr(prefix.size());
          }
        }
      }
    }
    w.seconds += r.seconds();
    w.coreSeconds += r.coreSeconds;
    if (w.component >= 0) {
      w.traffic.merge((*r.components)[w.component]);
      const auto& d = (*r.deployments)[r.layout->components[w.component].deployment];
      w.busy += d.busyWorkerSeconds;
      w.capacity += d.capacityWorkerSeconds;
    } else {
      w.traffic.merge(*r.requests);
    }
    w.broker.published += r.broker.published;
    w.broker.delivered += r.broker.delivered;
    w.broker.rejected += r.broker.rejected;
    w.broker.maxBacklog = std::max(w.broker.maxBacklog, r.broker.maxBacklog);
    w.broker.maxLagMs = std::max(w.broker.maxLagMs, r.broker.maxLagMs);
  }
}

std::vector<ClaimResult> ClaimTracker::results() const {
  std::vector<ClaimResult> out;
  for (std::size_t i = 0; i < claims_.size(); ++i) {
    const ExpectClaim& c = claims_[i];
    const Window& w = windows_[i];
    ClaimResult res;
    res.claim = c;
    res.fromS = simToSeconds(w.from);
    res.toS = simToSeconds(w.to);
    const std::string& m = c.metric;
    if (w.seconds <= 0) {
      res.problem = text::translate("ClaimResult", "no complete interval in the window");
    } else if (m.rfind("requests.", 0) == 0) {
      res.value = trafficField(w.traffic, w.seconds, m.substr(9));
    } else if (m.rfind("services.", 0) == 0 && w.component >= 0) {
      const std::string& field = w.field;
      if (field == "utilization") {
        res.value = w.capacity > 0 ? w.busy / w.capacity : 0.0;
      } else {
        res.value = trafficField(w.traffic, w.seconds, field);
      }
    } else if (m == "broker.published") {
      res.value = static_cast<double>(w.broker.published);
    } else if (m == "broker.delivered") {
      res.value = static_cast<double>(w.broker.delivered);
    } else if (m == "broker.rejected") {
      res.value = static_cast<double>(w.broker.rejected);
    } else if (m == "broker.backlog.max") {
      res.value = static_cast<double>(w.broker.maxBacklog);
    } else if (m == "broker.lag_ms.max") {
      res.value = w.broker.maxLagMs;
    } else if (m == "cost.cores.mean") {
      res.value = w.coreSeconds / w.seconds;
    }
    if (!res.value && res.problem.empty())
      res.problem = text::translate("ClaimResult", "unknown metric");
    if (res.value) {
      res.passed = (!c.min || *res.value >= *c.min) && (!c.max || *res.value <= *c.max);
    }
    out.push_back(std::move(res));
  }
  return out;
}

bool ClaimTracker::allPassed() const {
  const auto r = results();
  return std::all_of(r.begin(), r.end(), [](const ClaimResult& x) { return x.passed; });
}

std::string ClaimResult::describe() const {
  std::string bounds;
  if (claim.min && claim.max) {
    bounds = text::format(text::translate("ClaimResult", "min %1, max %2"),
                          {formatFigure(*claim.min), formatFigure(*claim.max)});
  } else if (claim.min) {
    bounds = text::format(text::translate("ClaimResult", "min %1"), {formatFigure(*claim.min)});
  } else if (claim.max) {
    bounds = text::format(text::translate("ClaimResult", "max %1"), {formatFigure(*claim.max)});
  }
  const std::string verdict =
      passed ? text::translate("ClaimResult", "ok") : text::translate("ClaimResult", "FAILED");
  if (value) {
    return text::format(text::translate("ClaimResult", "%1 over %2-%3 s = %4 (%5): %6"),
                        {claim.metric, formatFigure(fromS), formatFigure(toS), formatFigure(*value),
                         bounds, verdict});
  }
  return text::format(
      text::translate("ClaimResult", "%1 over %2-%3 s: %4 (%5): %6"),
      {claim.metric, formatFigure(fromS), formatFigure(toS), problem, bounds, verdict});
}

}  // namespace clusterscope::engine
