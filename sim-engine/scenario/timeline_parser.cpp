#include <array>

#include "internal/scenario_parts.h"

// Timeline entries: an action name and the fields that kind of action takes. References to
// services, nodes and edges are checked later (timeline_checks.cpp), once everything is read.

namespace clusterscope::engine::loader {

namespace {

enum Field : unsigned {
  kService = 1u << 0,
  kReplica = 1u << 1,
  kNode = 1u << 2,
  kNodes = 1u << 3,
  kFrom = 1u << 4,
  kTo = 1u << 5,
  kMode = 1u << 6,
  kFactor = 1u << 7,
  kRate = 1u << 8,
  kRateRps = 1u << 9,
  kCount = 1u << 10,
  kDuration = 1u << 11,
  kTimeouts = 1u << 12,
  kRetries = 1u << 13,
  kBreaker = 1u << 14,
  kEnabled = 1u << 15,
  kLatency = 1u << 16,        // latency_ms: at least one tick
  kJitter = 1u << 17,         // jitter_ms
  kFaultCount = 1u << 18,     // count of fail_first: at least 1
  kFaultDuration = 1u << 19,  // duration_s of a fault: at least one tick, absent: until reset
};

// What a fault acts on: a process, or the calls on one edge (checked in checkFaultScope).
constexpr unsigned kScope = kService | kReplica | kFrom | kTo;

struct KindFields {
  unsigned allowed;
  unsigned required;
};

// Indexed by ActionKind; docs/scenario-format.md has the same table.
constexpr std::array<KindFields, model::kActionKindCount> kKindFields = {{
    {kService | kReplica, kService | kReplica},                      // kill_replica
    {kService | kReplica, kService | kReplica},                      // restart_replica
    {kService, kService},                                            // crash_service
    {kService, kService},                                            // restart_service
    {kNode, kNode},                                                  // fail_node
    {kNode, kNode},                                                  // recover_node
    {kService | kReplica | kFactor, kService | kReplica | kFactor},  // slow_replica
    {kService | kFactor, kService | kFactor},                        // slow_service
    {kService | kRate, kService | kRate},                            // set_error_rate
    {kNodes, kNodes},                                                // partition
    {kNodes, kNodes},                                                // heal_partition
    {kDuration, 0},                                                  // broker_outage
    {0, 0},                                                          // broker_recover
    {kService | kCount, kService | kCount},                          // set_replicas
    {kFrom | kTo | kMode, kMode},                                    // set_call_mode
    {kRateRps, kRateRps},                                            // set_arrival_rate
    {kService | kFactor, kService},                                  // rolling_update
    {kTimeouts | kRetries | kBreaker, 0},                            // set_resilience
    {kService | kEnabled, kEnabled},                                 // set_autoscaler
    {kScope | kLatency | kJitter | kFaultDuration, kLatency},        // add_latency
    {kScope | kRate | kFaultDuration, kRate},                        // drop_messages
    {kScope | kFaultDuration, 0},                                    // blackhole
    {kService | kReplica | kFaultDuration, kService},                // pause
    {kScope | kFaultCount | kFaultDuration, kFaultCount},            // fail_first
    {0, 0},                                                          // reset_faults
}};

const std::vector<std::string> kModeNames = {"sync", "async"};

std::vector<std::string> actionNames() {
  std::vector<std::string> names;
  for (int i = 0; i < model::kActionKindCount; ++i) {
    names.emplace_back(model::actionKindName(static_cast<model::ActionKind>(i)));
  }
  return names;
}

// Fills the fields of `a` that its kind allows; keys it does not allow stay undeclared, so
// ObjectReader::finish reports them.
void readFields(ObjectReader& r, model::Action& a, unsigned allowed, unsigned required) {
  const auto need = [&](Field f) { return (required & f) ? Need::Required : Need::Optional; };
  Problems& p = r.problems();
  if (allowed & kService) a.service = r.name("service", need(kService)).value_or("");
  if (allowed & kReplica) {
    a.replica = static_cast<int>(
        r.integer("replica", 0, 2 * limits::kMaxReplicas - 1, need(kReplica)).value_or(-1));
  }
  if (allowed & kNode) a.node = r.name("node", need(kNode)).value_or("");
  if (allowed & kNodes) {
    if (const Json* nodes = r.array("nodes", need(kNodes))) {
      const std::string pointer = r.pointerOf("nodes");
      if (nodes->size() != 2) {
        p.add(pointer,
              text::format(text::translate("ScenarioLoader", "expected 2 node names, got %1"),
                           {std::to_string(nodes->size())}));
      } else {
        a.node = readName(p, (*nodes)[0], childPointer(pointer, 0)).value_or("");
        a.otherNode = readName(p, (*nodes)[1], childPointer(pointer, 1)).value_or("");
        if (!a.node.empty() && a.node == a.otherNode) {
          p.add(childPointer(pointer, 1),
                text::translate("ScenarioLoader",
                                "a node cannot be cut off from itself: name two nodes"));
        }
      }
    }
  }
  if (allowed & kFrom) a.from = r.name("from").value_or("");
  if (allowed & kTo) a.to = r.name("to").value_or("");
  if (allowed & kMode) {
    a.mode = static_cast<model::CallMode>(
        r.choice("mode", kModeNames, text::translate("ScenarioLoader", "unknown call mode %1"),
                 need(kMode))
            .value_or(0));
  }
  if (allowed & kFactor) {
    a.factor = r.number("factor", Range::factor(), need(kFactor)).value_or(1.0);
  }
  if (allowed & kRate) a.rate = r.number("rate", Range::between(0, 1), need(kRate)).value_or(0);
  if (allowed & kRateRps) {
    a.rate = r.number("rate_rps", Range::rate(), need(kRateRps)).value_or(0);
  }
  if (allowed & kCount) {
    a.count =
        static_cast<int>(r.integer("count", 0, limits::kMaxReplicas, need(kCount)).value_or(0));
  }
  if (allowed & kFaultCount) {
    a.count =
        static_cast<int>(r.integer("count", 1, limits::kMaxCount, need(kFaultCount)).value_or(0));
  }
  if (allowed & kDuration) a.durationS = r.number("duration_s", Range::seconds()).value_or(0);
  if (allowed & kFaultDuration) {
    a.durationS = r.number("duration_s", Range::positiveSeconds()).value_or(0);
  }
  if (allowed & kLatency) {
    a.latencyMs = r.number("latency_ms", Range::positiveMs(), need(kLatency)).value_or(0);
  }
  if (allowed & kJitter) a.jitterMs = r.number("jitter_ms", Range::ms()).value_or(0);
  if (allowed & kTimeouts) a.timeouts = r.boolean("timeouts");
  if (allowed & kRetries) a.retries = r.boolean("retries");
  if (allowed & kBreaker) a.circuitBreaker = r.boolean("circuit_breaker");
  if (allowed & kEnabled) a.enabled = r.boolean("enabled", need(kEnabled)).value_or(true);
}

// A fault acts on a process (service, and optionally one replica) or on an edge (from and
// to), never both, as the protocol's faults do (docs/protocol.md, "Faults").
void checkFaultScope(ObjectReader& r, const std::string& name) {
  Problems& p = r.problems();
  const bool process = r.has("service");
  const bool edge = r.has("from") || r.has("to");
  if (process && edge) {
    p.add(
        r.pointerOf(r.has("from") ? "from" : "to"),
        text::format(text::translate(
                         "ScenarioLoader",
                         "%1 acts on a \"service\" or on an edge (\"from\" and \"to\"), not both"),
                     {name}));
  } else if (!process && !edge) {
    p.add(r.pointer(),
          text::format(
              text::translate(
                  "ScenarioLoader",
                  "%1 needs a \"service\" (and a \"replica\") or an edge (\"from\" and \"to\")"),
              {name}));
  } else if (edge && r.has("from") != r.has("to")) {
    p.add(r.pointerOf(r.has("from") ? "from" : "to"),
          text::format(
              text::translate("ScenarioLoader", "%1 on an edge needs both \"from\" and \"to\""),
              {name}));
  }
  if (edge && !process && r.has("replica")) {
    p.add(r.pointerOf("replica"),
          text::translate("ScenarioLoader",
                          "a replica is named with its \"service\", not on an edge"));
  }
}

}  // namespace

model::Action parseAction(ObjectReader& r, bool& kindKnown) {
  model::Action action;
  kindKnown = false;
  Problems& p = r.problems();
  const auto name = r.string("action", Need::Required);
  const std::optional<model::ActionKind> kind =
      name ? model::actionKindFromName(*name) : std::nullopt;
  if (!kind) {
    if (name) {
      const std::vector<std::string> names = actionNames();
      std::string hint = p.detailed() ? didYouMean(*name, names) : std::string();
      p.add(r.pointerOf("action"),
            (hint.empty()
                 ? text::format(
                       text::translate("ScenarioLoader", "unknown action %1 (expected one of %2)"),
                       {quotedText(*name),
                        quotedList(names, text::translate("ScenarioLoader", "or"))})
                 : text::format(text::translate("ScenarioLoader", "unknown action %1"),
                                {quotedText(*name)}) +
                       hint));
    }
    // The fields depend on the kind we could not read: leave them alone.
    for (const char* key : {"service", "replica", "node", "nodes", "from", "to", "mode", "factor",
                            "rate", "rate_rps", "count", "duration_s", "timeouts", "retries",
                            "circuit_breaker", "enabled", "latency_ms", "jitter_ms"}) {
      r.ignore(key);
    }
    r.finish();
    return action;
  }
  kindKnown = true;
  action.kind = *kind;
  const KindFields fields = kKindFields[static_cast<int>(*kind)];
  readFields(r, action, fields.allowed, fields.required);
  if (*kind == model::ActionKind::SetCallMode && r.has("from") != r.has("to")) {
    const char* given = r.has("from") ? "from" : "to";
    p.add(r.pointerOf(given),
          text::translate(
              "ScenarioLoader",
              "set_call_mode needs both \"from\" and \"to\" (one edge) or neither (every edge)"));
  }
  if (*kind == model::ActionKind::SetResilience && !r.has("timeouts") && !r.has("retries") &&
      !r.has("circuit_breaker") && r.ok()) {
    p.add(r.pointer(), text::translate("ScenarioLoader",
                                       "set_resilience needs at least one of \"timeouts\", "
                                       "\"retries\" and \"circuit_breaker\""));
  }
  if ((fields.allowed & kScope) == kScope && r.ok()) checkFaultScope(r, *name);
  r.finish(text::format(text::translate("ScenarioLoader", "for action %1"), {"\"" + *name + "\""}));
  return action;
}

model::TimelineEntry parseTimelineEntry(Problems& p, const Json& v, const std::string& pointer,
                                        const ParseNotes& notes, bool& kindKnown) {
  model::TimelineEntry e;
  ObjectReader r(p, v, pointer);
  const Range when = notes.durationS ? Range::between(0, *notes.durationS) : Range::seconds();
  e.atS = r.number("at_s", when, Need::Required).value_or(0);
  e.action = parseAction(r, kindKnown);
  return e;
}

}  // namespace clusterscope::engine::loader
