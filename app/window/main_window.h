#pragma once

#include <QMainWindow>
#include <QMessageBox>
#include <QPointer>

#include "scenario_loader.h"

class QMenu;

namespace clusterscope::app {

class ChartsPanel;
class ControlBar;
class DetailsPanel;
class EventLog;
class LessonPanel;
class SimulationBackend;
class TopologyView;

// The application window. It only assembles panels around one back end and wires them
// together: the topology in the middle, the controls on top, charts, lesson, log and details
// in docks whose layout is saved. Menus: files (open, recent, examples, save session,
// exports), view (presenter mode, docks), run, compare.
class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Opens a scenario file (or a bundled ":/scenarios/..." one). An invalid file shows the
  // loader's messages in a dialog and the current scenario keeps running. Returns success.
  bool openScenario(const QString& path);
  // Writes the current scenario plus what the user did as a scenario file that replays it.
  bool saveSession(const QString& path);
  // Opens a comparison window: "sync-async" and "breakers" compare two variants of the
  // current scenario, "monolith" the bundled monolith and microservices scenarios. Returns
  // the window, or null for an unknown name.
  class ComparisonWindow* compare(const QString& preset);
  static QStringList comparePresets() { return {"sync-async", "breakers", "monolith"}; }

  QString currentFile() const { return currentFile_; }
  SimulationBackend* backend() const { return backend_; }
  TopologyView* topology() const { return topology_; }
  ChartsPanel* charts() const { return charts_; }
  ControlBar* controls() const { return controls_; }
  LessonPanel* lesson() const { return lesson_; }
  EventLog* eventLog() const { return log_; }
  DetailsPanel* details() const { return details_; }
  // The dialog of the last failed open, while it is shown (for tests).
  QMessageBox* errorDialog() const { return errorDialog_; }
  bool presenterMode() const { return presenter_; }

 public slots:
  void setPresenterMode(bool on);
  void openDialog();
  void saveSessionDialog();

 protected:
  void closeEvent(QCloseEvent* event) override;
  void showEvent(QShowEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void buildDocks();
  void buildMenus();
  void buildCompareMenu(QMenu* menu);
  void rebuildRecentMenu();
  void showLoadErrors(const QString& path, const std::vector<engine::Diagnostic>& errors);
  ComparisonWindow* openComparison(const engine::Scenario& a, const QString& labelA,
                                   const engine::Scenario& b, const QString& labelB);
  void exportCharts(const QString& format);

  SimulationBackend* backend_;
  TopologyView* topology_;
  ChartsPanel* charts_;
  ControlBar* controls_;
  LessonPanel* lesson_;
  EventLog* log_;
  DetailsPanel* details_;
  QMenu* recentMenu_ = nullptr;
  QPointer<QMessageBox> errorDialog_;
  QString currentFile_;
  bool presenter_ = false;
  bool firstRun_ = false;
  QByteArray normalGeometry_;
  double normalFontSize_ = 0;
};

}  // namespace clusterscope::app
