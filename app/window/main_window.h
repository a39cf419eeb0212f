#pragma once

#include <QMainWindow>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <optional>

#include "cluster_backend.h"
#include "live_backend.h"
#include "live_launch.h"
#include "scenario_session.h"

class QMenu;
class QToolBar;

namespace clusterscope::app {

class ChartsPanel;
class ComparisonWindow;
class ControlBar;
class DetailsPanel;
class EventLog;
class LessonPanel;
class LessonsDialog;
class TopologyView;

// The application window. It only assembles panels around the back end it is given and wires
// them together: the topology in the middle, the controls on top, charts, lesson, log and
// details in docks whose layout is saved. Menus: files (open, recent, examples, save session,
// exports), view (presenter mode, docks), run, compare. What a menu offers follows the back
// end's capabilities; opening and saving scenarios needs a ScenarioSession.
class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Shows `backend` in every panel (not owned; null shows nothing).
  void setBackend(ClusterBackend* backend);
  ClusterBackend* backend() const { return backend_; }
  // A simulated session: shows its back end and offers opening and saving scenarios (not
  // owned; null removes those).
  void setScenarioSession(ScenarioSession* session);
  ScenarioSession* session() const { return session_; }

  // Opens a scenario file (or a bundled ":/scenarios/..." one) in the session, and shows the
  // session again if a live cluster was shown. An invalid file shows the loader's messages in
  // a dialog and what was shown stays. Returns success; false without a session.
  bool openScenario(const QString& path);
  // Follows a live cluster: `target` is a connection file or a hub endpoint (see
  // liveConnection()). The window owns the live back end until another replaces it. A target
  // that cannot be used shows why in a dialog and returns false; an unreachable hub is not an
  // error (the window says so and keeps trying).
  bool connectToHub(const QString& target);
  LiveBackend* liveBackend() const { return live_; }
  // Runs the session's scenario as real local processes (the launcher of `clusterscope-cli
  // launch`) and follows them; a progress dialog with Cancel covers the start. The window
  // stops what it launched when it closes, opens or connects to something else, and nothing
  // else. False (with a dialog) when the launch cannot start.
  bool runOnRealAgents();
  LiveLaunch* liveLaunch() const { return launch_; }
  // Compare ▸ Simulation vs real agents: the session's scenario simulated and on real
  // processes side by side, paced together in real time from the moment real traffic starts,
  // their curves overlaid; every action chosen in either topology applies to both. Closing
  // the window stops its processes. Null (with a dialog) when the launch cannot start.
  ComparisonWindow* compareWithRealAgents();
  // The dialog shown while a launch starts (for tests).
  QProgressDialog* launchProgress() const { return launchProgress_; }
  // Writes the session's scenario plus what the user did as a scenario file that replays it.
  bool saveSession(const QString& path);
  // Opens a comparison window of two simulated variants (ScenarioSession::variants), or of the
  // simulation and real agents ("real-agents"). Returns
  // the window, or null for an unknown name or without a session.
  ComparisonWindow* compare(const QString& preset);
  // The simulated variants, and "real-agents" (compareWithRealAgents()).
  static QStringList comparePresets() { return ScenarioSession::presets() << "real-agents"; }
  // The QSettings key of View > Language's choice: "en", "fr", or empty for the system's.
  static QString languageSettingKey() { return QStringLiteral("language"); }

  QString currentFile() const { return session_ ? session_->currentFile() : QString(); }
  TopologyView* topology() const { return topology_; }
  ChartsPanel* charts() const { return charts_; }
  ControlBar* controls() const { return controls_; }
  LessonPanel* lesson() const { return lesson_; }
  EventLog* eventLog() const { return log_; }
  DetailsPanel* details() const { return details_; }
  // The dialog of the last failed open or connection, while it is shown (for tests).
  QMessageBox* errorDialog() const { return errorDialog_; }
  bool presenterMode() const { return presenter_; }

