#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "connection_file.h"
#include "control_policy.h"
#include "decode_result.h"
#include "message_io.h"
#include "protocol_limits.h"
#include "zap_handler.h"

// What a hub is told at start (HubOptions) and what it counts (HubStats). Plain values.

namespace clusterscope::agents {

struct HubOptions {
  std::string bindHost = "127.0.0.1";  // where the control ROUTER, PUB and /metrics bind
  int port = 0;                        // the control ROUTER's port; 0: any free port
  // CURVE on the control plane, with the ZAP allowlist. false: a development hub without keys,
  // read-only (nobody may send COMMAND or CLUSTER).
  bool curve = true;
  protocol::Certificate serverCertificate;  // the hub's pair (secret key required with curve)
  // Client public keys (Z85) let in, each with its role (Agent or Controller).
  std::vector<std::pair<std::string, protocol::KeyRole>> allowedKeys;
  bool telemetryPub = false;  // also publish every report in PlotJuggler's layout
  bool metrics = true;        // serve /metrics (Prometheus) on bindHost, any free port
  std::string hubId;          // this run's id in WELCOME; empty: "hub-" and 8 random hex digits
  std::chrono::milliseconds reportInterval{100};   // WELCOME's report_interval_ms
  std::chrono::milliseconds suspectAfter{500};     // silence that makes a peer suspect
  std::chrono::milliseconds downAfter{1000};       // ... and down
  std::chrono::milliseconds commandTimeout{5000};  // a COMMAND's executors must answer by then
  std::size_t maxPeers = protocol::kMaxItems;      // instances held, down and left included
};

// Why the hub dropped a message it could decode (the decoders' own reasons come first on
// /metrics, then these).
enum class HubDrop : std::uint8_t {
  NotAllowed,         // the key's role does not permit it (ERROR not_allowed)
  UnknownPeer,        // not a HELLO, from a connection without one (ERROR unknown_peer)
  DuplicateInstance,  // HELLO for an instance another live connection holds
  TooManyPeers,       // HELLO for a new instance when maxPeers are held
  UnexpectedResult,   // COMMAND_RESULT for no command in flight to that connection
  IgnoredNotice,      // a launcher's exit notice about no instance it could mean
  BadUserId,          // a User-Id no ZAP answer of ours gives (never from libzmq)
  NoEnvelope,         // a ROUTER message without its routing id (never from libzmq)
};
inline constexpr int kHubDropCount = static_cast<int>(HubDrop::NoEnvelope) + 1;
const char* hubDropName(HubDrop drop);  // "not_allowed", ...

struct HubStats {
  std::array<std::uint64_t, 14> received{};  // decoded messages, by type byte (1..13)
  std::array<std::uint64_t, 14> sent{};      // messages handed to libzmq, by type byte
  SendCounters sends;                        // every send's outcome: drops at the HWM counted
  std::array<std::uint64_t, protocol::kDecodeReasonCount> decodeDrops{};
  std::array<std::uint64_t, kHubDropCount> hubDrops{};
  std::uint64_t errorsSent = 0;
  std::uint64_t errorsSuppressed = 0;  // not sent: one ERROR per connection per second
  std::uint64_t reportsLost = 0;       // REPORT seq gaps
  std::uint64_t updatesRelayed = 0;    // UPDATEs sent to subscribers (once per report relayed)
  std::uint64_t updatesMerged = 0;     // reports replaced, unrelayed, by a newer one (too fast)
  std::uint64_t routesChanges = 0;
  std::uint64_t commandsOk = 0;
  std::uint64_t commandsFailed = 0;    // an executor said no
  std::uint64_t commandsTimedOut = 0;  // an executor did not answer in time
  std::uint64_t commandsRefused = 0;   // refused by the hub itself (references, no executor)
  ZapHandler::Stats zap;

  std::uint64_t drops() const;  // every dropped incoming message
  std::uint64_t decodeDrop(protocol::DecodeReason r) const {
    return decodeDrops[static_cast<std::size_t>(r)];
  }
  std::uint64_t hubDrop(HubDrop d) const { return hubDrops[static_cast<std::size_t>(d)]; }
};

}  // namespace clusterscope::agents
