#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lesson.h"

// What a running cluster says about itself, sent with its layout: a title for the window, the
// lesson to show beside it and the load it was designed for. A simulation takes it from its
// scenario file; a live cluster from the scenario it was launched from, or leaves it empty.

namespace clusterscope::model {

struct LessonStep {
  double atS = 0.0;  // cluster time at which the step is due
  LocalText title;
  LocalText text;
  std::optional<LessonQuestion> question;  // a "predict, then run" question, if any
  bool operator==(const LessonStep&) const = default;
};

struct ClusterDescription {
  std::string name;         // empty: unnamed
  std::string description;  // free text, may be empty
  std::vector<LessonStep> lesson;
  // The load the cluster was designed for, in requests per second; 0 when it has no open
  // arrival rate to scale (a closed workload, or nothing known). The load control offers
  // multiples of it.
  double nominalRateRps = 0.0;
  double durationS = 0.0;  // planned length of the run; 0: runs until stopped
  bool operator==(const ClusterDescription&) const = default;
};

}  // namespace clusterscope::model
