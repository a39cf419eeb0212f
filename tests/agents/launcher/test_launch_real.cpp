// `clusterscope-cli launch` with the project's own programs (clusterscope-agent, -broker,
// -loadgen) on real processes: a real M/M/1 against queueing theory and against the simulation
// of the same draws, a small chain that loses a replica and still meets its claims, and one of
// its services played by the Python agent (`--external`). Every test counts what it leaves.

#include "launch_test_support.h"

using namespace clusterscope::testing;

class TestLaunchReal : public QObject {
  Q_OBJECT

 private slots:
  // A service of mean 20 ms at 25 req/s, for 45 s after warm-up. The load generator and the
  // agent draw from the engine's random streams, so the real run sends exactly the simulated
  // arrivals: what differs is only what real processes add (timers, loopback, scheduling).
  void aRealMM1MatchesTheory() {
    QTemporaryDir tmp;
    const QString simulated = tmp.path() + "/simulated.json";
    const QString real = tmp.path() + "/real.json";
    const CliRun sim = runCli({"run", data("mm1-real.json"), "--summary", simulated});
    QVERIFY2(sim.code == 0, qPrintable(sim.out + sim.err));

    Launch launch(tmp, {data("mm1-real.json"), "--summary", real, "--no-progress"});
    const int code = launch.finish(120000);
    const nlohmann::json s = readJson(simulated), r = readJson(real);
    QVERIFY2(r.is_object(), qPrintable(launch.out() + launch.err()));
    const double theory = 1000.0 / (50.0 - 25.0);
    const double measured = r["requests"]["latency_ms"]["mean"].get<double>();
    const double model = s["requests"]["latency_ms"]["mean"].get<double>();
    qInfo(
        "mean response: theory %.2f ms, simulation of the same draws %.2f ms, real agents "
        "%.2f ms (%+.1f %% from theory); %d requests sent, utilisation %.3f",
        theory, model, measured, 100 * (measured / theory - 1), r["requests"]["sent"].get<int>(),
        r["services"]["server"]["utilization"].get<double>());
    // The same draws: the same requests, give or take the one due at the very end.
    QVERIFY(std::abs(r["requests"]["sent"].get<int>() - s["requests"]["sent"].get<int>()) <= 2);
    QVERIFY(std::abs(measured / theory - 1) < 0.10);
    QCOMPARE(code, 0);  // the scenario's claim, checked by launch itself, holds too
    QVERIFY2(launch.out().contains("ok      requests.latency_ms.mean"), qPrintable(launch.out()));
    QCOMPARE(waitForNone([&] { return launch.census(); }, 5s), 0u);
  }

  // orders#1 SIGKILLed at 4 s and restarted at 8 s by the timeline: the retries on the api ->
  // orders call hide it, and the scenario's three claims hold on the real cluster.
  void aChainThatLosesAReplicaMeetsItsClaims() {
    QTemporaryDir tmp;
    const QString summary = tmp.path() + "/real.json";
    Launch launch(tmp, {data("chain-real.json"), "--summary", summary, "--no-progress"});
    QVERIFY2(launch.waitFor("traffic started"), qPrintable(launch.err()));
    const int code = launch.finish(60000);
    QVERIFY2(code == 0, qPrintable(launch.out() + launch.err()));
    // What the timeline did goes to standard error, with the exit the launcher saw.
    for (const char* event : {"timeline: killed orders#1", "orders#1 (pid", "(signal 9)",
                              "timeline: restarted orders#1"}) {
      QVERIFY2(launch.err().contains(event), qPrintable(launch.err()));
    }
    for (const char* claim :
         {"requests.failed_ratio", "requests.throughput_rps", "services.orders.latency_ms.p50"}) {
      QVERIFY2(launch.out().contains(QString("ok      ") + claim), qPrintable(launch.out()));
    }
    const nlohmann::json r = readJson(summary);
    QVERIFY(r["services"]["orders"]["completed"].get<int>() > 400);
    // Cores as the engine counts them: three replicas of one core, one of them gone 4 s of 13.
    const double cores = r["cost"]["cores_mean"].get<double>();
    qInfo("mean cores reserved: %.2f", cores);
    QVERIFY(cores > 2.5 && cores <= 3.0);
    QCOMPARE(waitForNone([&] { return launch.census(); }, 5s), 0u);
  }

  // orders is left to someone else (--external); the Python agent takes it, joins the launch's
  // hub through the connection file, and serves the C++ api's calls for the whole run.
  // --duration shorter than the scenario's claim windows: the run goes on, the claims are
  // judged on what it measured (the agents never see them).
  void aShortenedRunStillStarts() {
    QTemporaryDir tmp;
    Launch launch(tmp, {data("mm1-real.json"), "--duration", "3", "--no-progress"});
    const int code = launch.finish(60000);
    QVERIFY2(code == 0 || code == 1, qPrintable(launch.out() + launch.err()));
    QVERIFY2(launch.out().contains("3 s of traffic"), qPrintable(launch.out() + launch.err()));
    QCOMPARE(waitForNone([&] { return launch.census(); }, 5s), 0u);
  }

