// The launcher's children as real processes: exec errors said plainly, output in the log, an
// exit seen through the pidfd, the whole process group signalled, signals unblocked in the
// child, death with the thread that forked it (PR_SET_PDEATHSIG), nothing left by the
// destructor.

#include <poll.h>
#include <signal.h>

#include <QTemporaryDir>
#include <QtTest>
#include <fstream>
#include <thread>

#include "child_process.h"
#include "process_census.h"

using namespace clusterscope::agents::launcher;
using namespace clusterscope::testing;
using namespace std::chrono_literals;

namespace {

bool exitSeen(const ChildProcess& child, int timeoutMs) {
  pollfd p{child.pidfd(), POLLIN, 0};
  return ::poll(&p, 1, timeoutMs) == 1;
}

std::string contents(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

class TestChildProcess : public QObject {
  Q_OBJECT

 private slots:
  void runsWithItsOutputInTheLogAndItsExitSeen() {
    QTemporaryDir tmp;
    const std::string log = tmp.path().toStdString() + "/child.log";
    auto child = ChildProcess::spawn(
        {{"sh", "-c", "echo hello $GREETING; exit 3"}, log, {"GREETING=world"}, {}});
    QVERIFY(child->pid() > 0);
    QVERIFY(child->pidfd() >= 0);
    QVERIFY(exitSeen(*child, 5000));
    QVERIFY(child->reap().has_value());
    QCOMPARE(child->status()->describe(), std::string("status 3"));
    QVERIFY(!child->signal(SIGTERM));  // reaped: its pid is not ours any more
    QCOMPARE(contents(log), std::string("hello world\n"));
  }

  void programsThatCannotRunAreNamed() {
    try {
      ChildProcess::spawn({{"/nonexistent/clusterscope-agent"}, {}, {}, {}});
      QFAIL("spawned a missing program");
    } catch (const std::runtime_error& e) {
      QVERIFY2(std::string(e.what()).find("/nonexistent/clusterscope-agent") != std::string::npos,
               e.what());
    }
    try {
      ChildProcess::spawn({{"clusterscope-no-such-program"}, {}, {}, {}});
      QFAIL("spawned a missing program");
    } catch (const std::runtime_error& e) {
      QVERIFY2(std::string(e.what()).find("not found in PATH") != std::string::npos, e.what());
    }
    QCOMPARE(findProgram("sh").empty(), false);
  }

  void aSignalReachesItsWholeGroup() {
    auto child = ChildProcess::spawn({{"sh", "-c", "sleep 30 & sleep 30 & wait"}, {}, {}, {}});
    const pid_t group = child->pid();
    QVERIFY(waitForNone([&] { return processGroup(group).size() == 3 ? 0u : 1u; }, 5000ms) == 0);
    QVERIFY(child->signal(SIGTERM));
    QVERIFY(exitSeen(*child, 5000));
    QCOMPARE(child->reap()->describe(), std::string("signal 15"));
    QCOMPARE(waitForNone([&] { return processGroup(group).size(); }, 5000ms), std::size_t{0});
  }

  void blockedSignalsAreNotInherited() {
    // The launcher blocks SIGTERM for its signalfd; its children must still obey it.
    sigset_t term, previous;
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &term, &previous);
    auto child = ChildProcess::spawn({{"sleep", "30"}, {}, {}, {}});
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    QVERIFY(child->signal(SIGTERM));
    QVERIFY(exitSeen(*child, 5000));
    QCOMPARE(child->reap()->describe(), std::string("signal 15"));
  }

  void diesWithTheThreadThatStartedIt() {
    std::unique_ptr<ChildProcess> child;
    std::thread([&] { child = ChildProcess::spawn({{"sleep", "30"}, {}, {}, {}}); }).join();
    QVERIFY(exitSeen(*child, 5000));
    QCOMPARE(child->reap()->describe(), std::string("signal 9"));
  }

  void theDestructorLeavesNothing() {
    pid_t group = 0;
    {
      auto child = ChildProcess::spawn({{"sh", "-c", "sleep 30 & wait"}, {}, {}, {}});
      group = child->pid();
      QVERIFY(waitForNone([&] { return processGroup(group).size() == 2 ? 0u : 1u; }, 5000ms) == 0);
    }
    QCOMPARE(waitForNone([&] { return processGroup(group).size(); }, 5000ms), std::size_t{0});
  }
};

QTEST_GUILESS_MAIN(TestChildProcess)
#include "test_child_process.moc"
