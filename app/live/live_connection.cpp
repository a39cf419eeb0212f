#include "live_connection.h"

#include <QCoreApplication>
#include <filesystem>

#include "private_files.h"

namespace clusterscope::app {

namespace {

bool isEndpoint(const std::string& s) {
  for (const char* scheme : {"tcp://", "ipc://", "inproc://"}) {
    if (s.rfind(scheme, 0) == 0) return true;
  }
  return false;
}

}  // namespace

std::string defaultLiveConnectionFile() { return agents::defaultConnectionFilePath(); }

agents::HubConnection liveConnection(const std::string& target) {
  using agents::protocol::KeyRole;
  if (!isEndpoint(target)) {
    const std::string file = target.empty() ? defaultLiveConnectionFile() : target;
    if (!std::filesystem::exists(file)) {
      throw std::runtime_error(
          QCoreApplication::translate("LiveConnection",
                                      "%1: no such connection file (start a cluster with "
                                      "clusterscope-cli launch, or a clusterscope-hub, first)")
              .arg(QString::fromStdString(file))
              .toStdString());
    }
    return agents::connectionFromFile(file, KeyRole::Controller);
  }
  // An endpoint: the keys of the default connection file, when it is about this hub.
  const std::string file = defaultLiveConnectionFile();
  if (std::filesystem::exists(file)) {
    try {
      agents::HubConnection c = agents::connectionFromFile(file, KeyRole::Controller);
      if (c.endpoint == target) return c;
    } catch (const std::exception&) {
      // An unreadable default file does not stop watching a hub named by its endpoint.
    }
  }
  return agents::plainConnection(target);
}

}  // namespace clusterscope::app
