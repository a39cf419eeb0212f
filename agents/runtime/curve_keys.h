#pragma once

#include <string>

#include "connection_file.h"

// CURVE key pairs and their certificate files, in the text format pyzmq's
// zmq.auth.create_certificates writes and load_certificate reads (docs/protocol.md, "Keys and
// the connection file"): NAME.key (public) and NAME.key_secret (both keys, mode 0600) in a
// directory of mode 0700, each written atomically. Errors throw std::runtime_error naming the
// file. Any thread.

namespace clusterscope::agents {

// libzmq was built with CURVE (Debian's is).
bool curveAvailable();

// A fresh pair from zmq_curve_keypair, both keys Z85. Throws when libzmq has no CURVE.
protocol::Certificate generateCertificate();

struct CertificateFiles {
  std::string publicPath;  // DIR/NAME.key, mode 0644: it is meant to be handed out
  std::string secretPath;  // DIR/NAME.key_secret, mode 0600
};

// Writes both files of `certificate` (which must hold its secret key) into `dir`, making the
// directory private first. Existing files are replaced.
CertificateFiles writeCertificateFiles(const std::string& dir, const std::string& name,
                                       const protocol::Certificate& certificate);

// Reads a public or a secret certificate file (at most 64 KiB).
protocol::Certificate readCertificateFile(const std::string& path);
// The same, requiring the secret key.
protocol::Certificate readSecretCertificateFile(const std::string& path);

// The three roles' pairs of a cluster: the hub (the server), `agent` (processes that only
// join) and `controller` (launcher, GUI, monitor, inject).
struct ClusterKeys {
  protocol::Certificate hub;
  protocol::Certificate agent;
  protocol::Certificate controller;
};

inline constexpr const char* kHubKeyName = "hub";
inline constexpr const char* kAgentKeyName = "agent";
inline constexpr const char* kControllerKeyName = "controller";

// Generates a fresh ClusterKeys and writes hub, agent and controller certificate files into
// `dir` (what `clusterscope-cli keygen DIR` and the launcher do).
ClusterKeys makeClusterKeys(const std::string& dir);

}  // namespace clusterscope::agents