  // Coordinated omission: the load generator itself frozen for a second (SIGSTOP) sends the
  // requests it owed late, but counts their latency from when they were due, so the stall
  // shows; and it catches up instead of stretching its schedule (none of them is skipped).
  void aStalledLoadGeneratorDoesNotHideTheStall() {
    QTemporaryDir tmp;
    const QString summary = tmp.path() + "/real.json";
    Launch launch(tmp, {data("constant-50.json"), "--summary", summary, "--no-progress"});
    QVERIFY2(launch.waitFor("traffic started"), qPrintable(launch.err()));
    std::vector<pid_t> loadgen;
    for (pid_t pid : processesMentioning(tmp.path().toStdString())) {
      if (readProc(pid, "cmdline").find("clusterscope-loadgen") != std::string::npos) {
        loadgen.push_back(pid);
      }
    }
    QCOMPARE(loadgen.size(), 1u);
    QTest::qWait(3000);
    QCOMPARE(::kill(loadgen[0], SIGSTOP), 0);
    QTest::qWait(1000);
    QCOMPARE(::kill(loadgen[0], SIGCONT), 0);
    QCOMPARE(launch.finish(60000), 0);
    const nlohmann::json r = readJson(summary);
    const double maxMs = r["requests"]["latency_ms"]["max"].get<double>();
    const int sent = r["requests"]["sent"].get<int>();
    qInfo("a 1 s stall of the load generator: max latency %.0f ms, p99 %.0f ms, %d sent", maxMs,
          r["requests"]["latency_ms"]["p99"].get<double>(), sent);
    QVERIFY(maxMs > 900);  // the first request owed waited the whole second
    QVERIFY(r["requests"]["latency_ms"]["p99"].get<double>() > 300);
    // 50 a second for 8 s, none skipped: a few may miss the end of the run on a loaded
    // machine (the last ones due as traffic stops), never the second of the stall.
    QVERIFY2(std::abs(sent - 400) <= 4, qPrintable(QString::number(sent)));
    QCOMPARE(waitForNone([&] { return launch.census(); }, 5s), 0u);
  }

  void thePythonAgentPlaysOneService() {
    QTemporaryDir tmp;
    Launch launch(tmp, {data("chain-python.json"), "--external", "orders", "--no-progress"});
    QVERIFY2(launch.waitFor("external    orders", 20s), qPrintable(launch.out() + launch.err()));
    QProcess python;
    python.start("/usr/bin/python3",
                 {CLUSTERSCOPE_PYTHON_AGENT, "--scenario", data("chain-python.json"), "--service",
                  "orders", "--replica", "0", "--connection", launch.connectionFile()});
    QVERIFY2(launch.waitFor("traffic started", 30s), qPrintable(launch.out() + launch.err()));
    {
      MonitorStream monitor(launch.connectionFile());
      const auto line = monitor.until(
          [](const nlohmann::json& l) {
            const auto row = replicaRow(l, "orders", 0);
            return row && (*row)["state"] == "ready" && (*row)["language"] == "python" &&
                   (*row)["throughput_rps"].get<double>() > 0;
          },
          10s);
      QVERIFY2(line, qPrintable(monitor.err()));
    }
    // Its claims hold with Python serving orders: the C++ api's calls were answered.
    const int code = launch.finish(60000);
    QVERIFY2(code == 0, qPrintable(launch.out() + launch.err()));
    python.terminate();
    QVERIFY(python.waitForFinished(10000));
    QCOMPARE(waitForNone([&] { return launch.census(); }, 5s), 0u);
  }

  // A scenario that gives a service to the Python agent ("agent": "python"): the launcher
  // starts those replicas on /usr/bin/python3, kills one (SIGKILL) and restarts it like any
  // other, and the C++ caller never notices the language.
  void aServiceTheScenarioGivesToPython() {
    QTemporaryDir tmp;
    Launch launch(tmp, {data("chain-python-launched.json"), "--no-progress"});
    QVERIFY2(launch.waitFor("traffic started", 30s), qPrintable(launch.out() + launch.err()));
    std::size_t pythonReplicas = 0;
    for (pid_t pid : processesMentioning(tmp.path().toStdString())) {
      const std::string cmd = readProc(pid, "cmdline");
      if (cmd.find("clusterscope_agent.py") != std::string::npos &&
          cmd.find("orders") != std::string::npos) {
        ++pythonReplicas;
      }
    }
    QCOMPARE(pythonReplicas, 2u);
    {
      MonitorStream monitor(launch.connectionFile());
      const auto line = monitor.until(
          [](const nlohmann::json& l) {
            const auto row = replicaRow(l, "orders", 0);
            return row && (*row)["state"] == "ready" && (*row)["language"] == "python";
          },
          10s);
      QVERIFY2(line, qPrintable(monitor.err()));
    }
    const int code = launch.finish(60000);
    QVERIFY2(code == 0, qPrintable(launch.out() + launch.err()));
    QVERIFY2(launch.err().contains("timeline: restarted orders#1"), qPrintable(launch.err()));
    QCOMPARE(waitForNone([&] { return launch.census(); }, 5s), 0u);
  }
};

QTEST_GUILESS_MAIN(TestLaunchReal)
#include "test_launch_real.moc"
