#include "live_table.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "cli_text.h"

namespace clusterscope::cli {

namespace {

namespace cv = agents::cluster_view;
namespace p = agents::protocol;

std::string stateName(model::ReplicaState state) {
  // A peer that left on purpose is gone from the cluster: say how.
  return state == model::ReplicaState::Removed ? "left" : model::replicaStateName(state);
}

Figures figuresOf(const cv::PeerInterval& i) {
  Figures f;
  f.arrivalRps = i.arrivalRps;
  f.throughputRps = i.throughputRps;
  f.failedRps = i.failedRps;
  const double finished = i.throughputRps + i.failedRps;
  f.failedRatio = finished > 0 ? i.failedRps / finished : 0.0;
  f.p50Ms = i.p50Ms;
  f.p95Ms = i.p95Ms;
  f.p99Ms = i.p99Ms;
  return f;
}

Figures figuresOf(const model::ComponentView& c) {
  Figures f;
  f.arrivalRps = c.arrivalRps;
  f.throughputRps = c.throughputRps;
  f.failedRatio = c.failedRatio;
  f.failedRps = c.failedRatio < 1 ? c.throughputRps * c.failedRatio / (1 - c.failedRatio) : 0.0;
  f.p50Ms = c.p50Ms;
  f.p95Ms = c.p95Ms;
  f.p99Ms = c.p99Ms;
  return f;
}

// Replicas first by number; among processes of one number the live one first.
bool rowBefore(const ReplicaRow& a, const ReplicaRow& b) {
  if (a.replica != b.replica) return a.replica < b.replica;
  return (a.state != "down" && a.state != "left") && (b.state == "down" || b.state == "left");
}

nlohmann::json figuresJson(const Figures& f) {
  return {{"arrival_rps", f.arrivalRps},
          {"throughput_rps", f.throughputRps},
          {"failed_rps", f.failedRps},
          {"failed_ratio", f.failedRatio},
          {"p50_ms", f.p50Ms},
          {"p95_ms", f.p95Ms},
          {"p99_ms", f.p99Ms}};
}

// A state as the table shows it, in the user's language (the JSON keeps the English word).
std::string stateText(const std::string& state) {
  static const struct {
    const char* source;
    const char* comment;
  } kStates[] = {QT_TRANSLATE_NOOP3("CliText", "pending", "replica state"),
                 QT_TRANSLATE_NOOP3("CliText", "starting", "replica state"),
                 QT_TRANSLATE_NOOP3("CliText", "ready", "replica state"),
                 QT_TRANSLATE_NOOP3("CliText", "draining", "replica state"),
                 QT_TRANSLATE_NOOP3("CliText", "down", "replica state"),
                 QT_TRANSLATE_NOOP3("CliText", "removed", "replica state"),
                 QT_TRANSLATE_NOOP3("CliText", "suspect", "replica state"),
                 QT_TRANSLATE_NOOP3("CliText", "left", "replica state")};
  for (const auto& known : kStates) {
    if (state == known.source) return u8(CliText::tr(known.source, known.comment));
  }
  return state;
}

// A column of the table: `text` padded to `width` characters (not bytes: French has accents),
// on the left or on the right; longer text is kept whole, as printf's %-9s does.
std::string cell(const QString& text, int width, bool left = true) {
  return u8(left ? text.leftJustified(width) : text.rightJustified(width));
}
std::string cell(const std::string& text, int width, bool left = true) {
  return cell(qs(text), width, left);
}

std::string fixed(double v, int decimals = 1) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, v);
  return text;
}

}  // namespace

