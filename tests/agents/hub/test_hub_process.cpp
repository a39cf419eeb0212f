// clusterscope-hub itself, as a child process: it prints where it listens and writes the
// connection file; processes that read that file join it (agent and controller keys); its
// /metrics page passes `promtool check metrics`; SIGTERM stops it cleanly (exit 0, the file
// removed, no process left). Bad command lines exit 2, a start that cannot be done exits 1.

#include <httplib.h>
#include <signal.h>

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

#include "hub_test_support.h"
#include "private_files.h"
#include "promtool_check.h"

using namespace clusterscope::testing;

namespace {

struct Finished {
  int code = -1;
  QString out;
  QString err;
};

Finished runHub(const QStringList& args) {
  QProcess p;
  p.start(CLUSTERSCOPE_HUB_PATH, args);
  Finished f;
  if (!p.waitForFinished(10000)) {
    p.kill();
    p.waitForFinished(2000);
    return f;
  }
  f.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  f.out = p.readAllStandardOutput();
  f.err = p.readAllStandardError();
  return f;
}

// Starts clusterscope-hub with fresh keys in `tmp` and `extra` arguments, and waits for its
// banner (the last line names the connection file, written in `tmp`). Empty on failure.
QString startHub(QProcess& hub, const QTemporaryDir& tmp, QStringList extra = {}) {
  agents::makeClusterKeys(tmp.path().toStdString() + "/keys");
  hub.start(CLUSTERSCOPE_HUB_PATH, QStringList{"--keys", tmp.path() + "/keys", "--connection-file",
                                               tmp.path() + "/run/connection.json"} +
                                       extra);
  if (!hub.waitForStarted(5000)) return {};
  QString banner;
  const auto until = std::chrono::steady_clock::now() + 10s;
  while (!banner.contains("connection") && std::chrono::steady_clock::now() < until) {
    hub.waitForReadyRead(200);
    banner += hub.readAllStandardOutput();
  }
  return banner.contains("connection") ? banner : QString();
}

}  // namespace

class TestHubProcess : public QObject {
  Q_OBJECT

  zmq::context_t context_;

