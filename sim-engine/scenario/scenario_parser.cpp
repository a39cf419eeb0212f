#include "internal/scenario_parts.h"

// The top level of a scenario file and its small sections (network, nodes, broker, cluster,
// lesson, expect). Services, workload and timeline have their own files.

namespace clusterscope::engine::loader {

namespace {

constexpr std::int64_t kSupportedFormat = 1;

template <typename Parse>
void forEachElement(ObjectReader& r, std::string_view key, Need need, Parse parse) {
  if (const Json* array = r.array(key, need)) {
    const std::string pointer = r.pointerOf(key);
    for (std::size_t i = 0; i < array->size(); ++i) parse((*array)[i], childPointer(pointer, i));
  }
}

void parseFormat(ObjectReader& r) {
  const Json* v = r.value("format", Need::Required);
  if (v == nullptr) return;
  const auto format = readInteger(r.problems(), *v, r.pointerOf("format"), 0,
                                  std::numeric_limits<std::int64_t>::max());
  if (format && *format != kSupportedFormat) {
    r.problems().add(
        r.pointerOf("format"),
        text::format(
            text::translate("ScenarioLoader", "unsupported format %1: this version reads format 1"),
            {std::to_string(*format)}));
  }
}

NodeSpec parseNode(Problems& p, const Json& v, const std::string& pointer, ParseNotes& notes) {
  NodeSpec n;
  ObjectReader r(p, v, pointer);
  const auto name = r.name("name", Need::Required);
  if (!name) notes.nodeNamesValid = false;
  n.name = name.value_or("");
  n.cores = r.number("cores", Range::factor()).value_or(n.cores);
  r.finish();
  return n;
}

ExpectClaim parseClaim(Problems& p, const Json& v, const std::string& pointer,
                       const ParseNotes& notes) {
  ExpectClaim c;
  ObjectReader r(p, v, pointer);
  c.metric = r.string("metric", Need::Required).value_or("");
  c.betweenS = readWindow(r, "between_s", Need::Optional, notes);
  c.min = r.number("min", Range::any());
  c.max = r.number("max", Range::any());
  if (r.ok() && !r.has("min") && !r.has("max")) {
    p.add(pointer, text::translate("ScenarioLoader", "a claim needs \"min\", \"max\" or both"));
  }
  if (c.min && c.max && *c.min > *c.max) {
    p.add(r.pointerOf("max"),
          text::format(text::translate("ScenarioLoader", "\"max\" (%1) is less than \"min\" (%2)"),
                       {formatNumber(*c.max), formatNumber(*c.min)}));
  }
  r.finish();
  return c;
}

void parseSmallSections(ObjectReader& r, Scenario& s) {
  Problems& p = r.problems();
  if (const Json* network = r.value("network")) {
    ObjectReader n(p, *network, r.pointerOf("network"));
    s.network.latencyMs = n.distribution("latency_ms");
    n.finish();
  }
  if (const Json* broker = r.value("broker")) {
    ObjectReader b(p, *broker, r.pointerOf("broker"));
    s.broker.deliveryLatencyMs =
        b.distribution("delivery_latency_ms").value_or(s.broker.deliveryLatencyMs);
    if (const auto capacity = b.integer("capacity", 1, limits::kMaxCount)) {
      s.broker.capacity = static_cast<int>(*capacity);
    }
    b.finish();
  }
  if (const Json* cluster = r.value("cluster")) {
    ObjectReader c(p, *cluster, r.pointerOf("cluster"));
    s.cluster.rescheduleDelayS =
        c.number("reschedule_delay_s", Range::seconds()).value_or(s.cluster.rescheduleDelayS);
    c.finish();
  }
}

}  // namespace

Range timeRange(const ParseNotes& notes) {
  return notes.durationS ? Range::between(0, *notes.durationS) : Range::seconds();
}

std::optional<std::pair<double, double>> readWindow(ObjectReader& r, std::string_view key,
                                                    Need need, const ParseNotes& notes) {
  const Json* window = r.array(key, need);
  if (window == nullptr) return std::nullopt;
  Problems& p = r.problems();
  const std::string at = r.pointerOf(key);
  if (window->size() != 2) {
    p.add(at, text::format(text::translate("ScenarioLoader",
                                           "expected [start, end] in seconds, got %1 values"),
                           {std::to_string(window->size())}));
    return std::nullopt;
  }
  const auto a = readNumber(p, (*window)[0], childPointer(at, 0), timeRange(notes));
  const auto b = readNumber(p, (*window)[1], childPointer(at, 1), timeRange(notes));
  if (!a || !b) return std::nullopt;
  if (*a >= *b) {
    p.add(
        childPointer(at, 1),
        text::format(text::translate("ScenarioLoader",
                                     "the window must end after it starts: %1 s is not after %2 s"),
                     {formatNumber(*b), formatNumber(*a)}));
    return std::nullopt;
  }
  return std::make_pair(*a, *b);
}

Scenario parseScenario(Problems& p, const Json& root, ParseNotes& notes) {
  Scenario s;
  ObjectReader r(p, root, "");
  if (!r.ok()) return s;
  parseFormat(r);
  s.name = r.string("name", Need::Required).value_or("");
  if (r.has("name") && r.value("name")->is_string() && s.name.empty()) {
    p.add(r.pointerOf("name"), text::translate("ScenarioLoader", "must not be empty"));
  }
  s.description = r.string("description").value_or("");
  s.seed = r.unsignedInteger("seed").value_or(s.seed);
  notes.durationS = r.number("duration_s", Range::period(), Need::Required);
  s.durationS = notes.durationS.value_or(s.durationS);
  if (const auto warmup = r.number("warmup_s", Range::seconds())) {
    if (notes.durationS && *warmup >= *notes.durationS) {
      p.add(r.pointerOf("warmup_s"),
            text::format(
                text::translate("ScenarioLoader", "must be less than duration_s (%1), got %2"),
                {formatNumber(*notes.durationS), formatNumber(*warmup)}));
    }
    s.warmupS = *warmup;
  }
  s.intervalS = r.number("interval_s", Range::period(limits::kMaxIntervalS)).value_or(s.intervalS);
  parseSmallSections(r, s);

  forEachElement(r, "nodes", Need::Optional, [&](const Json& v, const std::string& at) {
    s.nodes.push_back(parseNode(p, v, at, notes));
  });
  forEachElement(r, "services", Need::Required, [&](const Json& v, const std::string& at) {
    s.services.push_back(parseService(p, v, at, notes));
  });
  if (const Json* services = r.value("services");
      services && services->is_array() && services->empty()) {
    p.add(r.pointerOf("services"),
          text::translate("ScenarioLoader", "must list at least one service"));
  }
  if (const Json* workload = r.value("workload", Need::Required)) {
    s.workload = parseWorkload(p, *workload, r.pointerOf("workload"), notes);
  }
  forEachElement(r, "timeline", Need::Optional, [&](const Json& v, const std::string& at) {
    bool known = false;
    s.timeline.push_back(parseTimelineEntry(p, v, at, notes, known));
    notes.actionKnown.push_back(known);
  });
  forEachElement(r, "lesson", Need::Optional, [&](const Json& v, const std::string& at) {
    s.lesson.push_back(parseLessonStep(p, v, at, notes));
  });
  forEachElement(r, "expect", Need::Optional, [&](const Json& v, const std::string& at) {
    s.expect.push_back(parseClaim(p, v, at, notes));
  });
  r.finish();
  return s;
}

}  // namespace clusterscope::engine::loader