  // Help > Lessons: the course's lessons; choosing one opens it (openLesson). Non-modal; the
  // window keeps one at a time.
  LessonsDialog* showLessons();
  // Opens a lesson of the bundled course by id (its scenario's file name without ".json"):
  // the scenario in this window, plus what the lesson asks for (a side-by-side comparison, a
  // run on real agents). False (with a dialog) for an unknown id or a scenario that fails.
  bool openLesson(const QString& id);
  QToolBar* lessonToolBar() const { return lessonBar_; }

 public slots:
  void setPresenterMode(bool on);
  void openDialog();
  void saveSessionDialog();
  void connectDialog();

 protected:
  void closeEvent(QCloseEvent* event) override;
  void showEvent(QShowEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void buildDocks();
  void buildMenus();
  void buildCompareMenu(QMenu* menu);
  // The Lesson toolbar and Help > Lessons (main_window_course.cpp).
  void buildLessonActions(QMenu* help);
  void buildLanguageMenu(QMenu* menu);
  void rebuildRecentMenu();
  // Enables the menus' entries from the back end's capabilities and the session.
  void updateMenus();
  void showLoadErrors(const QString& path, const QStringList& errors);
  void showError(const QString& title, const QString& text, const QString& details,
                 const char* objectName);
  // Follows `live` (owned from now on) in place of whatever the window showed.
  void showLive(LiveBackend* live, const QString& title);
  // Stops what this window launched (its processes go) and forgets it.
  void stopLaunch();
  void closeLaunchProgress();
  struct LiveRun {
    LiveLaunch* launch = nullptr;  // children of this window until reparented
    LiveBackend* live = nullptr;
  };
  // Starts `scenario` on real processes and a back end that follows them; empty (a dialog
  // says why) when it cannot.
  LiveRun startLiveRun(const engine::Scenario& scenario);
  QProgressDialog* showLaunchProgress(LiveLaunch* launch, QWidget* parent);
  void followTimeline(LiveLaunch* launch, LiveBackend* live);
  // A run launched from this window is shown: its session is its scenario plus what the user
  // did (liveSession()).
  bool liveSessionShown() const;
  engine::Scenario liveSession() const;
  ComparisonWindow* openComparison(const ScenarioSession::Variants& variants);
  void exportCharts(const QString& format);

  QPointer<ClusterBackend> backend_;
  QPointer<ScenarioSession> session_;
  QPointer<LiveBackend> live_;   // owned; shown when the window follows a live cluster
  QPointer<LiveLaunch> launch_;  // owned; the processes this window launched, if any
  QPointer<QProgressDialog> launchProgress_;
  std::optional<engine::Scenario> liveScenario_;  // the scenario of the run launched here
  QList<QAction*> sessionActions_;                // need a session
  QList<QAction*> simulationActions_;             // need the session's simulation shown
  QList<QAction*> pauseActions_;                  // need capabilities().pause
  QList<QAction*> speedActions_;                  // need capabilities().speed
  QAction* saveSessionAction_ = nullptr;
  QAction* runLiveAction_ = nullptr;
  QAction* nodeNamespacesAction_ = nullptr;  // Run on real agents with --netns
  QAction* resetFaultsAction_ = nullptr;
  TopologyView* topology_;
  ChartsPanel* charts_;
  ControlBar* controls_;
  LessonPanel* lesson_;
  EventLog* log_;
  DetailsPanel* details_;
  QMenu* recentMenu_ = nullptr;
  QToolBar* lessonBar_ = nullptr;
  bool lessonBarWasVisible_ = true;  // before presenter mode hid it
  QPointer<LessonsDialog> lessonsDialog_;
  QPointer<QMessageBox> errorDialog_;
  bool presenter_ = false;
  bool firstRun_ = false;
  QByteArray normalGeometry_;
  double normalFontSize_ = 0;
};

}  // namespace clusterscope::app
