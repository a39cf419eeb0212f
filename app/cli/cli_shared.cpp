#include "cli_shared.h"

#include <tuple>

#include "printable_text.h"
#include "question_tracker.h"
#include "scenario_loader.h"

namespace clusterscope::cli {

std::optional<engine::Scenario> loadOrReport(const std::string& path, std::ostream& err) {
  engine::LoadResult r = engine::loadScenarioFile(path);
  for (const auto& d : r.errors) err << d.format() << "\n";
  if (!r.ok()) return std::nullopt;
  return std::move(r.scenario);
}

std::optional<Outputs> openOutputs(const CliOptions& o, std::ostream& err) {
  const std::string& input = o.files[0];
  for (const auto& [option, path, other] : {std::tuple{"--summary", o.summaryPath, o.csvPath},
                                            std::tuple{"--csv", o.csvPath, o.summaryPath}}) {
    if (path.empty()) continue;
    if (const std::string problem = outputProblem(option, path, input, {other}); !problem.empty()) {
      err << kProgram << engine::printableText(problem) << "\n";
      return std::nullopt;
    }
  }
  Outputs out;
  if (!o.summaryPath.empty()) out.summary = std::make_unique<PendingOutput>(o.summaryPath);
  if (!o.csvPath.empty()) out.csv = std::make_unique<PendingOutput>(o.csvPath);
  for (const auto* pending : {out.summary.get(), out.csv.get()}) {
    if (pending && !pending->error().empty()) {
      err << kProgram << engine::printableText(pending->error()) << "\n";
      return std::nullopt;
    }
  }
  return out;
}

bool commit(PendingOutput* pending, std::ostream& err) {
  if (!pending || pending->commit()) return true;
  err << kProgram << engine::printableText(pending->error()) << "\n";
  return false;
}

bool reportFailedQuestions(const std::string& file,
                           const std::vector<model::QuestionOutcome>& questions,
                           std::ostream& err) {
  bool allCorrect = true;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    if (questions[i].correct) continue;
    allCorrect = false;
    err << u8(CliText::tr("%1: question failed: %2")
                  .arg(qs(engine::printableText(file)),
                       qs(engine::printableText(
                           engine::describeQuestion(questions[i], static_cast<int>(i) + 1)))))
        << "\n";
  }
  return allCorrect;
}

}  // namespace clusterscope::cli
