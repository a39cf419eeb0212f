// A manual harness, built but not run by CTest: opens the topology view on a scenario, runs
// it up to a cluster time and saves a picture, so that a person can look at the result.
//
//   topology_demo SCENARIO.json OUT.png [--at SECONDS] [--presenter] [--size WxH]
//                 [--select KIND:INDEX[:REPLICA]]

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTimer>
#include <cstdio>

#include "scenario_loader.h"
#include "simulation_backend.h"
#include "test_scenarios.h"
#include "topology_scene.h"
#include "topology_view.h"

using namespace clusterscope;

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QCommandLineParser parser;
  parser.addPositionalArgument("scenario", "scenario file");
  parser.addPositionalArgument("out", "PNG to write");
  parser.addOption({"at", "cluster time to reach, seconds", "s", "20"});
  parser.addOption({"presenter", "larger text"});
  parser.addOption({"size", "window size", "WxH", "1600x1000"});
  parser.addOption({"select", "select deployment:D or replica:D:R", "what"});
  parser.addOption({"zoom", "zoom factor instead of fitting all", "factor"});
  parser.process(app);
  if (parser.positionalArguments().size() != 2) parser.showHelp(2);
  // "large" instead of a file: the benchmark cluster (200 services, 2,000 replicas).
  const bool large = parser.positionalArguments()[0] == "large";
  auto loaded = large ? engine::LoadResult{}
                      : engine::loadScenarioFile(parser.positionalArguments()[0].toStdString());
  if (large) loaded.scenario = testing::largeCluster(200, 10, 10000, 600);
  if (!loaded.ok()) {
    for (const auto& d : loaded.errors) std::fprintf(stderr, "%s\n", d.format().c_str());
    return 2;
  }
  const QString out = parser.positionalArguments()[1];
  const double at = parser.value("at").toDouble();
  const QStringList size = parser.value("size").split('x');

  app::SimulationBackend backend;
  app::TopologyView view;
  view.resize(size.value(0).toInt(), size.value(1).toInt());
  view.setBackend(&backend);
  view.setPresenterMode(parser.isSet("presenter"));
  view.show();

  bool reached = false;
  QObject::connect(
      &backend, &app::ClusterBackend::snapshotReady, &view,
      [&](std::shared_ptr<const model::ClusterSnapshot> s) {
        if (reached || model::toSeconds(s->time) < at) return;
        reached = true;
        // Run on in real time for a moment so that the dots are where they
        // would be on a screen, then take the picture.
        backend.setSpeed(1.0);
        QTimer::singleShot(1500, &view, [&] {
          if (parser.isSet("select")) {
            const QStringList p = parser.value("select").split(':');
            app::Selection sel;
            sel.kind = p[0] == "replica" ? app::Selection::Kind::Replica
                                         : app::Selection::Kind::Deployment;
            sel.name =
                backend.layout()->deployments[static_cast<std::size_t>(p.value(1).toInt())].name;
            sel.replica = p.value(2, "-1").toInt();
            view.setSelection(sel);
          }
          if (parser.isSet("zoom")) {
            const double z = parser.value("zoom").toDouble();
            view.setTransform(QTransform::fromScale(z, z));
            view.centerOn(view.topologyScene()->deploymentSceneRect(0).center());
          }
          const bool ok = view.grab().save(out);
          std::printf("%s at t=%.1f s: %s\n", ok ? "saved" : "FAILED to save",
                      model::toSeconds(backend.lastSnapshot()->time), qPrintable(out));
          app.exit(ok ? 0 : 1);
        });
      });
  QObject::connect(&backend, &app::ClusterBackend::clusterReset, &view, [&] {
    backend.setSpeed(at > 1 ? 20.0 : 1.0);
    backend.start();
  });
  backend.load(*loaded.scenario);
  return app.exec();
}
