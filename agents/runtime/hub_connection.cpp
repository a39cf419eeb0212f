#include "hub_connection.h"

#include <stdexcept>

#include "curve_keys.h"
#include "private_files.h"

namespace clusterscope::agents {

HubConnection plainConnection(const std::string& endpoint) { return {endpoint, {}, {}}; }

HubConnection curveConnection(const std::string& endpoint, const std::string& hubCertificatePath,
                              const std::string& clientSecretCertificatePath) {
  return {endpoint, readCertificateFile(hubCertificatePath).publicKey,
          readSecretCertificateFile(clientSecretCertificatePath)};
}

HubConnection connectionFromFile(const std::string& connectionFilePath, protocol::KeyRole role) {
  const protocol::ConnectionInfo info = readConnectionFile(connectionFilePath);
  if (info.hubPublicKey.empty()) return plainConnection(info.hub);
  const bool controller = role == protocol::KeyRole::Controller;
  const std::string& certificate = controller ? info.controllerCertificate : info.agentCertificate;
  if (certificate.empty()) {
    throw std::runtime_error(connectionFilePath + ": the hub runs CURVE but the file names no " +
                             (controller ? "controller_certificate" : "agent_certificate"));
  }
  return {info.hub, info.hubPublicKey, readSecretCertificateFile(certificate)};
}

}  // namespace clusterscope::agents
