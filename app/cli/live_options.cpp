#include "live_options.h"

#include <CLI/CLI.hpp>

#include "cli_text.h"
#include "option_text.h"

namespace clusterscope::cli {

namespace {

// Where monitor and inject find the hub.
void addHubOptions(CLI::App* app, LiveRaw& raw) {
  app->add_option(
         "--connection", raw.connection,
         u8(CliText::tr("the connection file of a launched cluster or a hub; default below")))
      ->type_name("FILE");
  app->add_option("--keys", raw.keys,
                  u8(CliText::tr("with ENDPOINT: the key directory of a CURVE hub (hub.key, "
                                 "controller.key_secret)")))
      ->type_name("DIR");
  app->add_option("--timeout", raw.timeout,
                  u8(CliText::tr("how long to wait for the hub; default 5")))
      ->type_name("S");
}

bool isEndpoint(const std::string& word) {
  for (const char* scheme : {"tcp://", "ipc://", "inproc://"}) {
    if (word.starts_with(scheme)) return true;
  }
  return false;
}

std::string convertHubOptions(const LiveRaw& raw, const CLI::App& app, LiveOptions& o) {
  o.connectionFile = raw.connection;
  o.keysDir = raw.keys;
  if (given(app, "--connection") && raw.connection.empty()) {
    return u8(CliText::tr("%1 needs a file").arg("--connection"));
  }
  if (given(app, "--timeout")) {
    const auto t = parseDouble(raw.timeout);
    if (!t || *t < 0.1 || *t > 3600) return notSeconds("--timeout", raw.timeout, "0.1", "3600");
    o.timeoutS = *t;
  }
  if (!o.endpoint.empty() && !o.connectionFile.empty()) {
    return u8(CliText::tr("give ENDPOINT or --connection, not both"));
  }
  if (!o.keysDir.empty() && o.endpoint.empty()) {
    return u8(CliText::tr("--keys goes with ENDPOINT (a connection file names its own keys)"));
  }
  return {};
}

}  // namespace

void addLaunchOptions(CLI::App* launch, LiveRaw& raw) {
  launch
      ->add_option(
          "--external", raw.external,
          u8(CliText::tr("do not start this service's replicas: someone else does (repeatable)")))
      ->type_name("SERVICE");
  launch
      ->add_option("--connection-file", raw.connection,
                   u8(CliText::tr("where to write the connection file; default below")))
      ->type_name("PATH");
  launch
      ->add_option("--bind", raw.bind,
                   u8(CliText::tr("listen on HOST (the hub and every process)")))
      ->type_name("HOST");
  launch->add_flag("--keep")->description(
      u8(CliText::tr("keep the cluster running after the run, until Ctrl-C")));
  launch->add_flag("--no-load")
      ->description(u8(CliText::tr("start the services but no load generator")));
  launch->add_flag("--netns")->description(
      u8(CliText::tr("each node a network namespace on a bridge, its agents inside (root only; "
                     "docs/nodes.md)")));
  launch->add_flag("--telemetry")
      ->description(u8(CliText::tr("the hub also publishes every report (PlotJuggler)")));
  launch
      ->add_option("--log-dir", raw.logDir,
                   u8(CliText::tr("keep each process's output there (INSTANCE.log)")))
      ->type_name("DIR");
  launch
      ->add_option("--ready-timeout", raw.readyTimeout,
                   u8(CliText::tr("how long every process may take to be ready; default 60")))
      ->type_name("S");
  launch
      ->add_option("--agent-program", raw.agentProgram,
                   u8(CliText::tr("the command that runs an agent; default clusterscope-agent")))
      ->type_name("CMD");
  launch
      ->add_option("--broker-program", raw.brokerProgram,
                   u8(CliText::tr("the command that runs the broker; default clusterscope-broker")))
      ->type_name("CMD");
  launch
      ->add_option(
          "--loadgen-program", raw.loadgenProgram,
          u8(CliText::tr("the command that runs the load generator; default clusterscope-loadgen")))
      ->type_name("CMD");
}

CLI::App* addMonitorCommand(CLI::App& app, LiveRaw& raw) {
  auto* monitor = app.add_subcommand(
      "monitor",
      u8(CliText::tr("watch a running cluster: every service and replica, refreshed each second")));
  monitor->add_option("ENDPOINT", raw.words,
                      u8(CliText::tr("the hub's control endpoint (tcp://HOST:PORT)")));
  addHubOptions(monitor, raw);
  monitor->add_flag("--json")->description(
      u8(CliText::tr("print one JSON line per second instead of the table")));
  monitor
      ->add_option("--count", raw.count,
                   u8(CliText::tr("stop after N refreshes; default: until Ctrl-C")))
      ->type_name("N");
  return monitor;
}

CLI::App* addInjectCommand(CLI::App& app, LiveRaw& raw) {
  auto* inject = app.add_subcommand(
      "inject", u8(CliText::tr("send one action to a running cluster and print the hub's answer")));
  inject->add_option(
      "ACTION", raw.words,
      u8(CliText::tr("[ENDPOINT] NAME FIELD=VALUE..., or one JSON object (see below)")));
  addHubOptions(inject, raw);
  inject
      ->add_option("--target", raw.target,
                   u8(CliText::tr("only this instance carries it out (orders#1)")))
      ->type_name("INSTANCE");
  inject->footer(u8(CliText::tr(
      "An action has the names and fields of a scenario timeline entry without at_s:\n"
      "  inject kill_replica service=orders replica=0\n"
      "  inject partition nodes=node-a,node-b\n"
      "  inject '{\"action\": \"slow_service\", \"service\": \"db\", \"factor\": 8}'\n"
      "Live-only faults: latency (ms=, jitter_ms=), loss (rate=), pause, blackhole,\n"
      "fail_first (count=), on service= [replica=] or on from= to=, with duration_s=:\n"
      "  inject latency from=orders to=db ms=50 duration_s=30\n"
      "  inject reset_faults\n"
      "exit status: 0 carried out, 1 refused or failed (the reason is printed), 2 invalid "
      "input")));
  return inject;
}

CLI::App* addKeygenCommand(CLI::App& app, LiveRaw& raw) {
  auto* keygen = app.add_subcommand(
      "keygen", u8(CliText::tr("write CURVE key pairs for a hub, its agents and its controllers")));
  keygen->add_option("DIR", raw.dir, u8(CliText::tr("the key directory (made private)")))
      ->required();
  keygen->add_flag("--force")->description(u8(CliText::tr("replace the keys DIR already holds")));
  keygen->footer(u8(CliText::tr(
      "Writes hub, agent and controller key pairs in pyzmq's certificate format\n"
      "(NAME.key public, NAME.key_secret mode 0600). Then: clusterscope-hub --keys DIR")));
  return keygen;
}

std::string convertLiveOptions(const LiveRaw& raw, const CLI::App& app, LiveOptions& o) {
  const std::string name = app.get_name();
  if (name == "keygen") {
    o.dir = raw.dir;
    o.force = given(app, "--force");
    if (o.dir.empty()) return u8(CliText::tr("%1 needs a directory").arg("keygen"));
    return {};
  }
  if (name == "monitor" || name == "inject") {
    std::vector<std::string> words = raw.words;
    if (!words.empty() && isEndpoint(words.front())) {
      o.endpoint = words.front();
      words.erase(words.begin());
    }
    if (std::string e = convertHubOptions(raw, app, o); !e.empty()) return e;
    if (name == "monitor") {
      if (!words.empty()) {
        return u8(CliText::tr("\"%1\" is not an endpoint (tcp://HOST:PORT, ipc://PATH)")
                      .arg(QString::fromStdString(words.front())));
      }
      o.json = given(app, "--json");
      if (given(app, "--count")) {
        const auto n = parseUnsigned(raw.count);
        if (!n || *n < 1 || *n > 1000000) return notWhole("--count", raw.count, "1", "1000000");
        o.count = static_cast<int>(*n);
      }
      return {};
    }
    if (words.empty()) {
      return u8(
          CliText::tr("inject needs an action, e.g. inject kill_replica service=orders replica=0"));
    }
    o.action = std::move(words);
    o.target = raw.target;
    if (given(app, "--target") && o.target.empty()) {
      return u8(CliText::tr("--target needs an instance id"));
    }
    return {};
  }
  // launch
  o.external = raw.external;
  o.connectionFile = raw.connection;
  if (given(app, "--bind")) o.bind = raw.bind;
  if (o.bind.empty()) return u8(CliText::tr("--bind needs a host"));
  o.keep = given(app, "--keep");
  o.noLoad = given(app, "--no-load");
  o.netns = given(app, "--netns");
  if (o.netns && given(app, "--bind")) {
    return u8(CliText::tr(
        "--netns chooses the addresses (the bridge's and each node's): not with --bind"));
  }
  o.telemetry = given(app, "--telemetry");
  o.logDir = raw.logDir;
  o.agentProgram = raw.agentProgram;
  o.brokerProgram = raw.brokerProgram;
  o.loadgenProgram = raw.loadgenProgram;
  const std::pair<const char*, const std::string*> texts[] = {
      {"--connection-file", &raw.connection},
      {"--log-dir", &raw.logDir},
      {"--agent-program", &raw.agentProgram},
      {"--broker-program", &raw.brokerProgram},
      {"--loadgen-program", &raw.loadgenProgram}};
  for (const auto& [option, value] : texts) {
    if (given(app, option) && value->find_first_not_of(" \t") == std::string::npos) {
      return u8(CliText::tr("%1 needs a value").arg(QLatin1String(option)));
    }
  }
  if (given(app, "--ready-timeout")) {
    const auto t = parseDouble(raw.readyTimeout);
    if (!t || *t < 1 || *t > 3600) {
      return notSeconds("--ready-timeout", raw.readyTimeout, "1", "3600");
    }
    o.readyTimeoutS = *t;
  }
  return {};
}

}  // namespace clusterscope::cli
