// Queueing theory in the views, from a real simulation: the details panel puts theory beside
// measurement for a service that fits a classic queue and says why not for one that does not;
// the charts overlay the prediction for a fitting service only, and the toggle hides it.

#include <QRegularExpression>
#include <QStandardPaths>
#include <QtTest>
#include <cmath>

#include "charts_panel.h"
#include "details_panel.h"
#include "scenario_loader.h"
#include "simulation_backend.h"

using namespace clusterscope;
using namespace clusterscope::app;

namespace {

engine::Scenario bundled(const char* name) {
  auto r = engine::loadScenarioFile(std::string(CLUSTERSCOPE_SCENARIO_DIR) + "/" + name);
  if (!r.ok()) qFatal("cannot load %s", name);
  return *r.scenario;
}

// A simulation back end with the two views that show theory, the overlay switched on.
struct Views {
  SimulationBackend backend;
  ChartsPanel charts;
  DetailsPanel details;

  Views() {
    charts.setTheoryShown(true);
    charts.addSource(&backend, "run");
    details.setBackend(&backend);
    details.show();
  }

  // Runs `scenario` as fast as it goes until the charts hold `intervals` samples, then pauses.
  void runSome(const engine::Scenario& scenario, std::size_t intervals) {
    QObject::connect(&backend, &ClusterBackend::clusterReset, &backend, [this] {
      backend.setSpeed(0);
      backend.start();
    });
    backend.load(scenario);
    QTRY_VERIFY_WITH_TIMEOUT(charts.history(0) && charts.history(0)->size() >= intervals, 20000);
    backend.pause();
    QTRY_VERIFY_WITH_TIMEOUT(backend.runState() != RunState::Running, 5000);
  }
};

// The value at the end of the visible "theory" graph of `plot`; NaN when none is shown.
double theoryShown(const ChartsPanel& charts, ChartPlot plot) {
  for (QCPGraph* g : charts.canvas()->plotRect(plot)->graphs()) {
    if (g->visible() && g->name() == "theory" && !g->data()->isEmpty()) {
      return (g->data()->constEnd() - 1)->value;
    }
  }
  return std::nan("");
}

}  // namespace

class TheoryViewsTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("ClusterScopeTests");
    QCoreApplication::setApplicationName("test_theory_views");
  }

  void mm1ShowsTheoryBesideMeasurement() {
    Views v;
    auto& [b, charts, details] = v;
    v.runSome(bundled("mm1.json"), 30);
    details.setSelection(Selection::component("server"));
    QTRY_VERIFY(details.text().contains("M/M/1"));
    const QString text = details.text();
    // rho 0.7, mu 100: W = 1 / (100 - 70) s.
    const QRegularExpression latency("theory 33\\.3 ms, measured (\\d+\\.\\d) ms");
    const auto m = latency.match(text);
    QVERIFY2(m.hasMatch(), qPrintable(text));
    QVERIFY(m.captured(1).toDouble() > 0.0);
    QVERIFY2(text.contains("theory 70.0 %, measured"), qPrintable(text));
    QVERIFY2(text.contains("theory 23.1 / 99.9 / 153.5 ms"), qPrintable(text));

    // Scoped to the server, the charts draw the prediction; end to end they do not.
    charts.setScope(0);
    QVERIFY(charts.theoryOverlayVisible());
    QVERIFY(std::abs(theoryShown(charts, ChartPlot::Latency) - 1000.0 / 30) < 1e-3);
    QVERIFY(std::abs(theoryShown(charts, ChartPlot::Utilization) - 0.7) < 1e-6);
    charts.setScope(-1);
    QVERIFY(!charts.theoryOverlayVisible());
    charts.setScope(0);
    charts.setTheoryShown(false);
    QVERIFY(!charts.theoryOverlayVisible());
    charts.setTheoryShown(true);
    QVERIFY(charts.theoryOverlayVisible());
  }

  void syncCallerGetsAReason() {
    Views v;
    auto& [b, charts, details] = v;
    // Without its timeline: the database's slow-down would saturate it in a run this fast.
    engine::Scenario chain = bundled("sync-chain-slow-db.json");
    chain.timeline.clear();
    v.runSome(chain, 20);
    details.setSelection(Selection::component("gateway"));
    QTRY_VERIFY(details.text().contains("no formula"));
    QVERIFY2(details.text().contains("it makes sync calls"), qPrintable(details.text()));
    QVERIFY(!details.text().contains("theory "));

    // db, the leaf, fits (eight exponential workers: M/M/8, approximate); the gateway does not.
    const auto layout = b.layout();
    charts.setScope(layout->componentIndex("db"));
    QVERIFY(charts.theoryOverlayVisible());
    details.setSelection(Selection::component("db"));
    QTRY_VERIFY2(details.text().contains("M/M/8"), qPrintable(details.text()));
    QVERIFY(details.text().contains("approximate"));
    charts.setScope(layout->componentIndex("gateway"));
    QVERIFY(!charts.theoryOverlayVisible());
  }
};

QTEST_MAIN(TheoryViewsTest)
#include "test_theory_views.moc"
