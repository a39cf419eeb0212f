#include "hub_client.h"

#include <algorithm>

#include "control_codec.h"
#include "socket_setup.h"

namespace clusterscope::agents {

namespace p = protocol;
using namespace std::chrono_literals;

namespace {

constexpr auto kMaxHelloRetry = 5000ms;
constexpr auto kByeLinger = 250ms;
// A snapshot that has not come whole this long after SUBSCRIBE lost a part at the hub's
// high-water mark (with no later message to show it): subscribe again.
constexpr auto kSnapshotWait = 5000ms;
// Messages handled per readable turn, so timers (reports) still run under a flood.
constexpr int kMaxMessagesPerTurn = 256;

std::int64_t monotonicNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             EventLoop::Clock::now().time_since_epoch())
      .count();
}

}  // namespace

void CommandReply::operator()(bool ok, const std::string& error) const {
  if (*done_) return;
  *done_ = true;
  const auto shared = client_.lock();
  if (!shared || !shared->client) return;
  shared->client->send(p::CommandResult{id_, ok, ok ? std::string() : error});
}

HubClient::HubClient(EventLoop& loop, zmq::context_t& context, Options options, Callbacks callbacks)
    : loop_(loop),
      socket_(makeSocket(context, SocketKind::ControlClient)),
      options_(std::move(options)),
      callbacks_(std::move(callbacks)),
      self_(std::make_shared<CommandReply::Shared>(CommandReply::Shared{this})) {
  if (options_.connection.curve()) {
    makeCurveClient(socket_, options_.connection.certificate, options_.connection.hubPublicKey);
  }
}

HubClient::~HubClient() {
  self_->client = nullptr;
  cancelTimers();
  for (auto& [id, pending] : pending_) loop_.cancel(pending.timer);
  if (started_) loop_.unwatch(socket_);
}

void HubClient::start() {
  if (started_) return;
  started_ = true;
  socket_.connect(options_.connection.endpoint);
  loop_.watch(socket_, [this] { onReadable(); });
  helloDelay_ = options_.helloRetry;
  sayHello();
}

void HubClient::stop(const std::string& reason) {
  if (!started_) return;
  send(p::Bye{reason});
  cancelTimers();
  failPending("stopped");
  loop_.unwatch(socket_);
  // The BYE is only in the socket's pipe yet, and LINGER 0 would discard it with the
  // connection: give it a short, bounded time to leave (disconnect itself never blocks).
  socket_.set(zmq::sockopt::linger, static_cast<int>(kByeLinger.count()));
  try {
    socket_.disconnect(options_.connection.endpoint);
  } catch (const zmq::error_t&) {
    // Never connected (ENOENT): nothing to undo.
  }
  socket_.set(zmq::sockopt::linger, 0);
  started_ = false;
  welcomed_ = false;
  stream_.reset();
}

void HubClient::cancelTimers() {
  loop_.cancel(reportTimer_);
  loop_.cancel(helloTimer_);
  loop_.cancel(snapshotTimer_);
  reportTimer_ = helloTimer_ = snapshotTimer_ = 0;
}

bool HubClient::send(const p::ControlMessage& message) {
  const SendStatus status = stats_.sends.count(sendFrames(socket_, {}, p::encodeControl(message)));
  if (status != SendStatus::Sent) return false;
  ++stats_.sent[static_cast<std::size_t>(p::controlTypeOf(message))];
  return true;
}

void HubClient::sayHello() {
  ++stats_.hellos;
  send(options_.hello);
  scheduleHelloRetry();
}

void HubClient::scheduleHelloRetry() {
  loop_.cancel(helloTimer_);
  helloTimer_ = loop_.after(helloDelay_, [this] {
    helloTimer_ = 0;
    if (welcomed_ || !started_) return;
    // While the hub is away every HELLO waits in the pipe: back off so few pile up.
    helloDelay_ = std::min<std::chrono::milliseconds>(helloDelay_ * 2, kMaxHelloRetry);
    sayHello();
  });
}

