// clusterscope-cli monitor [ENDPOINT]: follows a hub's stream (docs/protocol.md, SUBSCRIBE) into
// a ClusterView and shows, each second, every service and replica: a table on a terminal, or
// one JSON line per second (--json) for scripts.

#include <unistd.h>

#include <cstdio>

#include "cli_commands.h"
#include "cli_shared.h"
#include "cluster_view.h"
#include "hub_client.h"
#include "hub_session.h"
#include "live_commands.h"
#include "live_table.h"
#include "printable_text.h"

namespace clusterscope::cli {

namespace {

namespace cv = agents::cluster_view;
namespace p = agents::protocol;
using namespace std::chrono_literals;

// Feeds everything a HubClient follows into a view.
agents::HubClient::Callbacks feeding(cv::ClusterView& view) {
  agents::HubClient::Callbacks c;
  auto now = [] { return cv::Clock::now(); };
  c.onWelcome = [&view, now](const p::Welcome& w) { view.apply(w, now()); };
  c.onSnapshot = [&view, now](const agents::HubSnapshot& s) {
    view.apply(p::Snapshot{s.seq, 1, 1, s.cluster, s.peers}, now());
  };
  c.onUpdate = [&view, now](const p::Update& u) { view.apply(u, now()); };
  c.onPeerState = [&view, now](const p::PeerState& s) { view.apply(s, now()); };
  c.onCluster = [&view, now](const p::Cluster& cl) { view.apply(cl, now()); };
  return c;
}

}  // namespace

int commandMonitor(const CliOptions& o, std::ostream& out, std::ostream& err) {
  agents::EventLoop loop;
  int stoppedBy = 0;  // -1: no hub
  bool stop = false;
  // Before any thread exists: ZeroMQ's threads inherit the blocked signals.
  SignalWatch signals(loop, [&](int) { stop = true; });
  const HubAddress address{o.live.endpoint, o.live.keysDir, o.live.connectionFile};
  agents::HubConnection connection;
  try {
    connection = resolveHub(address);
  } catch (const std::exception& e) {
    err << kProgram << engine::printableText(e.what()) << "\n";
    return kExitClaimFailed;
  }
  zmq::context_t context(1);
  const auto timeout = std::chrono::milliseconds(static_cast<long>(o.live.timeoutS * 1000));
  const ProbeOutcome probe = probeHub(context, connection, timeout);
  if (probe.result != ProbeOutcome::Result::Accepted) {
    err << kProgram << engine::printableText(probe.message) << "\n";
    return kExitClaimFailed;
  }
  const bool terminal = ::isatty(STDOUT_FILENO) == 1 && !o.live.json;
  if (!o.live.json) {
    err << u8(CliText::tr("monitoring %1 (Ctrl-C stops)")
                  .arg(qs(engine::printableText(describeHub(address, connection)))))
        << "\n";
  }

  cv::ClusterView view;
  agents::HubClient client(loop, context,
                           {connection, monitorHello("monitor"), true,
                            std::chrono::milliseconds{1000}, agents::kIntervalMonitorUpdates},
                           feeding(view));
  client.start();
  int refreshes = 0;
  const auto started = cv::Clock::now();
  loop.every(1s, [&] {
    const auto now = cv::Clock::now();
    view.closeInterval(now);
    if (!client.welcomed() && now - started > timeout && refreshes == 0) {
      err << kProgram << notWelcomed(connection.endpoint, o.live.timeoutS) << "\n";
      stop = true;
      stoppedBy = -1;
      return;
    }
    const LiveTable table = makeLiveTable(view, now);
    if (o.live.json) {
      out << liveTableJson(table) << "\n";
    } else {
      // A terminal gets the table redrawn in place; a pipe gets one table after another.
      out << (terminal ? "\033[H\033[2J" : "") << formatLiveTable(table) << (terminal ? "" : "\n");
    }
    out.flush();
    if (o.live.count && ++refreshes >= o.live.count) stop = true;
  });
  loop.run([&] { return !stop; });
  client.stop("monitor stopping");
  // Ctrl-C is how a monitor is meant to end.
  return stoppedBy < 0 ? kExitClaimFailed : kExitOk;
}

}  // namespace clusterscope::cli
