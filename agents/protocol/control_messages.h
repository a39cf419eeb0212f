#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "action.h"
#include "cluster_description.h"
#include "cluster_layout.h"
#include "protocol_limits.h"
#include "telemetry.h"
#include "wire_names.h"

// The control plane's messages: every process's DEALER to the hub's ROUTER, [header][JSON].
// Plain values; control_codec.h encodes and decodes them, docs/protocol.md gives each one's
// JSON keys, who may send it and what the receiver does. Empty strings mean "not given"
// unless a comment says otherwise.

namespace clusterscope::agents::protocol {

// The type byte of the header. Values are fixed for major version 1.
enum class ControlType : std::uint8_t {
  Hello = 1,
  Welcome = 2,
  Error = 3,
  Bye = 4,
  Report = 5,
  Cluster = 6,
  Subscribe = 7,
  Snapshot = 8,
  Update = 9,
  PeerState = 10,
  Command = 11,
  CommandResult = 12,
  Routes = 13,
};

const char* controlTypeName(ControlType type);  // "HELLO", ...

// A call the process makes; `from` names the calling module of a monolith (empty: the
// service itself).
struct CallInfo {
  std::string from;
  std::string to;
  model::CallMode mode = model::CallMode::Sync;
  bool operator==(const CallInfo&) const = default;
};

// Where a process can be reached: ZeroMQ endpoints as ZMQ_LAST_ENDPOINT gives them, and the
// Prometheus URL.
struct Endpoints {
  std::string requests;  // agent: its ROUTER for sync calls (required for an agent)
  std::string broker;    // broker: its ROUTER (required for a broker)
  std::string metrics;   // http://host:port/metrics, any role
  bool operator==(const Endpoints&) const = default;
};

// HELLO: the first message of every process, and again after ERROR unknown_peer.
struct Hello {
  int minor = kMinorVersion;
  std::vector<std::string> capabilities;
  PeerRole role = PeerRole::Agent;
  std::string instance;              // unique in the cluster, stable across restarts ("orders#0")
  std::string service;               // agent: the service it is a replica of (required)
  int replica = -1;                  // agent: its replica number, >= 0 (required)
  std::vector<std::string> modules;  // a monolith's modules, served in-process
  std::string language;              // "c++", "python", ...
  std::int64_t pid = 0;              // 0: not given
  std::string node;                  // node name; empty: not placed
  std::int64_t workers = 0;          // agent: >= 1
  std::optional<std::int64_t> queueCapacity;  // agent: nullopt is unbounded
  std::vector<CallInfo> calls;
  Endpoints endpoints;
  bool operator==(const Hello&) const = default;
};

// WELCOME: the hub's answer to HELLO; how often to report and when silence means trouble.
struct Welcome {
  int minor = kMinorVersion;
  std::vector<std::string> capabilities;
  std::string hub;  // the hub's run id; a different one means the hub restarted
  std::int64_t reportIntervalMs = 100;
  std::int64_t suspectAfterMs = 500;
  std::int64_t downAfterMs = 1000;
  bool operator==(const Welcome&) const = default;
};

// ERROR: the hub refuses something. `code` is a token (docs/protocol.md lists the known ones;
// unknown codes are kept as they are).
struct ErrorMessage {
  std::string code;
  std::string message;
  bool operator==(const ErrorMessage&) const = default;
};

// BYE: the sender leaves on purpose (shown as "left", not "down").
struct Bye {
  std::string reason;
  bool operator==(const Bye&) const = default;
};

// The scenario a launcher runs: its description and the planned layout, so monitors can show
// the cluster before every process has joined.
struct ClusterPlan {
  model::ClusterDescription description;
  model::ClusterLayout layout;
  std::vector<std::int64_t> replicas;  // planned replicas, per layout.deployments entry
  // The scenario file the plan comes from, as JSON text (empty: not given), so that a monitor
  // that did not launch it can follow its lesson in every language, ask its questions and
  // draw its theory. Opaque to the protocol: a monitor validates it as any scenario file.
  std::string scenario;
  bool operator==(const ClusterPlan&) const = default;
};

// CLUSTER: launcher -> hub, and hub -> subscribers (then with the hub's sequence number).
struct Cluster {
  ClusterPlan plan;
  std::uint64_t seq = 0;  // 0 from a launcher
  bool operator==(const Cluster&) const = default;
};

// SUBSCRIBE: a monitor asks for the snapshot and the stream of changes.
struct Subscribe {
  // The monitor needs at most one UPDATE per peer per this many milliseconds (0: every report,
  // as often as the hub relays them). Reports are cumulative, so fewer lose nothing but detail
  // in time; a monitor that draws once a second decodes a fifth of the reports at 500 ms.
  std::int64_t updateIntervalMs = 0;
  bool operator==(const Subscribe&) const = default;
};

// Everything the hub knows of one peer.
struct PeerEntry {
  Hello hello;
  Liveness liveness = Liveness::Joined;
  std::string reason;
  std::optional<Report> report;  // the latest; none before its first
  bool operator==(const PeerEntry&) const = default;
};

// SNAPSHOT: one part of the hub's state at sequence `seq`; parts 1..parts, the cluster plan in
// part 1 only. Changes after `seq` follow as UPDATE, PEER_STATE and CLUSTER.
struct Snapshot {
  std::uint64_t seq = 0;
  std::int64_t part = 1;
  std::int64_t parts = 1;
  std::optional<ClusterPlan> cluster;
  std::vector<PeerEntry> peers;
  bool operator==(const Snapshot&) const = default;
};

// UPDATE: a peer's report, relayed by the hub.
struct Update {
  std::uint64_t seq = 0;
  std::string instance;
  Report report;
  bool operator==(const Update&) const = default;
};

// PEER_STATE: hub -> subscribers, a peer's liveness changed; `hello` is given when it
// (re)joined. Also launcher -> hub, `seq` 0 and liveness Down: one of its children exited
// (`pid` the process that did, 0 when unknown), so the hub need not wait for its silence.
struct PeerState {
  std::uint64_t seq = 0;
  std::string instance;
  Liveness liveness = Liveness::Joined;
  std::string reason;
  std::optional<Hello> hello;
  std::int64_t pid = 0;  // launcher -> hub only; 0: not given
  bool operator==(const PeerState&) const = default;
};

// COMMAND's third kind: clear every fault in force.
struct ResetFaults {
  bool operator==(const ResetFaults&) const = default;
};

// What a COMMAND asks for: a scenario action, a live fault, or the end of every fault.
using CommandPayload = std::variant<model::Action, Fault, ResetFaults>;

// COMMAND: controller -> hub -> the processes that carry it out. `action` has the names and
// fields of a scenario timeline entry (engine::loadActionText reads it). The faults among the
// model's actions (AddLatency ... ResetFaults) travel in their protocol form: a Command that
// holds one as a model::Action is encoded as its `fault` or `reset_faults`
// (fault_actions.h), and decodes as that.
struct Command {
  std::uint64_t id = 0;  // chosen by the sender, at most kMaxId; echoed in COMMAND_RESULT
  std::string target;    // an instance id; empty: the hub decides from the action
  CommandPayload what;
  bool operator==(const Command&) const = default;
};

// COMMAND_RESULT: the outcome of the command with the same id; `error` empty when ok.
struct CommandResult {
  std::uint64_t id = 0;
  bool ok = true;
  std::string error;
  bool operator==(const CommandResult&) const = default;
};

struct RouteReplica {
  std::string instance;
  int replica = 0;
  std::string node;
  std::string endpoint;  // its request ROUTER
  bool operator==(const RouteReplica&) const = default;
};

struct ServiceRoutes {
  std::string service;
  std::vector<std::string> modules;    // a monolith's modules, reached through its replicas
  std::vector<RouteReplica> replicas;  // ready replicas only; empty: none can serve
  bool operator==(const ServiceRoutes&) const = default;
};

// ROUTES: hub -> agents and load generators: where every service can be called now. Each
// ROUTES replaces the previous one; an older `version` is ignored.
struct Routes {
  std::uint64_t version = 0;
  std::vector<ServiceRoutes> services;
  std::string broker;  // the broker's ROUTER; empty: no broker
  bool operator==(const Routes&) const = default;
};

// In ControlType order (index + 1 is the type byte).
using ControlMessage = std::variant<Hello, Welcome, ErrorMessage, Bye, Report, Cluster, Subscribe,
                                    Snapshot, Update, PeerState, Command, CommandResult, Routes>;

inline ControlType controlTypeOf(const ControlMessage& message) {
  return static_cast<ControlType>(message.index() + 1);
}

}  // namespace clusterscope::agents::protocol
