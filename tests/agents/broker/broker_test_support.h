#pragma once

#include <sys/prctl.h>
#include <sys/wait.h>

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <memory>
#include <optional>
#include <set>

#include "broker_frames.h"
#include "hub_test_support.h"
#include "private_files.h"

// What the broker's process tests share: child processes that die with the test and are
// killed and reaped when their object goes; a hub on a thread of the test with fresh keys and a
// connection file; clusterscope-broker started from that file, its banner read; and a DEALER on
// the async plane that speaks for a publisher or a consumer.

namespace clusterscope::testing {

// A child process. PR_SET_PDEATHSIG makes the kernel SIGKILL it if the test dies (a CTest
// timeout included); the destructor SIGKILLs and reaps it, so no test leaves one behind. A
// child that writes much gets `outputFile` for its stdout: a pipe nobody drains would fill and
// stop it.
class Child {
 public:
  Child(const QString& program, const QStringList& args, const QString& outputFile = {})
      : outputFile_(outputFile) {
    process_.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    if (!outputFile.isEmpty()) process_.setStandardOutputFile(outputFile);
    process_.start(program, args);
    process_.waitForStarted(5000);
  }
  ~Child() { stop(SIGKILL); }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  bool running() const { return process_.state() == QProcess::Running; }
  pid_t pid() const { return static_cast<pid_t>(process_.processId()); }
  // Sends `signal` and waits for the exit. Returns the exit status, or -signal when killed.
  int stop(int signal = SIGTERM, int waitMs = 10000) {
    if (process_.state() == QProcess::NotRunning) return exitCode();
    ::kill(pid(), signal);
    if (!process_.waitForFinished(waitMs)) {
      ::kill(pid(), SIGKILL);
      process_.waitForFinished(5000);
    }
    drain();
    return exitCode();
  }
  int exitCode() const {
    return process_.exitStatus() == QProcess::NormalExit ? process_.exitCode() : -SIGKILL;
  }
  // Everything it wrote so far (reads what is waiting, never blocks).
  const QString& out() {
    drain();
    return out_;
  }
  const QString& err() {
    drain();
    return err_;
  }
  // Waits until its stdout contains `text`.
  bool waitForOutput(const QString& text, std::chrono::milliseconds timeout = 10000ms) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (!out().contains(text)) {
      if (std::chrono::steady_clock::now() >= end || process_.state() != QProcess::Running) {
        return out().contains(text);
      }
      process_.waitForReadyRead(20);
    }
    return true;
  }

 private:
  void drain() {
    // QProcess moves what the pipes hold into its buffers only inside its waitFor calls.
    while (process_.state() == QProcess::Running && process_.waitForReadyRead(0)) {
    }
    if (!outputFile_.isEmpty()) {
      QFile file(outputFile_);
      if (file.open(QIODevice::ReadOnly)) out_ = QString::fromUtf8(file.readAll());
    } else {
      out_ += QString::fromUtf8(process_.readAllStandardOutput());
    }
    err_ += QString::fromUtf8(process_.readAllStandardError());
  }
  QString outputFile_;
  QProcess process_;
  QString out_;
  QString err_;
};

// The processes this test process has not reaped: none may be left after a test.
inline int childProcesses() {
  int n = 0;
  const QString self = QString::number(::getpid());
  for (const QString& entry : QDir("/proc").entryList(QDir::Dirs)) {
    QFile stat("/proc/" + entry + "/stat");
    if (!stat.open(QIODevice::ReadOnly)) continue;
    const QString text = QString::fromUtf8(stat.readAll());
    const QStringList after = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (after.size() > 1 && after[1] == self) ++n;
  }
  return n;
}

// A hub on a thread of the test, with keys and a connection file that the broker and the
// Python agent read, and a monitor and a controller of the test's own.
struct HubRig {
  Keys keys;
  HubThread hub{keys.hubOptions()};
  zmq::context_t context;
  EventLoop loop;
  std::string connectionFile;
  std::unique_ptr<Peer> monitor;

  HubRig() {
    hub.start();
    p::ConnectionInfo info;
    info.hub = hub.endpoint();
    info.hubPublicKey = keys.keys.hub.publicKey;
    info.agentCertificate = keys.dir.path().toStdString() + "/keys/agent.key_secret";
    info.controllerCertificate = keys.dir.path().toStdString() + "/keys/controller.key_secret";
    connectionFile = keys.dir.path().toStdString() + "/run/connection.json";
    agents::writeConnectionFile(connectionFile, info);
    monitor =
        std::make_unique<Peer>(loop, context, keys.connection(hub.endpoint(), keys.keys.controller),
                               roleHello(p::PeerRole::Monitor, "monitor@test:1"), true);
    monitor->client->start();
  }
  ~HubRig() {
    monitor->client->stop();
    monitor.reset();
  }

