#include "cli_options.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <map>

#include "name_suggestion.h"

namespace clusterscope::cli {

namespace {

struct OptionSpec {
  bool takesValue;
  std::vector<Command> commands;  // where it is allowed
};

const std::map<std::string, OptionSpec>& optionSpecs() {
  static const std::map<std::string, OptionSpec> specs = {
      {"--seed", {true, {Command::Run, Command::Compare}}},
      {"--duration", {true, {Command::Run, Command::Compare}}},
      {"--mode", {true, {Command::Run}}},
      {"--summary", {true, {Command::Run, Command::Compare}}},
      {"--csv", {true, {Command::Run}}},
      {"--quiet", {false, {Command::Validate, Command::Run, Command::Compare}}},
      {"--no-progress", {false, {Command::Run, Command::Compare}}},
  };
  return specs;
}

const char* commandName(Command c) {
  switch (c) {
    case Command::Validate:
      return "validate";
    case Command::Run:
      return "run";
    case Command::Compare:
      return "compare";
    default:
      return "";
  }
}

std::optional<std::uint64_t> parseUnsigned(const std::string& s) {
  if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  const unsigned long long v = std::strtoull(s.c_str(), &end, 10);
  if (errno == ERANGE || *end != '\0') return std::nullopt;
  return static_cast<std::uint64_t>(v);
}

std::optional<double> parseDouble(const std::string& s) {
  if (s.empty()) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (errno == ERANGE || *end != '\0' || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string applyOption(CliOptions& o, const std::string& name, const std::string& value) {
  if (name == "--seed") {
    o.seed = parseUnsigned(value);
    if (!o.seed) return "--seed: \"" + value + "\" is not a whole number from 0 to 2^64-1";
  } else if (name == "--duration") {
    o.durationS = parseDouble(value);
    if (!o.durationS || *o.durationS < 0.001 || *o.durationS > 1e6) {
      return "--duration: \"" + value + "\" is not a number of seconds from 0.001 to 1000000";
    }
  } else if (name == "--mode") {
    if (value == "sync") {
      o.mode = model::CallMode::Sync;
    } else if (value == "async") {
      o.mode = model::CallMode::Async;
    } else {
      return "--mode: \"" + value + "\" is neither \"sync\" nor \"async\"";
    }
  } else if (name == "--summary" || name == "--csv") {
    if (value.empty()) return name + " needs a file name";
    (name == "--summary" ? o.summaryPath : o.csvPath) = value;
  } else if (name == "--quiet") {
    o.quiet = true;
  } else if (name == "--no-progress") {
    o.noProgress = true;
  }
  return {};
}

}  // namespace

std::string usageText() {
  return "usage: clusterscope-cli COMMAND [OPTIONS] FILE...\n"
         "\n"
         "commands:\n"
         "  validate FILE...   check scenario files; prints FILE:LINE:COL: /pointer: problem\n"
         "  run FILE           run a scenario headless and print its summary\n"
         "  compare FILE       run it twice with the same seed, all calls sync then all async,\n"
         "                     and print the two summaries side by side\n"
         "\n"
         "options (run, compare):\n"
         "  --seed N           override the scenario's seed\n"
         "  --duration S       override the simulated duration, in seconds\n"
         "  --mode sync|async  (run) force every call between services to one mode\n"
         "  --summary OUT.json write the summary as JSON\n"
         "  --csv OUT.csv      (run) write the per-interval time series\n"
         "                     (checked before the run: never the scenario itself, only\n"
         "                     regular files; written whole or not at all)\n"
         "  --quiet            print nothing but problems\n"
         "  --no-progress      no progress line on stderr (shown only on a terminal)\n"
         "\n"
         "A run whose estimated cost is long starts with a warning on stderr.\n"
         "\n"
         "exit status: 0 ok, 1 an expect claim failed, 2 invalid input or the run stopped\n"
         "early (it held too much work, or its clock stopped: the reason is on stderr)\n";
}

ParsedCommandLine parseCommandLine(const std::vector<std::string>& args) {
  ParsedCommandLine result;
  CliOptions& o = result.options;
  if (args.empty()) {
    result.error = "no command given";
    return result;
  }
  const std::string& cmd = args[0];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    o.command = Command::Help;
    return result;
  }
  if (cmd == "--version") {
    o.command = Command::Version;
    return result;
  }
  if (cmd == "validate") {
    o.command = Command::Validate;
  } else if (cmd == "run") {
    o.command = Command::Run;
  } else if (cmd == "compare") {
    o.command = Command::Compare;
  } else {
    result.error =
        "unknown command \"" + cmd + "\"" + engine::didYouMean(cmd, {"validate", "run", "compare"});
    return result;
  }
  std::vector<std::string> names;
  for (const auto& [name, spec] : optionSpecs()) names.push_back(name);
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      o.files.insert(o.files.end(), args.begin() + static_cast<long>(i) + 1, args.end());
      break;
    }
    if (arg.size() < 2 || arg[0] != '-') {
      o.files.push_back(arg);
      continue;
    }
    std::string name = arg;
    std::optional<std::string> value;
    if (const auto eq = arg.find('='); eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    }
    const auto it = optionSpecs().find(name);
    if (it == optionSpecs().end()) {
      result.error = "unknown option \"" + name + "\"" + engine::didYouMean(name, names);
      return result;
    }
    const auto& allowed = it->second.commands;
    if (std::find(allowed.begin(), allowed.end(), o.command) == allowed.end()) {
      result.error = name + " does not apply to " + commandName(o.command);
      return result;
    }
    if (it->second.takesValue && !value) {
      if (i + 1 >= args.size()) {
        result.error = name + " needs a value";
        return result;
      }
      value = args[++i];
    } else if (!it->second.takesValue && value) {
      result.error = name + " takes no value";
      return result;
    }
    result.error = applyOption(o, name, value.value_or(""));
    if (!result.error.empty()) return result;
  }
  if (o.files.empty()) {
    result.error = std::string(commandName(o.command)) + " needs a scenario file";
  } else if (o.command != Command::Validate && o.files.size() > 1) {
    result.error = std::string(commandName(o.command)) + " takes one scenario file, got " +
                   std::to_string(o.files.size());
  }
  return result;
}

}  // namespace clusterscope::cli
