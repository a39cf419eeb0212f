#pragma once

#include <string>
#include <vector>

#include "claim_tracker.h"
#include "lesson.h"
#include "scenario.h"
#include "simulation_observer.h"

namespace clusterscope::engine {

// Evaluates the questions of a scenario's lesson over the intervals of a run, with the
// machinery of `expect`: a question's window (and its before window) are claims without
// bounds, so a question's figure is exactly what an `expect` on the same window would see.
// The CLI reads the outcomes at the end of a run; the GUI takes each as its window closes.
class QuestionTracker : public SimulationObserver {
 public:
  explicit QuestionTracker(const Scenario& scenario);
  ~QuestionTracker() override;
  void onIntervalClosed(const IntervalReport& report) override;

  bool empty() const { return asked_.empty(); }
  // Every question in lesson order, settled or not (an unsettled one may lack its value).
  std::vector<model::QuestionOutcome> results() const;
  // The questions whose window closed since the last call, in lesson order.
  std::vector<model::QuestionOutcome> takeSettled();
  bool allCorrect() const;

 private:
  struct Asked;
  std::vector<Asked> asked_;
  ClaimTracker claims_;
};

// "Q1 at 80 s: services.catalog.latency_ms.p95 went from 12.1 (60-90 s) to 2310 (100-130 s):
// answer C, marked C: ok"; `number` counts from 1.
std::string describeQuestion(const model::QuestionOutcome& outcome, int number);
// One line per question, failures marked.
std::string formatQuestions(const std::vector<model::QuestionOutcome>& outcomes);

}  // namespace clusterscope::engine
