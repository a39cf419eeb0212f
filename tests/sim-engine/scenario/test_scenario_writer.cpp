// The canonical writer: load -> write -> load gives an equal Scenario, the text is stable,
// and actionToJson writes exactly the fields of each kind.

#include <QDir>
#include <QSet>
#include <QtTest>

#include "scenario_test_helpers.h"

using namespace clusterscope::engine;
using namespace clusterscope::model;
using namespace clusterscope::engine::testing;

namespace {

Scenario loaded(const std::string& path) {
  const LoadResult r = loadScenarioFile(path);
  if (!r.ok()) qFatal("%s", qPrintable(errorLines(r).join('\n')));
  return *r.scenario;
}

Action action(ActionKind kind) {
  Action a;
  a.kind = kind;
  return a;
}

}  // namespace

class ScenarioWriterTest : public QObject {
  Q_OBJECT

 private slots:
  void roundTripOfTheFeatureRichExample() {
    const Scenario original = loaded(dataFile("full_features.json"));
    const std::string written = scenarioToJson(original);
    const LoadResult again = loadScenarioText(written, "written.json");
    QVERIFY2(again.ok(), qPrintable(errorLines(again).join('\n')));
    QVERIFY(*again.scenario == original);
    // The canonical text is a fixed point.
    QCOMPARE(QString::fromStdString(scenarioToJson(*again.scenario)),
             QString::fromStdString(written));
  }

  void roundTripOfEveryExample() {
    QStringList files;
    for (const QString& dir :
         {QString(CLUSTERSCOPE_TEST_DATA_DIR), QString(CLUSTERSCOPE_SCENARIO_DIR)}) {
      for (const QString& f : QDir(dir).entryList({"*.json"}, QDir::Files)) {
        if (f != "schema.json") files << dir + "/" + f;
      }
    }
    QVERIFY(files.size() >= 3);
    for (const QString& file : files) {
      const Scenario original = loaded(file.toStdString());
      const LoadResult again = load(scenarioToJson(original));
      QVERIFY2(again.ok() && *again.scenario == original, qPrintable(file));
    }
  }

  void everyFaultSurvivesWithAwkwardNumbers() {
    // The feature-rich example holds every kind (roundTripOfTheFeatureRichExample writes it);
    // here each fault's numbers at the edges of their ranges, and the jitter, come back.
    const Scenario features = loaded(dataFile("full_features.json"));
    QSet<int> kinds;
    for (const TimelineEntry& e : features.timeline) kinds.insert(static_cast<int>(e.action.kind));
    QCOMPARE(kinds.size(), kActionKindCount);
    Scenario s = loaded(dataFile("minimal.json"));
    const auto at = [&](Action a) { s.timeline.push_back({1.0 / 3.0, std::move(a)}); };
    Action a = action(ActionKind::AddLatency);
    a.service = "api";
    a.latencyMs = 1e-6;
    a.jitterMs = 0.30000000000000004;
    a.durationS = 1e-9;
    at(a);
    a.replica = 0;
    a.latencyMs = 1e9;
    a.jitterMs = 1e9;
    a.durationS = 1e6;
    at(a);
    Action b = action(ActionKind::DropMessages);
    b.service = "api";
    b.rate = 1.0 / 7.0;
    at(b);
    b.kind = ActionKind::Blackhole;
    b.rate = 0;
    b.durationS = 2.5e-3;
    at(b);
    b.kind = ActionKind::Pause;
    at(b);
    Action c = action(ActionKind::FailFirst);
    c.service = "api";
    c.count = 1000000000;
    at(c);
    c.count = 1;
    at(c);
    at(action(ActionKind::ResetFaults));
    const LoadResult again = load(scenarioToJson(s));
    QVERIFY2(again.ok(), qPrintable(errorLines(again).join('\n')));
    QVERIFY(*again.scenario == s);
  }

