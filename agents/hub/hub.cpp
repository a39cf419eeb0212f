#include "hub.h"

#include <cstdio>
#include <random>
#include <stdexcept>

#include "control_codec.h"
#include "control_policy.h"
#include "curve_keys.h"
#include "socket_setup.h"

namespace clusterscope::agents {

namespace p = protocol;
using namespace std::chrono_literals;

namespace {

// Messages handled per readable turn, so the liveness sweep still runs under a flood.
constexpr int kMaxMessagesPerTurn = 512;
// Connections remembered for the one-ERROR-a-second rule; beyond, new ones get no ERROR.
constexpr std::size_t kMaxErrorEntries = 65536;
constexpr auto kErrorInterval = 1s;
constexpr auto kTick = 10ms;
constexpr std::size_t kMaxErrorText = 512;

std::string randomHubId() {
  std::random_device random;
  char text[16];
  std::snprintf(text, sizeof text, "hub-%08x", static_cast<unsigned>(random()));
  return text;
}

void check(bool ok, const std::string& what) {
  if (!ok) throw std::runtime_error(what);
}

}  // namespace

const char* hubDropName(HubDrop drop) {
  switch (drop) {
    case HubDrop::NotAllowed:
      return "not_allowed";
    case HubDrop::UnknownPeer:
      return "unknown_peer";
    case HubDrop::DuplicateInstance:
      return "duplicate_instance";
    case HubDrop::TooManyPeers:
      return "too_many_peers";
    case HubDrop::UnexpectedResult:
      return "unexpected_result";
    case HubDrop::IgnoredNotice:
      return "ignored_notice";
    case HubDrop::BadUserId:
      return "bad_user_id";
    case HubDrop::NoEnvelope:
      return "no_envelope";
  }
  return "?";
}

std::uint64_t HubStats::drops() const {
  std::uint64_t n = 0;
  for (auto v : decodeDrops) n += v;
  for (auto v : hubDrops) n += v;
  return n;
}

Hub::Hub(EventLoop& loop, HubOptions options) : loop_(loop), options_(std::move(options)) {}

Hub::~Hub() { stop(); }

void Hub::start() {
  if (running_) return;
  const auto& o = options_;
  check(o.reportInterval >= 10ms && o.reportInterval <= 600000ms,
        "the report interval must be from 10 ms to 600000 ms");
  check(o.reportInterval < o.suspectAfter && o.suspectAfter < o.downAfter,
        "the report interval, suspect and down delays must increase in that order");
  check(o.commandTimeout > 0ms, "the command timeout must be positive");
  if (o.curve) {
    check(curveAvailable(), "this libzmq has no CURVE: run with --no-curve or another libzmq");
    check(p::isZ85Key(o.serverCertificate.secretKey) && p::isZ85Key(o.serverCertificate.publicKey),
          "a CURVE hub needs its key pair (the hub's secret certificate)");
    check(!o.allowedKeys.empty(),
          "a CURVE hub needs at least one allowed client key (agent or controller)");
  }
  context_ = std::make_unique<zmq::context_t>(1);
  if (o.curve) {
    // Bound before the CURVE socket binds: libzmq consults a ZAP handler only if one exists.
    zap_ = std::make_unique<ZapHandler>(*context_);
    for (const auto& [key, role] : o.allowedKeys) {
      check(zap_->allow(key, role), "not a Z85 public key: \"" + key + "\"");
    }
  }
  control_ = makeSocket(*context_, SocketKind::HubControl);
  if (o.curve) makeCurveServer(control_, o.serverCertificate, kControlZapDomain);
  endpoint_ = bindTcp(control_, o.bindHost, o.port);
  if (o.telemetryPub) {
    telemetry_ = makeSocket(*context_, SocketKind::TelemetryPub);
    telemetryEndpoint_ = bindTcp(telemetry_, o.bindHost);
  }
  hubId_ = o.hubId.empty() ? randomHubId() : o.hubId;
  startUnixS_ = unixNowS();
  // ROUTES versions start at the start time in ms, so that a restarted hub's are, in
  // practice, above the previous run's too (processes compare them within one run anyway).
  routesVersion_ = static_cast<std::uint64_t>(startUnixS_ * 1000);
  // The ids of forwarded commands start at the start time in µs (below 2^53 until the year
  // 2255): a late answer to a previous run's command cannot match one of this run's.
  nextCommandId_ = static_cast<std::uint64_t>(startUnixS_ * 1e6);
  routes_ = {};
  loop_.watch(control_, [this] { onControlReadable(); });
  if (zap_) loop_.watch(zap_->socket(), [this] { zap_->handlePending(); });
  timers_.push_back(loop_.every(kTick, [this] { tick(); }));
  if (o.metrics) {
    metrics_ = std::make_unique<MetricsEndpoint>();
    std::string error;
    metricsUrl_ = metrics_->start(o.bindHost, &error);
    check(!metricsUrl_.empty(), error);
    publishMetrics();
    timers_.push_back(loop_.every(1s, [this] { publishMetrics(); }));
  }
  running_ = true;
}

void Hub::stop() {
  for (auto id : timers_) loop_.cancel(id);
  timers_.clear();
  for (auto& [key, command] : commands_) loop_.cancel(command.timer);
  commands_.clear();
  commandOf_.clear();
  if (control_) {
    loop_.unwatch(control_);
    control_.close();
  }
  if (zap_) {
    loop_.unwatch(zap_->socket());
    zap_.reset();
  }
  if (telemetry_) telemetry_.close();
  metrics_.reset();
  context_.reset();  // every socket is closed with LINGER 0: this never waits
  running_ = false;
}

void Hub::onControlReadable() {
  for (int i = 0; i < kMaxMessagesPerTurn; ++i) {
    const ReceiveStatus status = receiveMessage(control_, message_, 1, p::kMaxControlFrames);
    if (status == ReceiveStatus::Nothing) break;
    if (status == ReceiveStatus::NoEnvelope) {
      drop(HubDrop::NoEnvelope);
    } else if (status == ReceiveStatus::TooManyFrames) {
      ++stats_.decodeDrops[static_cast<std::size_t>(p::DecodeReason::FrameCount)];
      sendError(std::string(message_.routingId()), "malformed",
                "frame_count: a control message has 2 frames, got " +
                    std::to_string(message_.frameCount()));
    } else {
      handle(message_);
    }
  }
}

void Hub::handle(const ReceivedMessage& m) {
  const std::string connection(m.routingId());
  auto decoded = p::decodeControl(m.frames());
  if (!decoded) {
    const p::DecodeError& e = decoded.error();
    ++stats_.decodeDrops[static_cast<std::size_t>(e.reason)];
    std::string text = std::string(p::decodeReasonName(e.reason)) + ": " + e.message;
    if (text.size() > kMaxErrorText) text.resize(kMaxErrorText);
    // A joined controller's command refused for its content (a misspelt action key): its
    // COMMAND_RESULT says why at once, rather than a timeout 5 s later.
    const auto id = p::refusedCommandId(m.frames());
    if (id && p::keyRoleFromUserId(m.userId()) == p::KeyRole::Controller &&
        peers_.byConnection(connection)) {
      ++stats_.commandsRefused;
      sendTo(connection, p::CommandResult{*id, false, text});
      return;
    }
    if (e.reason == p::DecodeReason::BadVersion) {
      sendError(connection, "bad_version", text);
      if (Peer* peer = peers_.byConnection(connection)) leave(*peer, "protocol version refused");
    } else {
      sendError(connection, "malformed", text);
    }
    return;
  }
  const auto key = p::keyRoleFromUserId(m.userId());
  if (!key) return drop(HubDrop::BadUserId);
  p::ControlMessage& message = decoded.value();
  const p::ControlType type = p::controlTypeOf(message);
  ++stats_.received[static_cast<std::size_t>(type)];
  if (!p::maySendToHub(*key, type)) {
    drop(HubDrop::NotAllowed);
    return sendError(connection, "not_allowed",
                     std::string(p::controlTypeName(type)) + " is not allowed with this key");
  }
  if (auto* hello = std::get_if<p::Hello>(&message)) return onHello(connection, *key, *hello);
  Peer* peer = peers_.byConnection(connection);
  if (!peer) {
    drop(HubDrop::UnknownPeer);
    return sendError(connection, "unknown_peer", "say HELLO first");
  }
  if (auto* report = std::get_if<p::Report>(&message)) {
    return onReport(*peer, *report, m.frames()[1]);
  }
  if (auto* bye = std::get_if<p::Bye>(&message)) return onBye(*peer, *bye);
  if (auto* subscribe = std::get_if<p::Subscribe>(&message)) {
    return onSubscribe(connection, *subscribe);
  }
  if (auto* cluster = std::get_if<p::Cluster>(&message)) return onCluster(*cluster);
  if (auto* command = std::get_if<p::Command>(&message)) return onCommand(connection, *command);
  if (auto* result = std::get_if<p::CommandResult>(&message)) {
    return onCommandResult(connection, *result);
  }
  if (auto* notice = std::get_if<p::PeerState>(&message)) return onExitNotice(*peer, *notice);
}

SendStatus Hub::sendFramesTo(const std::string& connection, const p::Frames& frames,
                             p::ControlType type) {
  const SendStatus status = stats_.sends.count(sendFrames(control_, connection, frames));
  if (status == SendStatus::Sent) ++stats_.sent[static_cast<std::size_t>(type)];
  return status;
}

SendStatus Hub::sendTo(const std::string& connection, const p::ControlMessage& message) {
  return sendFramesTo(connection, p::encodeControl(message), p::controlTypeOf(message));
}

void Hub::sendError(const std::string& connection, const std::string& code,
                    const std::string& message) {
  const auto now = Clock::now();
  auto [it, fresh] = lastError_.try_emplace(connection, now);
  if (!fresh && now - it->second < kErrorInterval) {
    ++stats_.errorsSuppressed;
    return;
  }
  if (fresh && lastError_.size() > kMaxErrorEntries) {
    lastError_.erase(it);
    ++stats_.errorsSuppressed;
    return;
  }
  it->second = now;
  ++stats_.errorsSent;
  sendTo(connection, p::ErrorMessage{code, message});
}

double Hub::unixNowS() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void Hub::drop(HubDrop reason) { ++stats_.hubDrops[static_cast<std::size_t>(reason)]; }

void Hub::tick() {
  const auto now = Clock::now();
  flushHeld(now);
  sweepLiveness(now);
  if (routesDirty_ && now - routesSentAt_ >= kRoutesMinGap) updateRoutes(now);
  if (now - lastPrune_ >= kErrorInterval) {
    lastPrune_ = now;
    std::erase_if(lastError_, [&](const auto& e) { return now - e.second >= kErrorInterval; });
  }
}

const HubStats& Hub::stats() {
  if (zap_) stats_.zap = zap_->stats();
  return stats_;
}

void Hub::publishMetrics() {
  if (metrics_) metrics_->publish(metricsPage());
}

}  // namespace clusterscope::agents
