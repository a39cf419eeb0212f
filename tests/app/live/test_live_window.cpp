// The main window on a live cluster: File ▸ Connect (here connectToHub) follows a real hub and
// a Python agent, the views show what they announce, the menus and the control bar offer only
// what a live cluster without a launcher can do, and opening a scenario goes back to the
// simulation.

#include <signal.h>
#include <sys/prctl.h>

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "control_bar.h"
#include "curve_keys.h"
#include "live_backend.h"
#include "main_window.h"
#include "scenario_files.h"
#include "simulation_backend.h"
#include "topology_scene.h"
#include "topology_view.h"

using namespace clusterscope;
using namespace clusterscope::app;
using namespace std::chrono_literals;

namespace {

void dieWithParent(QProcess& p) {
  p.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
}

QAction* findAction(QWidget& w, const QString& text) {
  for (QAction* a : w.actions()) {
    if (a->text() == text) return a;
  }
  return nullptr;
}

}  // namespace

class TestLiveWindow : public QObject {
  Q_OBJECT

  QTemporaryDir tmp_;
  QProcess hub_;
  QProcess agent_;
  QString file_;

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName("ClusterScopeTests");
    QSettings().clear();
    agents::makeClusterKeys(tmp_.path().toStdString() + "/keys");
    file_ = tmp_.path() + "/run/connection.json";
    dieWithParent(hub_);
    hub_.start(CLUSTERSCOPE_HUB_PATH,
               {"--keys", tmp_.path() + "/keys", "--connection-file", file_});
    QVERIFY(hub_.waitForStarted(5000));
    QString banner;
    const auto until = std::chrono::steady_clock::now() + 10s;
    while (!banner.contains("connection") && std::chrono::steady_clock::now() < until) {
      hub_.waitForReadyRead(200);
      banner += hub_.readAllStandardOutput();
    }
    QVERIFY2(banner.contains("connection"), qPrintable(banner));
    dieWithParent(agent_);
    agent_.start("/usr/bin/python3",
                 {CLUSTERSCOPE_PYTHON_AGENT, "--service", "orders", "--replica", "0",
                  "--connection", file_, "--workers", "2", "--service-time", "5"});
    QVERIFY(agent_.waitForStarted(5000));
  }

  void cleanupTestCase() {
    for (QProcess* p : {&agent_, &hub_}) {
      p->kill();
      p->waitForFinished(5000);
    }
  }

  void connectShowsTheLiveClusterAndOpenGoesBack() {
    MainWindow w;
    w.setScenarioSession(new ScenarioSession(&w));
    w.show();
    QVERIFY(w.openScenario(ScenarioFiles::defaultLesson()));
    QVERIFY(w.connectToHub(file_));
    QVERIFY(w.liveBackend());
    QCOMPARE(w.backend(), static_cast<ClusterBackend*>(w.liveBackend()));
    QTRY_COMPARE_WITH_TIMEOUT(w.topology()->topologyScene()->serviceItemCount(), 1, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(w.topology()->topologyScene()->replicaColor(0, 0).isValid(), 10000);
    // No run controls on the wall clock; no kill without a launcher, and the lever says why.
    QVERIFY(!w.controls()->runAction()->isVisible());
    w.controls()->setSelection(Selection::deployment("orders"));
    QAction* kill = findAction(*w.controls(), "Kill replica");
    QVERIFY(kill && !kill->isEnabled());
    QVERIFY(kill->toolTip().contains("launcher"));
    QVERIFY(!w.findChild<QMenu*>("compareMenu")->menuAction()->isEnabled());
    QVERIFY(w.compare("sync-async") == nullptr);

    // Opening a scenario shows the simulation again and stops following the hub.
    QPointer<LiveBackend> live = w.liveBackend();
    QVERIFY(w.openScenario(ScenarioFiles::defaultLesson()));
    QCOMPARE(w.backend(), static_cast<ClusterBackend*>(w.session()->backend()));
    QTRY_VERIFY(live.isNull());
    QTRY_COMPARE(w.topology()->topologyScene()->serviceItemCount(), 5);
    QTRY_VERIFY(w.topology()->topologyScene()->brokerShown());  // the simulation always has one
    QVERIFY(w.findChild<QMenu*>("compareMenu")->menuAction()->isEnabled());
  }

  // A cluster launched elsewhere (`clusterscope-cli launch`) and followed with Connect: the
  // launcher's plan carries the scenario file, so the window shows its lesson in both
  // languages with its question, and settles the question from the measured intervals.
  void aConnectedClusterBringsItsLessonAndQuestions() {
    const QString file = tmp_.path() + "/launched/connection.json";
    QProcess launch;
    dieWithParent(launch);
    launch.start(CLUSTERSCOPE_CLI_PATH,
                 {"launch", QString(CLUSTERSCOPE_LIVE_DATA_DIR) + "/launch-question.json",
                  "--connection-file", file, "--no-progress"});
    QVERIFY(launch.waitForStarted(5000));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(file), 20000);

    MainWindow w;
    w.setScenarioSession(new ScenarioSession(&w));
    w.show();
    QVERIFY(w.connectToHub(file));
    LiveBackend* live = w.liveBackend();
    QVERIFY(live);
    QSignalSpy settled(live, &ClusterBackend::questionSettled);
    QTRY_VERIFY_WITH_TIMEOUT(live->description() && live->description()->lesson.size() == 2, 20000);
    const auto& lesson = live->description()->lesson;
    QVERIFY(lesson[1].question.has_value());
    QCOMPARE(lesson[1].question->text.in("fr"),
             std::string("Orders devient 20 fois plus lent : son p50 ?"));
    QVERIFY(live->capabilities().questions);
    QTRY_VERIFY_WITH_TIMEOUT(settled.size() == 1, 40000);
    const auto outcome = settled[0][1].value<model::QuestionOutcome>();
    QVERIFY(outcome.value && outcome.before);
    qInfo("followed with Connect: orders p50 %.1f ms before, %.1f ms after", *outcome.before,
          *outcome.value);
    QCOMPARE(outcome.matching, std::optional<int>(1));
    QVERIFY(launch.waitForFinished(30000));
    QCOMPARE(launch.exitCode(), 0);
  }

  void aTargetThatCannotBeUsedSaysWhy() {
    MainWindow w;
    w.setScenarioSession(new ScenarioSession(&w));
    w.show();
    QVERIFY(w.openScenario(ScenarioFiles::defaultLesson()));
    QVERIFY(!w.connectToHub(tmp_.path() + "/no-such-connection.json"));
    QVERIFY(w.errorDialog());
    QVERIFY2(w.errorDialog()->informativeText().contains("no such connection file"),
             qPrintable(w.errorDialog()->informativeText()));
    QCOMPARE(w.backend(), static_cast<ClusterBackend*>(w.session()->backend()));
    w.errorDialog()->close();
  }
};

QTEST_MAIN(TestLiveWindow)
#include "test_live_window.moc"
