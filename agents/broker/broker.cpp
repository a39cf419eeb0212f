#include "broker.h"

#include <unistd.h>

#include <cstdio>

#include "advertised_endpoint.h"
#include "socket_setup.h"

namespace clusterscope::agents::broker {

namespace p = protocol;

namespace {

constexpr int kReadBatch = 512;  // messages read per turn before the journal is written
constexpr auto kTickPeriod = std::chrono::milliseconds(50);

std::int64_t unixNowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::unique_ptr<Journal> openJournal(const BrokerOptions& options, Recovery& recovery) {
  if (!options.journal) return nullptr;
  JournalOptions o = *options.journal;
  o.instance = options.instance;
  return Journal::open(o, recovery);
}

CoreSettings coreSettings(const BrokerOptions& options, const Recovery& recovery) {
  CoreSettings s = options.core;
  // Delivery ids start at the start time in ns since the epoch: never reused across restarts.
  s.firstDeliveryId = static_cast<std::uint64_t>(unixNowNs());
  s.firstSeq = recovery.nextSeq;
  return s;
}

// [routing id][header][service][payload?] from views: no Frames vector on the hot path.
SendStatus sendOutgoing(zmq::socket_t& socket, const Outgoing& out) {
  char header[p::kBrokerHeaderBytes];
  p::writeBrokerHeader(out.header, header);
  const std::string_view frames[] = {std::string_view(header, sizeof header), out.service,
                                     out.payload};
  return sendFrames(socket, out.connection, std::span(frames, out.payload.empty() ? 2 : 3));
}

}  // namespace

Broker::Broker(EventLoop& loop, BrokerOptions options)
    : loop_(loop),
      options_(std::move(options)),
      journal_(openJournal(options_, recovery_)),
      core_(coreSettings(options_, recovery_), journal_.get()),
      context_(1) {
  const auto steadyNow = Clock::now();
  const std::int64_t unixNow = unixNowNs();
  for (AcceptRecord& r : recovery_.messages) {
    StoredMessage m;
    m.seq = r.seq;
    m.messageId = r.messageId;
    m.originNs = r.originNs;
    m.acceptedUnixNs = r.acceptedUnixNs;
    // Its age goes on from the wall clock: the monotonic clock of the run that took it is gone.
    m.acceptedAt =
        steadyNow - std::chrono::nanoseconds(std::max<std::int64_t>(0, unixNow - r.acceptedUnixNs));
    m.service = std::move(r.service);
    m.payload = std::move(r.payload);
    m.attempts = r.attempts;
    if (!core_.restore(std::move(m))) {
      throw JournalError(journal_->path() + ": more queues than a broker holds (" +
                         std::to_string(options_.core.maxQueues) + "): not a journal it wrote");
    }
  }
  recovered_ = recovery_.messages.size();
  recovery_.messages.clear();
  recovery_.messages.shrink_to_fit();
}

Broker::~Broker() { stop(); }

void Broker::start() {
  if (started_) return;
  socket_ = makeSocket(context_, SocketKind::BrokerServer);
  endpoint_ = advertisedEndpoint(bindTcp(socket_, options_.bindHost), options_.advertiseHost);
  loop_.watch(socket_, [this] { onReadable(); });
  if (options_.metrics) {
    metrics_ = std::make_unique<MetricsEndpoint>();
    std::string error;
    metricsUrl_ = metrics_->start(options_.bindHost, &error);
    if (metricsUrl_.empty()) throw std::runtime_error("/metrics: " + error);
    metricsUrl_ = advertisedEndpoint(metricsUrl_, options_.advertiseHost);
  }
  startUnixS_ = static_cast<double>(unixNowNs()) / 1e9;

  p::Hello hello;
  hello.role = p::PeerRole::Broker;
  hello.instance = options_.instance;
  hello.language = "c++";
  hello.pid = static_cast<std::int64_t>(::getpid());
  hello.endpoints.broker = endpoint_;
  hello.endpoints.metrics = metricsUrl_;
  HubClient::Callbacks callbacks;
  callbacks.fillReport = [this](p::Report& r) { fillReport(r); };
  callbacks.onCommand = [this](const p::Command& c, CommandReply reply) {
    onCommand(c, std::move(reply));
  };
  callbacks.onError = [this](const p::ErrorMessage& e) {
    if (e.code == "duplicate_instance" || e.code == "bad_version") {
      refused_ =
          "the hub refused this broker: " + e.code + (e.message.empty() ? "" : ": ") + e.message;
      loop_.wake();
    }
  };
  hub_ = std::make_unique<HubClient>(
      loop_, context_, HubClient::Options{options_.hub, std::move(hello)}, std::move(callbacks));
  hub_->start();

  timers_.push_back(loop_.every(kTickPeriod, [this] {
    core_.tick(Clock::now());
    finishTurn();
  }));
  if (metrics_) {
    metrics_->publish(metricsPage());
    timers_.push_back(
        loop_.every(std::chrono::seconds(1), [this] { metrics_->publish(metricsPage()); }));
  }
  if (journal_ && journal_->policy() == SyncPolicy::Periodic) {
    timers_.push_back(loop_.every(std::chrono::seconds(1), [this] { journal_->commit(true); }));
  }
  started_ = true;
  // Messages put back from the journal may have matured already; consumers come later.
  armMaturity();
}

void Broker::stop() {
  if (!started_) return;
  started_ = false;
  for (const auto id : timers_) loop_.cancel(id);
  timers_.clear();
  loop_.cancel(maturityTimer_);
  loop_.cancel(outageTimer_);
  if (hub_) hub_->stop("stopping");
  loop_.unwatch(socket_);
  if (journal_) journal_->commit(true);
  hub_.reset();
  socket_.close();
  metrics_.reset();
}

void Broker::onReadable() {
  for (int i = 0; i < kReadBatch; ++i) {
    const ReceiveStatus status = receiveMessage(socket_, message_, 1, 3);
    if (status == ReceiveStatus::Nothing) break;
    ++stats_.received;
    if (status == ReceiveStatus::NoEnvelope) {
      ++stats_.noEnvelope;
      continue;
    }
    if (status == ReceiveStatus::TooManyFrames) {
      ++stats_.decodeDrops[static_cast<std::size_t>(p::DecodeReason::FrameCount)];
      continue;
    }
    const auto decoded = p::decodeBroker(message_.frames());
    if (!decoded) {
      ++stats_.decodeDrops[static_cast<std::size_t>(decoded.error().reason)];
      continue;
    }
    core_.handle(message_.routingId(), decoded.value(), Clock::now(), unixNowNs());
  }
  finishTurn();
}

void Broker::finishTurn() {
  if (journal_) {
    // The PUBLISH_ACKs in the outbox say "stored": with SyncPolicy::Batch, on the disk.
    journal_->commit(journal_->policy() == SyncPolicy::Batch && core_.acceptsPending() > 0);
    if (journal_->wantsCompaction()) {
      const std::uint64_t failures = journal_->stats().compactionFailures;
      journal_->compact(core_.nextSeq(), core_.storedInOrder());
      if (journal_->stats().compactionFailures != failures) {
        std::fprintf(stderr,
                     "clusterscope-broker: journal compaction failed, still appending: %s\n",
                     journal_->compactionError().c_str());
      }
    }
  }
  core_.outboxTaken();
  sendOutbox();
  armMaturity();
}

void Broker::sendOutbox() {
  // A DELIVER that cannot go is put back (and may go to another consumer): send until the
  // outbox stays empty. Each failure stalls or removes a consumer, so this ends.
  while (!core_.outbox().empty()) {
    sending_.clear();
    sending_.swap(core_.outbox());
    const auto now = Clock::now();
    for (const Outgoing& out : sending_) {
      const SendStatus status = stats_.sends.count(sendOutgoing(socket_, out));
      if (status == SendStatus::WouldBlock || status == SendStatus::Unreachable) {
        core_.sendFailed(
            out, status == SendStatus::WouldBlock ? SendFailure::Full : SendFailure::Gone, now);
      }
    }
  }
}

void Broker::armMaturity() {
  const auto next = core_.nextMaturity();
  if (next == maturityArmed_) return;
  loop_.cancel(maturityTimer_);
  maturityTimer_ = 0;
  maturityArmed_ = next;
  if (!next) return;
  maturityTimer_ = loop_.at(*next, [this] {
    maturityTimer_ = 0;
    maturityArmed_.reset();
    core_.mature(Clock::now());
    finishTurn();
  });
}

void Broker::onCommand(const p::Command& command, CommandReply reply) {
  if (!command.target.empty() && command.target != options_.instance) {
    reply(false, "this process is " + options_.instance + ", not " + command.target);
    return;
  }
  if (std::holds_alternative<p::ResetFaults>(command.what)) {
    recover();  // the only fault a broker carries: its outage
    reply(true);
  } else if (const auto* action = std::get_if<model::Action>(&command.what)) {
    if (action->kind == model::ActionKind::BrokerOutage) {
      outage(action->durationS);
      reply(true);
    } else if (action->kind == model::ActionKind::BrokerRecover) {
      recover();
      reply(true);
    } else {
      reply(false, "unsupported");
    }
  } else {
    reply(false, "unsupported");  // live faults act on agents and edges, not on the broker
  }
  finishTurn();
}

void Broker::outage(double durationS) {
  core_.setUp(false, Clock::now());
  loop_.cancel(outageTimer_);
  outageTimer_ = 0;
  if (durationS > 0) {
    outageTimer_ = loop_.after(
        std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(durationS)),
        [this] {
          outageTimer_ = 0;
          recover();
          finishTurn();
        });
  }
  if (hub_) hub_->reportNow();
}

void Broker::recover() {
  loop_.cancel(outageTimer_);
  outageTimer_ = 0;
  const bool wasDown = !core_.up();
  core_.setUp(true, Clock::now());
  if (wasDown && hub_) hub_->reportNow();
}

void Broker::fillReport(p::Report& report) {
  report.state = model::ReplicaState::Ready;
  report.broker = core_.telemetry(Clock::now());
}

}  // namespace clusterscope::agents::broker
