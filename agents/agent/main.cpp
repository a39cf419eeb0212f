// clusterscope-agent: one replica of one service of a cluster, joined to a hub over ZeroMQ
// (docs/protocol.md, "What an agent does").

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "agent.h"
#include "private_files.h"
#include "process_cli.h"
#include "scenario_loader.h"

namespace {

using namespace clusterscope;
using namespace clusterscope::agents;
using namespace clusterscope::agents::agent;

struct CommandLine {
  std::string scenario;
  std::string config;
  std::string service;
  int replica = 0;
  std::string instance;
  std::string node;
  HubFlags hub;
  std::string bind = "127.0.0.1";
  std::string advertise;
  std::optional<std::uint64_t> seed;
  double drainS = 2.0;
  bool noMetrics = false;
  // The service from flags, without --scenario or --config.
  int workers = 1;
  std::optional<int> queueCapacity;
  std::string serviceTime = "0";
  double errorRate = 0.0;
  std::vector<std::string> calls;
  double startupS = 0.0;
};

void describe(CLI::App& app, CommandLine& c) {
  app.description(
      "One replica of one service of a ClusterScope cluster: it serves requests with the\n"
      "service's workers, queue and service times in real time, makes its calls (sync to\n"
      "other agents, async through the broker), reports to the hub ten times a second and\n"
      "obeys its commands (docs/protocol.md, \"What an agent does\").\n"
      "\n"
      "  clusterscope-agent --scenario FILE --service NAME --replica N   from a scenario\n"
      "  clusterscope-agent --config FILE                  one service object of the format\n"
      "  clusterscope-agent --service NAME --workers 4 --service-time '{\"dist\": "
      "\"exponential\", \"mean\": 20}'\n");
  const std::string what = "What to run";
  app.add_option("--scenario", c.scenario, "the scenario to take the service from")
      ->type_name("FILE")
      ->group(what);
  app.add_option("--config", c.config,
                 "one service object in the scenario format, for an agent not made from a "
                 "scenario")
      ->type_name("FILE")
      ->group(what);
  app.add_option("--service", c.service,
                 "the service (a monolith: its host) this process is a replica of")
      ->type_name("NAME")
      ->group(what);
  app.add_option("--replica", c.replica, "its replica number, 0 to 19999; default 0")
      ->type_name("N")
      ->group(what);
  app.add_option("--instance", c.instance, "its instance id; default SERVICE#REPLICA")
      ->type_name("ID")
      ->group(what);
  app.add_option("--node", c.node, "the node it runs on (partitions act on nodes)")
      ->type_name("NAME")
      ->group(what);
  addHubOptions(app, c.hub);
  const std::string net = "Network";
  app.add_option("--bind", c.bind,
                 "the address its request socket and /metrics bind; default "
                 "127.0.0.1")
      ->type_name("HOST")
      ->group(net);
  app.add_option("--advertise", c.advertise,
                 "the host announced when --bind is a wildcard (0.0.0.0); default: the host "
                 "name")
      ->type_name("HOST")
      ->group(net);
  app.add_flag("--no-metrics", c.noMetrics, "serve no Prometheus /metrics page")->group(net);
  const std::string flags = "The service, without --scenario or --config";
  app.add_option("--workers", c.workers, "requests served at once; default 1")
      ->type_name("N")
      ->group(flags);
  app.add_option("--queue-capacity", c.queueCapacity,
                 "requests that may wait for a worker; default unbounded")
      ->type_name("N")
      ->group(flags);
  app.add_option("--service-time", c.serviceTime,
                 "service time in ms, a distribution of the scenario format; default 0")
      ->type_name("DIST")
      ->group(flags);
  app.add_option("--error-rate", c.errorRate, "share of requests answered `error`, 0 to 1")
      ->type_name("R")
      ->group(flags);
  app.add_option("--call", c.calls,
                 "a call in the scenario format, repeatable: '{\"to\": \"stock\", "
                 "\"timeout_ms\": 200}'")
      ->type_name("JSON")
      ->group(flags);
  app.add_option("--startup-s", c.startupS, "seconds it reports `starting` before `ready`")
      ->type_name("S")
      ->group(flags);
  const std::string run = "Running";
  app.add_option("--seed", c.seed,
                 "seed of its draws; default the scenario's (replica 0 then draws the service "
                 "times the simulation of the same scenario draws), else 1")
      ->type_name("N")
      ->group(run);
  app.add_option("--drain-s", c.drainS,
                 "on SIGTERM or SIGINT, finish what it holds for at most this long; default 2")
      ->type_name("S")
      ->group(run);
  app.set_version_flag("--version", std::string("clusterscope-agent ") + CLUSTERSCOPE_VERSION);
  app.footer(
      "With neither --connection nor --hub, the connection file is\n  " +
      defaultConnectionFilePath() +
      "\n"
      "It prints its instance, request endpoint and /metrics URL, then serves until SIGTERM or\n"
      "SIGINT: it reports `draining`, finishes what it holds, says BYE and exits. A second\n"
      "signal leaves at once.\n"
      "exit status: 0 stopped, 1 could not start, 2 invalid input, 3 refused by the hub\n"
      "(duplicate_instance, bad_version)");
}

bool isName(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (const char ch : s) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || ch == '_' || ch == '.' || ch == '-';
    if (!ok) return false;
  }
  return true;
}

