#include "internal/scenario_parts.h"

// The workload: who sends requests to the entry component, and how many.

namespace clusterscope::engine::loader {

namespace {

using limits::kMaxUsers;

const std::vector<std::string> kArrivalNames = {"poisson", "constant", "closed"};

std::vector<RateStage> parseStages(ObjectReader& r, const ParseNotes& notes) {
  std::vector<RateStage> stages;
  const Json* array = r.array("stages");
  if (array == nullptr) return stages;
  Problems& p = r.problems();
  const std::string pointer = r.pointerOf("stages");
  std::optional<double> previous;
  for (std::size_t i = 0; i < array->size(); ++i) {
    ObjectReader stage(p, (*array)[i], childPointer(pointer, i));
    const auto at = stage.number("at_s", timeRange(notes), Need::Required);
    const auto rate = stage.number("rate_rps", Range::rate(), Need::Required);
    stage.finish();
    if (at && previous && *at <= *previous) {
      p.add(stage.pointerOf("at_s"),
            text::format(
                text::translate(
                    "ScenarioLoader",
                    "stages must be in strictly increasing time order: %1 s is not after %2 s"),
                {formatNumber(*at), formatNumber(*previous)}));
    }
    if (at) previous = at;
    stages.push_back({at.value_or(0), rate.value_or(0)});
  }
  return stages;
}

}  // namespace

WorkloadSpec parseWorkload(Problems& p, const Json& v, const std::string& pointer,
                           const ParseNotes& notes) {
  WorkloadSpec w;
  ObjectReader r(p, v, pointer);
  w.entry = r.name("entry", Need::Required).value_or("");
  const auto arrival = r.choice("arrival", kArrivalNames,
                                text::translate("ScenarioLoader", "unknown arrival kind %1"));
  w.timeoutMs = r.number("timeout_ms", Range::positiveMs());
  if (!arrival && r.has("arrival")) {
    // Which keys belong here depends on the kind we could not read.
    for (const char* key : {"rate_rps", "stages", "users", "think_time_ms"}) r.ignore(key);
    r.finish();
    return w;
  }
  w.arrival = static_cast<ArrivalKind>(arrival.value_or(0));
  const std::string kind = "\"" + kArrivalNames[arrival.value_or(0)] + "\"";
  if (w.arrival == ArrivalKind::Closed) {
    w.users = static_cast<int>(r.integer("users", 1, kMaxUsers, Need::Required).value_or(0));
    w.thinkTimeMs = r.distribution("think_time_ms").value_or(w.thinkTimeMs);
    r.notApplicable("rate_rps",
                    text::translate("ScenarioLoader",
                                    "\"rate_rps\" does not apply to arrival \"closed\": "
                                    "a closed workload has \"users\" instead"));
    r.notApplicable("stages", text::translate("ScenarioLoader",
                                              "\"stages\" does not apply to arrival \"closed\""));
  } else {
    w.rateRps = r.number("rate_rps", Range::rate(), Need::Required).value_or(0);
    w.stages = parseStages(r, notes);
    r.notApplicable("users", text::format(text::translate("ScenarioLoader",
                                                          "\"users\" does not apply to arrival %1: "
                                                          "set \"arrival\": \"closed\" for a "
                                                          "closed workload"),
                                          {kind}));
    r.notApplicable("think_time_ms",
                    text::format(text::translate("ScenarioLoader",
                                                 "\"think_time_ms\" does not apply to arrival %1: "
                                                 "set \"arrival\": \"closed\" for a closed "
                                                 "workload"),
                                 {kind}));
  }
  r.finish();
  return w;
}

}  // namespace clusterscope::engine::loader
