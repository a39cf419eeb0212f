#include "cli_options.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <map>

#include "cli_text.h"
#include "name_suggestion.h"
#include "option_text.h"
#include "private_files.h"

// The command line is declared with CLI11 (subcommands, options, the help of each command);
// values are taken as text and checked here, so that every mistake keeps the message this tool
// has always given: it names the option and says what it accepts.

namespace clusterscope::cli {

namespace {

const char* kProgram = "clusterscope-cli";

// The options' text as the user typed it, before checking.
struct RawOptions {
  std::vector<std::string> files;  // validate
  std::string file;                // run, compare: one file; a second one is an extra
  std::string seed, duration, mode, summary, csv;
};

// One command: its CLI11 subcommand and what it became.
struct CommandSpec {
  Command command;
  CLI::App* app;
};

void addRunOptions(CLI::App* app, RawOptions& raw, bool withModeAndCsv) {
  app->add_option("--seed", raw.seed, u8(CliText::tr("override the scenario's seed")))
      ->type_name("N");
  app->add_option("--duration", raw.duration,
                  u8(CliText::tr("override the simulated duration, in seconds")))
      ->type_name("S");
  if (withModeAndCsv) {
    app->add_option("--mode", raw.mode,
                    u8(CliText::tr("force every call between services to one mode")))
        ->type_name("sync|async");
  }
  app->add_option("--summary", raw.summary, u8(CliText::tr("write the summary as JSON")))
      ->type_name("OUT.json");
  if (withModeAndCsv) {
    app->add_option("--csv", raw.csv, u8(CliText::tr("write the per-interval time series")))
        ->type_name("OUT.csv");
  }
}

// Checks and converts the raw text of `app`'s options; the first problem's message, or empty.
std::string convert(const RawOptions& raw, const CLI::App& app, CliOptions& o) {
  o.files = raw.files;
  if (!raw.file.empty()) o.files = {raw.file};
  o.quiet = given(app, "--quiet");
  o.noProgress = given(app, "--no-progress");
  if (given(app, "--seed")) {
    o.seed = parseUnsigned(raw.seed);
    if (!o.seed) return notWhole("--seed", raw.seed, "0", "2^64-1");
  }
  if (given(app, "--duration")) {
    o.durationS = parseDouble(raw.duration);
    if (!o.durationS || *o.durationS < 0.001 || *o.durationS > 1e6) {
      return notSeconds("--duration", raw.duration, "0.001", "1000000");
    }
  }
  if (given(app, "--mode")) {
    if (raw.mode == "sync") {
      o.mode = model::CallMode::Sync;
    } else if (raw.mode == "async") {
      o.mode = model::CallMode::Async;
    } else {
      return u8(CliText::tr("%1: \"%2\" is neither \"sync\" nor \"async\"")
                    .arg("--mode", QString::fromStdString(raw.mode)));
    }
  }
  for (const char* option : {"--summary", "--csv"}) {
    if (given(app, option) && (option[2] == 's' ? raw.summary : raw.csv).empty()) {
      return u8(CliText::tr("%1 needs a file name").arg(QLatin1String(option)));
    }
  }
  o.summaryPath = raw.summary;
  o.csvPath = raw.csv;
  return {};
}

std::vector<std::string> optionNames(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* opt : app.get_options()) {
    for (const auto& n : opt->get_lnames()) names.push_back("--" + n);
  }
  return names;
}

// CLI11's exceptions in this tool's words.
std::string explain(const CLI::ParseError& e, const std::vector<std::string>& args,
                    const std::vector<CommandSpec>& commands, const CLI::App* chosen) {
  std::vector<std::string> commandNames;
  for (const auto& c : commands) commandNames.push_back(c.app->get_name());
  if (!chosen) {
    if (args.empty()) return u8(CliText::tr("no command given"));
    const std::string& first = args.front();
    if (!first.empty() && first[0] == '-') {
      return u8(CliText::tr("unknown option \"%1\": give a command first")
                    .arg(QString::fromStdString(first)));
    }
    return u8(CliText::tr("unknown command \"%1\"").arg(QString::fromStdString(first))) +
           engine::didYouMean(first, commandNames);
  }
  const std::string name = chosen->get_name();
  if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
    const auto extras = chosen->remaining();
    for (const auto& extra : extras) {
      if (extra.size() < 2 || extra[0] != '-') continue;
      const std::string option = extra.substr(0, extra.find('='));
      for (const auto& c : commands) {
        const auto names = optionNames(*c.app);
        if (std::find(names.begin(), names.end(), option) != names.end()) {
          return u8(CliText::tr("%1 does not apply to %2")
                        .arg(QString::fromStdString(option), QString::fromStdString(name)));
        }
      }
      return u8(CliText::tr("unknown option \"%1\"").arg(QString::fromStdString(option))) +
             engine::didYouMean(option, optionNames(*chosen));
    }
    if (name == "keygen") return u8(CliText::tr("keygen takes one directory"));
    return u8(CliText::tr("%1 takes one scenario file, got %2")
                  .arg(QString::fromStdString(name))
                  .arg(extras.size() + 1));
  }
  if (dynamic_cast<const CLI::RequiredError*>(&e)) {
    return u8((name == "keygen" ? CliText::tr("%1 needs a directory")
                                : CliText::tr("%1 needs a scenario file"))
                  .arg(QString::fromStdString(name)));
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) {
    const std::string what = e.what();
    return u8(CliText::tr("%1 needs a value")
                  .arg(QString::fromStdString(what.substr(0, what.find(':')))));
  }
  return e.what();
}

