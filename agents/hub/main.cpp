// clusterscope-hub: the control plane's one address, as a process of its own. Agents, brokers,
// load generators, launchers and monitors dial it; it writes a connection file so that
// `clusterscope-cli monitor`, `inject` and the GUI find it.

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <optional>

#include "curve_keys.h"
#include "hub.h"
#include "hub_keys.h"
#include "private_files.h"
#include "stop_signals.h"

namespace {

using namespace clusterscope::agents;

struct CommandLine {
  HubOptions hub;
  std::string keysDir;
  bool noCurve = false;
  std::string connectionFile = defaultConnectionFilePath();
  bool noConnectionFile = false;
  bool noMetrics = false;
  int reportMs = 100;
  int suspectMs = 500;
  int downMs = 1000;
};

void describe(CLI::App& app, CommandLine& c) {
  app.description(
      "The control plane's one address: agents, brokers, load generators, launchers and\n"
      "monitors dial it (docs/protocol.md).\n"
      "\n"
      "  clusterscope-hub --keys DIR    CURVE, letting in the keys of DIR (clusterscope-cli "
      "keygen)\n"
      "  clusterscope-hub --no-curve    no keys, for development: read-only\n"
      "\n"
      "DIR holds hub.key_secret and the public keys let in: agent.key and controller.key,\n"
      "and any agents/*.key and controllers/*.key.\n");
  app.add_option("--bind", c.hub.bindHost,
                 "listen on HOST (control, telemetry, /metrics); default 127.0.0.1")
      ->type_name("HOST");
  app.add_option("--port", c.hub.port, "the control port; default 0: any free port")
      ->type_name("N");
  app.add_option("--keys", c.keysDir, "the hub's key and the client keys it lets in")
      ->type_name("DIR");
  app.add_flag("--no-curve", c.noCurve,
               "no CURVE: anyone may join and watch, nobody may send commands");
  app.add_option("--connection-file", c.connectionFile,
                 "where monitor, inject and the GUI find the hub; default below")
      ->type_name("PATH");
  app.add_flag("--no-connection-file", c.noConnectionFile, "write no connection file");
  app.add_flag("--telemetry", c.hub.telemetryPub,
               "also publish every report for PlotJuggler (a PUB socket)");
  app.add_flag("--no-metrics", c.noMetrics, "serve no Prometheus /metrics page");
  app.add_option("--report-interval", c.reportMs, "how often peers report; default 100")
      ->type_name("MS");
  app.add_option("--suspect-after", c.suspectMs, "silence before a peer is suspect; default 500")
      ->type_name("MS");
  app.add_option("--down-after", c.downMs, "silence before a peer is down; default 1000")
      ->type_name("MS");
  app.add_option("--id", c.hub.hubId, "this run's id in WELCOME; default hub-<8 hex digits>")
      ->type_name("ID");
  app.set_version_flag("--version", std::string("clusterscope-hub ") + CLUSTERSCOPE_VERSION);
  app.footer(
      "prints where it listens, then serves until SIGINT or SIGTERM\n"
      "connection file: " +
      defaultConnectionFilePath() +
      "\n"
      "exit status: 0 stopped, 1 could not start, 2 invalid input");
}

// What CLI11 does not check, with this tool's own messages; then the options it implies.
std::string complete(CommandLine& c, std::optional<HubKeys>& keys) {
  if (c.hub.port < 0 || c.hub.port > 65535) return "--port: not a port number (0 to 65535)";
  if (c.reportMs < 10 || c.reportMs > 600000) {
    return "--report-interval: from 10 to 600000 ms";
  }
  if (!(c.reportMs < c.suspectMs && c.suspectMs < c.downMs)) {
    return "--report-interval < --suspect-after < --down-after is required";
  }
  if (c.noCurve && !c.keysDir.empty()) return "--keys and --no-curve exclude each other";
  if (c.noConnectionFile && c.connectionFile != defaultConnectionFilePath()) {
    return "--connection-file and --no-connection-file exclude each other";
  }
  c.hub.reportInterval = std::chrono::milliseconds(c.reportMs);
  c.hub.suspectAfter = std::chrono::milliseconds(c.suspectMs);
  c.hub.downAfter = std::chrono::milliseconds(c.downMs);
  c.hub.curve = !c.noCurve;
  c.hub.metrics = !c.noMetrics;
  if (c.noCurve) return {};
  if (c.keysDir.empty()) return "--keys DIR is required (or --no-curve for a read-only hub)";
  keys = loadHubKeys(c.keysDir);
  c.hub.serverCertificate = keys->server;
  c.hub.allowedKeys = keys->allowed;
  return {};
}

int serve(const CommandLine& c, const std::optional<HubKeys>& keys) {
  StopSignals signals;  // before the hub starts any thread
  EventLoop loop;
  Hub hub(loop, c.hub);
  hub.start();
  std::string written;
  if (!c.noConnectionFile) {
    protocol::ConnectionInfo info;
    info.hub = hub.endpoint();
    info.hubPublicKey = c.hub.curve ? hub.publicKey() : std::string();
    info.telemetry = hub.telemetryEndpoint();
    if (keys) {
      info.agentCertificate = keys->agentSecretPath;
      info.controllerCertificate = keys->controllerSecretPath;
    }
    written = protocol::formatConnectionFile(info);
    writeConnectionFile(c.connectionFile, info);
  }
  std::printf(
      "clusterscope-hub %s listening on %s (%s)\n", hub.hubId().c_str(), hub.endpoint().c_str(),
      c.hub.curve ? ("CURVE, " + std::to_string(c.hub.allowedKeys.size()) + " client keys").c_str()
                  : "no CURVE: read-only");
  if (!hub.metricsUrl().empty()) std::printf("  metrics     %s\n", hub.metricsUrl().c_str());
  if (!hub.telemetryEndpoint().empty()) {
    std::printf("  telemetry   %s\n", hub.telemetryEndpoint().c_str());
  }
  if (!written.empty()) std::printf("  connection  %s\n", c.connectionFile.c_str());
  std::fflush(stdout);

  signals.watch(loop);
  loop.run([&] { return !signals.requested(); });
  hub.stop();
  // Remove the file only if it is still ours: another hub may have taken the path since.
  if (!written.empty()) {
    try {
      if (readSmallFile(c.connectionFile) == written) unlink(c.connectionFile.c_str());
    } catch (const std::exception&) {
      // Gone already: nothing to clean.
    }
  }
  std::printf("clusterscope-hub stopped\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app;
  app.name("clusterscope-hub");
  CommandLine c;
  describe(app, c);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  std::optional<HubKeys> keys;
  try {
    const std::string error = complete(c, keys);
    if (!error.empty()) {
      std::cerr << "clusterscope-hub: " << error << "\n";
      return 2;
    }
    return serve(c, keys);
  } catch (const std::exception& e) {
    std::cerr << "clusterscope-hub: " << e.what() << "\n";
    return 1;
  }
}