LiveTable makeLiveTable(const cv::ClusterView& view, cv::Instant now) {
  LiveTable t;
  const model::ClusterSnapshot snap = view.snapshot(now);
  const model::ClusterLayout& layout = view.layout();
  t.timeS = static_cast<double>(view.clusterTime(now)) / 1e9;
  t.hub = view.stream().hub;
  t.scenario = view.description().name;
  t.requests.arrivalRps = snap.arrivalRateRps;
  t.requests.throughputRps = snap.throughputRps;
  t.requests.failedRatio = snap.failedRatio;
  t.requests.failedRps =
      snap.failedRatio < 1 ? snap.throughputRps * snap.failedRatio / (1 - snap.failedRatio) : 0;
  t.requests.p50Ms = snap.p50Ms;
  t.requests.p95Ms = snap.p95Ms;
  t.requests.p99Ms = snap.p99Ms;
  t.inFlight = snap.requestsInFlight;
  t.brokerUp = snap.brokerUp;
  t.brokerBacklog = snap.brokerBacklog;
  t.brokerLagMs = snap.brokerLagMs;

  // A monolith of several modules has no figures of its own: its replicas' are added up.
  std::vector<bool> addUp(layout.deployments.size(), false);
  for (std::size_t d = 0; d < layout.deployments.size(); ++d) {
    const auto& dep = layout.deployments[d];
    addUp[d] = dep.components.size() != 1;
    ServiceRow s;
    s.name = dep.name;
    if (view.plan() && d < view.plan()->replicas.size()) {
      s.planned = static_cast<int>(view.plan()->replicas[d]);
    }
    if (dep.components.size() == 1) {
      s.figures = figuresOf(snap.components[static_cast<std::size_t>(dep.components[0])]);
    }
    if (d < snap.deployments.size()) {
      s.backlog = snap.deployments[d].backlog;
      // Planned replicas nobody has taken yet.
      for (const auto& r : snap.deployments[d].replicas) {
        if (r.state != model::ReplicaState::Pending) continue;
        ReplicaRow row;
        row.instance = dep.name + "#" + std::to_string(r.index);
        row.replica = r.index;
        row.state = "pending";
        s.replicas.push_back(row);
      }
    }
    t.services.push_back(std::move(s));
  }

  for (const cv::PeerHealth& peer : view.peers(now)) {
    const p::Hello& h = peer.hello;
    if (peer.deployment < 0 || static_cast<std::size_t>(peer.deployment) >= t.services.size()) {
      if (h.role == p::PeerRole::Broker && peer.liveness != p::Liveness::Left) t.broker = true;
      t.others.push_back({h.instance, p::peerRoleName(h.role), stateName(peer.state), h.pid});
      continue;
    }
    ServiceRow& s = t.services[static_cast<std::size_t>(peer.deployment)];
    ReplicaRow row;
    row.instance = h.instance;
    row.replica = h.replica;
    row.state = stateName(peer.state);
    row.liveness = p::livenessName(peer.liveness);
    row.reason = peer.reason;
    row.node = h.node;
    row.pid = h.pid;
    row.language = h.language;
    row.figures = figuresOf(peer.lastInterval);
    row.workers = layout.deployments[static_cast<std::size_t>(peer.deployment)].workersPerReplica;
    if (peer.sinceLastReport.count() >= 0) {
      row.sinceReportS = std::chrono::duration<double>(peer.sinceLastReport).count();
    }
    const bool live = peer.liveness == p::Liveness::Joined || peer.liveness == p::Liveness::Suspect;
    if (live) {
      for (const auto& r : snap.deployments[static_cast<std::size_t>(peer.deployment)].replicas) {
        if (r.index != h.replica) continue;
        row.queued = r.queued;
        row.busy = r.busyWorkers;
        row.slowFactor = r.slowFactor;
      }
    }
    if (row.state == "ready") ++s.ready;
    s.queued += row.queued;
    s.replicas.push_back(std::move(row));
  }
  for (std::size_t d = 0; d < t.services.size(); ++d) {
    ServiceRow& s = t.services[d];
    std::stable_sort(s.replicas.begin(), s.replicas.end(), rowBefore);
    if (addUp[d]) {
      for (const ReplicaRow& r : s.replicas) {
        s.figures.arrivalRps += r.figures.arrivalRps;
        s.figures.throughputRps += r.figures.throughputRps;
        s.figures.failedRps += r.figures.failedRps;
        s.figures.p95Ms = std::max(s.figures.p95Ms, r.figures.p95Ms);
      }
    }
  }
  return t;
}

