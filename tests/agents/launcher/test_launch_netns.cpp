// `clusterscope-cli launch --netns`: a scenario's nodes as network namespaces on a bridge. Without
// the privileges, the refusal (and nothing made); as root, a two-node run whose agents live in
// their namespaces, cut by a partition (routes), failed with its link, and nothing of it left
// afterwards, nor of a killed launcher's run. The CI machine may not be root: those parts skip.

#include <sys/stat.h>
#include <unistd.h>

#include <QRegularExpression>
#include <fstream>
#include <thread>

#include "launch_test_support.h"

using namespace clusterscope::testing;

namespace {

QString sh(const QString& command, int timeoutMs = 10000) {
  QProcess p;
  p.start("/bin/sh", {"-c", command});
  if (!p.waitForFinished(timeoutMs)) p.kill();
  p.waitForFinished(1000);
  return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
}

// Everything of launcher `pid`: its namespaces and links ("cs-PID-...", "cs-br-PID").
QString leftovers(qint64 pid) {
  const QString id = QString::number(pid);
  return sh(QString("ip netns list | grep -E '^cs-%1-' ; ip -o link show | grep -E ': "
                    "cs-(br-)?%1[-:@]'")
                .arg(id));
}

bool privileged() {
  std::ifstream status("/proc/self/status");
  std::string line;
  unsigned long long caps = 0;
  while (std::getline(status, line)) {
    if (line.starts_with("CapEff:")) caps = std::stoull(line.substr(7), nullptr, 16);
  }
  return (caps >> 12 & 1) && (caps >> 21 & 1) && !sh("command -v ip || ls /usr/sbin/ip").isEmpty();
}

// How a TCP connect from namespace `ns` to ADDRESS:1 ends: "refused" when the address is
// reachable (nothing listens on port 1), else the error (blackhole route, link down).
QString probe(const QString& ns, const QString& address) {
  const QString script = QString(
                             "import socket,errno\n"
                             "s=socket.socket(); s.settimeout(2)\n"
                             "try: s.connect(('%1',1)); print('connected')\n"
                             "except ConnectionRefusedError: print('refused')\n"
                             "except Exception as e: print('cut', e)\n")
                             .arg(address);
  return sh(QString("ip netns exec %1 /usr/bin/python3 -c \"%2\"").arg(ns, script)).trimmed();
}

struct Node {
  QString name, ns, address, link;
};

// The "node  NAME: namespace NS  ADDRESS  link LINK" lines launch prints.
std::vector<Node> nodesOf(const QString& out) {
  std::vector<Node> nodes;
  static const QRegularExpression line(R"(node\s+(\S+): namespace (\S+)\s+(\S+)\s+link (\S+))");
  auto it = line.globalMatch(out);
  while (it.hasNext()) {
    const auto m = it.next();
    nodes.push_back({m.captured(1), m.captured(2), m.captured(3), m.captured(4)});
  }
  return nodes;
}

ino_t inode(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? st.st_ino : 0;
}

}  // namespace

class TestLaunchNetns : public QObject {
  Q_OBJECT

 private:
  std::vector<qint64> launchers_;  // whose namespaces cleanup() removes

 private slots:
  // Whatever a test did, its launcher's namespaces and links go (the launcher is killed first).
  void cleanup() {
    for (const qint64 pid : launchers_) {
      if (pid <= 0) continue;
      const QString id = QString::number(pid);
      sh(QString("for n in $(ip netns list | grep -oE '^cs-%1-\\S+'); do ip netns del $n; done; "
                 "for l in $(ip -o link show | grep -oE 'cs-(br-)?%1[-0-9a-z]*'); do "
                 "ip link del $l; done")
             .arg(id));
    }
    launchers_.clear();
  }

