#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "action.h"
#include "live_options.h"

namespace clusterscope::cli {

enum class Command { Help, Version, Validate, Run, Compare, Launch, Monitor, Inject, Keygen };

struct CliOptions {
  Command command = Command::Help;
  std::vector<std::string> files;
  std::optional<std::uint64_t> seed;
  std::optional<double> durationS;
  std::optional<model::CallMode> mode;
  std::string summaryPath;  // empty: none
  std::string csvPath;      // empty: none
  bool quiet = false;       // no summary on stdout
  bool noProgress = false;  // no progress line even on a terminal
  LiveOptions live;         // launch, monitor, inject, keygen
};

struct ParsedCommandLine {
  CliOptions options;
  std::string error;     // empty when the command line is valid
  std::string helpText;  // Command::Help for one command: its own help; empty: the tool's
};

// Parses the arguments after the program name. Never throws; every mistake gives a message
// that names the option and what it accepts.
ParsedCommandLine parseCommandLine(const std::vector<std::string>& args);

// The tool's --help text (its commands; each command's options are in `COMMAND --help`).
std::string usageText();

}  // namespace clusterscope::cli
