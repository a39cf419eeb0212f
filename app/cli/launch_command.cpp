// clusterscope-cli launch FILE: the scenario on real local processes (agents/launcher), watched
// through the hub's stream (agents/cluster_view) and summed up by the report library's own
// observers, so that the summary JSON, the CSV and the claims are those `run` gives.

#include <signal.h>

#include <cstdio>
#include <set>

#include "claim_tracker.h"
#include "cli_commands.h"
#include "cli_shared.h"
#include "cluster_view.h"
#include "hub_session.h"
#include "interval_csv.h"
#include "launcher.h"
#include "live_commands.h"
#include "live_table.h"
#include "printable_text.h"
#include "question_tracker.h"
#include "run_summary.h"
#include "scenario_run.h"
#include "sim_time.h"
#include "summary_json.h"
#include "text_report.h"

namespace clusterscope::cli {

namespace {

namespace cv = agents::cluster_view;
namespace ln = agents::launcher;
using agents::EventLoop;
using Instant = EventLoop::Clock::time_point;
using namespace std::chrono_literals;

ln::LaunchSettings settingsFor(const CliOptions& o, engine::Scenario scenario) {
  ln::LaunchSettings s;
  s.scenario = std::move(scenario);
  s.external = {o.live.external.begin(), o.live.external.end()};
  s.bindHost = o.live.bind;
  s.connectionFile = o.live.connectionFile;
  s.logDir = o.live.logDir;
  s.programs = {ln::splitCommand(o.live.agentProgram), ln::splitCommand(o.live.brokerProgram),
                ln::splitCommand(o.live.loadgenProgram), /*pythonAgent: the default*/ {}};
  s.load = !o.live.noLoad;
  s.netns = o.live.netns;
  s.telemetryPub = o.live.telemetry;
  s.untilStopped = o.live.keep;
  s.readyTimeout = std::chrono::milliseconds(static_cast<long>(o.live.readyTimeoutS * 1000));
  return s;
}

class LaunchRun {
 public:
  LaunchRun(const CliOptions& o, engine::Scenario scenario, Outputs outputs, std::ostream& out,
            std::ostream& err, bool showProgress)
      : o_(o),
        scenario_(std::move(scenario)),
        outputs_(std::move(outputs)),
        out_(out),
        err_(err),
        terminal_(showProgress && !o.quiet && !o.noProgress),
        signals_(loop_, [this](int signal) { onSignal(signal); }),
        view_({std::chrono::duration_cast<cv::Clock::duration>(
                   std::chrono::duration<double>(scenario_.intervalS)),
               agents::protocol::kMaxItems}),
        collector_(engine::secondsToSim(scenario_.warmupS)),
        claims_(scenario_),
        questions_(scenario_) {
    if (outputs_.csv) csv_.emplace(outputs_.csv->stream());
  }

  int run() {
    ln::LauncherEvents events;
    events.progress = [this](const ln::LaunchProgress& p) { onProgress(p); };
    events.process = [this](const ln::ProcessEvent& e) { onProcess(e); };
    events.action = [this](const ln::ActionEvent& e) { onAction(e); };
    events.stream = [this](const agents::protocol::ControlMessage& m, Instant now) {
      view_.apply(m, now);
    };
    events.trafficStarted = [this](Instant t) { onTrafficStarted(t); };
    events.durationReached = [this](Instant t) { finish(t); };
    events.stopped = [this](const ln::LaunchResult& r) {
      result_ = r;
      stopped_ = true;
    };
    launcher_.emplace(loop_, settingsFor(o_, scenario_), std::move(events));
    const auto began = std::chrono::steady_clock::now();
    try {
      launcher_->start();
    } catch (const std::exception& e) {
      err_ << kProgram << engine::printableText(e.what()) << "\n";
      return kExitInvalidInput;
    }
    began_ = began;
    const ln::LaunchInfo& info = launcher_->info();
    if (!o_.quiet) {
      // Each line's label is padded in the translation, so that the values line up.
      out_ << "hub         " << info.hubEndpoint;
      if (!info.hubMetricsUrl.empty()) {
        out_ << u8(CliText::tr("  (metrics %1)").arg(qs(info.hubMetricsUrl)));
      }
      out_ << "\n"
           << u8(CliText::tr("connection  %1").arg(qs(engine::printableText(info.connectionFile))))
           << "\n";
      if (!info.telemetryEndpoint.empty()) {
        out_ << u8(CliText::tr("telemetry   %1").arg(qs(info.telemetryEndpoint))) << "\n";
      }
      if (!info.bridge.empty()) {
        out_ << u8(CliText::tr("bridge      %1  %2").arg(qs(info.bridge), qs(info.subnet))) << "\n";
      }
      for (const ln::NodeNamespace& n : info.namespaces) {
        out_ << u8(CliText::tr("node        %1: namespace %2  %3  link %4")
                       .arg(qs(engine::printableText(n.node)), qs(n.name), qs(n.address),
                            qs(n.link)))
             << "\n";
      }
      for (const std::string& e : o_.live.external) {
        out_ << u8(CliText::tr("external    %1: start its replicas with --connection %2")
                       .arg(qs(engine::printableText(e)),
                            qs(engine::printableText(info.connectionFile))))
             << "\n";
      }
      out_.flush();
    }
    statusTimer_ = loop_.every(1s, [this] { showStatus(); });
    loop_.run([this] { return !stopped_; });
    loop_.cancel(statusTimer_);
    clearStatus();
    if (!result_.ok) {
      err_ << kProgram
           << u8(CliText::tr("launch failed: %1").arg(qs(engine::printableText(result_.error))))
           << "\n";
      if (!o_.live.logDir.empty()) {
        err_ << u8(CliText::tr("  each process's output: %1")
                       .arg(qs(engine::printableText(o_.live.logDir))))
             << "\n";
      }
      return kExitInvalidInput;
    }
    if (!finished_) {
      err_ << kProgram
           << u8(CliText::tr("interrupted: every process was stopped; no summary written")) << "\n";
      return exitStatusForSignal(signal_ ? signal_ : SIGTERM);
    }
    return status_;
  }

