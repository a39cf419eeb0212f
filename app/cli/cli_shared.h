#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli_options.h"
#include "lesson.h"
#include "cli_text.h"
#include "output_files.h"
#include "scenario.h"

// What the commands share: loading a scenario with its diagnostics on stderr, and the outputs
// of a run (--summary, --csv) checked and opened before it starts.

namespace clusterscope::cli {

inline constexpr const char* kProgram = "clusterscope-cli: ";

// The scenario, or nothing after printing every diagnostic.
std::optional<engine::Scenario> loadOrReport(const std::string& path, std::ostream& err);

// The outputs asked for, checked and opened before the run; null where none was asked for.
struct Outputs {
  std::unique_ptr<PendingOutput> summary;
  std::unique_ptr<PendingOutput> csv;
};

// Nothing (after saying why on `err`) when an output cannot be written.
std::optional<Outputs> openOutputs(const CliOptions& o, std::ostream& err);

// Renames a pending output into place; false (after saying why) when that failed.
bool commit(PendingOutput* pending, std::ostream& err);

// A "question failed:" line on `err` for each lesson question whose measured answer is not
// the one the lesson marks (a question fails like a claim); true when none failed.
bool reportFailedQuestions(const std::string& file,
                           const std::vector<model::QuestionOutcome>& questions, std::ostream& err);

}  // namespace clusterscope::cli
