#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <zmq.hpp>

#include "event_loop.h"
#include "hub_connection.h"

// What the live commands (launch, monitor, inject) share: how `monitor` and `inject` find a
// hub and its keys, a check of the CURVE handshake that says plainly why a hub refuses us, and
// signals read on the event loop.

namespace clusterscope::cli {

// Where a hub is, as the command line said: an endpoint (with --keys DIR for a CURVE hub), a
// connection file, or neither (the default connection file).
struct HubAddress {
  std::string endpoint;        // "tcp://127.0.0.1:40000"; empty: from the connection file
  std::string keysDir;         // with endpoint: DIR/hub.key and DIR/controller.key_secret
  std::string connectionFile;  // empty: agents::defaultConnectionFilePath()
};

// The controller's connection to that hub. Throws std::runtime_error saying what is missing
// or wrong (no connection file, a key file that cannot be read).
agents::HubConnection resolveHub(const HubAddress& address);
// "tcp://127.0.0.1:40000 (from /run/user/1000/clusterscope/connection.json)"
std::string describeHub(const HubAddress& address, const agents::HubConnection& connection);

// The CURVE handshake with a hub, watched through a socket monitor: accepted, refused (its ZAP
// handler does not list our key), or no handshake within `timeout` (nothing listening, or a
// peer that is not this hub: a wrong hub key fails silently). A hub without CURVE is
// accepted as soon as the connection is made.
struct ProbeOutcome {
  enum class Result { Accepted, Refused, NoAnswer };
  Result result = Result::NoAnswer;
  std::string message;  // for the user, when not accepted
};
ProbeOutcome probeHub(zmq::context_t& context, const agents::HubConnection& connection,
                      std::chrono::milliseconds timeout);
// "the hub at ENDPOINT did not welcome us within S s": connected, but no WELCOME came.
std::string notWelcomed(const std::string& endpoint, double timeoutS);

// SIGINT, SIGTERM and SIGHUP read from a signalfd on `loop` instead of ending the process.
// Construct it before any thread starts (a ZeroMQ context's first socket, a hub): threads
// inherit the blocked mask, so the signal can only come through here. Restores the mask and
// discards what is pending of them when destroyed. One thread.
class SignalWatch {
 public:
  SignalWatch(agents::EventLoop& loop, std::function<void(int signal)> onSignal);
  ~SignalWatch();
  SignalWatch(const SignalWatch&) = delete;
  SignalWatch& operator=(const SignalWatch&) = delete;

 private:
  agents::EventLoop& loop_;
  int fd_ = -1;
  std::function<void(int)> onSignal_;
  sigset_t previous_{};
};

// The HELLO of a monitor-role connection: instance "<what>@<host>:<pid>".
agents::protocol::Hello monitorHello(const std::string& what);

// The exit status of a command ended by `signal` (128 + its number, as shells report it).
inline int exitStatusForSignal(int signal) { return 128 + signal; }

}  // namespace clusterscope::cli
