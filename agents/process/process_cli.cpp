#include "process_cli.h"

#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <stdexcept>

#include "connection_file.h"
#include "curve_keys.h"
#include "private_files.h"
#include "scenario_loader.h"

namespace clusterscope::agents {

void addHubOptions(CLI::App& app, HubFlags& f) {
  const std::string group = "Reaching the hub";
  app.add_option("--connection", f.connection,
                 "the connection file a launcher or a hub wrote (default below)")
      ->type_name("FILE")
      ->group(group);
  app.add_option("--hub", f.hub, "the hub's control endpoint, instead of a connection file")
      ->type_name("ENDPOINT")
      ->group(group);
  app.add_option("--hub-key", f.hubKey, "with --hub: the hub's CURVE public key (none: no CURVE)")
      ->type_name("Z85")
      ->group(group);
  app.add_option("--certificate", f.certificate,
                 "with --hub-key: this process's secret certificate (NAME.key_secret)")
      ->type_name("PATH")
      ->group(group);
}

HubConnection hubConnectionFrom(const HubFlags& f) {
  if (!f.hub.empty()) {
    if (!f.connection.empty()) throw std::invalid_argument("give --connection or --hub, not both");
    if (f.hubKey.empty()) {
      if (!f.certificate.empty()) throw std::invalid_argument("--certificate needs --hub-key");
      return plainConnection(f.hub);
    }
    if (!protocol::isZ85Key(f.hubKey)) {
      throw std::invalid_argument("--hub-key: a 40-character Z85 key is expected");
    }
    if (f.certificate.empty()) {
      throw std::invalid_argument(
          "--hub-key needs --certificate (the hub lets in listed keys only)");
    }
    return {f.hub, f.hubKey, readSecretCertificateFile(f.certificate)};
  }
  if (!f.hubKey.empty() || !f.certificate.empty()) {
    throw std::invalid_argument("--hub-key and --certificate go with --hub");
  }
  return connectionFromFile(f.connection.empty() ? defaultConnectionFilePath() : f.connection,
                            protocol::KeyRole::Agent);
}

std::optional<engine::Scenario> loadScenarioOrReport(const std::string& path, std::ostream& err) {
  engine::LoadResult loaded = engine::loadScenarioFile(path);
  if (loaded.ok()) return std::move(loaded.scenario);
  for (const engine::Diagnostic& d : loaded.errors) err << d.format() << "\n";
  return std::nullopt;
}

void blockStopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

bool runUntilFinished(EventLoop& loop, const std::function<void()>& stop,
                      const std::function<bool()>& finished) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  const int fd = signalfd(-1, &signals, SFD_NONBLOCK | SFD_CLOEXEC);
  if (fd < 0) throw std::runtime_error("signalfd failed");
  int received = 0;
  loop.watchFd(fd, [&] {
    signalfd_siginfo info{};
    while (read(fd, &info, sizeof info) == sizeof info) {
      if (++received == 1) stop();
    }
  });
  loop.run([&] { return received < 2 && !finished(); });
  loop.unwatchFd(fd);
  close(fd);
  return received < 2;
}

}  // namespace clusterscope::agents