std::string formatLiveTable(const LiveTable& t) {
  std::string out;
  char line[256];
  out +=
      u8(CliText::tr("%1  hub %2  t %3 s")
             .arg(t.scenario.empty() ? CliText::tr("(no plan)") : qs(t.scenario),
                  t.hub.empty() ? CliText::tr("(not connected)") : qs(t.hub), qs(fixed(t.timeS)))) +
      "\n";
  out += u8(CliText::tr("requests  %1/s  p50 %2  p95 %3  p99 %4 ms  failed %5 %  in flight %6")
                .arg(qs(fixed(t.requests.throughputRps)), qs(fixed(t.requests.p50Ms)),
                     qs(fixed(t.requests.p95Ms)), qs(fixed(t.requests.p99Ms)),
                     qs(fixed(t.requests.failedRatio * 100, 2)), QString::number(t.inFlight))) +
         "\n\n";
  // The headings that are words are translated; the figures' (p50ms, PID) are the same.
  out += cell(CliText::tr("SERVICE / REPLICA", "monitor's heading"), 22) + " " +
         cell(CliText::tr("STATE", "monitor's heading"), 9) + " " +
         cell(CliText::tr("NODE", "monitor's heading"), 8) + " " + cell(QString("PID"), 7, false) +
         " " + cell(QString("LANG"), 7) + " " +
         cell(CliText::tr("RATE/s", "monitor's heading"), 8, false) + " " +
         cell(QString("P50ms"), 7, false) + " " + cell(QString("P95ms"), 7, false) + " " +
         cell(QString("P99ms"), 7, false) + " " + cell(QString("ERR/s"), 7, false) + " " +
         cell(CliText::tr("QUEUE", "monitor's heading"), 5, false) + " " +
         cell(CliText::tr("BUSY", "monitor's heading"), 5, false) + "\n";
  for (const ServiceRow& s : t.services) {
    const std::string ready =
        cell(CliText::tr("%1/%2 ready")
                 .arg(QString::number(s.ready),
                      QString::number(s.planned ? s.planned : int(s.replicas.size()))),
             9);
    std::snprintf(line, sizeof line,
                  "%-22s %s %-8s %7s %-7s %8.1f %7.1f %7.1f %7.1f %7.1f %5d %5s\n", s.name.c_str(),
                  ready.c_str(), "", "", "", s.figures.throughputRps, s.figures.p50Ms,
                  s.figures.p95Ms, s.figures.p99Ms, s.figures.failedRps, s.queued,
                  s.backlog ? ("+" + std::to_string(s.backlog)).c_str() : "");
    out += line;
    for (const ReplicaRow& r : s.replicas) {
      std::snprintf(line, sizeof line,
                    "  #%-19d %s %-8.8s %7s %-7.7s %8.1f %7.1f %7.1f %7.1f %7.1f %5d %5d\n",
                    r.replica, cell(stateText(r.state), 9).c_str(), r.node.c_str(),
                    r.pid ? std::to_string(r.pid).c_str() : "", r.language.c_str(),
                    r.figures.throughputRps, r.figures.p50Ms, r.figures.p95Ms, r.figures.p99Ms,
                    r.figures.failedRps, r.queued, r.busy);
      out += line;
    }
  }
  if (t.broker) {
    out += cell(std::string("broker"), 22) + " " +
           cell(t.brokerUp ? CliText::tr("up", "the broker") : CliText::tr("OUTAGE", "the broker"),
                9) +
           " " +
           u8(CliText::tr("backlog %1, oldest %2 ms")
                  .arg(QString::number(t.brokerBacklog), qs(fixed(t.brokerLagMs, 0)))) +
           "\n";
  }
  for (const OtherRow& o : t.others) {
    if (o.role == "broker" || o.role == "monitor") continue;
    std::snprintf(line, sizeof line, "%-22s %s %-8s %7s\n", o.instance.c_str(),
                  cell(stateText(o.state), 9).c_str(), "",
                  o.pid ? std::to_string(o.pid).c_str() : "");
    out += line;
  }
  return out;
}

std::string liveTableJson(const LiveTable& t) {
  nlohmann::json j;
  j["time_s"] = t.timeS;
  j["hub"] = t.hub;
  j["scenario"] = t.scenario;
  j["requests"] = figuresJson(t.requests);
  j["requests"]["in_flight"] = t.inFlight;
  j["services"] = nlohmann::json::object();
  for (const ServiceRow& s : t.services) {
    nlohmann::json service = figuresJson(s.figures);
    service["ready"] = s.ready;
    service["planned"] = s.planned;
    service["queued"] = s.queued;
    service["backlog"] = s.backlog;
    service["replicas"] = nlohmann::json::array();
    for (const ReplicaRow& r : s.replicas) {
      nlohmann::json row = figuresJson(r.figures);
      row["instance"] = r.instance;
      row["replica"] = r.replica;
      row["state"] = r.state;
      row["liveness"] = r.liveness;
      row["reason"] = r.reason;
      row["node"] = r.node;
      row["pid"] = r.pid;
      row["language"] = r.language;
      row["queued"] = r.queued;
      row["busy"] = r.busy;
      row["workers"] = r.workers;
      row["slow_factor"] = r.slowFactor;
      row["since_report_s"] = r.sinceReportS;
      service["replicas"].push_back(std::move(row));
    }
    j["services"][s.name] = std::move(service);
  }
  j["broker"] = t.broker ? nlohmann::json{{"up", t.brokerUp},
                                          {"backlog", t.brokerBacklog},
                                          {"lag_ms", t.brokerLagMs}}
                         : nlohmann::json(nullptr);
  j["processes"] = nlohmann::json::array();
  for (const OtherRow& o : t.others) {
    j["processes"].push_back(
        {{"instance", o.instance}, {"role", o.role}, {"state", o.state}, {"pid", o.pid}});
  }
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string liveStatusLine(const LiveTable& t, double durationS) {
  int ready = 0, total = 0;
  for (const ServiceRow& s : t.services) {
    ready += s.ready;
    total += s.planned ? s.planned : static_cast<int>(s.replicas.size());
  }
  std::string line =
      u8(CliText::tr("%1 s  %2 req/s  p95 %3 ms  failed %4 %  %5/%6 ready")
             .arg(qs(fixed(t.timeS, 0) + (durationS > 0 ? "/" + fixed(durationS, 0) : "")),
                  qs(fixed(t.requests.throughputRps)), qs(fixed(t.requests.p95Ms)),
                  qs(fixed(t.requests.failedRatio * 100)), QString::number(ready),
                  QString::number(total)));
  if (t.broker) {
    line += u8(CliText::tr("  backlog %1").arg(QString::number(t.brokerBacklog)));
  }
  return line;
}

}  // namespace clusterscope::cli
