// Manual harness, not a test: runs a bundled scenario as fast as possible, then saves the charts
// panel as a PNG so that a person can look at it (run under Xvfb or QT_QPA_PLATFORM=offscreen).
//
//   charts_demo OUT.png [SCENARIO.json] [--compare] [--presenter] [--log] [--window S]
//               [--scope NAME] [--size WxH] [--max-wall S] [--export DIR]
//
// --export also writes DIR/charts.png, .pdf and .csv through the panel's export methods.
// --compare overlays a second run of the same scenario with every call asynchronous.

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>
#include <cstdio>
#include <memory>
#include <vector>

#include "charts_panel.h"
#include "scenario_loader.h"
#include "simulation.h"
#include "simulation_backend.h"

using namespace clusterscope;

int main(int argc, char** argv) {
  QApplication qapp(argc, argv);
  QCommandLineParser parser;
  parser.addPositionalArgument("out", "PNG to write");
  parser.addPositionalArgument("scenario", "scenario file (default: the lesson)");
  parser.addOptions({{"compare", "overlay an all-async variant"},
                     {"presenter", "presenter mode"},
                     {"log", "log latency axis"},
                     {"window", "window in seconds", "s", "120"},
                     {"scope", "component name", "name"},
                     {"size", "panel size", "WxH", "1400x1000"},
                     {"max-wall", "stop after this many wall seconds", "s", "20"},
                     {"export", "also export PNG, PDF and CSV into this folder", "dir"}});
  parser.process(qapp);
  const QStringList args = parser.positionalArguments();
  if (args.isEmpty()) parser.showHelp(2);
  const QString scenarioPath = args.size() > 1 ? args[1]
                                               : QStringLiteral(CLUSTERSCOPE_SCENARIO_DIR) +
                                                     QStringLiteral("/lesson-microservices.json");
  auto loaded = engine::loadScenarioFile(scenarioPath.toStdString());
  if (!loaded.ok()) {
    std::fprintf(stderr, "%s\n", loaded.errors.front().format().c_str());
    return 2;
  }

  app::ChartsPanel panel;
  const QStringList size = parser.value("size").split('x');
  panel.resize(size.value(0).toInt(), size.value(1).toInt());
  panel.setPresenterMode(parser.isSet("presenter"));
  panel.setLogLatency(parser.isSet("log"));
  panel.setWindowSeconds(parser.value("window").toDouble());
  panel.show();

  std::vector<std::unique_ptr<app::SimulationBackend>> backends;
  std::vector<engine::Scenario> variants = {*loaded.scenario};
  if (parser.isSet("compare")) {
    variants.push_back(*loaded.scenario);
    engine::forceCallMode(variants.back(), model::CallMode::Async);
  }
  const QStringList labels =
      parser.isSet("compare") ? QStringList{"as is", "all async"} : QStringList{"run"};
  for (std::size_t i = 0; i < variants.size(); ++i) {
    backends.push_back(std::make_unique<app::SimulationBackend>());
    auto* b = backends.back().get();
    panel.addSource(b, labels[static_cast<int>(i)]);
    QObject::connect(b, &app::ClusterBackend::clusterReset, b, [b] {
      b->setSpeed(0);
      b->start();
    });
    b->load(variants[i]);
  }
  if (parser.isSet("scope")) {
    QObject::connect(backends.front().get(), &app::ClusterBackend::clusterReset, &panel, [&] {
      const int c = backends.front()->layout()->componentIndex(parser.value("scope").toStdString());
      QTimer::singleShot(0, &panel, [&panel, c] { panel.setScope(c); });
    });
  }

  // Poll for the end of every run rather than wiring a counter through the state signals.
  QTimer poll;
  QObject::connect(&poll, &QTimer::timeout, [&] {
    for (const auto& b : backends) {
      if (b->runState() != app::RunState::Finished) return;
    }
    qapp.quit();
  });
  poll.start(50);
  QTimer::singleShot(static_cast<int>(parser.value("max-wall").toDouble() * 1000), &qapp,
                     &QApplication::quit);
  qapp.exec();

  panel.replotNow();
  if (!panel.grab().save(args[0])) {
    std::fprintf(stderr, "cannot write %s\n", qPrintable(args[0]));
    return 1;
  }
  if (parser.isSet("export")) {
    const QString dir = parser.value("export");
    const bool ok = panel.exportPng(dir + "/charts.png") && panel.exportPdf(dir + "/charts.pdf") &&
                    panel.exportCsv(dir + "/charts.csv");
    if (!ok) {
      std::fprintf(stderr, "%s\n", qPrintable(panel.lastError()));
      return 1;
    }
  }
  std::printf("%s: %zu samples, %d markers\n", qPrintable(args[0]), panel.history(0)->size(),
              static_cast<int>(panel.markerLabels().size()));
  return 0;
}
