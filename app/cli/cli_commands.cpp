#include "cli_commands.h"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <memory>
#include <optional>
#include <tuple>

#include "cli_options.h"
#include "cli_shared.h"
#include "live_commands.h"
#include "output_files.h"
#include "printable_text.h"
#include "run_cost.h"
#include "scenario_loader.h"
#include "scenario_run.h"
#include "summary_json.h"
#include "text_report.h"

namespace clusterscope::cli {

namespace {

using namespace clusterscope::engine;

std::function<void(double)> progressLine(std::ostream& err, const std::string& label) {
  return [&err, label, last = -1](double fraction) mutable {
    const int percent = static_cast<int>(fraction * 100.0);
    if (percent == last) return;
    last = percent;
    err << "\r  " << label << " " << percent << "%" << (percent >= 100 ? "\r\033[K" : "")
        << std::flush;
  };
}

int commandValidate(const CliOptions& o, std::ostream& out, std::ostream& err) {
  int status = kExitOk;
  for (const auto& file : o.files) {
    if (loadOrReport(file, err)) {
      if (!o.quiet) out << u8(CliText::tr("%1: ok").arg(QString::fromStdString(file))) << "\n";
    } else {
      status = kExitInvalidInput;
    }
  }
  return status;
}

RunOptions runOptions(const CliOptions& o) {
  RunOptions r;
  r.seed = o.seed;
  r.durationS = o.durationS;
  r.mode = o.mode;
  return r;
}

void warnAboutCost(const std::string& file, const Scenario& scenario, bool csv, std::ostream& err) {
  const std::string warning = runCostWarning(scenario);
  if (!warning.empty()) {
    err << u8(CliText::tr("%1: warning: %2")
                  .arg(QString::fromStdString(printableText(file)),
                       QString::fromStdString(warning)))
        << "\n";
  }
  if (!csv) return;
  // One row per interval for the requests, each component and the broker, ~100 bytes each.
  std::size_t components = 0;
  for (const ServiceSpec& s : scenario.services)
    components += std::max<std::size_t>(1, s.modules.size());
  const double gigabytes =
      scenario.durationS / scenario.intervalS * static_cast<double>(components + 2) * 100 / 1e9;
  if (gigabytes > 1) {
    char size[32];
    std::snprintf(size, sizeof size, "%.3g", gigabytes);
    err << u8(CliText::tr("%1: warning: the CSV will take about %2 GB: a longer interval_s or a "
                          "shorter --duration makes it smaller")
                  .arg(QString::fromStdString(printableText(file)), QString::fromLatin1(size)))
        << "\n";
  }
}

int commandRun(const CliOptions& o, std::ostream& out, std::ostream& err, bool showProgress) {
  const auto scenario = loadOrReport(o.files[0], err);
  if (!scenario) return kExitInvalidInput;
  // Before the run, so that a long one is not wasted on an output it cannot write.
  auto outputs = openOutputs(o, err);
  if (!outputs) return kExitInvalidInput;
  RunOptions options = runOptions(o);
  warnAboutCost(o.files[0], applyRunOptions(*scenario, options), outputs->csv != nullptr, err);
  if (outputs->csv) options.csv = &outputs->csv->stream();  // streamed as the run goes
  if (showProgress && !o.quiet && !o.noProgress)
    options.progress = progressLine(err, u8(CliText::tr("running")));
  const RunOutcome result = runScenario(*scenario, options);
  if (outputs->summary) outputs->summary->stream() << summaryToJson(result.summary);
  if (!commit(outputs->csv.get(), err) || !commit(outputs->summary.get(), err)) {
    return kExitInvalidInput;
  }
  if (!o.quiet) out << formatRunReport(result.summary, result.claims);
  if (!result.summary.stopReason.empty()) {
    err << printableText(o.files[0]) << ": " << result.summary.stopReason << "\n";
    return kExitInvalidInput;
  }
  for (const auto& c : result.claims) {
    if (!c.passed) {
      err << u8(CliText::tr("%1: claim failed: %2")
                    .arg(QString::fromStdString(printableText(o.files[0])),
                         QString::fromStdString(printableText(c.describe()))))
          << "\n";
    }
  }
  reportFailedQuestions(o.files[0], result.summary.questions, err);
  return result.claimsPassed && result.questionsCorrect ? kExitOk : kExitClaimFailed;
}

int commandCompare(const CliOptions& o, std::ostream& out, std::ostream& err, bool showProgress) {
  const auto scenario = loadOrReport(o.files[0], err);
  if (!scenario) return kExitInvalidInput;
  auto outputs = openOutputs(o, err);
  if (!outputs) return kExitInvalidInput;
  RunOptions options = runOptions(o);
  const bool progress = showProgress && !o.quiet && !o.noProgress;
  options.mode = model::CallMode::Sync;
  warnAboutCost(o.files[0], applyRunOptions(*scenario, options), false, err);
  if (progress) options.progress = progressLine(err, u8(CliText::tr("sync run")));
  const RunOutcome sync = runScenario(*scenario, options);
  options.mode = model::CallMode::Async;
  if (progress) options.progress = progressLine(err, u8(CliText::tr("async run")));
  const RunOutcome async = runScenario(*scenario, options);
  if (outputs->summary) {
    outputs->summary->stream() << comparisonToJson(sync.summary, "sync", async.summary, "async");
  }
  if (!commit(outputs->summary.get(), err)) return kExitInvalidInput;
  if (!o.quiet) out << formatModeComparison(sync.summary, async.summary);
  int status = kExitOk;
  for (const RunSummary* s : {&sync.summary, &async.summary}) {
    if (s->stopReason.empty()) continue;
    err << printableText(o.files[0]) << " (all " << s->mode << "): " << s->stopReason << "\n";
    status = kExitInvalidInput;
  }
  return status;
}

}  // namespace

int runCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
           bool showProgress) {
  try {
    const ParsedCommandLine parsed = parseCommandLine(args);
    if (!parsed.error.empty()) {
      err << kProgram << printableText(parsed.error) << "\n"
          << u8(CliText::tr("(see clusterscope-cli --help)")) << "\n";
      return kExitInvalidInput;
    }
    const CliOptions& o = parsed.options;
    switch (o.command) {
      case Command::Help:
        out << (parsed.helpText.empty() ? usageText() : parsed.helpText);
        return kExitOk;
      case Command::Version:
        out << "clusterscope-cli " << CLUSTERSCOPE_VERSION << "\n";
        return kExitOk;
      case Command::Validate:
        return commandValidate(o, out, err);
      case Command::Run:
        return commandRun(o, out, err, showProgress);
      case Command::Compare:
        return commandCompare(o, out, err, showProgress);
      case Command::Launch:
        return commandLaunch(o, out, err, showProgress);
      case Command::Monitor:
        return commandMonitor(o, out, err);
      case Command::Inject:
        return commandInject(o, out, err);
      case Command::Keygen:
        return commandKeygen(o, out, err);
    }
  } catch (const std::exception& e) {
    // The loader has checked the scenario; this is a last line so that nothing escapes as a
    // crash. Say what happened.
    err << kProgram << printableText(e.what()) << "\n";
  }
  return kExitInvalidInput;
}

}  // namespace clusterscope::cli
