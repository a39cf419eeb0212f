// The headless run driver the CLI uses: options applied to the scenario, the outcome filled
// in, and runs that repeat byte for byte.

#include <QtTest>
#include <algorithm>
#include <sstream>
#include <vector>

#include "qtest_std_string.h"
#include "scenario_loader.h"
#include "scenario_run.h"
#include "summary_json.h"
#include "test_scenarios.h"

using namespace clusterscope::engine;
using namespace clusterscope::model;
using namespace clusterscope::testing;

namespace {

Scenario small() {
  Scenario s = chain({"edge", "auth", "db"}, CallMode::Sync, 150, 2.0, 2, 2, 15);
  s.name = "small";
  s.seed = 21;
  s.warmupS = 3;
  s.services[2].errorRate = 0.02;
  s.services[0].calls[0].retries = 1;
  return s;
}

}  // namespace

class ScenarioRunTest : public QObject {
  Q_OBJECT

 private slots:
  void noOptionsChangeNothing() { QVERIFY(applyRunOptions(small(), {}) == small()); }

  void seedAndDurationOptions() {
    RunOptions o;
    o.seed = 99;
    o.durationS = 40;
    Scenario s = applyRunOptions(small(), o);
    QCOMPARE(s.seed, 99ULL);
    QCOMPARE(s.durationS, 40.0);
    QCOMPARE(s.warmupS, 3.0);  // a short warm-up is kept
    o.durationS = 4;
    s = applyRunOptions(small(), o);
    QCOMPARE(s.durationS, 4.0);
    QCOMPARE(s.warmupS, 2.0);  // at most half the run
  }

  // The launcher hands the shortened scenario to every agent as a file, which they validate:
  // what the shorter run never reaches must not make that file invalid.
  void aShorterRunDropsWhatItNeverReaches() {
    Scenario s = small();
    TimelineEntry early;
    early.atS = 2;
    early.action.kind = ActionKind::KillReplica;
    early.action.service = "auth";
    early.action.replica = 0;
    TimelineEntry late = early;
    late.atS = 30;
    s.timeline = {early, late};
    s.lesson = {LessonStep{2, "early", "", {}}, LessonStep{30, "late", "", {}}};
    RunOptions o;
    o.durationS = 10;
    const Scenario shorter = applyRunOptions(s, o);
    QCOMPARE(shorter.timeline.size(), 1u);
    QCOMPARE(shorter.timeline[0].atS, 2.0);
    QCOMPARE(shorter.lesson.size(), 1u);
    const LoadResult reloaded = loadScenarioText(scenarioToJson(shorter), "shorter.json");
    QVERIFY2(reloaded.ok(), reloaded.errors.empty() ? "" : reloaded.errors[0].message.c_str());
  }

  void forcedModeSetsEveryCall() {
    RunOptions o;
    o.mode = CallMode::Async;
    const Scenario s = applyRunOptions(small(), o);
    int calls = 0;
    for (const auto& svc : s.services) {
      for (const auto& c : svc.calls) {
        QCOMPARE(c.mode, CallMode::Async);
        ++calls;
      }
    }
    QCOMPARE(calls, 2);
    const RunOutcome out = runScenario(small(), o);
    QCOMPARE(out.summary.mode, std::string("async"));
    for (const auto& e : out.summary.edges) QCOMPARE(e.mode, CallMode::Async);
    QVERIFY2(out.summary.broker.published > 0, "forced async calls should use the broker");
    // Without the option, no mode is reported.
    QVERIFY(runScenario(small()).summary.mode.empty());
  }

  void outcomeIsFilledIn() {
    std::vector<double> progress;
    RunOptions o;
    o.seed = 8;
    o.progress = [&](double f) { progress.push_back(f); };
    const RunOutcome out = runScenario(small(), o);
    QCOMPARE(out.summary.scenario, std::string("small"));
    QCOMPARE(out.summary.seed, 8ULL);
    QCOMPARE(out.summary.simTimeS, 15.0);
    QCOMPARE(out.summary.measuredS, 12.0);
    QVERIFY(out.summary.events > out.summary.requests.arrivals);
    QVERIFY(out.summary.wallTimeS > 0);
    QVERIFY(out.summary.requests.failures[FailureCause::Error] > 0);
    QVERIFY(!progress.empty());
    QVERIFY(std::is_sorted(progress.begin(), progress.end()));
    QCOMPARE(progress.back(), 1.0);
    QVERIFY(out.claims.empty() && out.claimsPassed);
  }

  void claimsAreEvaluated() {
    Scenario s = small();
    ExpectClaim ok, bad;
    ok.metric = "requests.sent";
    ok.min = 1;
    bad.metric = "requests.failed";
    bad.max = 0;  // errors are injected: fails
    s.expect = {ok, bad};
    const RunOutcome out = runScenario(s);
    QCOMPARE(out.claims.size(), std::size_t{2});
    QVERIFY2(out.claims[0].passed, out.claims[0].describe().c_str());
    QVERIFY2(!out.claims[1].passed, out.claims[1].describe().c_str());
    QVERIFY(!out.claimsPassed);
    QCOMPARE(out.claims[0].value.value_or(-1), double(out.summary.requests.arrivals));
  }

  void csvOptionWrites() {
    std::ostringstream csv;
    RunOptions o;
    o.csv = &csv;
    runScenario(small(), o);
    const std::string text = csv.str();
    // A header, then 15 one-second intervals of 5 scopes (requests, 3 services, broker).
    QCOMPARE(std::count(text.begin(), text.end(), '\n'), 1L + 15 * 5);
  }

  void sameScenarioSameBytes() {
    const std::string a = summaryToJson(runScenario(small()).summary, false);
    const std::string b = summaryToJson(runScenario(small()).summary, false);
    QVERIFY2(a == b, "two runs of one scenario and seed differ");
    RunOptions o;
    o.seed = 22;
    const std::string c = summaryToJson(runScenario(small(), o).summary, false);
    QVERIFY2(a != c, "a different seed gave the same summary");
  }
};

QTEST_APPLESS_MAIN(ScenarioRunTest)
#include "test_scenario_run.moc"