struct App {
  CLI::App app{"", kProgram};
  RawOptions raw;
  LiveRaw live;
  std::vector<CommandSpec> commands;

  App() {
    app.description(u8(CliText::tr(
        "See a cluster of microservices at work, without a window.\n"
        "\n"
        "  clusterscope-cli validate FILE...   check scenario files; prints\n"
        "                                      FILE:LINE:COL: /pointer: problem\n"
        "  clusterscope-cli run FILE           run a scenario headless and print its summary\n"
        "  clusterscope-cli compare FILE       run it twice with the same seed, all calls sync\n"
        "                                      then all async, side by side\n"
        "\n"
        "Real processes (docs/protocol.md):\n"
        "  clusterscope-cli launch FILE        run a scenario on real local processes: hub,\n"
        "                                      broker, agents, load generator\n"
        "  clusterscope-cli monitor [ENDPOINT] watch a running cluster, refreshed each second\n"
        "  clusterscope-cli inject [ENDPOINT] ACTION...  send it one action or fault\n"
        "  clusterscope-cli keygen DIR         write CURVE keys for a hub and its clients")));
    app.footer(u8(CliText::tr(
        "A command's own options: clusterscope-cli COMMAND --help\n"
        "Outputs are checked before a run: never the scenario itself, only regular files,\n"
        "written whole or not at all. A run whose estimated cost is long starts with a\n"
        "warning on stderr.\n"
        "\n"
        "exit status: 0 ok, 1 an expect claim or a lesson question failed (inject: the action\n"
        "was refused or failed; monitor: no hub), 2 invalid input or the run stopped early (it "
        "held too much\n"
        "work, its clock stopped, or its processes could not be started: the reason is on\n"
        "stderr); launch stopped by a signal before its end: 128 + its number")));
    // CLI11's own words in the help, in the same language.
    auto formatter = app.get_formatter();
    for (const char* label :
         {QT_TRANSLATE_NOOP("CLI11", "Usage"), QT_TRANSLATE_NOOP("CLI11", "OPTIONS"),
          QT_TRANSLATE_NOOP("CLI11", "SUBCOMMAND"), QT_TRANSLATE_NOOP("CLI11", "SUBCOMMANDS"),
          QT_TRANSLATE_NOOP("CLI11", "REQUIRED"), QT_TRANSLATE_NOOP("CLI11", "Positionals"),
          QT_TRANSLATE_NOOP("CLI11", "Options"), QT_TRANSLATE_NOOP("CLI11", "Subcommands")}) {
      formatter->label(label, u8(QCoreApplication::translate("CLI11", label)));
    }
    app.set_version_flag("--version", std::string(kProgram) + " " + CLUSTERSCOPE_VERSION,
                         u8(CliText::tr("Display program version information and exit")));
    // Before the commands are added: they take their help flag from here.
    app.set_help_flag("-h,--help", u8(CliText::tr("Print this help message and exit")));
    app.require_subcommand(1);
    app.fallthrough(false);

    auto* validate = app.add_subcommand("validate", u8(CliText::tr("check scenario files")));
    validate->add_option("FILE", raw.files, u8(CliText::tr("scenario files")))->required();
    validate->add_flag("--quiet")->description(u8(CliText::tr("print nothing but problems")));
    commands.push_back({Command::Validate, validate});

    auto* run =
        app.add_subcommand("run", u8(CliText::tr("run a scenario headless and print its summary")));
    run->add_option("FILE", raw.file, u8(CliText::tr("the scenario")))->required();
    addRunOptions(run, raw, true);
    commands.push_back({Command::Run, run});

    auto* compare = app.add_subcommand(
        "compare",
        u8(CliText::tr("run a scenario twice, all calls sync then all async, side by side")));
    compare->add_option("FILE", raw.file, u8(CliText::tr("the scenario")))->required();
    addRunOptions(compare, raw, false);
    commands.push_back({Command::Compare, compare});

    auto* launch = app.add_subcommand(
        "launch", u8(CliText::tr(
                      "run a scenario on real local processes and print the same summary as run")));
    launch->add_option("FILE", raw.file, u8(CliText::tr("the scenario")))->required();
    addRunOptions(launch, raw, true);
    launch->get_option("--duration")
        ->description(u8(CliText::tr("how long traffic runs, in seconds")));
    addLaunchOptions(launch, live);
    launch->footer(
        u8(CliText::tr(
               "Starts a hub, a broker if the scenario needs one, one agent per replica on the\n"
               "scenario's nodes, and the load generator once every one is ready; applies the\n"
               "timeline in real time; writes the same summary JSON and CSV as run and checks the\n"
               "expect claims against the real cluster. Ctrl-C or SIGTERM stops every process.\n"
               "connection file (for monitor, inject, the GUI): %1")
               .arg(QString::fromStdString(agents::defaultConnectionFilePath()))));
    commands.push_back({Command::Launch, launch});

    for (auto* sub : {run, compare, launch}) {
      sub->add_flag("--quiet")->description(u8(CliText::tr("print nothing but problems")));
      sub->add_flag("--no-progress")
          ->description(u8(CliText::tr("no progress line on stderr (shown only on a terminal)")));
    }
    auto* monitor = addMonitorCommand(app, live);
    monitor->footer(u8(CliText::tr("Without ENDPOINT: the connection file %1\nexit status: 0 "
                                   "stopped (--count, Ctrl-C), 1 no hub answers or it refused "
                                   "our key, 2 invalid input")
                           .arg(QString::fromStdString(agents::defaultConnectionFilePath()))));
    commands.push_back({Command::Monitor, monitor});
    commands.push_back({Command::Inject, addInjectCommand(app, live)});
    commands.push_back({Command::Keygen, addKeygenCommand(app, live)});
  }
};

}  // namespace

