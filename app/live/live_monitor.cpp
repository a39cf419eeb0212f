#include "live_monitor.h"

#include <QCoreApplication>
#include <algorithm>
#include <optional>
#include <zmq.hpp>

#include "cluster_view.h"
#include "event_loop.h"
#include "hub_client.h"
#include "question_tracker.h"
#include "scenario_loader.h"

namespace clusterscope::app {

namespace {

// The translation context of the connection states the window shows (from the loop thread:
// QCoreApplication::translate is thread-safe).
struct LiveMonitorText {
  Q_DECLARE_TR_FUNCTIONS(LiveMonitorText)
};

using agents::cluster_view::Clock;
using agents::cluster_view::Instant;

// True when every component and deployment of `before` is still in `after`: the same cluster,
// met again (a restarted hub), not a new one.
bool continues(const model::ClusterLayout& before, const model::ClusterLayout& after) {
  if (before.components.empty()) return false;
  for (const auto& c : before.components) {
    if (after.componentIndex(c.name) < 0) return false;
  }
  for (const auto& d : before.deployments) {
    if (after.deploymentIndex(d.name) < 0) return false;
  }
  return true;
}

}  // namespace

struct LiveMonitor::State {
  Options options;
  Callbacks callbacks;
  std::atomic<bool> stop{false};
  agents::EventLoop loop;
  zmq::context_t context;
  std::unique_ptr<agents::HubClient> client;
  agents::cluster_view::ClusterView view;

  // What the GUI was last told, so that a restarted hub continues the same cluster.
  std::shared_ptr<const model::ClusterLayout> shownLayout;
  bool awaitingLayout = false;  // a reset is under way: wait for a whole snapshot
  double offsetS = 0.0;         // cluster time before the hub restarted, carried on
  double lastTimeS = 0.0;
  bool reachable = false;
  bool launcher = false;
  bool broker = false;
  Instant lastMessage{};
  std::string planScenarioText;  // the last plan's scenario file, as text
  // The lesson's questions, when the GUI launched the run from a scenario that asks some.
  std::shared_ptr<const engine::Scenario> questionScenario;
  std::unique_ptr<engine::QuestionTracker> questions;

  // Questions are judged on windows from cluster time 0: a new clock asks them afresh.
  void askQuestionsAgain() {
    questions =
        questionScenario ? std::make_unique<engine::QuestionTracker>(*questionScenario) : nullptr;
  }

  State(Options o, Callbacks c) : options(std::move(o)), callbacks(std::move(c)) {}

  double clusterSeconds(Instant now) const {
    return offsetS + model::toSeconds(view.clusterTime(now));
  }

  void apply(agents::protocol::ControlMessage message) {
    const Instant now = Clock::now();
    view.apply(std::move(message), now);
    lastMessage = now;
    if (!reachable && client->welcomed()) setReachable(true, {});
    const auto changes = view.takeChanges();
    if (changes.reset && shownLayout) {
      awaitingLayout = true;
      offsetS = lastTimeS;  // until we know it is a new cluster
    }
    if (!shownLayout) {
      // The first whole picture of the hub is the cluster's start, empty or not.
      if (view.stream().snapshotComplete) publishLayout(true);
    } else if (awaitingLayout) {
      if (!view.stream().snapshotComplete) return;
      awaitingLayout = false;
      const bool same = continues(*shownLayout, view.layout());
      if (!same) offsetS = 0.0;
      publishLayout(!same);
    } else if (changes.shapeChanged) {
      publishLayout(false);
    }
  }

  void publishLayout(bool reset) {
    publishPlanScenario();
    shownLayout = std::make_shared<const model::ClusterLayout>(view.layout());
    callbacks.onLayout(
        shownLayout, std::make_shared<const model::ClusterDescription>(view.description()), reset);
  }

  // Read here, on the monitor's thread: the text is untrusted, and up to 1 MiB.
  void publishPlanScenario() {
    static const std::string none;
    const std::string& text = view.plan() ? view.plan()->scenario : none;
    if (text == planScenarioText || !callbacks.onPlanScenario) return;
    planScenarioText = text;
    if (text.empty()) return callbacks.onPlanScenario(nullptr, {});
    engine::LoadResult loaded = engine::loadScenarioText(text, "cluster plan");
    if (!loaded.ok()) {
      const std::string first = loaded.errors.empty() ? "" : loaded.errors.front().format();
      return callbacks.onPlanScenario(
          nullptr, LiveMonitorText::tr("The hub's plan carries a scenario that is not valid, so "
                                       "its lesson shows without questions: %1")
                       .arg(QString::fromStdString(first))
                       .toStdString());
    }
    callbacks.onPlanScenario(std::make_shared<const engine::Scenario>(std::move(*loaded.scenario)),
                             {});
  }

  void setReachable(bool on, const std::string& why) {
    reachable = on;
    callbacks.onConnection(on, why);
  }