  // The latest broker report the monitor has seen.
  std::optional<p::BrokerTelemetry> brokerReport() const {
    for (auto it = monitor->updates.rbegin(); it != monitor->updates.rend(); ++it) {
      if (it->report.broker) return it->report.broker;
    }
    return std::nullopt;
  }
  std::optional<p::QueueTelemetry> queue(const std::string& service) const {
    const auto report = brokerReport();
    if (!report) return std::nullopt;
    for (const auto& q : report->queues) {
      if (q.service == service) return q;
    }
    return std::nullopt;
  }
  // Sends a COMMAND as the controller (the monitor's key is a controller's) and waits.
  std::optional<p::CommandResult> command(
      std::variant<model::Action, p::Fault, p::ResetFaults> what, const std::string& target = {},
      std::chrono::milliseconds timeout = 6000ms) {
    p::Command c;
    c.what = std::move(what);
    c.target = target;
    std::optional<p::CommandResult> result;
    monitor->client->sendCommand(c, [&](const p::CommandResult& r) { result = r; });
    runUntil(
        loop, [&] { return result.has_value(); }, timeout);
    return result;
  }
  // The launcher's notice that a child exited, so a restarted process may take its instance.
  void exited(const std::string& instance, pid_t pid) {
    hub.call([&](agents::Hub& h) {
      return h.processExited(instance, pid, "process exited (signal 9)");
    });
  }
};

// clusterscope-broker started against a HubRig; its banner read.
struct BrokerProcess {
  std::unique_ptr<Child> child;
  std::string endpoint;
  std::string metricsUrl;
  QString banner;

  BrokerProcess(const HubRig& rig, QStringList extra = {}) {
    child = std::make_unique<Child>(
        CLUSTERSCOPE_BROKER_PATH,
        QStringList{"--connection", QString::fromStdString(rig.connectionFile)} + extra);
    child->waitForOutput("  hub ");
    banner = child->out();
    const auto e = QRegularExpression(R"(listening on (tcp://\S+))").match(banner);
    const auto m = QRegularExpression(R"(metrics +(http://\S+))").match(banner);
    if (e.hasMatch()) endpoint = e.captured(1).toStdString();
    if (m.hasMatch()) metricsUrl = m.captured(1).toStdString();
  }
  bool ok() const { return !endpoint.empty(); }
};

// A DEALER on the async plane: what a publisher or a consumer sends, and what it receives.
struct AsyncPeer {
  zmq::socket_t socket;
  std::vector<p::BrokerHeader> received;
  std::vector<std::string> payloads;  // of DELIVERs, in order

  AsyncPeer(zmq::context_t& context, const std::string& endpoint)
      : socket(agents::makeSocket(context, agents::SocketKind::BrokerClient)) {
    socket.connect(endpoint);
  }
  bool send(p::BrokerType type, std::string_view service, std::uint64_t id = 0,
            std::uint32_t credit = 0, std::string_view payload = {}, std::uint8_t flags = 0) {
    p::BrokerHeader h;
    h.type = type;
    h.id = id;
    h.credit = credit;
    h.flags = flags;
    if (type == p::BrokerType::Publish) h.originNs = 1;
    return agents::sendFrames(socket, {}, p::encodeBroker(h, service, payload)) ==
           agents::SendStatus::Sent;
  }
  // Reads what has arrived; returns how many messages.
  int poll() {
    agents::ReceivedMessage m;
    int n = 0;
    while (agents::receiveMessage(socket, m, 0, 3) != agents::ReceiveStatus::Nothing) {
      const auto d = p::decodeBroker(m.frames());
      if (!d) continue;
      received.push_back(d->header);
      if (d->header.type == p::BrokerType::Deliver) payloads.emplace_back(d->payload);
      ++n;
    }
    return n;
  }
  std::vector<p::BrokerHeader> of(p::BrokerType type) const {
    std::vector<p::BrokerHeader> out;
    for (const auto& h : received) {
      if (h.type == type) out.push_back(h);
    }
    return out;
  }
  // Waits (running `loop`) until at least `n` messages of `type` have arrived.
  bool waitFor(EventLoop& loop, p::BrokerType type, std::size_t n,
               std::chrono::milliseconds timeout = 5000ms) {
    return runUntil(
        loop, [&] { return (poll(), of(type).size() >= n); }, timeout);
  }
};

// The messages a broker_test_consumer said it received and acknowledged.
struct ConsumerLog {
  std::multiset<std::uint64_t> delivered;
  std::set<std::uint64_t> acked;
  std::map<std::uint64_t, int> maxAttempt;
  std::vector<std::uint64_t> holding() const {  // delivered, not acknowledged
    std::vector<std::uint64_t> out;
    for (const auto id : delivered)
      if (!acked.count(id)) out.push_back(id);
    return out;
  }
};

inline ConsumerLog consumerLog(const QString& out) {
  ConsumerLog log;
  for (const QString& line : out.split('\n')) {
    const QStringList f = line.split(' ');
    if (f.size() < 3) continue;
    const std::uint64_t id = f[1].toULongLong();
    const int attempt = f[2].toInt();
    if (f[0] == "deliver") {
      log.delivered.insert(id);
      log.maxAttempt[id] = std::max(log.maxAttempt[id], attempt);
    } else if (f[0] == "ack") {
      log.acked.insert(id);
    }
  }
  return log;
}

}  // namespace clusterscope::testing
