// The hub's /metrics page (Prometheus text 0.0.4): peers by role and liveness, messages in and
// out by type, drops by reason, subscribers, commands, the ZAP handler's answers.

#include "hub.h"
#include "prometheus_text.h"

namespace clusterscope::agents {

namespace p = protocol;

namespace {

constexpr p::PeerRole kRoles[] = {p::PeerRole::Agent, p::PeerRole::Broker, p::PeerRole::Loadgen,
                                  p::PeerRole::Launcher, p::PeerRole::Monitor};
constexpr p::Liveness kLiveness[] = {p::Liveness::Joined, p::Liveness::Suspect, p::Liveness::Down,
                                     p::Liveness::Left};

double value(std::uint64_t v) { return static_cast<double>(v); }

// The types a hub receives, and those it sends.
constexpr p::ControlType kIn[] = {p::ControlType::Hello,         p::ControlType::Report,
                                  p::ControlType::Bye,           p::ControlType::Cluster,
                                  p::ControlType::Subscribe,     p::ControlType::Command,
                                  p::ControlType::CommandResult, p::ControlType::PeerState};
constexpr p::ControlType kOut[] = {
    p::ControlType::Welcome, p::ControlType::Error,         p::ControlType::Snapshot,
    p::ControlType::Update,  p::ControlType::PeerState,     p::ControlType::Cluster,
    p::ControlType::Command, p::ControlType::CommandResult, p::ControlType::Routes};

std::string typeLabel(p::ControlType type) {
  std::string name = p::controlTypeName(type);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

}  // namespace

std::string Hub::metricsPage() {
  const HubStats& s = stats();
  PrometheusText page;
  for (p::PeerRole role : kRoles) {
    for (p::Liveness liveness : kLiveness) {
      std::size_t n = 0;
      for (const auto& [instance, peer] : peers_.peers()) {
        n += peer.hello.role == role && peer.liveness == liveness ? 1 : 0;
      }
      page.gauge("clusterscope_hub_peers", "Peers the hub holds, by role and liveness.",
                 static_cast<double>(n),
                 {{"role", p::peerRoleName(role)}, {"liveness", p::livenessName(liveness)}});
    }
  }
  page.gauge("clusterscope_hub_subscribers", "Monitors following the stream.",
             static_cast<double>(subscribers_.size()));
  for (p::ControlType type : kIn) {
    page.counter("clusterscope_hub_messages_received_total",
                 "Control messages received and decoded, by type.",
                 value(s.received[static_cast<std::size_t>(type)]), {{"type", typeLabel(type)}});
  }
  for (p::ControlType type : kOut) {
    page.counter("clusterscope_hub_messages_sent_total", "Control messages sent, by type.",
                 value(s.sent[static_cast<std::size_t>(type)]), {{"type", typeLabel(type)}});
  }
  const std::pair<const char*, std::uint64_t> sendDrops[] = {{"would_block", s.sends.wouldBlock},
                                                             {"unreachable", s.sends.unreachable},
                                                             {"failed", s.sends.failed}};
  for (const auto& [reason, n] : sendDrops) {
    page.counter("clusterscope_hub_send_drops_total",
                 "Messages the hub could not send: a full pipe, a vanished peer.", value(n),
                 {{"reason", reason}});
  }
  const char* dropHelp = "Incoming messages dropped: refused by the decoder or by the hub.";
  for (int r = 0; r < p::kDecodeReasonCount; ++r) {
    page.counter("clusterscope_hub_dropped_messages_total", dropHelp, value(s.decodeDrops[r]),
                 {{"reason", p::decodeReasonName(static_cast<p::DecodeReason>(r))}});
  }
  for (int d = 0; d < kHubDropCount; ++d) {
    page.counter("clusterscope_hub_dropped_messages_total", dropHelp, value(s.hubDrops[d]),
                 {{"reason", hubDropName(static_cast<HubDrop>(d))}});
  }
  page.counter("clusterscope_hub_errors_sent_total", "ERROR messages sent.", value(s.errorsSent));
  page.counter("clusterscope_hub_errors_suppressed_total",
               "ERROR messages not sent: at most one per connection per second.",
               value(s.errorsSuppressed));
  page.counter("clusterscope_hub_reports_lost_total", "Reports missing from sequence gaps.",
               value(s.reportsLost));
  page.counter("clusterscope_hub_updates_relayed_total", "Reports relayed to subscribers.",
               value(s.updatesRelayed));
  page.counter("clusterscope_hub_updates_merged_total",
               "Reports not relayed: a newer one from the same peer came within half an interval.",
               value(s.updatesMerged));
  page.counter("clusterscope_hub_routes_changes_total", "ROUTES versions sent.",
               value(s.routesChanges));
  const std::pair<const char*, std::uint64_t> outcomes[] = {{"ok", s.commandsOk},
                                                            {"failed", s.commandsFailed},
                                                            {"timeout", s.commandsTimedOut},
                                                            {"refused", s.commandsRefused}};
  for (const auto& [outcome, n] : outcomes) {
    page.counter("clusterscope_hub_commands_total", "Commands answered, by outcome.", value(n),
                 {{"outcome", outcome}});
  }
  page.gauge("clusterscope_hub_commands_in_flight", "Commands waiting for their executors.",
             static_cast<double>(commands_.size()));
  const std::pair<const char*, std::uint64_t> zap[] = {
      {"accepted", s.zap.accepted}, {"refused", s.zap.refused}, {"malformed", s.zap.malformed}};
  for (const auto& [result, n] : zap) {
    page.counter("clusterscope_hub_zap_requests_total",
                 "CURVE clients the ZAP handler answered, by result.", value(n),
                 {{"result", result}});
  }
  page.gauge("clusterscope_hub_start_time_seconds", "When the hub started, Unix time.",
             startUnixS_);
  return page.text();
}

}  // namespace clusterscope::agents
