#include "cli_commands.h"

#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <optional>

#include "cli_options.h"
#include "scenario_loader.h"
#include "scenario_run.h"
#include "summary_json.h"
#include "text_report.h"

namespace clusterscope::cli {

namespace {

using namespace clusterscope::engine;

// Writes beside the target and renames, so that a failed write never leaves a truncated file
// where a good one was.
bool writeFile(const std::string& path, const std::string& content, std::ostream& err) {
  const std::string temp = path + ".part";
  {
    std::ofstream f(temp, std::ios::binary | std::ios::trunc);
    if (!f || !(f << content) || !f.flush()) {
      err << "clusterscope-cli: cannot write " << path << "\n";
      std::error_code ec;
      std::filesystem::remove(temp, ec);
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    err << "clusterscope-cli: cannot write " << path << ": " << ec.message() << "\n";
    return false;
  }
  return true;
}

std::optional<Scenario> loadOrReport(const std::string& path, std::ostream& err) {
  LoadResult r = loadScenarioFile(path);
  for (const auto& d : r.errors) err << d.format() << "\n";
  if (!r.ok()) return std::nullopt;
  return std::move(r.scenario);
}

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
      if (!o.quiet) out << file << ": ok\n";
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

int commandRun(const CliOptions& o, std::ostream& out, std::ostream& err, bool showProgress) {
  const auto scenario = loadOrReport(o.files[0], err);
  if (!scenario) return kExitInvalidInput;
  RunOptions options = runOptions(o);
  std::ofstream csv;
  const std::string csvTemp = o.csvPath + ".part";
  if (!o.csvPath.empty()) {
    // Streamed while the run goes, then renamed into place.
    csv.open(csvTemp, std::ios::binary | std::ios::trunc);
    if (!csv) {
      err << "clusterscope-cli: cannot write " << o.csvPath << "\n";
      return kExitInvalidInput;
    }
    options.csv = &csv;
  }
  if (showProgress && !o.quiet && !o.noProgress) options.progress = progressLine(err, "running");
  const RunOutcome result = runScenario(*scenario, options);
  if (!o.csvPath.empty()) {
    csv.close();
    std::error_code ec;
    if (!csv || (std::filesystem::rename(csvTemp, o.csvPath, ec), ec)) {
      err << "clusterscope-cli: cannot write " << o.csvPath << "\n";
      return kExitInvalidInput;
    }
  }
  if (!o.summaryPath.empty() && !writeFile(o.summaryPath, summaryToJson(result.summary), err)) {
    return kExitInvalidInput;
  }
  if (!o.quiet) {
    out << formatSummary(result.summary);
    if (!result.claims.empty()) out << "\nclaims\n" << formatClaims(result.claims);
  }
  for (const auto& c : result.claims) {
    if (!c.passed) err << o.files[0] << ": claim failed: " << c.describe() << "\n";
  }
  return result.claimsPassed ? kExitOk : kExitClaimFailed;
}

int commandCompare(const CliOptions& o, std::ostream& out, std::ostream& err, bool showProgress) {
  const auto scenario = loadOrReport(o.files[0], err);
  if (!scenario) return kExitInvalidInput;
  RunOptions options = runOptions(o);
  const bool progress = showProgress && !o.quiet && !o.noProgress;
  options.mode = model::CallMode::Sync;
  if (progress) options.progress = progressLine(err, "sync run");
  const RunOutcome sync = runScenario(*scenario, options);
  options.mode = model::CallMode::Async;
  if (progress) options.progress = progressLine(err, "async run");
  const RunOutcome async = runScenario(*scenario, options);
  if (!o.summaryPath.empty() &&
      !writeFile(o.summaryPath, comparisonToJson(sync.summary, "sync", async.summary, "async"),
                 err)) {
    return kExitInvalidInput;
  }
  if (!o.quiet) out << formatComparison(sync.summary, "all sync", async.summary, "all async");
  return kExitOk;
}

}  // namespace

int runCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
           bool showProgress) {
  try {
    const ParsedCommandLine parsed = parseCommandLine(args);
    if (!parsed.error.empty()) {
      err << "clusterscope-cli: " << parsed.error << "\n(see clusterscope-cli --help)\n";
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
    }
  } catch (const std::exception& e) {
    // The loader has checked the scenario; this is a last line so that nothing escapes as a
    // crash. Say what happened.
    err << "clusterscope-cli: " << e.what() << "\n";
  }
  return kExitInvalidInput;
}

}  // namespace clusterscope::cli
