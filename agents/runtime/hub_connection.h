#pragma once

#include <string>

#include "connection_file.h"
#include "control_policy.h"

// How one process reaches the hub: its control endpoint and, when the hub runs CURVE, the
// hub's public key and this process's own key pair. Built from the connection file a launcher
// or a hub wrote, or from explicit certificate files. Errors throw std::runtime_error naming
// the file and the problem. Any thread.

namespace clusterscope::agents {

struct HubConnection {
  std::string endpoint;               // the hub's control ROUTER, "tcp://127.0.0.1:40000"
  std::string hubPublicKey;           // Z85; empty: the hub runs without CURVE
  protocol::Certificate certificate;  // this process's pair (both keys) when hubPublicKey is set
  bool curve() const { return !hubPublicKey.empty(); }
};

// A hub without CURVE (development only: read-only, nobody is a controller).
HubConnection plainConnection(const std::string& endpoint);

// CURVE with certificate files: the hub's (public or secret: only its public key is read) and
// this process's secret certificate.
HubConnection curveConnection(const std::string& endpoint, const std::string& hubCertificatePath,
                              const std::string& clientSecretCertificatePath);

// From a connection file (docs/protocol.md): the endpoint, the hub's key, and the secret
// certificate the file names for `role` (Controller: controller_certificate, Agent:
// agent_certificate). A file without hub_public_key gives a plain connection; one with a key
// but no certificate for the role is refused.
HubConnection connectionFromFile(const std::string& connectionFilePath, protocol::KeyRole role);

}  // namespace clusterscope::agents