  // Without root, --netns is refused at once with the reason, and nothing is made. As root the
  // launch runs as `nobody` (setpriv) to see it.
  void withoutPrivilegesItIsRefused() {
    QTemporaryDir tmp;
    const QStringList launch = {
        "launch",        data("netns-pair.json"), "--netns",
        "--no-progress", "--connection-file",     tmp.path() + "/connection.json"};
    QProcess p;
    if (::geteuid() == 0) {
      if (sh("command -v setpriv").isEmpty()) QSKIP("root, and no setpriv to drop it");
      p.start("setpriv", QStringList{"--reuid=65534", "--regid=65534", "--clear-groups",
                                     "--inh-caps=-all", CLUSTERSCOPE_CLI_PATH} +
                             launch);
    } else {
      p.start(CLUSTERSCOPE_CLI_PATH, launch);
    }
    const qint64 pid = p.processId();
    QVERIFY(p.waitForFinished(10000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(p.exitCode() != 0, qPrintable(err));
    QVERIFY2(err.contains("needs root"), qPrintable(err));
    QVERIFY(leftovers(pid).isEmpty());
    QVERIFY(!QFile::exists(tmp.path() + "/connection.json"));
  }

  // Two nodes, one replica of front and back on each: every agent is in its node's namespace,
  // traffic flows through the bridge, the timeline's partition cuts node-a from node-b (its
  // routes, and the calls across time out), the heal restores it, fail_node takes node-b's link
  // down and the hub sees its agents down; at the end nothing of the run is left.
  void aRunOnTwoNamespaces() {
    if (!privileged()) QSKIP("--netns needs root (CAP_NET_ADMIN, CAP_SYS_ADMIN) and ip");
    QTemporaryDir tmp;
    const QString summary = tmp.path() + "/summary.json";
    Launch launch(tmp, {data("netns-pair.json"), "--netns", "--summary", summary, "--no-progress",
                        "--ready-timeout", "20"});
    const qint64 pid = launch.pid();
    launchers_.push_back(pid);
    QVERIFY2(launch.waitFor("traffic started", 30s), qPrintable(launch.out() + launch.err()));
    const auto started = std::chrono::steady_clock::now();
    const std::vector<Node> nodes = nodesOf(launch.out());
    QCOMPARE(nodes.size(), 2u);
    QCOMPARE(nodes[0].name, "node-a");
    QVERIFY(launch.out().contains("bridge      cs-br-" + QString::number(pid)));

    // Each agent (its --node) is in that node's namespace; the load generator is not.
    int agents = 0;
    for (pid_t pid : processesMentioning(tmp.path().toStdString())) {
      const std::string cmd = readProc(pid, "cmdline");
      const ino_t own = inode("/proc/" + std::to_string(pid) + "/ns/net");
      for (const Node& n : nodes) {
        if (cmd.find(std::string("--node") + '\0' + n.name.toStdString() + '\0') ==
            std::string::npos) {
          continue;
        }
        ++agents;
        QCOMPARE(own, inode("/run/netns/" + n.ns.toStdString()));
      }
      if (cmd.find("loadgen") != std::string::npos) QCOMPARE(own, inode("/proc/self/ns/net"));
    }
    QCOMPARE(agents, 4);
    QCOMPARE(probe(nodes[0].ns, nodes[1].address), "refused");  // reachable, port closed

    // 6 s: partitioned. The routes are in both namespaces and a connect across fails.
    std::this_thread::sleep_until(started + 8s);
    const QString routes = sh("ip -n " + nodes[0].ns + " route");
    QVERIFY2(routes.contains("blackhole " + nodes[1].address), qPrintable(routes));
    QVERIFY(sh("ip -n " + nodes[1].ns + " route").contains("blackhole " + nodes[0].address));
    QVERIFY(probe(nodes[0].ns, nodes[1].address).startsWith("cut"));
    // 12 s: healed.
    std::this_thread::sleep_until(started + 13s);
    QCOMPARE(probe(nodes[0].ns, nodes[1].address), "refused");

    // 16 s: node-b fails: its link is down, its agents are down for the hub.
    {
      MonitorStream monitor(launch.connectionFile());
      const auto line = monitor.until(
          [](const nlohmann::json& l) {
            for (const char* service : {"front", "back"}) {
              const auto row = replicaRow(l, service, 1);
              if (!row || ((*row)["state"] != "down" && (*row)["state"] != "suspect")) return false;
            }
            return true;
          },
          8s);
      QVERIFY2(line, qPrintable(launch.err()));
    }
    const QString link = sh("ip link show " + nodes[1].link);
    QVERIFY2(link.contains("state DOWN") || link.contains("NO-CARRIER"), qPrintable(link));
    QVERIFY(probe(nodes[0].ns, nodes[1].address).startsWith("cut"));

    const int code = launch.finish(30000);
    QVERIFY2(code >= 0, qPrintable(launch.err()));
    const nlohmann::json r = readJson(summary);
    QVERIFY2(r.is_object(), qPrintable(launch.out() + launch.err()));
    qInfo("netns run: %lld completed, %lld failed", r["requests"]["completed"].get<long long>(),
          r["requests"]["failed"].get<long long>());
    QVERIFY(r["requests"]["completed"].get<long long>() > 400);
    QVERIFY(r["requests"]["failed"].get<long long>() > 0);  // the partition's timeouts
    QVERIFY2(launch.err().contains("partitioned node-a"), qPrintable(launch.err()));
    QVERIFY2(leftovers(pid).isEmpty(), qPrintable(leftovers(pid)));
    QCOMPARE(waitForNone([&] { return launch.census(); }, 5s), 0u);
  }

  // A SIGKILLed launcher's namespaces and bridge (its pid gone) are swept by the next --netns
  // launch, and a SIGTERM ends a launch with everything of it removed.
  void staleSetsAreSweptAndSigtermCleansUp() {
    if (!privileged()) QSKIP("--netns needs root (CAP_NET_ADMIN, CAP_SYS_ADMIN) and ip");
    QTemporaryDir tmp;
    qint64 stale = 0;
    {
      Launch killed(tmp, {data("netns-pair.json"), "--netns", "--no-progress", "--no-load"});
      stale = killed.pid();
      launchers_.push_back(stale);
      QVERIFY2(killed.waitFor("traffic started", 30s), qPrintable(killed.err()));
      killed.signal(SIGKILL);
      QCOMPARE(killed.finish(10000), -1);
      QVERIFY(!leftovers(stale).isEmpty());  // what the next launch must sweep
    }
    QCOMPARE(waitForNone([&] { return processesMentioning(tmp.path().toStdString()).size(); }, 5s),
             0u);
    QTemporaryDir tmp2;
    Launch launch(tmp2, {data("netns-pair.json"), "--netns", "--no-progress", "--no-load"});
    QVERIFY2(launch.waitFor("traffic started", 30s), qPrintable(launch.err()));
    QVERIFY2(leftovers(stale).isEmpty(), qPrintable(leftovers(stale)));
    const qint64 pid = launch.pid();
    launchers_.push_back(pid);
    QVERIFY(!leftovers(pid).isEmpty());
    // A partition sent through the hub (as `inject` and the GUI do) cuts the namespaces'
    // routes as the timeline's does, and its heal restores them.
    const std::vector<Node> nodes = nodesOf(launch.out());
    QCOMPARE(nodes.size(), 2u);
    CliRun cut = runCli(
        {"inject", "--connection", launch.connectionFile(), "partition", "nodes=node-a,node-b"});
    QVERIFY2(cut.code == 0, qPrintable(cut.out + cut.err));
    QTRY_VERIFY_WITH_TIMEOUT(
        sh("ip -n " + nodes[0].ns + " route").contains("blackhole " + nodes[1].address), 5000);
    QVERIFY(probe(nodes[0].ns, nodes[1].address).startsWith("cut"));
    CliRun heal = runCli({"inject", "--connection", launch.connectionFile(), "heal_partition",
                          "nodes=node-a,node-b"});
    QVERIFY2(heal.code == 0, qPrintable(heal.out + heal.err));
    QTRY_COMPARE_WITH_TIMEOUT(probe(nodes[0].ns, nodes[1].address), QString("refused"), 5000);
    launch.signal(SIGTERM);
    QVERIFY(launch.finish(15000) >= 0);
    QVERIFY2(leftovers(pid).isEmpty(), qPrintable(leftovers(pid)));
    QCOMPARE(waitForNone([&] { return launch.census(); }, 5s), 0u);
  }
};

QTEST_GUILESS_MAIN(TestLaunchNetns)
#include "test_launch_netns.moc"
