#include "curve_keys.h"

#include <zmq.h>

#include <ctime>
#include <stdexcept>

#include "private_files.h"

namespace clusterscope::agents {

namespace {

std::string now() {
  const std::time_t t = std::time(nullptr);
  std::tm local{};
  localtime_r(&t, &local);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &local);
  return text;
}

}  // namespace

bool curveAvailable() { return zmq_has("curve") == 1; }

protocol::Certificate generateCertificate() {
  char publicKey[41] = {};
  char secretKey[41] = {};
  if (zmq_curve_keypair(publicKey, secretKey) != 0) {
    throw std::runtime_error(std::string("cannot make a CURVE key pair: ") +
                             zmq_strerror(zmq_errno()));
  }
  return {publicKey, secretKey};
}

CertificateFiles writeCertificateFiles(const std::string& dir, const std::string& name,
                                       const protocol::Certificate& certificate) {
  if (certificate.secretKey.empty()) {
    throw std::invalid_argument("writeCertificateFiles needs the secret key of " + name);
  }
  makePrivateDirectory(dir);
  const CertificateFiles files{dir + "/" + name + ".key", dir + "/" + name + ".key_secret"};
  const std::string generated = now();
  writeFileAtomically(files.secretPath, protocol::formatCertificate(certificate, generated), 0600);
  writeFileAtomically(files.publicPath,
                      protocol::formatCertificate({certificate.publicKey, {}}, generated), 0644);
  return files;
}

protocol::Certificate readCertificateFile(const std::string& path) {
  auto decoded = protocol::parseCertificate(readSmallFile(path));
  if (!decoded) throw std::runtime_error(path + ": " + decoded.error().message);
  return std::move(decoded).value();
}

protocol::Certificate readSecretCertificateFile(const std::string& path) {
  protocol::Certificate certificate = readCertificateFile(path);
  if (certificate.secretKey.empty()) {
    throw std::runtime_error(path + ": a public certificate where the secret one is needed");
  }
  return certificate;
}

ClusterKeys makeClusterKeys(const std::string& dir) {
  ClusterKeys keys{generateCertificate(), generateCertificate(), generateCertificate()};
  writeCertificateFiles(dir, kHubKeyName, keys.hub);
  writeCertificateFiles(dir, kAgentKeyName, keys.agent);
  writeCertificateFiles(dir, kControllerKeyName, keys.controller);
  return keys;
}

}  // namespace clusterscope::agents
