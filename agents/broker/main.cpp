// clusterscope-broker: the async plane's broker as a process of its own. Publishers and
// consumers (agents) dial its ROUTER; it joins the hub as role `broker`, reports its queues and
// obeys broker_outage, broker_recover and reset_faults. With --journal it keeps every
// accepted, unacknowledged message in an append-only file so that a restart loses none.

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

#include "broker.h"
#include "connection_file.h"
#include "curve_keys.h"
#include "hub_connection.h"
#include "private_files.h"
#include "scenario_loader.h"
#include "stop_signals.h"

namespace {

using namespace clusterscope::agents;
using namespace clusterscope::agents::broker;

constexpr int kExitStopped = 0, kExitCannotStart = 1, kExitBadInput = 2, kExitRefused = 3;

struct CommandLine {
  std::string connection;
  std::string hub;
  std::string hubKey;
  std::string certificate;
  std::string scenario;
  std::optional<std::int64_t> capacity;
  std::optional<double> latencyMs;
  std::uint64_t seed = 0;
  std::string journal;
  std::string fsync = "batch";
  std::uint64_t compactAfter = 64u << 20;
  BrokerOptions broker;
  bool noMetrics = false;
};

const char* kFooter =
    "Journal (--journal FILE): every message the broker accepts is appended to FILE before\n"
    "its PUBLISH_ACK is sent, and removed (a REMOVE record) when a consumer acknowledges it,\n"
    "so a broker restarted on the same FILE delivers again every message it acknowledged and\n"
    "nobody acknowledged yet, those delivered when it stopped included.\n"
    "  --fsync batch      (default) each batch of publishes read in one turn is written with\n"
    "                     one write(2) and one fdatasync(2), then acknowledged: neither a\n"
    "                     kill -9 nor a power loss loses an acknowledged publish.\n"
    "  --fsync periodic   written with write(2) before PUBLISH_ACK, synced once a second: a\n"
    "                     kill -9 loses nothing (the kernel holds the write), a power loss\n"
    "                     or kernel crash may lose the last second of publishes.\n"
    "The file is compacted (rewritten with only the waiting messages, then renamed over it)\n"
    "once it is larger than --compact-after and mostly dead records. A record cut short by a\n"
    "crash, or damaged bytes, end the journal there: the tail is cut, with a warning. A file\n"
    "that is not a journal, one of another format or of another --instance, or one a running\n"
    "broker holds is refused (exit 1) and left untouched.\n"
    "\n"
    "--capacity and --delivery-latency override the scenario's; both default to its own (no\n"
    "latency, unbounded without one).\n"
    "\n"
    "Prints where it listens, then serves until SIGINT or SIGTERM.\n"
    "exit status: 0 stopped, 1 could not start or could not write the journal, 2 invalid\n"
    "input, 3 refused by the hub (duplicate_instance, bad_version)";

void describe(CLI::App& app, CommandLine& c) {
  app.description(
      "The async plane's broker (docs/protocol.md, \"Async plane\"): per-service queues,\n"
      "consumers take work when a worker is free, a message leaves only when acknowledged.\n"
      "\n"
      "  clusterscope-broker --connection FILE [--scenario FILE] [--journal FILE]\n"
      "  clusterscope-broker --hub tcp://HOST:PORT [--hub-key Z85 --certificate FILE]\n");
  auto* hubGroup = "Reaching the hub";
  app.add_option("--connection", c.connection,
                 "a launcher's or clusterscope-hub's connection file; default below")
      ->type_name("FILE")
      ->group(hubGroup);
  app.add_option("--hub", c.hub, "the hub's control endpoint, instead of a connection file")
      ->type_name("ENDPOINT")
      ->group(hubGroup);
  app.add_option("--hub-key", c.hubKey, "with --hub: the hub's CURVE public key (none: no CURVE)")
      ->type_name("Z85")
      ->group(hubGroup);
  app.add_option("--certificate", c.certificate,
                 "with --hub-key: this process's secret certificate")
      ->type_name("FILE")
      ->group(hubGroup);
  auto* queues = "Queues";
  app.add_option("--scenario", c.scenario, "take delivery latency and capacity from this scenario")
      ->type_name("FILE")
      ->group(queues);
  app.add_option("--capacity", c.capacity,
                 "messages waiting in all queues before PUBLISH_ACK says full")
      ->type_name("N")
      ->group(queues);
  app.add_option("--delivery-latency", c.latencyMs, "constant ms from publish to available")
      ->type_name("MS")
      ->group(queues);
  app.add_option("--seed", c.seed, "seed of the delivery-latency draws")
      ->type_name("N")
      ->group(queues);
  auto* journal = "Journal";
  app.add_option("--journal", c.journal, "keep accepted messages in this append-only file")
      ->type_name("FILE")
      ->group(journal);
  app.add_option("--fsync", c.fsync, "batch (default) or periodic: see below")
      ->type_name("POLICY")
      ->check(CLI::IsMember({"batch", "periodic"}))
      ->group(journal);
  app.add_option("--compact-after", c.compactAfter, "compact from this size on; default 64 MiB")
      ->type_name("BYTES")
      ->group(journal);
  auto* process = "Process";
  app.add_option("--bind", c.broker.bindHost,
                 "listen on HOST (ROUTER, /metrics); default 127.0.0.1")
      ->type_name("HOST")
      ->group(process);
  app.add_option("--advertise", c.broker.advertiseHost,
                 "host to announce; default the bound one (host name for 0.0.0.0)")
      ->type_name("HOST")
      ->group(process);
  app.add_option("--instance", c.broker.instance, "instance id in HELLO; default broker")
      ->type_name("ID")
      ->group(process);
  app.add_flag("--no-metrics", c.noMetrics, "serve no Prometheus /metrics page")->group(process);
  app.set_version_flag("--version", std::string("clusterscope-broker ") + CLUSTERSCOPE_VERSION);
  app.footer(std::string("connection file: ") + defaultConnectionFilePath() + "\n\n" + kFooter);
}

bool isInstanceId(const std::string& id) {
  if (id.empty() || id.size() > 128) return false;
  for (const char ch : id) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') ||
                    std::string_view("_.:#@-").find(ch) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

// What CLI11 does not check, with this tool's own messages; then the options it implies.
// Returns an error for exit status 2, or empty. Unreadable files throw (exit status 1).
std::string complete(CommandLine& c) {
  BrokerOptions& b = c.broker;
  if (!c.hub.empty() && !c.connection.empty()) return "--connection and --hub exclude each other";
  if (c.hub.empty() && (!c.hubKey.empty() || !c.certificate.empty())) {
    return "--hub-key and --certificate go with --hub";
  }
  if (c.hubKey.empty() != c.certificate.empty()) {
    return "--hub-key and --certificate go together (the hub lets in listed keys only)";
  }
  if (!c.hubKey.empty() && !protocol::isZ85Key(c.hubKey)) {
    return "--hub-key: a 40-character Z85 key is expected";
  }
  if (!isInstanceId(b.instance)) {
    return "--instance: 1 to 128 characters of A-Z a-z 0-9 _ . : # @ -";
  }
  if (c.capacity && *c.capacity < 1) return "--capacity: at least 1";
  if (c.latencyMs && !(*c.latencyMs >= 0 && *c.latencyMs <= 1e9)) {
    return "--delivery-latency: from 0 to 1e9 ms";
  }
  if (c.journal.empty() && (c.fsync != "batch" || c.compactAfter != (64u << 20))) {
    return "--fsync and --compact-after go with --journal";
  }
  std::uint64_t seed = 1;
  if (!c.scenario.empty()) {
    const auto loaded = clusterscope::engine::loadScenarioFile(c.scenario);
    if (!loaded.ok()) {
      std::string all;
      for (const auto& d : loaded.errors) all += "\n  " + d.format();
      return "--scenario: the scenario is not valid:" + all;
    }
    b.core.deliveryLatencyMs = loaded.scenario->broker.deliveryLatencyMs;
    if (loaded.scenario->broker.capacity) b.core.capacity = *loaded.scenario->broker.capacity;
    seed = loaded.scenario->seed;
  }
  if (c.capacity) b.core.capacity = static_cast<std::uint64_t>(*c.capacity);
  if (c.latencyMs)
    b.core.deliveryLatencyMs = clusterscope::engine::DistributionSpec::constant(*c.latencyMs);
  b.core.seed = c.seed != 0 ? c.seed : seed;
  b.metrics = !c.noMetrics;
  if (!c.journal.empty()) {
    JournalOptions j;
    j.path = c.journal;
    j.sync = c.fsync == "periodic" ? SyncPolicy::Periodic : SyncPolicy::Batch;
    j.compactAfterBytes = c.compactAfter;
    b.journal = j;
  }
  if (!c.hub.empty()) {
    b.hub = plainConnection(c.hub);
    if (!c.hubKey.empty()) {
      b.hub.hubPublicKey = c.hubKey;
      b.hub.certificate = readSecretCertificateFile(c.certificate);
    }
  } else {
    b.hub = connectionFromFile(c.connection.empty() ? defaultConnectionFilePath() : c.connection,
                               protocol::KeyRole::Agent);
  }
  return {};
}

void printBanner(const Broker& broker, const BrokerOptions& o) {
  std::printf("clusterscope-broker %s listening on %s\n", o.instance.c_str(),
              broker.endpoint().c_str());
  if (!broker.metricsUrl().empty()) std::printf("  metrics     %s\n", broker.metricsUrl().c_str());
  if (const Journal* j = broker.journal()) {
    const Recovery& r = broker.recovery();
    std::printf("  journal     %s (%s, fsync %s)\n", j->path().c_str(),
                r.created
                    ? "new"
                    : (std::to_string(broker.recoveredMessages()) + " messages recovered").c_str(),
                syncPolicyName(j->policy()));
    if (r.cutBytes > 0) {
      std::fprintf(stderr, "clusterscope-broker: %s: %s; cut %llu bytes from its end\n",
                   j->path().c_str(), r.cutReason.c_str(),
                   static_cast<unsigned long long>(r.cutBytes));
    }
  }
  std::printf("  hub         %s\n", o.hub.endpoint.c_str());
  std::fflush(stdout);
}

int serve(const BrokerOptions& options) {
  StopSignals signals;  // before any thread starts
  EventLoop loop;
  Broker broker(loop, options);
  broker.start();
  printBanner(broker, options);
  signals.watch(loop);
  try {
    loop.run([&] { return !signals.requested() && broker.refused().empty(); });
  } catch (const JournalError& e) {
    // Nothing of the failed turn was acknowledged: stop before anything else is.
    std::cerr << "clusterscope-broker: " << e.what() << "; stopping\n";
    return kExitCannotStart;
  }
  if (!broker.refused().empty()) {
    std::cerr << "clusterscope-broker: " << broker.refused() << "\n";
    return kExitRefused;
  }
  broker.stop();
  std::printf("clusterscope-broker stopped\n");
  return kExitStopped;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app;
  app.name("clusterscope-broker");
  CommandLine c;
  describe(app, c);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitStopped : kExitBadInput;
  }
  try {
    const std::string error = complete(c);
    if (!error.empty()) {
      std::cerr << "clusterscope-broker: " << error << "\n";
      return kExitBadInput;
    }
    return serve(c.broker);
  } catch (const std::exception& e) {
    std::cerr << "clusterscope-broker: " << e.what() << "\n";
    return kExitCannotStart;
  }
}
