// clusterscope-loadgen: the clients of a cluster — a scenario's workload as real requests to
// its entry, latency measured from each request's intended send time.

#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "loadgen.h"
#include "private_files.h"
#include "process_cli.h"
#include "scenario_loader.h"

namespace {

using namespace clusterscope;
using namespace clusterscope::agents;
using namespace clusterscope::agents::loadgen;

struct CommandLine {
  std::string scenario;
  std::string entry;
  std::string arrival;
  std::optional<double> rate;
  int users = 0;
  std::string thinkTime = "0";
  std::optional<double> timeoutMs;
  std::optional<double> durationS;
  std::optional<std::uint64_t> seed;
  std::string start;
  std::optional<double> startAt;
  bool exitWhenDone = false;
  std::string instance = "loadgen";
  HubFlags hub;
  std::string bind = "127.0.0.1";
  bool noMetrics = false;
  double drainS = 2.0;
};

void describe(CLI::App& app, CommandLine& c) {
  app.description(
      "The clients of a ClusterScope cluster: a scenario's workload (open: Poisson or\n"
      "evenly spaced arrivals with rate stages; closed: users who think between requests)\n"
      "sent to its entry service. Latency is measured from each request's intended send\n"
      "time, so a stalled cluster cannot hide its queue (coordinated omission).\n"
      "\n"
      "  clusterscope-loadgen --scenario FILE             the scenario's workload\n"
      "  clusterscope-loadgen --entry api --rate 150      Poisson arrivals at 150/s\n"
      "  clusterscope-loadgen --entry api --users 20 --think-time 100\n");
  const std::string what = "The workload";
  app.add_option("--scenario", c.scenario, "take the workload (and the seed) from this scenario")
      ->type_name("FILE")
      ->group(what);
  app.add_option("--entry", c.entry, "without --scenario: the service or module called")
      ->type_name("NAME")
      ->group(what);
  app.add_option("--arrival", c.arrival,
                 "poisson, constant or closed; default poisson (closed with --users)")
      ->type_name("KIND")
      ->group(what);
  app.add_option("--rate", c.rate, "open: requests per second (with --scenario: replaces rate_rps)")
      ->type_name("RPS")
      ->group(what);
  app.add_option("--users", c.users, "closed: how many users")->type_name("N")->group(what);
  app.add_option("--think-time", c.thinkTime,
                 "closed: think time in ms, a distribution of the scenario format; default 0")
      ->type_name("DIST")
      ->group(what);
  app.add_option("--timeout-ms", c.timeoutMs, "the client gives up after this; default never")
      ->type_name("MS")
      ->group(what);
  app.add_option("--duration", c.durationS,
                 "send for this long; default the scenario's duration_s, else until stopped")
      ->type_name("S")
      ->group(what);
  app.add_option("--seed", c.seed,
                 "seed of the arrivals and think times; default the scenario's (the draws of "
                 "its simulation), else 1")
      ->type_name("N")
      ->group(what);
  const std::string when = "When to start";
  app.add_option("--start", c.start,
                 "ready: once every replica the scenario plans is ready in ROUTES (and the\n"
                 "broker, if it makes async calls); entry: once the entry has a ready replica;\n"
                 "now. Default: ready with --scenario, else entry")
      ->type_name("WHEN")
      ->group(when);
  app.add_option("--start-at", c.startAt,
                 "start at this wall-clock time (Unix seconds), whatever ROUTES says")
      ->type_name("T")
      ->group(when);
  app.add_flag("--exit-when-done", c.exitWhenDone,
               "once the duration is over and every answer is in: BYE, print the summary, exit")
      ->group(when);
  addHubOptions(app, c.hub);
  const std::string run = "Running";
  app.add_option("--instance", c.instance, "its instance id; default loadgen")
      ->type_name("ID")
      ->group(run);
  app.add_option("--bind", c.bind, "the address /metrics binds; default 127.0.0.1")
      ->type_name("HOST")
      ->group(run);
  app.add_flag("--no-metrics", c.noMetrics, "serve no Prometheus /metrics page")->group(run);
  app.add_option("--drain-s", c.drainS,
                 "on SIGTERM or SIGINT, wait at most this long for answers; default 2")
      ->type_name("S")
      ->group(run);
  app.set_version_flag("--version", std::string("clusterscope-loadgen ") + CLUSTERSCOPE_VERSION);
  app.footer(
      "It reports `starting` until it starts, then `ready`. The workload's time 0 (stages,\n"
      "duration) is when it starts. set_arrival_rate commands change an open rate at once.\n"
      "With neither --connection nor --hub, the connection file is\n  " +
      defaultConnectionFilePath() +
      "\n"
      "At exit it prints one JSON line: counts, failures by cause, latency in ms.\n"
      "exit status: 0 stopped, 1 could not start, 2 invalid input, 3 refused by the hub");
}

// The workload the flags describe, as a scenario the loader checks with its own rules.
std::string workloadScenario(const CommandLine& c, const std::string& arrival) {
  std::ostringstream o;
  o << "{\"format\": 1, \"name\": \"loadgen\", \"duration_s\": " << c.durationS.value_or(1e6)
    << ", \"services\": [{\"name\": \"" << c.entry << "\", \"service_time_ms\": 0}],"
    << " \"workload\": {\"entry\": \"" << c.entry << "\", \"arrival\": \"" << arrival << "\"";
  if (arrival == "closed") {
    o << ", \"users\": " << c.users << ", \"think_time_ms\": " << c.thinkTime;
  } else {
    o << ", \"rate_rps\": " << c.rate.value_or(0);
  }
  if (c.timeoutMs) o << ", \"timeout_ms\": " << *c.timeoutMs;
  o << "}}";
  return o.str();
}

std::string configure(const CommandLine& c, LoadgenOptions& o) {
  std::optional<engine::Scenario> scenario;
  if (!c.scenario.empty()) {
    if (!c.entry.empty()) return "give --scenario or --entry, not both";
    scenario = loadScenarioOrReport(c.scenario, std::cerr);
    if (!scenario) return c.scenario + ": not a valid scenario";
  } else {
    if (c.entry.empty()) return "--entry NAME is required (or --scenario FILE)";
    for (const char ch : c.entry) {
      if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_' && ch != '.' && ch != '-') {
        return "--entry: not a name: " + c.entry;
      }
    }
    const std::string arrival = !c.arrival.empty() ? c.arrival : c.users > 0 ? "closed" : "poisson";
    engine::LoadResult loaded =
        engine::loadScenarioText(workloadScenario(c, arrival), "(the command line)");
    for (const engine::Diagnostic& d : loaded.errors) std::cerr << d.format() << "\n";
    if (!loaded.ok()) return "the workload's flags are not valid";
    scenario = std::move(loaded.scenario);
  }
  const engine::WorkloadSpec& w = scenario->workload;
  o.entry = w.entry;
  WorkloadConfig& wc = o.workload;
  wc.arrival = w.arrival;
  wc.rateRps = w.rateRps;
  if (c.rate && !c.scenario.empty()) {
    if (w.arrival == engine::ArrivalKind::Closed)
      return "--rate: the scenario's workload is closed";
    if (!(*c.rate >= 0 && *c.rate <= 1e7)) return "--rate: from 0 to 10000000";
    wc.rateRps = *c.rate;
  }
  wc.stages = w.stages;
  wc.users = w.users;
  wc.thinkTimeMs = w.thinkTimeMs;
  wc.timeoutMs = w.timeoutMs;
  wc.seed = c.seed.value_or(scenario->seed);
  wc.durationS = c.durationS.value_or(c.scenario.empty() ? 0.0 : scenario->durationS);
  if (!(wc.durationS >= 0 && wc.durationS <= 1e6)) return "--duration: from 0 to 1000000 s";
  for (const auto& s : scenario->services) {
    const bool isEntry =
        s.name == w.entry || std::any_of(s.modules.begin(), s.modules.end(),
                                         [&](const auto& m) { return m.name == w.entry; });
    if (isEntry) o.entryLb = s.lb;
    if (s.replicas > 0) o.planned[s.name] = s.replicas;
    for (const auto& call : s.calls) o.needsBroker |= call.mode == model::CallMode::Async;
    for (const auto& m : s.modules) {
      for (const auto& call : m.calls) o.needsBroker |= call.mode == model::CallMode::Async;
    }
  }
  const std::string start = !c.start.empty() ? c.start : c.scenario.empty() ? "entry" : "ready";
  if (start == "ready") {
    if (c.scenario.empty()) return "--start ready needs --scenario (what is planned)";
    o.startWhen = StartWhen::Ready;
  } else if (start == "entry") {
    o.startWhen = StartWhen::Entry;
  } else if (start == "now") {
    o.startWhen = StartWhen::Now;
  } else {
    return "--start: ready, entry or now";
  }
  if (c.startAt) {
    if (!(*c.startAt >= 0 && *c.startAt < 1e11)) return "--start-at: Unix seconds";
    o.startAtNs = std::llround(*c.startAt * 1e9);
  }
  if (c.drainS < 0 || c.drainS > 3600) return "--drain-s: from 0 to 3600";
  o.instance = c.instance;
  o.bindHost = c.bind;
  o.metrics = !c.noMetrics;
  o.exitWhenDone = c.exitWhenDone;
  o.drainTimeout = std::chrono::milliseconds(static_cast<long>(c.drainS * 1000));
  o.hub = hubConnectionFrom(c.hub);
  return {};
}

int serve(LoadgenOptions options) {
  blockStopSignals();
  zmq::context_t context;
  EventLoop loop;
  Loadgen loadgen(loop, context, std::move(options));
  loadgen.start();
  std::printf("clusterscope-loadgen started\n");
  if (!loadgen.metricsUrl().empty()) std::printf("  metrics  %s\n", loadgen.metricsUrl().c_str());
  std::fflush(stdout);
  runUntilFinished(
      loop, [&] { loadgen.stop(); }, [&] { return loadgen.finished(); });
  if (loadgen.exitStatus() != 0) {
    std::fprintf(stderr, "clusterscope-loadgen: the hub refused this process\n");
    return loadgen.exitStatus();
  }
  std::printf("%s\n", loadgen.summaryJson().c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return runProgram<CommandLine, LoadgenOptions>(argc, argv, "clusterscope-loadgen", describe,
                                                 configure, serve);
}
