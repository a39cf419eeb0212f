#pragma once

#include <QTemporaryDir>
#include <QtTest>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>
#include <zmq.hpp>

#include "control_codec.h"
#include "curve_keys.h"
#include "event_loop.h"
#include "hub_client.h"
#include "hub_thread.h"
#include "message_io.h"
#include "socket_setup.h"

// What the hub tests share: a hub on its own thread with fresh keys, HubClients driven by one
// EventLoop on the test's thread, raw DEALERs for bytes no HubClient would send, and waiting
// with a bound.

namespace clusterscope::testing {

namespace agents = clusterscope::agents;
namespace p = agents::protocol;
using agents::EventLoop;
using agents::HubClient;
using agents::HubOptions;
using agents::HubThread;
using namespace std::chrono_literals;

// Runs the loops until `done()` or `timeout`; true when done.
inline bool runUntil(std::initializer_list<EventLoop*> loops, const std::function<bool()>& done,
                     std::chrono::milliseconds timeout = 3000ms) {
  const auto end = EventLoop::Clock::now() + timeout;
  while (!done()) {
    if (EventLoop::Clock::now() >= end) return false;
    if (loops.size() == 0) std::this_thread::sleep_for(5ms);
    for (EventLoop* loop : loops) loop->runOnce(loops.size() == 1 ? 5ms : 1ms);
  }
  return true;
}

inline bool runUntil(EventLoop& loop, const std::function<bool()>& done,
                     std::chrono::milliseconds timeout = 3000ms) {
  return runUntil({&loop}, done, timeout);
}

// Runs the loops for `duration`, whatever happens.
inline void runFor(std::initializer_list<EventLoop*> loops, std::chrono::milliseconds duration) {
  runUntil(
      loops, [] { return false; }, duration);
}

inline void runFor(EventLoop& loop, std::chrono::milliseconds duration) {
  runFor({&loop}, duration);
}

// Fresh keys in a temporary directory, and hub options that let the agent and controller
// keys in.
struct Keys {
  QTemporaryDir dir;
  agents::ClusterKeys keys = agents::makeClusterKeys(dir.path().toStdString() + "/keys");

  HubOptions hubOptions() const {
    HubOptions o;
    o.serverCertificate = keys.hub;
    o.allowedKeys = {{keys.agent.publicKey, p::KeyRole::Agent},
                     {keys.controller.publicKey, p::KeyRole::Controller}};
    return o;
  }
  agents::HubConnection connection(const std::string& endpoint,
                                   const p::Certificate& client) const {
    return {endpoint, keys.hub.publicKey, client};
  }
};

inline p::Hello agentHello(const std::string& service, int replica, const std::string& endpoint) {
  p::Hello h;
  h.role = p::PeerRole::Agent;
  h.instance = service + "#" + std::to_string(replica);
  h.service = service;
  h.replica = replica;
  h.workers = 2;
  h.endpoints.requests = endpoint;
  return h;
}

inline p::Hello roleHello(p::PeerRole role, const std::string& instance) {
  p::Hello h;
  h.role = role;
  h.instance = instance;
  if (role == p::PeerRole::Broker) h.endpoints.broker = "tcp://127.0.0.1:1";
  return h;
}

// A report of a ready agent with `completed` requests.
inline p::Report serviceReport(model::ReplicaState state, std::uint64_t completed = 0) {
  p::Report r;
  r.state = state;
  p::ServiceTelemetry s;
  s.arrivals = completed;
  s.completed = completed;
  s.workers = 2;
  r.service = s;
  return r;
}

// A HubClient that records what it receives.
struct Peer {
  std::vector<p::Welcome> welcomes;
  std::vector<p::ErrorMessage> errors;
  std::vector<p::Routes> routes;
  std::vector<p::Command> commands;
  std::vector<agents::HubSnapshot> snapshots;
  std::vector<p::Update> updates;
  std::vector<p::PeerState> states;
  std::vector<p::Cluster> clusters;
  std::map<std::string, p::Liveness> view;  // a monitor's picture: snapshot, then states
  model::ReplicaState state = model::ReplicaState::Ready;
  std::uint64_t completed = 0;
  // How commands are answered; default: ok at once.
  std::function<void(const p::Command&, agents::CommandReply)> answer =
      [](const p::Command&, agents::CommandReply reply) { reply(true); };
  std::unique_ptr<HubClient> client;

  Peer(EventLoop& loop, zmq::context_t& context, agents::HubConnection connection, p::Hello hello,
       bool subscribe = false, std::chrono::milliseconds updateInterval = {}) {
    HubClient::Callbacks c;
    const bool agent = hello.role == p::PeerRole::Agent;
    c.fillReport = [this, agent](p::Report& r) {
      if (agent) r = serviceReport(state, completed);
      r.state = state;
    };
    c.onWelcome = [this](const p::Welcome& w) { welcomes.push_back(w); };
    c.onError = [this](const p::ErrorMessage& e) { errors.push_back(e); };
    c.onRoutes = [this](const p::Routes& r) { routes.push_back(r); };
    c.onCommand = [this](const p::Command& cmd, agents::CommandReply reply) {
      commands.push_back(cmd);
      answer(cmd, std::move(reply));
    };
    c.onSnapshot = [this](const agents::HubSnapshot& s) {
      snapshots.push_back(s);
      view.clear();
      for (const auto& peer : s.peers) view[peer.hello.instance] = peer.liveness;
    };
    c.onUpdate = [this](const p::Update& u) { updates.push_back(u); };
    c.onPeerState = [this](const p::PeerState& s) {
      states.push_back(s);
      view[s.instance] = s.liveness;
    };
    c.onCluster = [this](const p::Cluster& cl) { clusters.push_back(cl); };
    HubClient::Options o{std::move(connection), std::move(hello), subscribe, 200ms, updateInterval};
    client = std::make_unique<HubClient>(loop, context, std::move(o), std::move(c));
  }

  bool welcomed() const { return client->welcomed(); }
  std::optional<p::Liveness> liveness(const std::string& instance) const {
    const auto it = view.find(instance);
    return it == view.end() ? std::nullopt : std::optional(it->second);
  }
  bool hasError(const std::string& code) const {
    for (const auto& e : errors)
      if (e.code == code) return true;
    return false;
  }
};

// A raw DEALER to the hub (CURVE when `client` has keys), for bytes a HubClient never sends.
inline zmq::socket_t rawDealer(zmq::context_t& context, const std::string& endpoint,
                               const std::string& hubPublicKey = {},
                               const p::Certificate& client = {}) {
  zmq::socket_t s = agents::makeSocket(context, agents::SocketKind::ControlClient);
  if (!hubPublicKey.empty()) agents::makeCurveClient(s, client, hubPublicKey);
  s.connect(endpoint);
  return s;
}

// Waits up to `timeout` for a decodable control message on a raw DEALER.
inline std::optional<p::ControlMessage> receiveControl(zmq::socket_t& socket,
                                                       std::chrono::milliseconds timeout) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  agents::ReceivedMessage m;
  while (std::chrono::steady_clock::now() < end) {
    zmq::pollitem_t item{socket.handle(), 0, ZMQ_POLLIN, 0};
    zmq::poll(&item, 1, 10ms);
    if (agents::receiveMessage(socket, m, 0, 2) != agents::ReceiveStatus::Message) continue;
    auto decoded = p::decodeControl(m.frames());
    if (decoded) return std::move(decoded).value();
  }
  return std::nullopt;
}

}  // namespace clusterscope::testing