// The service from flags, as one service object read by the scenario loader's own rules.
std::string serviceText(const CommandLine& c) {
  std::ostringstream o;
  o << "{\"name\": \"" << c.service << "\", \"workers\": " << c.workers;
  if (c.queueCapacity) o << ", \"queue_capacity\": " << *c.queueCapacity;
  o << ", \"service_time_ms\": " << c.serviceTime << ", \"error_rate\": " << c.errorRate
    << ", \"startup_s\": " << c.startupS << ", \"calls\": [";
  for (std::size_t i = 0; i < c.calls.size(); ++i) o << (i ? ", " : "") << c.calls[i];
  o << "]}";
  return o.str();
}

// The configuration the command line describes; an error message when it describes none.
std::string configure(const CommandLine& c, AgentOptions& o) {
  if (!c.scenario.empty() && !c.config.empty()) return "give --scenario or --config, not both";
  if (c.replica < 0 || c.replica > 19999) return "--replica: from 0 to 19999";
  if (!c.node.empty() && !isName(c.node)) return "--node: not a name: " + c.node;
  if (!c.service.empty() && !isName(c.service)) return "--service: not a name: " + c.service;
  if (c.drainS < 0 || c.drainS > 3600) return "--drain-s: from 0 to 3600";
  if (!c.scenario.empty()) {
    if (c.service.empty()) return "--scenario needs --service";
    const auto scenario = loadScenarioOrReport(c.scenario, std::cerr);
    if (!scenario) return c.scenario + ": not a valid scenario";
    std::string error;
    auto config = configFromScenario(*scenario, c.service, c.replica, &error);
    if (!config) return c.scenario + ": " + error;
    o.config = std::move(*config);
  } else {
    std::string text, name;
    if (!c.config.empty()) {
      text = readSmallFile(c.config);
      name = c.config;
    } else {
      if (c.service.empty()) return "--service NAME is required (or --config FILE)";
      text = serviceText(c);
      name = "(the command line)";
    }
    const engine::ServiceLoadResult loaded = engine::loadServiceText(text, name);
    for (const engine::Diagnostic& d : loaded.errors) std::cerr << d.format() << "\n";
    if (!loaded.ok()) return name + ": not a valid service";
    if (!c.service.empty() && loaded.service->name != c.service) {
      return c.config + " describes \"" + loaded.service->name + "\", not \"" + c.service + "\"";
    }
    o.config = configFromService(*loaded.service, c.replica, 1);
  }
  if (c.seed) {
    // The streams keep their ids: only the seed they are drawn from changes.
    o.config.seed = *c.seed;
  }
  o.replica = c.replica;
  o.instance = c.instance;
  o.node = c.node;
  o.bindHost = c.bind;
  o.advertiseHost = c.advertise;
  o.metrics = !c.noMetrics;
  o.drainTimeout = std::chrono::milliseconds(static_cast<long>(c.drainS * 1000));
  o.hub = hubConnectionFrom(c.hub);
  return {};
}

int serve(AgentOptions options) {
  blockStopSignals();  // before /metrics starts its thread: it inherits the mask
  zmq::context_t context;
  EventLoop loop;
  Agent agent(loop, context, std::move(options));
  agent.start();
  std::printf("clusterscope-agent %s serving on %s\n", agent.instance().c_str(),
              agent.requestEndpoint().c_str());
  if (!agent.metricsUrl().empty()) std::printf("  metrics  %s\n", agent.metricsUrl().c_str());
  std::fflush(stdout);
  const bool clean = runUntilFinished(
      loop, [&] { agent.stop(); }, [&] { return agent.finished(); });
  if (agent.exitStatus() != 0) {
    std::fprintf(stderr, "clusterscope-agent: the hub refused %s\n", agent.instance().c_str());
    return agent.exitStatus();
  }
  std::printf("clusterscope-agent %s stopped%s\n", agent.instance().c_str(),
              clean ? "" : " at once (second signal)");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return runProgram<CommandLine, AgentOptions>(argc, argv, "clusterscope-agent", describe,
                                               configure, serve);
}
