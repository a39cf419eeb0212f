#pragma once

#include <QCoreApplication>
#include <QString>

#include "lesson.h"

// The words a lesson panel says about a settled question: the metric as a person names it
// ("catalog p95") and its figures in units that read well ("12 ms", "2.3 s", "4.1 %").

namespace clusterscope::app {

class QuestionText {
  Q_DECLARE_TR_FUNCTIONS(QuestionText)

 public:
  // "catalog p95", "requests failed ratio", "broker backlog (max)".
  static QString metricName(const std::string& metric);
  // A value of `metric` with its unit: ms or s for latencies, % for ratios, rps, cores.
  static QString figure(const std::string& metric, double value);
  // "catalog p95 went from 12 ms to 2.3 s: answer C" (or "... was 2.3 s: answer C", or that
  // no choice matches, or that there is no figure).
  static QString answer(const model::QuestionOutcome& outcome);
};

}  // namespace clusterscope::app
