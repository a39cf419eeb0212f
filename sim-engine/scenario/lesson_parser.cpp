#include <algorithm>
#include <cmath>
#include <limits>

#include "internal/scenario_parts.h"

// Lesson steps: texts in one or more languages, and the "predict, then run" question a step
// may ask (its metric is checked with those of `expect`, in timeline_checks.cpp).

namespace clusterscope::engine::loader {

namespace {

constexpr std::size_t kMinChoices = 2;
constexpr std::size_t kMaxChoices = 4;

bool isLanguageCode(const std::string& key) {
  return key.size() == 2 &&
         std::all_of(key.begin(), key.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// A text: a plain string, or {"en": "...", "fr": "..."} with at least one language.
model::LocalText readLocalText(Problems& p, const Json& v, const std::string& pointer) {
  if (v.is_string()) return model::LocalText(v.get<std::string>());
  if (!v.is_object()) {
    p.add(pointer,
          text::format(text::translate("ScenarioLoader",
                                       "expected a string or an object of texts by language (e.g. "
                                       "{\"en\": \"...\", \"fr\": \"...\"}), got %1"),
                       {typeName(v)}));
    return {};
  }
  if (v.empty()) {
    p.add(pointer,
          text::translate("ScenarioLoader",
                          "a text object needs at least one language, e.g. {\"en\": \"...\"}"));
    return {};
  }
  std::vector<std::pair<std::size_t, model::LocalText::Variant>> placed;
  for (const auto& [key, text] : v.items()) {
    const std::string at = childPointer(pointer, key);
    if (!isLanguageCode(key)) {
      p.add(
          at,
          text::format(text::translate(
                           "ScenarioLoader",
                           "language %1 is not a two-letter lower-case code (e.g. \"en\", \"fr\")"),
                       {quotedText(key)}),
          true);
      continue;
    }
    if (auto s = readString(p, text, at)) placed.push_back({p.offsetOf(at), {key, *s}});
  }
  // In the order written: the first language given is the last fallback.
  std::stable_sort(placed.begin(), placed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<model::LocalText::Variant> variants;
  for (auto& [offset, variant] : placed) variants.push_back(std::move(variant));
  return model::LocalText::translated(std::move(variants));
}

model::LocalText textMember(ObjectReader& r, std::string_view key, Need need) {
  const Json* v = r.value(key, need);
  return v ? readLocalText(r.problems(), *v, r.pointerOf(key)) : model::LocalText();
}

std::string rangeText(const model::QuestionChoice& c) {
  return "[" + (c.min ? formatNumber(*c.min) : std::string("-inf")) + ", " +
         (c.max ? formatNumber(*c.max) : std::string("inf")) + ")";
}

// Ranges are [min, max): two overlap when each starts before the other ends.
bool overlap(const model::QuestionChoice& a, const model::QuestionChoice& b) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const double lo = std::max(a.min.value_or(-kInf), b.min.value_or(-kInf));
  const double hi = std::min(a.max.value_or(kInf), b.max.value_or(kInf));
  return lo < hi;
}

// Returns whether the choice has a valid range (overlaps are only checked between those).
bool parseChoice(Problems& p, const Json& v, const std::string& pointer, model::QuestionChoice& c) {
  ObjectReader r(p, v, pointer);
  if (!r.ok()) return false;
  c.text = textMember(r, "text", Need::Required);
  c.min = r.number("min", Range::any());
  c.max = r.number("max", Range::any());
  bool valid = r.has("min") == c.min.has_value() && r.has("max") == c.max.has_value();
  if (!r.has("min") && !r.has("max")) {
    p.add(pointer, text::translate(
                       "ScenarioLoader",
                       "a choice needs \"min\", \"max\" or both (it matches min <= value < max)"));
    valid = false;
  }
  if (c.min && c.max && *c.min >= *c.max) {
    p.add(r.pointerOf("max"),
          text::format(
              text::translate("ScenarioLoader", "\"max\" (%1) must be more than \"min\" (%2)"),
              {formatNumber(*c.max), formatNumber(*c.min)}));
    valid = false;
  }
  r.finish(text::translate("ScenarioLoader", "in a choice"));
  return valid;
}

void parseChoices(ObjectReader& r, model::LessonQuestion& q) {
  Problems& p = r.problems();
  const Json* choices = r.array("choices", Need::Required);
  if (choices == nullptr) return;
  const std::string at = r.pointerOf("choices");
  if (choices->size() < kMinChoices || choices->size() > kMaxChoices) {
    p.add(at,
          text::format(text::translate("ScenarioLoader", "a question needs 2 to 4 choices, got %1"),
                       {std::to_string(choices->size())}));
    if (choices->size() > kMaxChoices) return;
  }
  std::vector<bool> valid;
  for (std::size_t i = 0; i < choices->size(); ++i) {
    q.choices.emplace_back();
    valid.push_back(parseChoice(p, (*choices)[i], childPointer(at, i), q.choices.back()));
  }
  for (std::size_t j = 1; j < q.choices.size(); ++j) {
    for (std::size_t i = 0; i < j; ++i) {
      if (!valid[i] || !valid[j] || !overlap(q.choices[i], q.choices[j])) continue;
      p.add(childPointer(at, j),
            text::format(
                text::translate(
                    "ScenarioLoader",
                    "choices %1 and %2 overlap: %3 and %4 (a choice matches min <= value < max)"),
                {std::to_string(i), std::to_string(j), rangeText(q.choices[i]),
                 rangeText(q.choices[j])}));
    }
  }
}

model::LessonQuestion parseQuestion(Problems& p, const Json& v, const std::string& pointer,
                                    std::optional<double> atS, const ParseNotes& notes) {
  model::LessonQuestion q;
  ObjectReader r(p, v, pointer);
  if (!r.ok()) return q;
  q.text = textMember(r, "text", Need::Required);
  q.metric = r.string("metric", Need::Required).value_or("");
  const auto between = readWindow(r, "between_s", Need::Required, notes);
  if (between) {
    q.betweenS = *between;
    if (atS && between->first < *atS) {
      p.add(childPointer(r.pointerOf("between_s"), 0),
            text::format(text::translate("ScenarioLoader",
                                         "the question is settled after it is asked: between_s "
                                         "must start at or after the step's at_s (%1 s), got %2 s"),
                         {formatNumber(*atS), formatNumber(between->first)}));
    }
  }
  q.beforeS = readWindow(r, "before_s", Need::Optional, notes);
  if (q.beforeS && between && q.beforeS->second > between->first) {
    p.add(childPointer(r.pointerOf("before_s"), 1),
          text::format(
              text::translate("ScenarioLoader",
                              "before_s must end by the start of between_s (%1 s), got %2 s"),
              {formatNumber(between->first), formatNumber(q.beforeS->second)}));
  }
  parseChoices(r, q);
  if (const auto answer =
          r.integer("answer", 0, std::numeric_limits<std::int32_t>::max(), Need::Required)) {
    q.answer = static_cast<int>(*answer);
    if (!q.choices.empty() && *answer >= static_cast<std::int64_t>(q.choices.size())) {
      p.add(r.pointerOf("answer"),
            text::format(
                text::translate("ScenarioLoader",
                                "answer %1 is not a choice: choices are numbered from 0 to %2"),
                {std::to_string(*answer), std::to_string(q.choices.size() - 1)}));
    }
  }
  r.finish(text::translate("ScenarioLoader", "in a question"));
  return q;
}

}  // namespace

model::LessonStep parseLessonStep(Problems& p, const Json& v, const std::string& pointer,
                                  const ParseNotes& notes) {
  model::LessonStep step;
  ObjectReader r(p, v, pointer);
  if (!r.ok()) return step;
  const auto atS = r.number("at_s", timeRange(notes));
  step.atS = atS.value_or(0);
  step.title = textMember(r, "title", Need::Required);
  step.text = textMember(r, "text", Need::Optional);
  if (const Json* question = r.value("question")) {
    // A missing at_s means 0, which every window satisfies.
    const auto askedAt = r.has("at_s") ? atS : std::optional<double>(0.0);
    step.question = parseQuestion(p, *question, r.pointerOf("question"), askedAt, notes);
  }
  r.finish();
  return step;
}

}  // namespace clusterscope::engine::loader