 private:
  void onSignal(int signal) {
    if (!launcher_) return;
    if (signal_ == 0) {
      signal_ = signal;
      say(u8(signal == SIGINT
                 ? CliText::tr("stopping every process (Ctrl-C; again to kill them at once)")
                 : CliText::tr("stopping every process (signal; again to kill them at once)")));
      launcher_->stop("interrupted");
    } else {
      launcher_->kill();
    }
  }

  void onProgress(const ln::LaunchProgress& p) {
    if (p.phase == ln::LaunchPhase::Starting) {
      progressLine_ =
          u8(CliText::tr("starting: %1/%2 started, %3/%4 ready  %5")
                 .arg(QString::number(p.started), QString::number(p.toStart),
                      QString::number(p.ready), QString::number(p.awaited), qs(p.message)));
      showStatus();
    }
  }

  void onProcess(const ln::ProcessEvent& e) {
    if (e.kind != ln::ProcessEvent::Kind::Exited) return;
    const ln::LaunchPhase phase = launcher_->phase();
    if (phase != ln::LaunchPhase::Running && phase != ln::LaunchPhase::Finished) return;
    const QString pid = QString::number(e.process.pid);
    say(at() + u8((e.expected ? CliText::tr("%1 (pid %2) %3")
                              : CliText::tr("%1 (pid %2) %3: not asked for"))
                      .arg(qs(e.process.instance), pid, qs(e.reason))));
  }

  void onAction(const ln::ActionEvent& e) {
    // The launcher names who asked: the scenario's timeline, or a command through the hub.
    const QString source = e.source == "timeline"  ? CliText::tr("timeline")
                           : e.source == "command" ? CliText::tr("command")
                                                   : qs(e.source);
    say(at() +
        u8(e.ok ? CliText::tr("%1: %2", "who did an action: what").arg(source, qs(e.description))
                : CliText::tr("%1: %2: FAILED: %3").arg(source, qs(e.description), qs(e.error))));
  }

  void onTrafficStarted(Instant t) {
    trafficStart_ = t;
    view_.restartClock(t);
    progressLine_.clear();
    if (!o_.quiet) {
      clearStatus();
      char line[512];
      const std::string noMetrics = u8(CliText::tr("(no /metrics)"));
      out_ << u8(CliText::tr("processes   (%1)").arg(launcher_->processes().size())) << "\n";
      for (const ln::ProcessInfo& p : launcher_->processes()) {
        std::snprintf(line, sizeof line, "  %-20s pid %-8d %-10s %s", p.instance.c_str(),
                      static_cast<int>(p.pid), p.node.empty() ? "-" : p.node.c_str(),
                      p.metricsUrl.empty() ? noMetrics.c_str() : p.metricsUrl.c_str());
        out_ << engine::printableText(line) << "\n";
      }
      out_ << u8(CliText::tr("traffic started: %1 s (Ctrl-C stops every process)")
                     .arg(plainNumber(scenario_.durationS)))
           << "\n";
      out_.flush();
    }
    armInterval();
  }

  void armInterval() {
    Instant due = view_.nextIntervalDue();
    const Instant warmupEnd = trafficStart_ + std::chrono::duration_cast<Instant::duration>(
                                                  std::chrono::duration<double>(scenario_.warmupS));
    // The summary counts whole intervals after the warm-up, as the engine cuts one there.
    if (!warmupClosed_ && warmupEnd > lastClose_ && warmupEnd < due) due = warmupEnd;
    intervalTimer_ = loop_.at(due, [this, due, warmupEnd] {
      if (due == warmupEnd) warmupClosed_ = true;
      closeInterval(EventLoop::Clock::now());
      armInterval();
    });
  }

  void closeInterval(Instant now) {
    lastClose_ = now;
    const cv::LiveInterval* iv = view_.closeInterval(now);
    if (!iv) return;
    collector_.onIntervalClosed(iv->report);
    claims_.onIntervalClosed(iv->report);
    questions_.onIntervalClosed(iv->report);
    if (csv_) csv_->onIntervalClosed(iv->report);
  }