  void tick() {
    const Instant now = Clock::now();
    if (shownLayout && !awaitingLayout) {
      if (now >= view.nextIntervalDue()) {
        std::vector<model::ChartSample> samples;
        while (now >= view.nextIntervalDue()) {
          const auto* interval = view.closeInterval(view.nextIntervalDue());
          if (!interval) break;
          if (questions) questions->onIntervalClosed(interval->report);
          model::ChartSample s = interval->sample;
          s.startS += offsetS;
          s.endS += offsetS;
          samples.push_back(std::move(s));
        }
        if (!samples.empty()) callbacks.onSamples(std::move(samples));
        if (questions && callbacks.onQuestions) {
          if (auto settled = questions->takeSettled(); !settled.empty()) {
            callbacks.onQuestions(std::move(settled));
          }
        }
      }
      auto snapshot = std::make_shared<model::ClusterSnapshot>(view.snapshot(now));
      lastTimeS = clusterSeconds(now);
      snapshot->time = static_cast<model::ClusterTime>(lastTimeS * 1e9);
      callbacks.onSnapshot(std::move(snapshot));
    }
    bool launcherNow = false;
    bool brokerNow = false;
    bool livePeers = false;
    for (const auto& p : view.peers(now)) {
      const bool live = p.liveness == agents::protocol::Liveness::Joined ||
                        p.liveness == agents::protocol::Liveness::Suspect;
      livePeers = livePeers || (live && p.hello.role != agents::protocol::PeerRole::Monitor);
      launcherNow = launcherNow || (live && p.hello.role == agents::protocol::PeerRole::Launcher);
      // A broker that is down (an outage) is still this cluster's: it comes back.
      brokerNow = brokerNow || p.hello.role == agents::protocol::PeerRole::Broker;
    }
    if (launcherNow != launcher) {
      launcher = launcherNow;
      callbacks.onLauncher(launcher);
    }
    if (brokerNow != broker && callbacks.onBroker) {
      broker = brokerNow;
      callbacks.onBroker(broker);
    }
    // The hub sends a monitor nothing while nothing happens: silence means a lost hub only
    // when there were live peers whose reports should have come.
    if (reachable && livePeers && now - lastMessage > options.lostAfter) {
      setReachable(false, LiveMonitorText::tr("no news from the hub at %1 for %2 s; reconnecting")
                              .arg(QString::fromStdString(options.connection.endpoint))
                              .arg(options.lostAfter.count() / 1000)
                              .toStdString());
    }
  }

  // On the constructing thread, before the loop runs: a bad key throws to the caller.
  void prepare() {
    agents::protocol::Hello hello;
    hello.role = agents::protocol::PeerRole::Monitor;
    hello.instance = options.instance;
    agents::HubClient::Callbacks c;
    c.onWelcome = [this](const agents::protocol::Welcome& w) { apply(w); };
    c.onSnapshot = [this](const agents::HubSnapshot& s) {
      agents::protocol::Snapshot whole;
      whole.seq = s.seq;
      whole.cluster = s.cluster;
      whole.peers = s.peers;
      apply(std::move(whole));
    };
    c.onUpdate = [this](const agents::protocol::Update& m) { apply(m); };
    c.onPeerState = [this](const agents::protocol::PeerState& m) { apply(m); };
    c.onCluster = [this](const agents::protocol::Cluster& m) { apply(m); };
    client = std::make_unique<agents::HubClient>(
        loop, context,
        agents::HubClient::Options{options.connection, hello, true, std::chrono::milliseconds{1000},
                                   agents::kIntervalMonitorUpdates},
        c);
  }

  void run() {
    setReachable(false, LiveMonitorText::tr("connecting to %1")
                            .arg(QString::fromStdString(options.connection.endpoint))
                            .toStdString());
    client->start();
    loop.every(options.snapshotEvery, [this] { tick(); });
    loop.run([this] { return !stop.load(); });
    client->stop("the window closed");
    client.reset();
  }
};

LiveMonitor::LiveMonitor(Options options, Callbacks callbacks)
    : state_(std::make_shared<State>(std::move(options), std::move(callbacks))) {
  state_->prepare();
  thread_ = std::thread([state = state_] { state->run(); });
}

LiveMonitor::~LiveMonitor() {
  state_->stop = true;
  state_->loop.wake();
  thread_.join();
}

void LiveMonitor::command(
    agents::protocol::Command command,
    std::function<void(const agents::protocol::CommandResult&, double)> done) {
  auto* state = state_.get();
  state->loop.post([state, command = std::move(command), done = std::move(done)]() mutable {
    if (!state->client) return;
    state->client->sendCommand(std::move(command),
                               [state, done](const agents::protocol::CommandResult& result) {
                                 done(result, state->clusterSeconds(Clock::now()));
                               });
  });
}

void LiveMonitor::restartClock() {
  auto* state = state_.get();
  state->loop.post([state] {
    state->view.restartClock(Clock::now());
    state->offsetS = 0.0;
    state->lastTimeS = 0.0;
    // Windows count from traffic start: what was measured before does not answer.
    state->askQuestionsAgain();
    if (state->shownLayout && !state->awaitingLayout) state->publishLayout(true);
  });
}

void LiveMonitor::askQuestions(std::shared_ptr<const engine::Scenario> scenario) {
  auto* state = state_.get();
  state->loop.post([state, scenario = std::move(scenario)] {
    state->questionScenario = scenario;
    state->askQuestionsAgain();
  });
}

}  // namespace clusterscope::app
