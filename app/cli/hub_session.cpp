#include "hub_session.h"

#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>
#include <zmq.h>

#include <atomic>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "cli_text.h"
#include "curve_keys.h"
#include "private_files.h"
#include "socket_setup.h"

namespace clusterscope::cli {

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

sigset_t watchedSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  return set;
}

}  // namespace

agents::HubConnection resolveHub(const HubAddress& address) {
  if (!address.endpoint.empty()) {
    if (address.keysDir.empty()) return agents::plainConnection(address.endpoint);
    const fs::path dir(address.keysDir);
    // The hub's public certificate; its secret one also holds the public key.
    fs::path hubKey = dir / (std::string(agents::kHubKeyName) + ".key");
    if (!fs::exists(hubKey)) hubKey = dir / (std::string(agents::kHubKeyName) + ".key_secret");
    return agents::curveConnection(
        address.endpoint, hubKey.string(),
        (dir / (std::string(agents::kControllerKeyName) + ".key_secret")).string());
  }
  const std::string file =
      address.connectionFile.empty() ? agents::defaultConnectionFilePath() : address.connectionFile;
  if (address.connectionFile.empty() && !fs::exists(file)) {
    throw std::runtime_error(
        u8(CliText::tr("no connection file at %1: launch a cluster (clusterscope-cli launch) or "
                       "start a hub (clusterscope-hub), or give ENDPOINT or --connection FILE")
               .arg(qs(file))));
  }
  return agents::connectionFromFile(file, agents::protocol::KeyRole::Controller);
}

std::string describeHub(const HubAddress& address, const agents::HubConnection& connection) {
  if (!address.endpoint.empty()) {
    return u8(
        address.keysDir.empty()
            ? CliText::tr("%1 (no CURVE)").arg(qs(connection.endpoint))
            : CliText::tr("%1 (keys from %2)").arg(qs(connection.endpoint), qs(address.keysDir)));
  }
  const std::string file =
      address.connectionFile.empty() ? agents::defaultConnectionFilePath() : address.connectionFile;
  return u8(CliText::tr("%1 (from %2)").arg(qs(connection.endpoint), qs(file)));
}

ProbeOutcome probeHub(zmq::context_t& context, const agents::HubConnection& connection,
                      std::chrono::milliseconds timeout) {
  static std::atomic<int> probes{0};
  zmq::socket_t socket = agents::makeSocket(context, agents::SocketKind::ControlClient);
  if (connection.curve()) {
    agents::makeCurveClient(socket, connection.certificate, connection.hubPublicKey);
  }
  const std::string monitorEndpoint = "inproc://clusterscope-probe-" + std::to_string(++probes);
  if (zmq_socket_monitor(socket.handle(), monitorEndpoint.c_str(), ZMQ_EVENT_ALL) != 0) {
    return {ProbeOutcome::Result::NoAnswer,
            u8(CliText::tr("cannot watch the connection: %1")
                   .arg(QString::fromLocal8Bit(zmq_strerror(zmq_errno()))))};
  }
  zmq::socket_t monitor(context, zmq::socket_type::pair);
  monitor.set(zmq::sockopt::linger, 0);
  monitor.connect(monitorEndpoint);
  socket.connect(connection.endpoint);

  ProbeOutcome outcome;
  bool connected = false;
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (outcome.result == ProbeOutcome::Result::NoAnswer) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        end - std::chrono::steady_clock::now());
    if (left <= 0ms) break;
    zmq::pollitem_t item{monitor.handle(), 0, ZMQ_POLLIN, 0};
    if (zmq_poll(&item, 1, static_cast<long>(left.count())) <= 0) continue;
    zmq::message_t event, address;
    if (!monitor.recv(event, zmq::recv_flags::dontwait) || event.size() < 6) continue;
    if (event.more()) (void)monitor.recv(address, zmq::recv_flags::dontwait);
    std::uint16_t id = 0;
    std::uint32_t value = 0;
    std::memcpy(&id, event.data(), 2);
    std::memcpy(&value, static_cast<const char*>(event.data()) + 2, 4);
    if (id == ZMQ_EVENT_CONNECTED) connected = true;
    if (id == ZMQ_EVENT_HANDSHAKE_SUCCEEDED) outcome.result = ProbeOutcome::Result::Accepted;
    if (id == ZMQ_EVENT_HANDSHAKE_FAILED_AUTH) {
      outcome.result = ProbeOutcome::Result::Refused;
      outcome.message =
          u8(CliText::tr("the hub at %1 refused our key (CURVE status %2): it does not let this "
                         "controller key in; use the keys of the running cluster (its connection "
                         "file) or its key directory")
                 .arg(qs(connection.endpoint), QString::number(value)));
    }
  }
  zmq_socket_monitor(socket.handle(), nullptr, 0);
  if (outcome.result == ProbeOutcome::Result::NoAnswer) {
    const auto seconds = std::chrono::duration<double>(timeout).count();
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", seconds);
    outcome.message = u8(
        (connected ? CliText::tr("no CURVE handshake with %1 within %2 s: the hub's public key is "
                                 "not the one given, or it is not a ClusterScope hub")
                   : CliText::tr("nothing answers at %1 (waited %2 s): is the hub running?"))
            .arg(qs(connection.endpoint), QLatin1String(text)));
  }
  return outcome;
}

std::string notWelcomed(const std::string& endpoint, double timeoutS) {
  return u8(CliText::tr("the hub at %1 did not welcome us within %2 s")
                .arg(qs(endpoint), plainNumber(timeoutS)));
}

agents::protocol::Hello monitorHello(const std::string& what) {
  agents::protocol::Hello hello;
  hello.role = agents::protocol::PeerRole::Monitor;
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0 || !host[0]) std::strcpy(host, "host");
  std::string name = host;
  // An instance id allows fewer characters than a host name may hold.
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') c = '_';
  }
  hello.instance = what + "@" + name.substr(0, 64) + ":" + std::to_string(::getpid());
  hello.pid = ::getpid();
  hello.language = "c++";
  return hello;
}

SignalWatch::SignalWatch(agents::EventLoop& loop, std::function<void(int)> onSignal)
    : loop_(loop), onSignal_(std::move(onSignal)) {
  const sigset_t set = watchedSignals();
  pthread_sigmask(SIG_BLOCK, &set, &previous_);
  fd_ = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
  if (fd_ < 0) throw std::runtime_error(std::string("signalfd: ") + std::strerror(errno));
  loop_.watchFd(fd_, [this] {
    signalfd_siginfo info{};
    while (::read(fd_, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
      onSignal_(static_cast<int>(info.ssi_signo));
    }
  });
}

SignalWatch::~SignalWatch() {
  loop_.unwatchFd(fd_);
  signalfd_siginfo info{};
  while (::read(fd_, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
  }
  ::close(fd_);
  pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

}  // namespace clusterscope::cli
