// The faults of the timeline (docs/scenario-format.md, "Faults"): each kind read on a process
// or on an edge, its numbers within the documented ranges, one scope and never both, the
// invalid examples in data/invalid/ refused with a message naming the place; and the labels.

#include <QtTest>

#include "scenario_test_helpers.h"

using namespace clusterscope::engine;
using namespace clusterscope::model;
using namespace clusterscope::engine::testing;

namespace {

// api -> orders (3 replicas), a monolith "shop" with module "cart"; the timeline's entries,
// one per line, start on line 12.
std::string withTimeline(std::string_view entries) {
  return withServices(
      "    {\"name\": \"api\", \"service_time_ms\": 1, \"calls\": [{\"to\": \"orders\"}]},\n"
      "    {\"name\": \"orders\", \"replicas\": 3, \"service_time_ms\": 1},\n"
      "    {\"name\": \"shop\", \"modules\": [{\"name\": \"cart\", \"service_time_ms\": 1}]}",
      "  \"timeline\": [\n" + std::string(entries) + "\n  ]");
}

Action fault(ActionKind kind, const std::string& service, int replica = -1) {
  Action a;
  a.kind = kind;
  a.service = service;
  a.replica = replica;
  return a;
}

Action onEdge(ActionKind kind) {
  Action a = fault(kind, "");
  a.from = "api";
  a.to = "orders";
  return a;
}

// The diagnostics of a file in data/invalid/, without the file's name.
QStringList invalidFile(const char* name) {
  const std::string path = dataFile((std::string("invalid/") + name).c_str());
  QStringList lines;
  for (const Diagnostic& d : loadScenarioFile(path).errors) {
    lines << QString::fromStdString(d.format()).remove(QString::fromStdString(path + ":"));
  }
  return lines;
}

}  // namespace

class ScenarioFaultsTest : public QObject {
  Q_OBJECT

