#include "question_tracker.h"

#include <algorithm>

#include "engine_text.h"

namespace clusterscope::engine {

struct QuestionTracker::Asked {
  int step = -1;
  double atS = 0.0;
  model::LessonQuestion question;
  std::size_t claim = 0;  // index of the between_s claim in claims_
  int beforeClaim = -1;   // index of the before_s claim, -1: none asked
  SimTime settlesAt = 0;  // the end of between_s
  bool settled = false;   // an interval reached settlesAt
  bool taken = false;     // handed out by takeSettled()
};

namespace {

std::vector<ExpectClaim> claimsOf(const Scenario& s) {
  std::vector<ExpectClaim> claims;
  for (const model::LessonStep& step : s.lesson) {
    if (!step.question) continue;
    const model::LessonQuestion& q = *step.question;
    claims.push_back(ExpectClaim{q.metric, q.betweenS, std::nullopt, std::nullopt});
    if (q.beforeS) claims.push_back(ExpectClaim{q.metric, q.beforeS, std::nullopt, std::nullopt});
  }
  return claims;
}

std::string window(const std::pair<double, double>& w) {
  return "(" + formatFigure(w.first) + "-" + formatFigure(w.second) + " s)";
}

}  // namespace

QuestionTracker::QuestionTracker(const Scenario& s) : claims_(claimsOf(s), s.warmupS, s.durationS) {
  std::size_t claim = 0;
  for (std::size_t i = 0; i < s.lesson.size(); ++i) {
    if (!s.lesson[i].question) continue;
    Asked a;
    a.step = static_cast<int>(i);
    a.atS = s.lesson[i].atS;
    a.question = *s.lesson[i].question;
    a.claim = claim++;
    if (a.question.beforeS) a.beforeClaim = static_cast<int>(claim++);
    a.settlesAt = secondsToSim(a.question.betweenS.second);
    asked_.push_back(std::move(a));
  }
}

QuestionTracker::~QuestionTracker() = default;

void QuestionTracker::onIntervalClosed(const IntervalReport& report) {
  claims_.onIntervalClosed(report);
  for (Asked& a : asked_) {
    // The window is settled by the interval that reaches its end (claims count only whole
    // intervals inside it, so nothing later changes its figure).
    if (report.end >= a.settlesAt) a.settled = true;
  }
}

std::vector<model::QuestionOutcome> QuestionTracker::results() const {
  const std::vector<ClaimResult> claims = claims_.results();
  std::vector<model::QuestionOutcome> out;
  for (const Asked& a : asked_) {
    model::QuestionOutcome o;
    o.step = a.step;
    o.askedAtS = a.atS;
    o.metric = a.question.metric;
    o.windowS = a.question.betweenS;
    o.beforeWindowS = a.question.beforeS;
    o.answer = a.question.answer;
    const ClaimResult& now = claims[a.claim];
    o.value = now.value;
    o.problem = now.problem;
    if (a.beforeClaim >= 0) o.before = claims[static_cast<std::size_t>(a.beforeClaim)].value;
    if (o.value) {
      const auto& choices = a.question.choices;
      const auto it =
          std::find_if(choices.begin(), choices.end(),
                       [&](const model::QuestionChoice& c) { return c.matches(*o.value); });
      if (it != choices.end()) o.matching = static_cast<int>(it - choices.begin());
    }
    o.correct = o.matching && *o.matching == o.answer;
    out.push_back(std::move(o));
  }
  return out;
}

std::vector<model::QuestionOutcome> QuestionTracker::takeSettled() {
  std::vector<model::QuestionOutcome> settled;
  std::vector<model::QuestionOutcome> all;
  for (std::size_t i = 0; i < asked_.size(); ++i) {
    Asked& a = asked_[i];
    if (a.taken || !a.settled) continue;
    if (all.empty()) all = results();
    a.taken = true;
    settled.push_back(all[i]);
  }
  return settled;
}

bool QuestionTracker::allCorrect() const {
  const auto r = results();
  return std::all_of(r.begin(), r.end(), [](const model::QuestionOutcome& o) { return o.correct; });
}

std::string describeQuestion(const model::QuestionOutcome& o, int number) {
  // What was measured, then how it compares with the answer; each a whole clause.
  std::string seen;
  if (!o.value) {
    seen = text::format(text::translate("QuestionOutcome", "%1 %2: %3"),
                        {o.metric, window(o.windowS), o.problem});
  } else if (o.before && o.beforeWindowS) {
    seen = text::format(text::translate("QuestionOutcome", "%1 went from %2 %3 to %4 %5"),
                        {o.metric, formatFigure(*o.before), window(*o.beforeWindowS),
                         formatFigure(*o.value), window(o.windowS)});
  } else {
    seen = text::format(text::translate("QuestionOutcome", "%1 = %2 %3"),
                        {o.metric, formatFigure(*o.value), window(o.windowS)});
  }
  const std::string marked(1, model::choiceLetter(o.answer));
  const std::string verdict = o.correct ? text::translate("QuestionOutcome", "ok")
                                        : text::translate("QuestionOutcome", "FAILED");
  std::string judged;
  if (!o.value) {
    judged = text::format(text::translate("QuestionOutcome", "no answer, marked %1: %2"),
                          {marked, verdict});
  } else if (o.matching) {
    judged = text::format(text::translate("QuestionOutcome", "answer %1, marked %2: %3"),
                          {std::string(1, model::choiceLetter(*o.matching)), marked, verdict});
  } else {
    judged = text::format(text::translate("QuestionOutcome", "matches no choice, marked %1: %2"),
                          {marked, verdict});
  }
  return text::format(text::translate("QuestionOutcome", "Q%1 at %2 s: %3: %4"),
                      {std::to_string(number), formatFigure(o.askedAtS), seen, judged});
}

std::string formatQuestions(const std::vector<model::QuestionOutcome>& outcomes) {
  std::string out;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    out += "  " + describeQuestion(outcomes[i], static_cast<int>(i) + 1) + "\n";
  }
  return out;
}

}  // namespace clusterscope::engine