void HubClient::setHello(p::Hello hello) {
  options_.hello = std::move(hello);
  if (started_) sayHello();
}

void HubClient::subscribe() {
  ++stats_.subscriptions;
  stream_.restart();
  send(p::Subscribe{options_.updateInterval.count()});
  loop_.cancel(snapshotTimer_);
  snapshotTimer_ = loop_.after(kSnapshotWait, [this] {
    snapshotTimer_ = 0;
    if (started_ && welcomed_ && !stream_.following()) {
      ++stats_.streamGaps;
      subscribe();
    }
  });
}

void HubClient::sendReport() {
  if (reportsPaused_) return;
  p::Report report;
  report.state = model::ReplicaState::Ready;
  if (callbacks_.fillReport) callbacks_.fillReport(report);
  report.seq = ++reportSeq_;
  report.timeNs = monotonicNs();
  send(report);
}

void HubClient::reportNow() {
  if (welcomed_) sendReport();
}

void HubClient::onReadable() {
  for (int i = 0; i < kMaxMessagesPerTurn; ++i) {
    const ReceiveStatus status = receiveMessage(socket_, message_, 0, p::kMaxControlFrames);
    if (status == ReceiveStatus::Nothing) return;
    if (status != ReceiveStatus::Message) {
      ++stats_.decodeErrors[static_cast<std::size_t>(p::DecodeReason::FrameCount)];
      continue;
    }
    auto decoded = p::decodeControl(message_.frames());
    if (!decoded) {
      ++stats_.decodeErrors[static_cast<std::size_t>(decoded.error().reason)];
      continue;
    }
    ++stats_.received[static_cast<std::size_t>(p::controlTypeOf(decoded.value()))];
    handle(decoded.value());
    if (!started_) return;  // a callback stopped the client
  }
}

void HubClient::handle(p::ControlMessage& message) {
  if (auto* m = std::get_if<p::Welcome>(&message)) return onWelcome(*m);
  if (auto* m = std::get_if<p::ErrorMessage>(&message)) return onError(*m);
  if (auto* m = std::get_if<p::Routes>(&message)) return onRoutes(*m);
  if (auto* m = std::get_if<p::Command>(&message)) return onCommand(*m);
  if (auto* m = std::get_if<p::CommandResult>(&message)) return onCommandResult(*m);
  if (auto* m = std::get_if<p::Snapshot>(&message)) {
    if (accepted(stream_.onSnapshotPart(std::move(*m)), StreamFollower::Verdict::Complete) &&
        callbacks_.onSnapshot) {
      callbacks_.onSnapshot(stream_.takeSnapshot());
    }
    return;
  }
  if (auto* m = std::get_if<p::Update>(&message)) return onStream(message, m->seq);
  if (auto* m = std::get_if<p::PeerState>(&message)) return onStream(message, m->seq);
  if (auto* m = std::get_if<p::Cluster>(&message)) return onStream(message, m->seq);
  // Anything else (HELLO, REPORT, ...) is not for a process to receive: decoded, ignored.
}

void HubClient::onWelcome(const p::Welcome& welcome) {
  const bool newHub = welcome.hub != welcome_.hub;
  if (newHub && !welcome_.hub.empty()) ++stats_.hubChanges;
  // A restarted hub numbers its ROUTES afresh: versions compare only within one hub run.
  if (newHub) routesVersion_.reset();
  const bool newInterval = welcome.reportIntervalMs != welcome_.reportIntervalMs;
  welcome_ = welcome;
  welcomed_ = true;
  loop_.cancel(helloTimer_);
  helloTimer_ = 0;
  helloDelay_ = options_.helloRetry;
  if (newInterval || reportTimer_ == 0) {
    loop_.cancel(reportTimer_);
    reportTimer_ = loop_.every(std::chrono::milliseconds(welcome.reportIntervalMs), [this] {
      if (welcomed_) sendReport();  // while joining again, reports would only be refused
    });
  }
  // The first report at once: it is what makes the hub see the process as alive.
  sendReport();
  if (plan_) send(p::Cluster{*plan_, 0});
  if (options_.subscribe) subscribe();
  if (callbacks_.onWelcome) callbacks_.onWelcome(welcome_);
}