 private slots:
  void everyFaultReadOnAProcessOrAnEdge() {
    const LoadResult r = load(withTimeline(
        R"(    {"at_s": 1, "action": "add_latency", "service": "orders", "latency_ms": 0.000001},
    {"at_s": 1, "action": "add_latency", "from": "api", "to": "orders", "latency_ms": 1e9,
     "jitter_ms": 1e9, "duration_s": 1e6},
    {"at_s": 2, "action": "drop_messages", "service": "orders", "replica": 2, "rate": 0},
    {"at_s": 2, "action": "drop_messages", "from": "api", "to": "orders", "rate": 1},
    {"at_s": 3, "action": "blackhole", "service": "cart", "duration_s": 0.000000001},
    {"at_s": 3, "action": "blackhole", "from": "api", "to": "orders"},
    {"at_s": 4, "action": "pause", "service": "orders", "replica": 0, "duration_s": 2},
    {"at_s": 5, "action": "fail_first", "service": "api", "count": 1},
    {"at_s": 5, "action": "fail_first", "from": "api", "to": "orders", "count": 1000000000},
    {"at_s": 6, "action": "reset_faults"})"));
    QVERIFY2(r.ok(), qPrintable(errorLines(r).join('\n')));
    std::vector<Action> want;
    Action a = fault(ActionKind::AddLatency, "orders");
    a.latencyMs = 1e-6;
    want.push_back(a);
    a = onEdge(ActionKind::AddLatency);
    a.latencyMs = 1e9;
    a.jitterMs = 1e9;
    a.durationS = 1e6;
    want.push_back(a);
    a = fault(ActionKind::DropMessages, "orders", 2);
    want.push_back(a);
    a = onEdge(ActionKind::DropMessages);
    a.rate = 1;
    want.push_back(a);
    a = fault(ActionKind::Blackhole, "cart");  // a module: its host's replicas
    a.durationS = 1e-9;
    want.push_back(a);
    want.push_back(onEdge(ActionKind::Blackhole));
    a = fault(ActionKind::Pause, "orders", 0);
    a.durationS = 2;
    want.push_back(a);
    a = fault(ActionKind::FailFirst, "api");
    a.count = 1;
    want.push_back(a);
    a = onEdge(ActionKind::FailFirst);
    a.count = 1000000000;
    want.push_back(a);
    want.push_back(fault(ActionKind::ResetFaults, ""));
    QCOMPARE(r.scenario->timeline.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
      QVERIFY2(r.scenario->timeline[i].action == want[i],
               qPrintable(QString::fromStdString(actionToJson(r.scenario->timeline[i].action))));
    }
  }

  void oneScopeAndExistingReferences() {
    QCOMPARE(
        errorsOf(withTimeline(
            R"(    {"at_s": 1, "action": "drop_messages", "from": "api", "rate": 0.5},
    {"at_s": 1, "action": "blackhole", "from": "api", "to": "orders", "replica": 0},
    {"at_s": 1, "action": "fail_first", "count": 2},
    {"at_s": 1, "action": "add_latency", "from": "orders", "to": "api", "latency_ms": 1},
    {"at_s": 1, "action": "pause", "service": "orders", "replica": 3},
    {"at_s": 1, "action": "blackhole", "service": "ordres"},
    {"at_s": 1, "action": "reset_faults", "service": "orders"})")),
        (QStringList{
            "12:52: /timeline/0/from: drop_messages on an edge needs both \"from\" and \"to\"",
            "13:82: /timeline/1/replica: a replica is named with its \"service\", not on an edge",
            "14:5: /timeline/2: fail_first needs a \"service\" (and a \"replica\") or an edge "
            "(\"from\" and \"to\")",
            "15:66: /timeline/3/to: there is no call from \"orders\" to \"api\"",
            "16:68: /timeline/4/replica: replica 3 does not exist: orders has 3 replicas (0..2) "
            "at 1 s",
            "17:51: /timeline/5/service: unknown service \"ordres\" (did you mean \"orders\"?)",
            "18:43: /timeline/6/service: unknown key \"service\" for action \"reset_faults\"",
        }));
  }

  void requiredNumbersWithinTheirRanges() {
    QCOMPARE(
        errorsOf(withTimeline(
            R"(    {"at_s": 1, "action": "add_latency", "service": "api"},
    {"at_s": 1, "action": "add_latency", "service": "api", "latency_ms": 0},
    {"at_s": 1, "action": "add_latency", "service": "api", "latency_ms": 1, "jitter_ms": -1},
    {"at_s": 1, "action": "drop_messages", "service": "api", "rate": 1.5},
    {"at_s": 1, "action": "fail_first", "service": "api", "count": 0},
    {"at_s": 1, "action": "fail_first", "service": "api", "count": 2.5},
    {"at_s": 1, "action": "pause", "service": "api", "duration_s": 1000001})")),
        (QStringList{
            "12:5: /timeline/0: missing required key \"latency_ms\"",
            "13:74: /timeline/1/latency_ms: must be between 0.000001 and 1000000000, got 0",
            "14:90: /timeline/2/jitter_ms: must be between 0 and 1000000000, got -1",
            "15:70: /timeline/3/rate: must be between 0 and 1, got 1.5",
            "16:68: /timeline/4/count: must be between 1 and 1000000000, got 0",
            "17:68: /timeline/5/count: expected an integer, got 2.5",
            "18:68: /timeline/6/duration_s: must be between 0.000000001 and 1000000, got 1000001",
        }));
  }

  void labelsSayWhatAndWhere() {
    // The chart markers and the event log name a fault's scope and duration.
    Action latency = fault(ActionKind::AddLatency, "orders", 1);
    latency.latencyMs = 50;
    latency.jitterMs = 10;
    latency.durationS = 5;
    QCOMPARE(describeAction(latency), std::string("+50\u00b110 ms on orders#1 for 5 s"));
    Action loss = fault(ActionKind::DropMessages, "");
    loss.from = "api";
    loss.to = "orders";
    loss.rate = 0.3;
    QCOMPARE(describeAction(loss), std::string("lost 30% on api->orders"));
    QCOMPARE(describeAction(fault(ActionKind::Blackhole, "orders")),
             std::string("blackholed orders"));
    QCOMPARE(describeAction(fault(ActionKind::Pause, "orders", 0)), std::string("paused orders#0"));
    Action first = fault(ActionKind::FailFirst, "orders");
    first.count = 7;
    QCOMPARE(describeAction(first), std::string("failed the next 7 on orders"));
    QCOMPARE(describeAction(fault(ActionKind::ResetFaults, "")), std::string("faults reset"));
  }

  void theInvalidExamplesNameThePlace() {
    QCOMPARE(invalidFile("fault_both_scopes.json"),
             QStringList{"11:78: /timeline/0/from: add_latency acts on a \"service\" or on an "
                         "edge (\"from\" and \"to\"), not both"});
    QCOMPARE(invalidFile("fault_without_scope.json"),
             QStringList{"9:16: /timeline/0: blackhole needs a \"service\" (and a \"replica\") "
                         "or an edge (\"from\" and \"to\")"});
    QCOMPARE(invalidFile("fault_zero_duration.json"),
             QStringList{"10:31: /timeline/0/duration_s: must be between 0.000000001 and "
                         "1000000, got 0"});
    QCOMPARE(invalidFile("pause_on_edge.json"),
             (QStringList{"11:16: /timeline/0: missing required key \"service\"",
                          "11:47: /timeline/0/from: unknown key \"from\" for action \"pause\"",
                          "11:62: /timeline/0/to: unknown key \"to\" for action \"pause\""}));
  }
};

QTEST_APPLESS_MAIN(ScenarioFaultsTest)
#include "test_scenario_faults.moc"