  void canonicalTextOfTheMinimalExample() {
    const std::string expected = R"({
  "format": 1,
  "name": "Minimal",
  "seed": 1,
  "duration_s": 10,
  "services": [
    {
      "name": "api",
      "replicas": 1,
      "workers": 1,
      "service_time_ms": {
        "dist": "exponential",
        "mean": 5
      },
      "lb": "round_robin"
    }
  ],
  "workload": {
    "entry": "api",
    "arrival": "poisson",
    "rate_rps": 50
  }
}
)";
    QCOMPARE(QString::fromStdString(scenarioToJson(loaded(dataFile("minimal.json")))),
             QString::fromStdString(expected));
  }

  void awkwardNumbersSurvive() {
    Scenario s = loaded(dataFile("minimal.json"));
    s.durationS = 1.0 / 3.0;
    s.warmupS = 1e-7;
    s.seed = 9007199254740993u;  // not representable as a double
    s.services[0].serviceTimeMs = DistributionSpec::lognormal(0.1, 123456789.123);
    s.services[0].cpu = 0.30000000000000004;
    s.workload.rateRps = 9999999.999999998;
    s.workload.timeoutMs = 2.5e-3;
    const LoadResult again = load(scenarioToJson(s));
    QVERIFY2(again.ok(), qPrintable(errorLines(again).join('\n')));
    QVERIFY(*again.scenario == s);
  }

  void fieldsForeignToAKindAreNotWritten() {
    Scenario s = loaded(dataFile("closed_monolith.json"));
    s.workload.rateRps = 5;  // meaningless for a closed workload
    s.workload.stages.push_back({1, 2});
    s.services[0].serviceTimeMs = DistributionSpec::constant(3);  // a host has none
    const std::string text = scenarioToJson(s);
    QVERIFY(text.find("rate_rps") == std::string::npos);
    QVERIFY(text.find("stages") == std::string::npos);
    QVERIFY(load(text).ok());
  }

  void actionToJsonWritesTheFieldsOfItsKind() {
    using K = ActionKind;
    std::vector<std::pair<Action, const char*>> cases;
    const auto add = [&](Action a, const char* json) { cases.emplace_back(std::move(a), json); };
    Action a = action(K::KillReplica);
    a.service = "orders";
    a.replica = 1;
    a.node = "ignored";
    add(a, R"({"action":"kill_replica","service":"orders","replica":1})");
    a.kind = K::RestartReplica;
    add(a, R"({"action":"restart_replica","service":"orders","replica":1})");
    a.kind = K::SlowReplica;
    a.factor = 3.5;
    add(a, R"({"action":"slow_replica","service":"orders","replica":1,"factor":3.5})");
    a.kind = K::SlowService;
    add(a, R"({"action":"slow_service","service":"orders","factor":3.5})");
    a.kind = K::RollingUpdate;
    add(a, R"({"action":"rolling_update","service":"orders","factor":3.5})");
    a.factor = 1;
    add(a, R"({"action":"rolling_update","service":"orders"})");
    a.kind = K::CrashService;
    add(a, R"({"action":"crash_service","service":"orders"})");
    a.kind = K::RestartService;
    add(a, R"({"action":"restart_service","service":"orders"})");
    a.kind = K::SetErrorRate;
    a.rate = 0.25;
    add(a, R"({"action":"set_error_rate","service":"orders","rate":0.25})");
    a.kind = K::SetReplicas;
    a.count = 0;
    add(a, R"({"action":"set_replicas","service":"orders","count":0})");
    a.kind = K::SetAutoscaler;
    a.enabled = false;
    add(a, R"({"action":"set_autoscaler","service":"orders","enabled":false})");
    Action b = action(K::FailNode);
    b.node = "n1";
    b.otherNode = "n2";
    add(b, R"({"action":"fail_node","node":"n1"})");
    b.kind = K::RecoverNode;
    add(b, R"({"action":"recover_node","node":"n1"})");
    b.kind = K::Partition;
    add(b, R"({"action":"partition","nodes":["n1","n2"]})");
    b.kind = K::HealPartition;
    add(b, R"({"action":"heal_partition","nodes":["n1","n2"]})");
    Action c = action(K::BrokerOutage);
    add(c, R"({"action":"broker_outage"})");
    c.durationS = 30;
    add(c, R"({"action":"broker_outage","duration_s":30})");
    add(action(K::BrokerRecover), R"({"action":"broker_recover"})");
    Action d = action(K::SetCallMode);
    add(d, R"({"action":"set_call_mode","mode":"sync"})");
    d.from = "api";
    d.to = "orders";
    d.mode = CallMode::Async;
    add(d, R"({"action":"set_call_mode","from":"api","to":"orders","mode":"async"})");
    Action e = action(K::SetArrivalRate);
    e.rate = 120;
    add(e, R"({"action":"set_arrival_rate","rate_rps":120})");
    Action f = action(K::SetResilience);
    f.retries = false;
    f.circuitBreaker = true;
    add(f, R"({"action":"set_resilience","retries":false,"circuit_breaker":true})");
    add(action(K::SetAutoscaler), R"({"action":"set_autoscaler","enabled":true})");
    // Faults: the scope (a process or an edge), the numbers of the kind, a duration when set.
    Action g = action(K::AddLatency);
    g.service = "orders";
    g.replica = 1;
    g.latencyMs = 20;
    g.jitterMs = 5;
    g.durationS = 30;
    g.rate = 0.5;  // not a latency's
    add(g, R"({"action":"add_latency","service":"orders","replica":1,"latency_ms":20,)"
           R"("jitter_ms":5,"duration_s":30})");
    g.kind = K::DropMessages;
    add(g, R"({"action":"drop_messages","service":"orders","replica":1,"rate":0.5,)"
           R"("duration_s":30})");
    g.kind = K::Pause;
    add(g, R"({"action":"pause","service":"orders","replica":1,"duration_s":30})");
    g.kind = K::FailFirst;
    g.count = 3;
    add(g, R"({"action":"fail_first","service":"orders","replica":1,"count":3,"duration_s":30})");
    g.kind = K::ResetFaults;
    add(g, R"({"action":"reset_faults"})");
    Action h = action(K::Blackhole);
    h.from = "api";
    h.to = "orders";
    add(h, R"({"action":"blackhole","from":"api","to":"orders"})");
    h.kind = K::AddLatency;
    h.latencyMs = 0.25;
    add(h, R"({"action":"add_latency","from":"api","to":"orders","latency_ms":0.25})");

    QSet<int> kinds;
    for (const auto& [act, json] : cases) {
      kinds.insert(static_cast<int>(act.kind));
      QCOMPARE(QString::fromStdString(actionToJson(act)), QString(json));
    }
    QCOMPARE(kinds.size(), kActionKindCount);
  }

  void actionJsonLoadsBackAsATimelineEntry() {
    // What the GUI records can be pasted into a scenario's timeline.
    Action a = action(ActionKind::SlowReplica);
    a.service = "api";
    a.replica = 0;
    a.factor = 2;
    std::string entry = actionToJson(a);
    entry.insert(1, "\"at_s\": 5, ");
    const LoadResult r = load(withServices("    {\"name\": \"api\", \"service_time_ms\": 1}",
                                           "  \"timeline\": [" + entry + "]"));
    QVERIFY2(r.ok(), qPrintable(errorLines(r).join('\n')));
    QVERIFY(r.scenario->timeline.at(0).action == a);
    QCOMPARE(r.scenario->timeline.at(0).atS, 5.0);
  }
};

QTEST_APPLESS_MAIN(ScenarioWriterTest)
#include "test_scenario_writer.moc"
