// `clusterscope-cli launch` as the owner of real processes, with the Python agent as its agent
// program and no load: a SIGKILLed agent is shown down by `monitor --json` within 2 s while the
// others go on, `inject restart_replica` brings a new process back, `inject pause` stops one
// for a while, and whatever ends the launch (SIGTERM, Ctrl-C, SIGKILL of the launcher itself, a
// child that cannot start) leaves no process behind.

#include "launch_test_support.h"

using namespace clusterscope::testing;

namespace {

QStringList pairArgs(QStringList more = {}) {
  return QStringList{data("pair.json"), "--no-load", "--agent-program", pythonAgentCommand()} +
         more;
}

bool allReady(const nlohmann::json& line) {
  for (const auto& [service, replicas] : {std::pair{"front", 2}, std::pair{"back", 1}}) {
    for (int r = 0; r < replicas; ++r) {
      const auto row = replicaRow(line, service, r);
      if (!row || (*row)["state"] != "ready") return false;
    }
  }
  return true;
}

std::int64_t pidOf(const nlohmann::json& line, const std::string& service, int replica) {
  return (*replicaRow(line, service, replica))["pid"].get<std::int64_t>();
}

}  // namespace

class TestLaunchProcesses : public QObject {
  Q_OBJECT

 private slots:
  void aKilledAgentIsDownWithinTwoSecondsAndComesBack() {
    QTemporaryDir tmp;
    Launch launch(tmp, pairArgs());
    QVERIFY2(launch.waitFor("traffic started"), qPrintable(launch.err()));
    {
      MonitorStream monitor(launch.connectionFile());
      auto line = monitor.until(allReady);
      QVERIFY2(line, qPrintable(monitor.err()));
      const auto victim = pidOf(*line, "front", 1);
      const auto front0 = pidOf(*line, "front", 0), back0 = pidOf(*line, "back", 0);

      const auto killedAt = std::chrono::steady_clock::now();
      QCOMPARE(::kill(static_cast<pid_t>(victim), SIGKILL), 0);
      line = monitor.until([&](const nlohmann::json& l) {
        const auto row = replicaRow(l, "front", 1);
        return row && (*row)["state"] == "down" && (*row)["pid"] == victim;
      });
      const auto seen = std::chrono::steady_clock::now() - killedAt;
      QVERIFY(line);
      qInfo("front#1 shown down %.0f ms after SIGKILL (the monitor prints once a second)",
            std::chrono::duration<double, std::milli>(seen).count());
      QVERIFY(seen < 2s);
      QCOMPARE((*replicaRow(*line, "front", 1))["reason"], "process exited (signal 9)");
      // The others go on: same processes, still ready.
      QCOMPARE((*replicaRow(*line, "front", 0))["state"], "ready");
      QCOMPARE(pidOf(*line, "front", 0), front0);
      QCOMPARE(pidOf(*line, "back", 0), back0);

      CliRun r = runCli({"inject", "--connection", launch.connectionFile(), "restart_replica",
                         "service=front", "replica=1"});
      QVERIFY2(r.code == 0, qPrintable(r.err));
      QVERIFY(r.out.contains("ok: restarted front#1"));
      line = monitor.until([&](const nlohmann::json& l) {
        const auto row = replicaRow(l, "front", 1);
        return row && (*row)["state"] == "ready" && (*row)["pid"] != victim;
      });
      QVERIFY2(line, "the restarted replica did not come back");

      // Restarting what is not down is refused, by the launcher, through the hub.
      r = runCli({"inject", "--connection", launch.connectionFile(), "restart_replica",
                  "service=front", "replica=0"});
      QCOMPARE(r.code, 1);
      QVERIFY2(r.err.contains("front#0 is not down"), qPrintable(r.err));

      // pause: SIGSTOP, so the hub hears nothing (suspect, then down), then SIGCONT.
      r = runCli({"inject", "--connection", launch.connectionFile(), "pause", "service=back",
                  "duration_s=2"});
      QVERIFY2(r.code == 0, qPrintable(r.err));
      QVERIFY(monitor.until([&](const nlohmann::json& l) {
        const auto row = replicaRow(l, "back", 0);
        return row && ((*row)["state"] == "suspect" || (*row)["state"] == "down");
      }));
      line = monitor.until([&](const nlohmann::json& l) {
        const auto row = replicaRow(l, "back", 0);
        return row && (*row)["state"] == "ready";
      });
      QVERIFY2(line, "the paused replica did not resume");
      QCOMPARE(pidOf(*line, "back", 0), back0);
    }
    launch.signal(SIGTERM);
    QCOMPARE(launch.finish(), 128 + SIGTERM);
    QCOMPARE(waitForNone([&] { return launch.census(); }, 5000ms), std::size_t{0});
    QVERIFY(!QFile::exists(launch.connectionFile()));
  }

  void ctrlCStopsEveryProcess() {
    QTemporaryDir tmp;
    Launch launch(tmp, pairArgs());
    QVERIFY2(launch.waitFor("traffic started"), qPrintable(launch.err()));
    QCOMPARE(launch.census(), std::size_t{4});  // the launcher and three agents
    launch.signal(SIGINT);
    QCOMPARE(launch.finish(), 128 + SIGINT);
    QVERIFY2(launch.err().contains("interrupted"), qPrintable(launch.err()));
    QCOMPARE(launch.census(), std::size_t{0});
    QVERIFY(!QFile::exists(launch.connectionFile()));
  }

  void theLaunchersOwnDeathTakesItsChildren() {
    QTemporaryDir tmp;
    Launch launch(tmp, pairArgs());
    QVERIFY2(launch.waitFor("traffic started"), qPrintable(launch.err()));
    QCOMPARE(launch.census(), std::size_t{4});
    launch.signal(SIGKILL);  // no handler, no clean-up: only PR_SET_PDEATHSIG is left
    launch.finish();
    QCOMPARE(waitForNone([&] { return launch.census(); }, 3000ms), std::size_t{0});
  }

  void badStartsAreSaidPlainlyAndLeaveNothing() {
    QTemporaryDir tmp;
    CliRun r = runCli({"launch", data("pair.json"), "--no-load", "--connection-file",
                       tmp.path() + "/c.json", "--agent-program", "/nonexistent/agent"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("/nonexistent/agent"), qPrintable(r.err));

    r = runCli({"launch", data("pair.json"), "--no-load", "--connection-file",
                tmp.path() + "/c.json", "--external", "nope", "--agent-program",
                pythonAgentCommand()});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("\"nope\""), qPrintable(r.err));

    // An agent that dies at once: the launch fails, naming it and its last words.
    r = runCli({"launch", data("pair.json"), "--no-load", "--connection-file",
                tmp.path() + "/c.json", "--agent-program",
                "sh -c 'echo cannot serve $0 >&2; exit 4' " + tmp.path()});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("exited (status 4) before the cluster was ready: cannot serve"),
             qPrintable(r.err));
    QCOMPARE(processesMentioning(tmp.path().toStdString()).size(), std::size_t{0});
    QVERIFY(!QFile::exists(tmp.path() + "/c.json"));

    r = runCli({"launch", data("pair.json"), "--ready-timeout", "0"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("--ready-timeout"), qPrintable(r.err));
  }
};

QTEST_GUILESS_MAIN(TestLaunchProcesses)
#include "test_launch_processes.moc"
