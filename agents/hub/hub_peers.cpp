// The hub's peers: who may join under which instance, the REPORT stream as heartbeat and
// telemetry, liveness from its silence, leaving, a launcher's exit notices, and ROUTES.

#include <algorithm>
#include <cstdio>

#include "control_codec.h"
#include "hub.h"

namespace clusterscope::agents {

namespace p = protocol;

namespace {

std::string silentFor(std::chrono::milliseconds delay) {
  char text[48];
  std::snprintf(text, sizeof text, "silent for %.1f s", static_cast<double>(delay.count()) / 1e3);
  return text;
}

}  // namespace

void Hub::onHello(const std::string& connection, p::KeyRole key, p::Hello& hello) {
  if (!p::mayJoinAs(key, hello.role)) {
    drop(HubDrop::NotAllowed);
    return sendError(connection, "not_allowed",
                     std::string("this key may not join as ") + p::peerRoleName(hello.role));
  }
  const auto now = Clock::now();
  Peer* holder = peers_.byInstance(hello.instance);
  if (holder && holder->live() && holder->connection != connection) {
    // The same process over a new connection (its DEALER reconnected) takes its place at once;
    // anyone else waits until the holder is down or gone.
    const bool sameProcess = holder->hello.pid != 0 && holder->hello.pid == hello.pid &&
                             holder->hello.node == hello.node;
    if (!sameProcess) {
      drop(HubDrop::DuplicateInstance);
      return sendError(connection, "duplicate_instance",
                       "instance " + hello.instance + " is held by another live connection");
    }
  }
  if (!holder && peers_.size() >= options_.maxPeers) {
    const std::string evicted = peers_.evictOne();
    if (evicted.empty()) {
      drop(HubDrop::TooManyPeers);
      return sendError(connection, "too_many_peers",
                       "the hub holds " + std::to_string(peers_.size()) + " live peers");
    }
    feed_.forget(evicted);
  }
  if (Peer* previous = peers_.byConnection(connection);
      previous && previous->hello.instance != hello.instance) {
    leave(*previous, "replaced by " + hello.instance + " on its connection");
  }
  holder = peers_.byInstance(hello.instance);
  if (holder && holder->connection != connection) {
    subscribers_.erase(holder->connection);
    feed_.forget(hello.instance);
  }
  Peer& peer = peers_.attach(connection, hello, key, now);

  p::Welcome welcome;
  welcome.hub = hubId_;
  if (options_.telemetryPub) welcome.capabilities.push_back("telemetry_pub");
  welcome.reportIntervalMs = options_.reportInterval.count();
  welcome.suspectAfterMs = options_.suspectAfter.count();
  welcome.downAfterMs = options_.downAfter.count();
  sendTo(connection, welcome);
  if (wantsRoutes(peer)) {
    p::Routes routes = routes_;
    routes.version = routesVersion_;
    sendTo(connection, routes);
  }
  setLiveness(peer, p::Liveness::Joined, "hello", true);
  routesDirty_ = true;  // a new service name, endpoint or module
}

void Hub::onReport(Peer& peer, p::Report& report, std::string_view body) {
  const auto now = Clock::now();
  if (peer.report && report.seq > peer.report->seq + 1) {
    stats_.reportsLost += report.seq - peer.report->seq - 1;
  }
  peer.lastHeard = now;
  const bool wasRoutable = peer.routable();
  if (peer.liveness != p::Liveness::Joined)
    setLiveness(peer, p::Liveness::Joined, "reports resumed");
  // A change of state (starting → ready, ready → draining) is an event a subscriber waits
  // for: it goes at once, whatever UPDATE interval they asked for.
  const bool newState = !peer.report || peer.report->state != report.state;
  peer.report = std::move(report);
  if (peer.routable() != wasRoutable) routesDirty_ = true;
  if (telemetry_) {
    if (auto sample = feed_.sample(peer.hello.instance, *peer.report, unixNowS())) {
      // A PUB never blocks: a slow subscriber loses samples, by design.
      sendFrames(telemetry_, {}, p::encodeTelemetrySample(*sample));
    }
  }
  relay(peer, body, now, newState);
}

void Hub::relay(Peer& peer, std::string_view body, Clock::time_point now, bool newState) {
  if (subscribers_.empty()) return;
  // At most one UPDATE per peer per relay gap: a peer reporting faster has its reports merged
  // (the latest wins; counters are cumulative, so nothing is lost), a regular one is relayed
  // at once.
  if (newState) peer.heldNewState = true;
  if (now - peer.lastRelayed >= gapFor(peer)) {
    sendUpdate(peer, body);
  } else {
    if (peer.held) ++stats_.updatesMerged;
    peer.held = true;
    peer.heldBody.assign(body);
    held_.insert(peer.hello.instance);
  }
}

// A report carrying a new state waits only the floor every subscriber accepts, and so does a
// load generator's: one peer whose counts are the run's end-to-end figures, which a run's last
// interval must not miss.
Hub::Clock::duration Hub::gapFor(const Peer& peer) const {
  const bool urgent = peer.heldNewState || peer.hello.role == p::PeerRole::Loadgen;
  return urgent ? options_.reportInterval / 2 : relayGap();
}

void Hub::flushHeld(Clock::time_point now) {
  for (auto it = held_.begin(); it != held_.end();) {
    Peer* peer = peers_.byInstance(*it);
    if (!peer || !peer->held) {
      it = held_.erase(it);
    } else if (now - peer->lastRelayed >= gapFor(*peer)) {
      sendUpdate(*peer, peer->heldBody);
      it = held_.erase(it);
    } else {
      ++it;
    }
  }
}

void Hub::setLiveness(Peer& peer, p::Liveness liveness, std::string reason, bool withHello) {
  // The report waiting to be relayed came before this change: it goes first, so a monitor
  // never sees a report after the peer it came from went down.
  if (peer.held) sendUpdate(peer, peer.heldBody);
  const bool wasRoutable = peer.routable();
  peer.liveness = liveness;
  peer.reason = std::move(reason);
  peer.since = Clock::now();
  p::PeerState state;
  state.instance = peer.hello.instance;
  state.liveness = liveness;
  state.reason = peer.reason;
  if (withHello) state.hello = peer.hello;
  broadcast(std::move(state));
  if (peer.routable() != wasRoutable) routesDirty_ = true;
}

void Hub::sweepLiveness(Clock::time_point now) {
  for (auto& [instance, peer] : peers_.peers()) {
    if (!peer.live()) continue;
    const auto silent = now - peer.lastHeard;
    if (silent >= options_.downAfter) {
      setLiveness(peer, p::Liveness::Down, silentFor(options_.downAfter));
    } else if (silent >= options_.suspectAfter && peer.liveness == p::Liveness::Joined) {
      setLiveness(peer, p::Liveness::Suspect, silentFor(options_.suspectAfter));
    }
  }
}

void Hub::leave(Peer& peer, std::string reason) {
  subscribers_.erase(peer.connection);
  setLiveness(peer, p::Liveness::Left, std::move(reason));
  peers_.detach(peer);
  feed_.forget(peer.hello.instance);
  routesDirty_ = true;
}

void Hub::onBye(Peer& peer, const p::Bye& bye) {
  leave(peer, bye.reason.empty() ? "bye" : "bye: " + bye.reason);
}

void Hub::onExitNotice(Peer& sender, const p::PeerState& notice) {
  if (sender.hello.role != p::PeerRole::Launcher) {
    drop(HubDrop::NotAllowed);
    return sendError(sender.connection, "not_allowed", "only a launcher reports a child's exit");
  }
  if (notice.liveness != p::Liveness::Down ||
      !processExited(notice.instance, notice.pid, notice.reason)) {
    drop(HubDrop::IgnoredNotice);
  }
}

bool Hub::processExited(const std::string& instance, std::int64_t pid, const std::string& reason) {
  Peer* peer = peers_.byInstance(instance);
  if (!peer || peer->connection.empty()) return false;
  if (pid != 0 && peer->hello.pid != 0 && peer->hello.pid != pid) return false;
  // Its connection dies with it; anything still queued from it is from an unknown peer.
  subscribers_.erase(peer->connection);
  setLiveness(*peer, p::Liveness::Down, reason.empty() ? "process exited" : reason);
  peers_.detach(*peer);
  feed_.forget(instance);
  routesDirty_ = true;
  return true;
}

bool Hub::wantsRoutes(const Peer& peer) const {
  return peer.hello.role == p::PeerRole::Agent || peer.hello.role == p::PeerRole::Loadgen;
}

p::Routes Hub::computeRoutes() const {
  std::map<std::string, p::ServiceRoutes> services;
  auto service = [&services](const std::string& name) -> p::ServiceRoutes& {
    p::ServiceRoutes& s = services[name];
    s.service = name;
    return s;
  };
  auto addModule = [](p::ServiceRoutes& s, const std::string& module) {
    if (std::find(s.modules.begin(), s.modules.end(), module) == s.modules.end()) {
      s.modules.push_back(module);
    }
  };
  if (plan_) {
    const model::ClusterLayout& layout = plan_->layout;
    for (const model::DeploymentInfo& d : layout.deployments) {
      p::ServiceRoutes& s = service(d.name);
      for (int c : d.components) {
        const auto& component = layout.components[static_cast<std::size_t>(c)];
        if (component.isModule) addModule(s, component.name);
      }
    }
  }
  p::Routes routes;
  for (const auto& [instance, peer] : peers_.peers()) {
    if (peer.hello.role == p::PeerRole::Broker && routes.broker.empty() &&
        peer.liveness == p::Liveness::Joined && !peer.connection.empty()) {
      routes.broker = peer.hello.endpoints.broker;
    }
    if (peer.hello.role != p::PeerRole::Agent || peer.hello.service.empty()) continue;
    p::ServiceRoutes& s = service(peer.hello.service);
    for (const std::string& module : peer.hello.modules) addModule(s, module);
    if (peer.routable()) {
      s.replicas.push_back(
          {instance, peer.hello.replica, peer.hello.node, peer.hello.endpoints.requests});
    }
  }
  for (auto& [name, s] : services) {
    std::sort(s.replicas.begin(), s.replicas.end(), [](const auto& a, const auto& b) {
      return a.replica != b.replica ? a.replica < b.replica : a.instance < b.instance;
    });
    if (routes.services.size() < p::kMaxItems) routes.services.push_back(std::move(s));
  }
  return routes;
}

void Hub::updateRoutes(Clock::time_point now) {
  routesDirty_ = false;
  p::Routes routes = computeRoutes();
  if (routes.services == routes_.services && routes.broker == routes_.broker) return;
  routes_ = std::move(routes);
  routes_.version = ++routesVersion_;
  ++stats_.routesChanges;
  routesSentAt_ = now;
  const p::Frames frames = p::encodeControl(routes_);
  for (const auto& [instance, peer] : peers_.peers()) {
    if (peer.live() && wantsRoutes(peer)) {
      sendFramesTo(peer.connection, frames, p::ControlType::Routes);
    }
  }
}

}  // namespace clusterscope::agents