void HubClient::onError(const p::ErrorMessage& error) {
  if (error.code == "unknown_peer") {
    // The hub restarted, or this is a new connection: join again at once.
    welcomed_ = false;
    stream_.reset();
    helloDelay_ = options_.helloRetry;
    sayHello();
  }
  if (callbacks_.onError) callbacks_.onError(error);
}

void HubClient::onRoutes(const p::Routes& routes) {
  if (routesVersion_ && routes.version < *routesVersion_) {
    ++stats_.staleRoutes;
    return;
  }
  routesVersion_ = routes.version;
  if (callbacks_.onRoutes) callbacks_.onRoutes(routes);
}

void HubClient::onCommand(const p::Command& command) {
  CommandReply reply(self_, command.id);
  if (!callbacks_.onCommand) return reply(false, "unsupported");
  callbacks_.onCommand(command, reply);
}

void HubClient::onCommandResult(const p::CommandResult& result) {
  finishCommand(result.id, result);
}

bool HubClient::accepted(StreamFollower::Verdict verdict, StreamFollower::Verdict wanted) {
  if (verdict == StreamFollower::Verdict::Resubscribe) {
    ++stats_.streamGaps;
    subscribe();
  }
  return verdict == wanted;
}

void HubClient::onStream(p::ControlMessage& message, std::uint64_t seq) {
  if (!accepted(stream_.onStream(seq), StreamFollower::Verdict::Deliver)) return;
  if (auto* m = std::get_if<p::Update>(&message)) {
    if (callbacks_.onUpdate) callbacks_.onUpdate(*m);
  } else if (auto* s = std::get_if<p::PeerState>(&message)) {
    if (callbacks_.onPeerState) callbacks_.onPeerState(*s);
  } else if (auto* c = std::get_if<p::Cluster>(&message)) {
    if (callbacks_.onCluster) callbacks_.onCluster(*c);
  }
}

std::uint64_t HubClient::sendCommand(p::Command command, ResultHandler handler,
                                     std::chrono::milliseconds timeout) {
  const std::uint64_t id = nextCommandId_++;
  command.id = id;
  if (!welcomed_) {
    handler(p::CommandResult{id, false, "not connected"});
    return id;
  }
  if (!send(command)) {
    handler(p::CommandResult{id, false, "send queue full"});
    return id;
  }
  Pending& pending = pending_[id];
  pending.handler = std::move(handler);
  pending.timer = loop_.after(timeout, [this, id] {
    ++stats_.commandTimeouts;
    finishCommand(id, p::CommandResult{id, false, "timeout"});
  });
  return id;
}

void HubClient::finishCommand(std::uint64_t id, const p::CommandResult& result) {
  const auto it = pending_.find(id);
  if (it == pending_.end()) return;  // answered already, timed out, or not ours
  Pending pending = std::move(it->second);
  pending_.erase(it);
  loop_.cancel(pending.timer);
  pending.handler(result);
}

void HubClient::failPending(const std::string& why) {
  while (!pending_.empty()) {
    const std::uint64_t id = pending_.begin()->first;
    finishCommand(id, p::CommandResult{id, false, why});
  }
}

void HubClient::setClusterPlan(p::ClusterPlan plan) {
  plan_ = std::move(plan);
  if (welcomed_) send(p::Cluster{*plan_, 0});
}

bool HubClient::notifyExited(const std::string& instance, std::int64_t pid,
                             const std::string& reason) {
  if (!welcomed_) return false;
  p::PeerState notice;
  notice.instance = instance;
  notice.liveness = p::Liveness::Down;
  notice.reason = reason;
  notice.pid = pid;
  return send(notice);
}

}  // namespace clusterscope::agents
