#include "live_hub.h"

#include <stdexcept>

#include "private_files.h"

namespace clusterscope::testing {

namespace p = agents::protocol;

bool runUntil(agents::EventLoop& loop, const std::function<bool()>& done,
              std::chrono::milliseconds timeout) {
  const auto end = agents::EventLoop::Clock::now() + timeout;
  while (!done()) {
    if (agents::EventLoop::Clock::now() >= end) return false;
    loop.runOnce(std::chrono::milliseconds(5));
  }
  return true;
}

void runFor(agents::EventLoop& loop, std::chrono::milliseconds duration) {
  runUntil(
      loop, [] { return false; }, duration);
}

LiveHub::LiveHub()
    : dir_(tmp_.path().toStdString()), keys_(agents::makeClusterKeys(dir_ + "/keys")) {
  agents::HubOptions o;
  o.serverCertificate = keys_.hub;
  o.allowedKeys = {{keys_.agent.publicKey, p::KeyRole::Agent},
                   {keys_.controller.publicKey, p::KeyRole::Controller}};
  o.metrics = false;
  hub_ = std::make_unique<agents::HubThread>(o);
  hub_->start();
  p::ConnectionInfo info;
  info.hub = hub_->endpoint();
  info.hubPublicKey = keys_.hub.publicKey;
  info.agentCertificate = "keys/agent.key_secret";
  info.controllerCertificate = "keys/controller.key_secret";
  connectionFile_ = dir_ + "/connection.json";
  agents::writeConnectionFile(connectionFile_, info);
}

LiveHub::~LiveHub() { hub_->stop(); }

agents::HubConnection LiveHub::controller() const {
  return {hub_->endpoint(), keys_.hub.publicKey, keys_.controller};
}

Monitor::Monitor(agents::EventLoop& loop, zmq::context_t& context, const LiveHub& hub)
    : loop_(loop) {
  p::Hello hello;
  hello.role = p::PeerRole::Monitor;
  hello.instance = "monitor@test:1";
  agents::HubClient::Callbacks c;
  c.onSnapshot = [this](const agents::HubSnapshot& s) {
    for (const auto& peer : s.peers) {
      livenesses[peer.hello.instance] = peer.liveness;
      hellos[peer.hello.instance] = peer.hello;
      if (peer.report) reports[peer.hello.instance] = *peer.report;
    }
  };
  c.onUpdate = [this](const p::Update& u) { reports[u.instance] = u.report; };
  c.onPeerState = [this](const p::PeerState& s) {
    livenesses[s.instance] = s.liveness;
    if (s.hello) hellos[s.instance] = *s.hello;
  };
  agents::HubClient::Options o{hub.controller(), hello, true, std::chrono::milliseconds(200)};
  client_ = std::make_unique<agents::HubClient>(loop, context, std::move(o), std::move(c));
  client_->start();
}

Monitor::~Monitor() { client_->stop(); }

const p::Report* Monitor::report(const std::string& instance) const {
  const auto it = reports.find(instance);
  return it == reports.end() ? nullptr : &it->second;
}

std::optional<p::Liveness> Monitor::liveness(const std::string& instance) const {
  const auto it = livenesses.find(instance);
  return it == livenesses.end() ? std::nullopt : std::optional(it->second);
}

const p::Hello* Monitor::hello(const std::string& instance) const {
  const auto it = hellos.find(instance);
  return it == hellos.end() ? nullptr : &it->second;
}

bool Monitor::waitReady(const std::string& instance, std::chrono::milliseconds timeout) {
  return runUntil(
      loop_,
      [&] {
        const p::Report* r = report(instance);
        return r && r->state == model::ReplicaState::Ready;
      },
      timeout);
}

std::optional<p::CommandResult> Monitor::command(p::Command command,
                                                 std::chrono::milliseconds timeout) {
  runUntil(
      loop_, [&] { return client_->welcomed(); }, timeout);
  std::optional<p::CommandResult> result;
  client_->sendCommand(
      std::move(command), [&](const p::CommandResult& r) { result = r; }, timeout);
  runUntil(
      loop_, [&] { return result.has_value(); }, timeout + std::chrono::seconds(1));
  return result;
}

}  // namespace clusterscope::testing
