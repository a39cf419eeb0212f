// clusterscope: the GUI. With a scenario file it opens that file; with none, the default
// lesson, and the course's list of lessons over it (the start screen).

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>
#include <cmath>
#include <cstdio>

#include "comparison_window.h"
#include "control_bar.h"
#include "lessons_dialog.h"
#include "main_window.h"
#include "scenario_files.h"
#include "scenario_session.h"
#include "simulation_backend.h"

using namespace clusterscope::app;

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("ClusterScope");
  QApplication::setOrganizationName("ClusterScope");
  QApplication::setApplicationVersion(CLUSTERSCOPE_VERSION);
  QApplication::setWindowIcon(QIcon(":/icons/clusterscope.png"));

  QCommandLineParser parser;
  parser.setApplicationDescription("See a cluster of microservices at work.");
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument("scenario", "A scenario file (default: the bundled lesson).",
                               "[FILE.json]");
  QCommandLineOption run("run", "Start running at once.");
  QCommandLineOption speed("speed",
                           "Cluster seconds per real second, one of 0.1, 0.25, 0.5, 1, 2, 5, 10, "
                           "20, 50, 100, or 0 for as fast as possible (other values snap to the "
                           "nearest).",
                           "factor");
  QCommandLineOption presenter("presenter", "Start in presenter mode (full screen, large type).");
  QCommandLineOption compare(
      "compare", "Also open a comparison: " + MainWindow::comparePresets().join(", ") + ".",
      "variant");
  QCommandLineOption connect(
      "connect",
      "Follow a live cluster instead of a scenario: a connection file (written by "
      "clusterscope-cli launch or clusterscope-hub) or a hub endpoint tcp://HOST:PORT.",
      "file-or-endpoint");
  QCommandLineOption live("live",
                          "Run the scenario on real local processes (a hub, one agent per "
                          "replica, the broker and the load generator) instead of simulating it.");
  parser.addOptions({run, speed, presenter, compare, connect, live});
  parser.process(app);  // --help, --version and unknown options end here with a message

  double speedFactor = 1.0;
  if (parser.isSet(speed)) {
    bool ok = false;
    speedFactor = parser.value(speed).toDouble(&ok);
    // toDouble takes "nan" and "inf": only a finite number in range is a speed.
    if (!ok || !std::isfinite(speedFactor) || speedFactor < 0 || speedFactor > 1e4) {
      std::fprintf(stderr, "clusterscope: --speed must be a number from 0 to 10000\n");
      return 2;
    }
    speedFactor = ControlBar::nearestSpeed(speedFactor);
  }
  if (parser.isSet(compare) && !MainWindow::comparePresets().contains(parser.value(compare))) {
    std::fprintf(stderr, "clusterscope: --compare takes one of: %s\n",
                 qPrintable(MainWindow::comparePresets().join(", ")));
    return 2;
  }
  const QStringList files = parser.positionalArguments();
  if (files.size() > 1) {
    std::fprintf(stderr, "clusterscope: open one scenario at a time\n");
    return 2;
  }
  if (parser.isSet(connect) && (!files.isEmpty() || parser.isSet(compare))) {
    std::fprintf(stderr,
                 "clusterscope: --connect follows a live cluster: give no scenario and "
                 "no --compare with it\n");
    return 2;
  }

  if (parser.isSet(live) && (parser.isSet(connect) || parser.isSet(compare) || parser.isSet(run) ||
                             parser.isSet(speed))) {
    std::fprintf(stderr,
                 "clusterscope: --live runs the scenario on real processes, in real time: give "
                 "no --connect, --compare, --run or --speed with it\n");
    return 2;
  }

  MainWindow window;
  auto* session = new ScenarioSession(&window);
  window.setScenarioSession(session);
  window.show();
  if (parser.isSet(connect)) {
    if (parser.isSet(presenter)) window.setPresenterMode(true);
    // A target that cannot be used has said why in a dialog: the default lesson stands in.
    if (!window.connectToHub(parser.value(connect))) {
      window.openScenario(ScenarioFiles::defaultLesson());
    }
    return app.exec();
  }
  if (!window.openScenario(files.isEmpty() ? ScenarioFiles::defaultLesson() : files.first())) {
    // The error dialog is open; give the user the default lesson behind it.
    if (!files.isEmpty()) window.openScenario(ScenarioFiles::defaultLesson());
  }
  SimulationBackend* backend = session->backend();
  backend->setSpeed(speedFactor);
  if (parser.isSet(presenter)) window.setPresenterMode(true);
  // The start screen: with nothing asked for, the course's lessons over the default one.
  if (files.isEmpty() && !parser.isSet(run) && !parser.isSet(compare) &&
      LessonsDialog::showAtStart()) {
    QTimer::singleShot(0, &window, [&window] { window.showLessons(); });
  }
  if (parser.isSet(live)) {
    // Once the scenario is loaded: it is what runs. A launch that cannot start says why in a
    // dialog, and the simulation of the same scenario stays shown.
    QObject::connect(
        backend, &ClusterBackend::clusterReset, &window, [&] { window.runOnRealAgents(); },
        Qt::SingleShotConnection);
  }
  if (parser.isSet(run)) {
    // After the scenario has reached the worker thread.
    QTimer::singleShot(0, backend, &SimulationBackend::start);
  }
  if (parser.isSet(compare)) {
    // Once the main scenario is loaded, since two of the variants derive from it.
    QObject::connect(
        backend, &ClusterBackend::clusterReset, &window,
        [&] {
          ComparisonWindow* w = window.compare(parser.value(compare));
          // Real agents set the pace themselves: the simulation starts with their traffic.
          if (w && parser.isSet(run) && parser.value(compare) != "real-agents") {
            w->setSpeed(speedFactor);
            QTimer::singleShot(200, w, &ComparisonWindow::run);
          }
        },
        Qt::SingleShotConnection);
  }
  return app.exec();
}
