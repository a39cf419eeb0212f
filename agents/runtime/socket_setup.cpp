#include "socket_setup.h"

#include <stdexcept>

#include "protocol_limits.h"

namespace clusterscope::agents {

namespace {

namespace p = protocol;

struct Row {
  zmq::socket_type type;
  int sendHwm;
  int receiveHwm;
  std::int64_t maxMessageSize;  // -1: no limit (PUB never receives)
  bool routerMandatory;
  bool dealer;  // reconnect intervals
};

// docs/protocol.md, "Sockets": one row per socket.
Row rowOf(SocketKind kind) {
  const auto control =
      static_cast<std::int64_t>(p::kMaxControlBodyBytes) + kCurveFrameOverheadBytes;
  const auto payload = static_cast<std::int64_t>(p::kMaxPayloadBytes);
  switch (kind) {
    case SocketKind::HubControl:
      // 10000: a monitor fed by 200 agents at 10 Hz has 5 s of room.
      return {zmq::socket_type::router, 10000, 10000, control, true, false};
    case SocketKind::ControlClient:
      // 100: ten seconds of reports; an older report is worth less than the next one.
      return {zmq::socket_type::dealer, 100, 1000, control, false, true};
    case SocketKind::RequestServer:
      return {zmq::socket_type::router, 10000, 10000, payload, true, false};
    case SocketKind::CallClient:
      return {zmq::socket_type::dealer, 10000, 10000, payload, false, true};
    case SocketKind::BrokerServer:
      return {zmq::socket_type::router, 10000, 10000, payload, true, false};
    case SocketKind::BrokerClient:
      return {zmq::socket_type::dealer, 10000, 10000, payload, false, true};
    case SocketKind::TelemetryPub:
      return {zmq::socket_type::pub, 1000, 1000, -1, false, false};
  }
  throw std::invalid_argument("unknown socket kind");
}

}  // namespace

zmq::socket_t makeSocket(zmq::context_t& context, SocketKind kind) {
  const Row row = rowOf(kind);
  zmq::socket_t socket(context, row.type);
  socket.set(zmq::sockopt::linger, 0);
  socket.set(zmq::sockopt::sndhwm, row.sendHwm);
  socket.set(zmq::sockopt::rcvhwm, row.receiveHwm);
  if (row.maxMessageSize >= 0) socket.set(zmq::sockopt::maxmsgsize, row.maxMessageSize);
  // Heartbeats notice a half-open TCP connection (a peer host that vanished) in ~3 s.
  socket.set(zmq::sockopt::heartbeat_ivl, 1000);
  socket.set(zmq::sockopt::heartbeat_timeout, 3000);
  socket.set(zmq::sockopt::heartbeat_ttl, 3000);
  if (row.routerMandatory) socket.set(zmq::sockopt::router_mandatory, 1);
  if (row.dealer) {
    socket.set(zmq::sockopt::reconnect_ivl, 100);
    socket.set(zmq::sockopt::reconnect_ivl_max, 1000);
  }
  return socket;
}

std::string bindTcp(zmq::socket_t& socket, const std::string& host, int port) {
  const bool ipv6 = host.find(':') != std::string::npos;
  if (ipv6) socket.set(zmq::sockopt::ipv6, 1);
  const std::string shownHost = ipv6 ? "[" + host + "]" : host;
  const std::string portText = port > 0 ? std::to_string(port) : std::string("*");
  socket.bind("tcp://" + shownHost + ":" + portText);
  return socket.get(zmq::sockopt::last_endpoint);
}

void makeCurveServer(zmq::socket_t& socket, const protocol::Certificate& server,
                     std::string_view zapDomain) {
  socket.set(zmq::sockopt::curve_server, 1);
  socket.set(zmq::sockopt::curve_secretkey, server.secretKey);
  socket.set(zmq::sockopt::zap_domain, std::string(zapDomain));
}

void makeCurveClient(zmq::socket_t& socket, const protocol::Certificate& client,
                     std::string_view serverPublicKey) {
  socket.set(zmq::sockopt::curve_serverkey, std::string(serverPublicKey));
  socket.set(zmq::sockopt::curve_publickey, client.publicKey);
  socket.set(zmq::sockopt::curve_secretkey, client.secretKey);
}

}  // namespace clusterscope::agents
