#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "decode_result.h"

// The files that let a process find and authenticate to a hub (docs/protocol.md, "Keys and
// the connection file"): CURVE certificates in the text format pyzmq's
// zmq.auth.load_certificate reads and zmq.auth.create_certificates writes, and the connection
// file a launcher writes for the GUI, `monitor` and `inject`. Text in, text out: creating the
// files with mode 0600 is the writer's job.

namespace clusterscope::agents::protocol {

// A CURVE key pair in Z85 (40 characters each, as zmq_curve_keypair gives them).
struct Certificate {
  std::string publicKey;
  std::string secretKey;  // empty in a public certificate (NAME.key)
  bool operator==(const Certificate&) const = default;
};

// 40 characters of the Z85 alphabet.
bool isZ85Key(std::string_view key);

// pyzmq's layout: a comment banner ("Generated on <generatedOn>"), a "metadata" section, a
// "curve" section with public-key and, for a secret certificate, secret-key.
std::string formatCertificate(const Certificate& certificate, std::string_view generatedOn);

// Reads what pyzmq's load_certificate reads: the first "public-key = ..." and "secret-key =
// ..." lines, outside comments, quotes and blanks stripped. The public key is required; each
// key present must be Z85. At most 64 KiB.
Decoded<Certificate> parseCertificate(std::string_view text);

// Where a launched cluster can be reached. Relative certificate paths are relative to the
// connection file's directory.
struct ConnectionInfo {
  std::string hub;                    // the hub's control endpoint
  std::string hubPublicKey;           // Z85; empty: the hub runs without CURVE (read only)
  std::string controllerCertificate;  // secret certificate of the controller role
  std::string agentCertificate;       // secret certificate of the agent role
  std::string telemetry;              // the telemetry PUB; empty: none
  std::int64_t launcherPid = 0;       // 0: not given
  std::string scenario;               // the scenario's name, for display
  bool operator==(const ConnectionInfo&) const = default;
};

inline constexpr int kConnectionFileVersion = 1;

// A JSON object, 2-space indented.
std::string formatConnectionFile(const ConnectionInfo& info);
// Same checks as the control plane: types, lengths, endpoints, keys. Unknown keys are ignored;
// another "clusterscope_connection" version than ours is refused.
Decoded<ConnectionInfo> parseConnectionFile(std::string_view text);

}  // namespace clusterscope::agents::protocol
