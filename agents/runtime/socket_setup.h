#pragma once

#include <string>
#include <string_view>
#include <zmq.hpp>

#include "connection_file.h"

// Every ZeroMQ socket of a ClusterScope process, made with exactly the options of
// docs/protocol.md's socket table, so no program sets them by hand and none forgets one:
// LINGER 0 (closing never blocks), bounded high-water marks, MAXMSGSIZE at the plane's largest
// legal frame (libzmq drops a connection that sends more before anything is read), ZMTP
// heartbeats against half-open TCP, and reconnect intervals on DEALERs. What a socket does at
// its high-water mark is fixed by how it is sent on (message_io.h: never blocking).
// Functions here may be called from any thread on sockets that thread owns.

namespace clusterscope::agents {

enum class SocketKind {
  HubControl,     // hub: ROUTER, the control plane's one well-known address; ROUTER_MANDATORY
  ControlClient,  // every process: DEALER to the hub
  RequestServer,  // agent: ROUTER serving sync calls; ROUTER_MANDATORY
  CallClient,     // a caller: DEALER, one per callee replica
  BrokerServer,   // broker: ROUTER; ROUTER_MANDATORY
  BrokerClient,   // an agent that publishes or consumes: DEALER to the broker
  TelemetryPub,   // hub (optional): PUB in PlotJuggler's layout
};

// MAXMSGSIZE of the control plane. libzmq compares it with each frame as it travels, which on
// a CURVE connection is the encrypted MESSAGE command: the body plus 33 bytes (command name,
// nonce, MAC, flags). The margin keeps the largest legal body deliverable under CURVE.
inline constexpr std::int64_t kCurveFrameOverheadBytes = 64;

// A socket of `kind` in `context`, every option of its row of the table set. Throws
// zmq::error_t if libzmq refuses one (never for these values).
zmq::socket_t makeSocket(zmq::context_t& context, SocketKind kind);

// Binds `tcp://HOST:PORT` (port 0: any free port) and returns the endpoint libzmq actually
// bound (ZMQ_LAST_ENDPOINT, "tcp://127.0.0.1:40123"), the one to announce. An IPv6 host
// ("::1") is bracketed and ZMQ_IPV6 set. Throws zmq::error_t (EADDRINUSE, ...) when it cannot.
std::string bindTcp(zmq::socket_t& socket, const std::string& host, int port = 0);

// CURVE server: the hub's control ROUTER. `server` must hold the secret key. A ZAP handler
// must already be bound in the socket's context (zap_handler.h), or libzmq 4.3 lets in any
// client that knows the server's public key. Call before bind.
void makeCurveServer(zmq::socket_t& socket, const protocol::Certificate& server,
                     std::string_view zapDomain);
// CURVE client: `client` must hold both keys; `serverPublicKey` is Z85. Call before connect.
void makeCurveClient(zmq::socket_t& socket, const protocol::Certificate& client,
                     std::string_view serverPublicKey);

// The ZAP domain of the control plane (docs/protocol.md, "Security").
inline constexpr std::string_view kControlZapDomain = "clusterscope";

}  // namespace clusterscope::agents