 private slots:
  void theExecutableServesAndStopsOnSigterm() {
    QTemporaryDir tmp;
    const std::string file = tmp.path().toStdString() + "/run/connection.json";
    QProcess hub;
    const QString banner = startHub(hub, tmp, {"--telemetry"});
    qInfo("%s", qPrintable(banner.trimmed()));
    const auto endpoint =
        QRegularExpression(R"(listening on (tcp://127\.0\.0\.1:\d+) \(CURVE)").match(banner);
    const auto metrics =
        QRegularExpression(R"(metrics +http://127\.0\.0\.1:(\d+)/metrics)").match(banner);
    QVERIFY2(endpoint.hasMatch() && metrics.hasMatch(), qPrintable(banner));
    QVERIFY(banner.contains("telemetry   tcp://127.0.0.1:"));

    // What the connection file says is enough to join, with either role's key.
    const auto info = agents::readConnectionFile(file);
    QCOMPARE(QString::fromStdString(info.hub), endpoint.captured(1));
    EventLoop loop;
    Peer monitor(loop, context_, agents::connectionFromFile(file, p::KeyRole::Controller),
                 roleHello(p::PeerRole::Monitor, "monitor@test:1"), true);
    Peer orders(loop, context_, agents::connectionFromFile(file, p::KeyRole::Agent),
                agentHello("orders", 0, "tcp://127.0.0.1:2"));
    monitor.client->start();
    orders.client->start();
    QVERIFY(runUntil(loop, [&] { return monitor.liveness("orders#0") == p::Liveness::Joined; }));

    // The real /metrics page (published each second), as promtool sees it.
    httplib::Client http("127.0.0.1", metrics.captured(1).toInt());
    http.set_connection_timeout(5);
    std::string page;
    QVERIFY(runUntil(
        loop,
        [&] {
          auto res = http.Get("/metrics");
          page = res && res->status == 200 ? res->body : "";
          return page.find("clusterscope_hub_peers{role=\"agent\",liveness=\"joined\"} 1\n") !=
                 std::string::npos;
        },
        5000ms));
    const QString problems = promtoolProblems(page);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));

    // SIGTERM: a clean stop, and the connection file goes with it.
    ::kill(static_cast<pid_t>(hub.processId()), SIGTERM);
    QVERIFY(hub.waitForFinished(5000));
    QCOMPARE(hub.exitStatus(), QProcess::NormalExit);
    QCOMPARE(hub.exitCode(), 0);
    QVERIFY(QString(hub.readAllStandardOutput()).contains("clusterscope-hub stopped"));
    QVERIFY(!QFile::exists(QString::fromStdString(file)));
    // Its peers notice: their reports now go nowhere, and nothing answers them.
    runFor(loop, 300ms);
  }

  // The Python agent, written from docs/protocol.md alone, against the real hub: it finds the
  // hub through the connection file, joins with the agent key, reports, carries out a command
  // and leaves with BYE.
  void thePythonAgentJoinsTheRealHub() {
    QTemporaryDir tmp;
    const std::string file = tmp.path().toStdString() + "/run/connection.json";
    QProcess hub;
    const QString banner = startHub(hub, tmp);
    QVERIFY(!banner.isEmpty());
    QProcess agent;
    agent.start("/usr/bin/python3", {CLUSTERSCOPE_PYTHON_AGENT, "--service", "orders", "--replica",
                                     "0", "--connection", QString::fromStdString(file), "--workers",
                                     "2", "--service-time", R"({"dist": "constant", "value": 5})"});
    QVERIFY(agent.waitForStarted(5000));

    EventLoop loop;
    Peer monitor(loop, context_, agents::connectionFromFile(file, p::KeyRole::Controller),
                 roleHello(p::PeerRole::Monitor, "monitor@test:1"), true);
    monitor.client->start();
    QVERIFY2(runUntil(
                 loop,
                 [&] {
                   for (const auto& u : monitor.updates)
                     if (u.instance == "orders#0" && u.report.service) return true;
                   return false;
                 },
                 15000ms),
             agent.readAllStandardError().constData());
    const auto joined =
        std::find_if(monitor.states.begin(), monitor.states.end(),
                     [](const p::PeerState& s) { return s.instance == "orders#0"; });
    const bool inSnapshot =
        !monitor.snapshots.empty() &&
        std::any_of(monitor.snapshots.back().peers.begin(), monitor.snapshots.back().peers.end(),
                    [](const auto& peer) { return peer.hello.language == "python"; });
    QVERIFY(inSnapshot || (joined != monitor.states.end() && joined->hello &&
                           joined->hello->language == "python"));

    clusterscope::model::Action slow;
    slow.kind = clusterscope::model::ActionKind::SlowService;
    slow.service = "orders";
    slow.factor = 3;
    p::Command command;
    command.what = slow;
    std::optional<p::CommandResult> result;
    monitor.client->sendCommand(command, [&](const p::CommandResult& r) { result = r; });
    QVERIFY(runUntil(
        loop, [&] { return result.has_value(); }, 8000ms));
    QVERIFY2(result->ok, result->error.c_str());
    QVERIFY(runUntil(loop, [&] {
      return !monitor.updates.empty() && monitor.updates.back().instance == "orders#0" &&
             monitor.updates.back().report.service->slowFactor == 3.0;
    }));

    ::kill(static_cast<pid_t>(agent.processId()), SIGTERM);
    QVERIFY(agent.waitForFinished(10000));
    QCOMPARE(agent.exitCode(), 0);
    QVERIFY(runUntil(loop, [&] { return monitor.liveness("orders#0") == p::Liveness::Left; }));
    monitor.client->stop();
    ::kill(static_cast<pid_t>(hub.processId()), SIGTERM);
    QVERIFY(hub.waitForFinished(5000));
    QCOMPARE(hub.exitCode(), 0);
  }

  void badCommandLinesAndImpossibleStarts() {
    Finished f = runHub({});
    QCOMPARE(f.code, 2);
    QVERIFY2(f.err.contains("--keys DIR is required"), qPrintable(f.err));
    f = runHub({"--no-curve", "--port", "70000"});
    QCOMPARE(f.code, 2);
    QVERIFY(f.err.contains("--port"));
    f = runHub({"--no-curve", "--report-interval", "500", "--suspect-after", "400"});
    QCOMPARE(f.code, 2);
    f = runHub({"--no-curve", "--keys", "/nonexistent"});
    QCOMPARE(f.code, 2);
    f = runHub({"--keys", "/nonexistent/keys"});
    QCOMPARE(f.code, 1);
    QVERIFY2(f.err.contains("/nonexistent/keys"), qPrintable(f.err));
    f = runHub({"--no-curve", "--bind", "not-an-address", "--no-connection-file"});
    QCOMPARE(f.code, 1);
    f = runHub({"--help"});
    QCOMPARE(f.code, 0);
    QVERIFY(f.out.contains("--keys DIR"));
  }
};

QTEST_GUILESS_MAIN(TestHubProcess)
#include "test_hub_process.moc"