  // The end of the run: the last interval, the summary, the claims, the outputs.
  void finish(Instant end) {
    loop_.cancel(intervalTimer_);
    closeInterval(end);
    finished_ = true;
    clearStatus();
    engine::RunSummary summary = collector_.summary();
    summary.scenario = scenario_.name;
    summary.seed = scenario_.seed;
    if (o_.mode) summary.mode = model::callModeName(*o_.mode);
    summary.events = view_.stream().reports;  // what a live run counts: reports received
    summary.realProcesses = true;
    summary.wallTimeS =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - began_).count();
    const std::vector<engine::ClaimResult> claims = claims_.results();
    summary.questions = questions_.results();
    if (outputs_.summary) outputs_.summary->stream() << engine::summaryToJson(summary);
    if (!commit(outputs_.csv.get(), err_) || !commit(outputs_.summary.get(), err_)) {
      status_ = kExitInvalidInput;
    }
    if (!o_.quiet) {
      out_ << "\n" << engine::formatSummary(summary);
      if (!claims.empty()) {
        out_ << "\n"
             << u8(CliText::tr("claims (on real processes)")) << "\n"
             << engine::formatClaims(claims);
      }
      if (!summary.questions.empty()) {
        out_ << "\n"
             << u8(CliText::tr("questions (on real processes)")) << "\n"
             << engine::formatQuestions(summary.questions);
      }
      out_.flush();
    }
    for (const auto& c : claims) {
      if (c.passed) continue;
      err_ << u8(CliText::tr("%1: claim failed: %2")
                     .arg(qs(engine::printableText(o_.files[0])),
                          qs(engine::printableText(c.describe()))))
           << "\n";
      if (status_ == kExitOk) status_ = kExitClaimFailed;
    }
    if (!reportFailedQuestions(o_.files[0], summary.questions, err_) && status_ == kExitOk) {
      status_ = kExitClaimFailed;
    }
    if (o_.live.keep) {
      say(u8(CliText::tr(
          "the run is over; the cluster keeps running until Ctrl-C (monitor, inject work)")));
    }
  }

  std::string at() const {
    if (!trafficStart_.time_since_epoch().count()) return "";
    char text[32];
    std::snprintf(text, sizeof text, "[%.1f s] ",
                  std::chrono::duration<double>(EventLoop::Clock::now() - trafficStart_).count());
    return text;
  }

  void showStatus() {
    if (!terminal_) return;
    std::string line = progressLine_;
    if (line.empty() && trafficStart_.time_since_epoch().count()) {
      line = liveStatusLine(makeLiveTable(view_, EventLoop::Clock::now()), scenario_.durationS);
    }
    if (line.empty()) return;
    err_ << "\r  " << engine::printableText(line).substr(0, 150) << "\033[K" << std::flush;
    statusShown_ = true;
  }

  void clearStatus() {
    if (statusShown_) err_ << "\r\033[K" << std::flush;
    statusShown_ = false;
  }

  // A line on stderr, above the status line.
  void say(const std::string& line) {
    if (o_.quiet) return;
    clearStatus();
    err_ << "  " << engine::printableText(line) << "\n" << std::flush;
    showStatus();
  }

  const CliOptions& o_;
  const engine::Scenario scenario_;
  Outputs outputs_;
  std::ostream& out_;
  std::ostream& err_;
  const bool terminal_;
  EventLoop loop_;
  SignalWatch signals_;  // before any thread: the launcher's threads inherit the mask
  cv::ClusterView view_;
  engine::SummaryCollector collector_;
  engine::ClaimTracker claims_;
  engine::QuestionTracker questions_;
  std::optional<engine::IntervalCsvWriter> csv_;
  std::optional<ln::Launcher> launcher_;
  ln::LaunchResult result_;
  bool stopped_ = false;
  bool finished_ = false;
  bool warmupClosed_ = false;
  int signal_ = 0;
  int status_ = kExitOk;
  std::string progressLine_;
  bool statusShown_ = false;
  Instant trafficStart_{};
  Instant lastClose_{};
  std::chrono::steady_clock::time_point began_{};
  EventLoop::TimerId statusTimer_ = 0, intervalTimer_ = 0;
};

}  // namespace

int commandLaunch(const CliOptions& o, std::ostream& out, std::ostream& err, bool showProgress) {
  const auto loaded = loadOrReport(o.files[0], err);
  if (!loaded) return kExitInvalidInput;
  auto outputs = openOutputs(o, err);
  if (!outputs) return kExitInvalidInput;
  engine::RunOptions options;
  options.seed = o.seed;
  options.durationS = o.durationS;
  options.mode = o.mode;
  LaunchRun run(o, engine::applyRunOptions(*loaded, options), std::move(*outputs), out, err,
                showProgress);
  return run.run();
}

}  // namespace clusterscope::cli
