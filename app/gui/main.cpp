// clusterscope: the GUI. With a scenario file it opens that file; with none, the default
// lesson, and the course's list of lessons over it (the start screen).

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QIcon>
#include <QSettings>
#include <QTimer>
#include <clocale>
#include <cmath>
#include <cstdio>

#include "comparison_window.h"
#include "control_bar.h"
#include "lessons_dialog.h"
#include "main_window.h"
#include "scenario_files.h"
#include "scenario_session.h"
#include "simulation_backend.h"
#include "translations.h"

using namespace clusterscope::app;

namespace {

// The translation context of this file's messages.
struct GuiMain {
  Q_DECLARE_TR_FUNCTIONS(GuiMain)
};

// The --lang value, read before the parser is built so that --help speaks that language. The
// last one given wins, as for the parser's other options.
QString languageArgument(const QStringList& args) {
  QString value;
  for (qsizetype i = 1; i < args.size(); ++i) {
    if (args[i] == QLatin1String("--lang") && i + 1 < args.size()) value = args[i + 1];
    if (args[i].startsWith(QLatin1String("--lang="))) value = args[i].mid(7);
  }
  return value;
}

// Messages on the terminal are UTF-8, whatever their language.
void printError(const QString& text) { std::fprintf(stderr, "%s\n", text.toUtf8().constData()); }

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  // QApplication set the C library's locale from the environment: the engine writes numbers
  // with printf (describeAction, saved scenarios), which must keep a decimal point on a French
  // system. Translated text formats its numbers with QLocale instead.
  std::setlocale(LC_NUMERIC, "C");
  QApplication::setApplicationName("ClusterScope");
  QApplication::setOrganizationName("ClusterScope");
  QApplication::setApplicationVersion(CLUSTERSCOPE_VERSION);
  QApplication::setWindowIcon(QIcon(":/icons/clusterscope.png"));

  // The language: --lang, else the one chosen in View > Language, else the system's.
  const QString langArgument = languageArgument(QApplication::arguments());
  const QString langChoice = !langArgument.isEmpty()
                                 ? langArgument
                                 : QSettings().value(MainWindow::languageSettingKey()).toString();
  clusterscope::i18n::install(QStringLiteral("clusterscope"), langChoice);

  QCommandLineParser parser;
  parser.setApplicationDescription(GuiMain::tr("See a cluster of microservices at work."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument("scenario",
                               GuiMain::tr("A scenario file (default: the bundled lesson)."),
                               GuiMain::tr("[FILE.json]"));
  QCommandLineOption run("run", GuiMain::tr("Start running at once."));
  QCommandLineOption speed(
      "speed",
      GuiMain::tr("Cluster seconds per real second, one of 0.1, 0.25, 0.5, 1, 2, 5, "
                  "10, 20, 50, 100, or 0 for as fast as possible (other values snap "
                  "to the nearest)."),
      GuiMain::tr("factor"));
  QCommandLineOption presenter("presenter",
                               GuiMain::tr("Start in presenter mode (full screen, large type)."));
  QCommandLineOption compare(
      "compare",
      GuiMain::tr("Also open a comparison: %1.").arg(MainWindow::comparePresets().join(", ")),
      GuiMain::tr("variant"));
  QCommandLineOption connect(
      "connect",
      GuiMain::tr(
          "Follow a live cluster instead of a scenario: a connection file (written by "
          "clusterscope-cli launch or clusterscope-hub) or a hub endpoint tcp://HOST:PORT."),
      GuiMain::tr("file-or-endpoint"));
  QCommandLineOption live(
      "live", GuiMain::tr("Run the scenario on real local processes (a hub, one agent per "
                          "replica, the broker and the load generator) instead of simulating "
                          "it."));
  QCommandLineOption lang(
      "lang",
      GuiMain::tr("The interface's language, en or fr, for this run only (default: "
                  "the one chosen in View > Language, else the system's)."),
      "en|fr");
  parser.addOptions({run, speed, presenter, compare, connect, live, lang});
  parser.process(app);  // --help, --version and unknown options end here with a message
  if (parser.isSet(lang) && !clusterscope::i18n::languages().contains(parser.value(lang))) {
    printError(GuiMain::tr("clusterscope: --lang takes en or fr"));
    return 2;
  }

  double speedFactor = 1.0;
  if (parser.isSet(speed)) {
    bool ok = false;
    speedFactor = parser.value(speed).toDouble(&ok);
    // toDouble takes "nan" and "inf": only a finite number in range is a speed.
    if (!ok || !std::isfinite(speedFactor) || speedFactor < 0 || speedFactor > 1e4) {
      printError(GuiMain::tr("clusterscope: --speed must be a number from 0 to 10000"));
      return 2;
    }
    speedFactor = ControlBar::nearestSpeed(speedFactor);
  }
  if (parser.isSet(compare) && !MainWindow::comparePresets().contains(parser.value(compare))) {
    printError(GuiMain::tr("clusterscope: --compare takes one of: %1")
                   .arg(MainWindow::comparePresets().join(", ")));
    return 2;
  }
  const QStringList files = parser.positionalArguments();
  if (files.size() > 1) {
    printError(GuiMain::tr("clusterscope: open one scenario at a time"));
    return 2;
  }
  if (parser.isSet(connect) && (!files.isEmpty() || parser.isSet(compare))) {
    printError(GuiMain::tr(
        "clusterscope: --connect follows a live cluster: give no scenario and no --compare "
        "with it"));
    return 2;
  }

  if (parser.isSet(live) && (parser.isSet(connect) || parser.isSet(compare) || parser.isSet(run) ||
                             parser.isSet(speed))) {
    printError(GuiMain::tr(
        "clusterscope: --live runs the scenario on real processes, in real time: give no "
        "--connect, --compare, --run or --speed with it"));
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