std::string usageText() {
  App a;
  return a.app.help();
}

ParsedCommandLine parseCommandLine(const std::vector<std::string>& args) {
  ParsedCommandLine result;
  CliOptions& o = result.options;
  if (!args.empty() && (args[0] == "help" || args[0] == "--help" || args[0] == "-h")) {
    o.command = Command::Help;
    return result;
  }
  App a;
  // CLI11 takes the arguments last first.
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  const CLI::App* chosen = nullptr;
  try {
    a.app.parse(reversed);
  } catch (const CLI::CallForVersion&) {
    o.command = Command::Version;
    return result;
  } catch (const CLI::CallForHelp&) {
    // A command's --help: its own text.
    for (const auto& c : a.commands) {
      if (c.app->parsed()) result.helpText = c.app->help(kProgram);
    }
    o.command = Command::Help;
    return result;
  } catch (const CLI::ParseError& e) {
    for (const auto& c : a.commands) {
      if (c.app->parsed()) chosen = c.app;
    }
    result.error = explain(e, args, a.commands, chosen);
    return result;
  }
  for (const auto& c : a.commands) {
    if (!c.app->parsed()) continue;
    o.command = c.command;
    if (c.command == Command::Launch || c.command == Command::Monitor ||
        c.command == Command::Inject || c.command == Command::Keygen) {
      result.error = convertLiveOptions(a.live, *c.app, o.live);
      if (!result.error.empty() || c.command != Command::Launch) continue;
    }
    result.error = convert(a.raw, *c.app, o);
  }
  return result;
}

}  // namespace clusterscope::cli
