#include "hub_keys.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "curve_keys.h"

namespace clusterscope::agents {

namespace {

namespace fs = std::filesystem;

// Public certificates of one role: DIR/NAME.key and DIR/SUBDIR/*.key, in name order so the
// allowlist is the same from run to run.
void addRole(HubKeys& keys, const fs::path& dir, const char* name, const char* subdir,
             protocol::KeyRole role) {
  std::vector<fs::path> files;
  const fs::path main = dir / (std::string(name) + ".key");
  if (fs::exists(main)) files.push_back(main);
  const fs::path more = dir / subdir;
  if (fs::is_directory(more)) {
    std::vector<fs::path> found;
    for (const auto& entry : fs::directory_iterator(more)) {
      if (entry.path().extension() == ".key") found.push_back(entry.path());
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  for (const fs::path& file : files) {
    keys.allowed.emplace_back(readCertificateFile(file.string()).publicKey, role);
  }
}

std::string secretIfPresent(const fs::path& dir, const char* name) {
  const fs::path secret = dir / (std::string(name) + ".key_secret");
  return fs::exists(secret) ? fs::absolute(secret).lexically_normal().string() : std::string();
}

}  // namespace

HubKeys loadHubKeys(const std::string& dirText) {
  const fs::path dir(dirText);
  if (!fs::is_directory(dir)) throw std::runtime_error(dirText + ": not a directory of keys");
  HubKeys keys;
  keys.server =
      readSecretCertificateFile((dir / (std::string(kHubKeyName) + ".key_secret")).string());
  addRole(keys, dir, kAgentKeyName, "agents", protocol::KeyRole::Agent);
  addRole(keys, dir, kControllerKeyName, "controllers", protocol::KeyRole::Controller);
  if (keys.allowed.empty()) {
    throw std::runtime_error(dirText +
                             ": no client key (agent.key, controller.key, agents/*.key or "
                             "controllers/*.key): nobody could connect");
  }
  keys.agentSecretPath = secretIfPresent(dir, kAgentKeyName);
  keys.controllerSecretPath = secretIfPresent(dir, kControllerKeyName);
  return keys;
}

}  // namespace clusterscope::agents
