#include <limits>

#include "internal/control_json.h"

// REPORT: counters, gauges, faults in force, call edges and sparse histograms.

namespace clusterscope::agents::protocol::detail {

namespace {

using engine::LatencyHistogram;

Json causesJson(const model::FailureCounts& counts) {
  Json j = Json::object();
  for (int i = 1; i < model::kFailureCauseCount; ++i) {
    const auto cause = static_cast<model::FailureCause>(i);
    if (counts[cause] != 0) j[model::failureCauseName(cause)] = counts[cause];
  }
  return j;
}

// Causes this version does not know are skipped (a newer peer may count more), so the known
// ones may sum to less than `failed`, never to more.
model::FailureCounts readCauses(const ObjectIn& in, std::uint64_t failed) {
  model::FailureCounts counts;
  const auto causes = in.objectOr("failed_by_cause");
  if (!causes) return counts;
  std::uint64_t sum = 0;
  for (int i = 1; i < model::kFailureCauseCount; ++i) {
    const auto cause = static_cast<model::FailureCause>(i);
    const std::uint64_t n = causes->count(model::failureCauseName(cause), 0);
    counts.add(cause, n);
    if (n > failed - sum) {
      fail(DecodeReason::Inconsistent, causes->path() +
                                           ": the causes add up to more than failed (" +
                                           std::to_string(failed) + ")");
    }
    sum += n;
  }
  return counts;
}

Json faultsJson(const std::vector<FaultInForce>& faults) {
  Json j = Json::array();
  for (const FaultInForce& f : faults) {
    Json fault = toJson(f.fault);
    if (f.remainingS != 0.0) fault["remaining_s"] = f.remainingS;
    j.push_back(std::move(fault));
  }
  return j;
}

Json edgeJson(const EdgeTelemetry& e) {
  Json j{{"to", e.to},
         {"mode", model::callModeName(e.mode)},
         {"calls", e.calls},
         {"completed", e.completed},
         {"failed", e.failed},
         {"in_flight", e.inFlight},
         {"breaker", breakerStateName(e.breaker)}};
  if (!e.from.empty()) j["from"] = e.from;
  if (e.failedBy.total() != 0) j["failed_by_cause"] = causesJson(e.failedBy);
  if (e.latency) j["latency"] = toJson(*e.latency);
  return j;
}

EdgeTelemetry readEdge(const ObjectIn& in) {
  EdgeTelemetry e;
  e.from = in.tokenOr("from", Token::Name);
  e.to = in.token("to", Token::Name);
  e.mode = in.choice("mode", callModeFromName);
  e.calls = in.count("calls");
  e.completed = in.count("completed");
  e.failed = in.count("failed");
  e.failedBy = readCauses(in, e.failed);
  e.inFlight = in.integer("in_flight", 0, kMaxCount32, 0);
  e.breaker = in.choice("breaker", breakerStateFromName, model::BreakerState::None);
  if (const auto latency = in.objectOr("latency")) fromJson(*latency, e.latency.emplace());
  return e;
}

Json serviceJson(const ServiceTelemetry& s) {
  Json j{{"arrivals", s.arrivals},  {"completed", s.completed},
         {"failed", s.failed},      {"queued", s.queued},
         {"busy", s.busy},          {"workers", s.workers},
         {"in_flight", s.inFlight}, {"latency", toJson(s.latency)}};
  if (s.failedBy.total() != 0) j["failed_by_cause"] = causesJson(s.failedBy);
  if (s.slowFactor != 1.0) j["slow_factor"] = s.slowFactor;
  if (s.errorRate != 0.0) j["error_rate"] = s.errorRate;
  if (!s.faults.empty()) j["faults"] = faultsJson(s.faults);
  if (!s.edges.empty()) {
    Json edges = Json::array();
    for (const EdgeTelemetry& e : s.edges) edges.push_back(edgeJson(e));
    j["edges"] = std::move(edges);
  }
  return j;
}

ServiceTelemetry readService(const ObjectIn& in) {
  ServiceTelemetry s;
  s.arrivals = in.count("arrivals");
  s.completed = in.count("completed");
  s.failed = in.count("failed");
  s.failedBy = readCauses(in, s.failed);
  s.queued = in.integer("queued", 0, kMaxCount32);
  s.busy = in.integer("busy", 0, kMaxCount32);
  s.workers = in.integer("workers", 0, kMaxCount32);
  s.inFlight = in.integer("in_flight", 0, kMaxCount32);
  s.slowFactor = in.number("slow_factor", 0, kMaxFactor, 1.0);
  s.errorRate = in.number("error_rate", 0, 1, 0.0);
  in.eachObject("faults", kMaxFaults, ObjectIn::Need::Optional, [&](const ObjectIn& f) {
    FaultInForce entry;
    fromJson(f, entry.fault);
    entry.remainingS = f.number("remaining_s", 0, kMaxSeconds, 0.0);
    s.faults.push_back(std::move(entry));
  });
  in.eachObject("edges", kMaxCalls, ObjectIn::Need::Optional,
                [&](const ObjectIn& e) { s.edges.push_back(readEdge(e)); });
  fromJson(in.object("latency"), s.latency);
  return s;
}

Json brokerJson(const BrokerTelemetry& b) {
  Json queues = Json::array();
  for (const QueueTelemetry& q : b.queues) {
    queues.push_back(Json{{"service", q.service},
                          {"backlog", q.backlog},
                          {"unacknowledged", q.unacknowledged},
                          {"oldest_age_ms", q.oldestAgeMs},
                          {"consumers", q.consumers},
                          {"published", q.published},
                          {"delivered", q.delivered},
                          {"redelivered", q.redelivered},
                          {"acknowledged", q.acknowledged},
                          {"rejected", q.rejected}});
  }
  return Json{{"up", b.up}, {"queues", std::move(queues)}};
}

BrokerTelemetry readBroker(const ObjectIn& in) {
  BrokerTelemetry b;
  b.up = in.boolean("up");
  in.eachObject("queues", kMaxItems, ObjectIn::Need::Required, [&](const ObjectIn& q) {
    b.queues.push_back({q.token("service", Token::Name), q.count("backlog"),
                        q.count("unacknowledged", 0), q.number("oldest_age_ms", 0, kMaxMs, 0.0),
                        q.integer("consumers", 0, kMaxCount32, 0), q.count("published"),
                        q.count("delivered"), q.count("redelivered", 0), q.count("acknowledged", 0),
                        q.count("rejected", 0)});
  });
  return b;
}

Json loadJson(const LoadTelemetry& l) {
  Json j{{"sent", l.sent},
         {"completed", l.completed},
         {"failed", l.failed},
         {"in_flight", l.inFlight},
         {"rate_rps", l.rateRps},
         {"users", l.users},
         {"latency", toJson(l.latency)}};
  if (l.failedBy.total() != 0) j["failed_by_cause"] = causesJson(l.failedBy);
  return j;
}

LoadTelemetry readLoad(const ObjectIn& in) {
  LoadTelemetry l;
  l.sent = in.count("sent");
  l.completed = in.count("completed");
  l.failed = in.count("failed");
  l.failedBy = readCauses(in, l.failed);
  l.inFlight = in.integer("in_flight", 0, kMaxCount32, 0);
  l.rateRps = in.number("rate_rps", 0, kMaxRateRps, 0.0);
  l.users = in.integer("users", 0, kMaxCount32, 0);
  fromJson(in.object("latency"), l.latency);
  return l;
}

}  // namespace

Json toJson(const SparseHistogram& h) {
  Json buckets = Json::array();
  for (const auto& b : h.buckets) buckets.push_back(Json::array({b.index, b.count}));
  return Json{{"buckets", std::move(buckets)},
              {"sum_ns", h.sumNs},
              {"min_ns", h.minNs},
              {"max_ns", h.maxNs}};
}

// The checks LatencyHistogram::mergeBuckets makes, each with its own reason, so that a
// decoded histogram always merges.
void fromJson(const ObjectIn& in, SparseHistogram& h) {
  const Json& buckets = in.array("buckets", LatencyHistogram::kBucketCount);
  const Where array = in.where("buckets");
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    const Where at(array, i);
    const Json& pair = readArray(buckets[i], at, 2);
    if (pair.size() != 2)
      fail(DecodeReason::WrongType, at.str() + ": expected [bucket index, count]");
    const auto index = static_cast<int>(
        readInteger(pair[0], Where(at, std::size_t{0}), 0, LatencyHistogram::kBucketCount - 1));
    const std::uint64_t count = readCount(pair[1], Where(at, std::size_t{1}));
    if (count == 0) {
      fail(DecodeReason::OutOfRange,
           Where(at, std::size_t{1}).str() + ": must be at least 1, got 0");
    }
    if (!h.buckets.empty() && index <= h.buckets.back().index) {
      fail(DecodeReason::Inconsistent, at.str() + ": bucket indexes must increase");
    }
    if (count > UINT64_MAX - total) {
      fail(DecodeReason::OutOfRange, at.str() + ": the total count overflows");
    }
    total += count;
    h.buckets.push_back({index, count});
  }
  h.sumNs = in.number("sum_ns", 0, std::numeric_limits<double>::max());
  h.minNs = in.integer("min_ns", 0, INT64_MAX);
  h.maxNs = in.integer("max_ns", 0, INT64_MAX);
  if (h.buckets.empty()) {
    if (h.sumNs != 0 || h.minNs != 0 || h.maxNs != 0) {
      fail(DecodeReason::Inconsistent,
           in.path() + ": an empty histogram has zero sum and extremes");
    }
    return;
  }
  if (h.minNs > h.maxNs || LatencyHistogram::bucketIndex(h.minNs) != h.buckets.front().index ||
      LatencyHistogram::bucketIndex(h.maxNs) != h.buckets.back().index) {
    fail(DecodeReason::Inconsistent,
         in.path() + ": min_ns and max_ns must fall in the first and last buckets");
  }
}

Json toJson(const Report& m) {
  Json j{{"seq", m.seq}, {"time_ns", m.timeNs}, {"state", model::replicaStateName(m.state)}};
  if (m.service) j["service"] = serviceJson(*m.service);
  if (m.broker) j["broker"] = brokerJson(*m.broker);
  if (m.load) j["loadgen"] = loadJson(*m.load);
  return j;
}

void fromJson(const ObjectIn& in, Report& m) {
  m.seq = in.count("seq");
  m.timeNs = in.integer("time_ns", 0, INT64_MAX);
  m.state = in.choice("state", replicaStateFromName);
  if (int(in.has("service")) + int(in.has("broker")) + int(in.has("loadgen")) > 1) {
    fail(DecodeReason::Inconsistent,
         in.path() + ": a report has at most one of \"service\", \"broker\" and \"loadgen\"");
  }
  if (const auto s = in.objectOr("service")) m.service = readService(*s);
  if (const auto b = in.objectOr("broker")) m.broker = readBroker(*b);
  if (const auto l = in.objectOr("loadgen")) m.load = readLoad(*l);
}

}  // namespace clusterscope::agents::protocol::detail
