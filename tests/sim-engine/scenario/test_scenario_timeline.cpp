// Timeline actions (fields per kind, references, replica indexes over time) and expect
// claims (metric names, windows, bounds).

#include <QtTest>

#include "scenario_test_helpers.h"

using namespace clusterscope::engine;
using namespace clusterscope::model;
using namespace clusterscope::engine::testing;

namespace {

// Nodes n1 and n2; api -> orders (3 replicas); a monolith "shop" with module "cart". `extra`
// (a top-level member ending with a comma) is line 8; the entries of `key` (one per line)
// start on line 10.
std::string withList(const char* key, std::string_view entries, std::string_view extra = {}) {
  std::string text =
      "{\n"
      "  \"format\": 1, \"name\": \"t\", \"duration_s\": 60,\n"
      "  \"nodes\": [{\"name\": \"n1\"}, {\"name\": \"n2\"}],\n"
      "  \"services\": [{\"name\": \"api\", \"service_time_ms\": 1, \"calls\": [{\"to\": "
      "\"orders\"}]},\n"
      "               {\"name\": \"orders\", \"replicas\": 3, \"service_time_ms\": 1},\n"
      "               {\"name\": \"shop\", \"modules\": [{\"name\": \"cart\", "
      "\"service_time_ms\": 1}]}],\n"
      "  \"workload\": {\"entry\": \"api\", \"rate_rps\": 10},\n";
  text += extra.empty() ? std::string("  \"lesson\": [],") : std::string(extra);
  text += "\n  \"" + std::string(key) + "\": [\n";
  text += entries;
  text += "\n  ]\n}\n";
  return text;
}

Action action(ActionKind kind) {
  Action a;
  a.kind = kind;
  return a;
}

}  // namespace

class ScenarioTimelineTest : public QObject {
  Q_OBJECT

 private slots:
  void everyActionParsed() {
    const LoadResult r = loadScenarioFile(dataFile("full_features.json"));
    QVERIFY2(r.ok(), qPrintable(errorLines(r).join('\n')));
    std::vector<Action> want;
    const auto add = [&](ActionKind kind, auto&& fill) {
      Action a = action(kind);
      fill(a);
      want.push_back(a);
    };
    using K = ActionKind;
    add(K::KillReplica, [](Action& a) { a.service = "orders", a.replica = 2; });
    add(K::RestartReplica, [](Action& a) { a.service = "orders", a.replica = 2; });
    add(K::CrashService, [](Action& a) { a.service = "cart"; });
    add(K::RestartService, [](Action& a) { a.service = "shop"; });
    add(K::FailNode, [](Action& a) { a.node = "node-b"; });
    add(K::RecoverNode, [](Action& a) { a.node = "node-b"; });
    add(K::SlowReplica, [](Action& a) { a.service = "gateway", a.replica = 1, a.factor = 4; });
    add(K::SlowService, [](Action& a) { a.service = "billing", a.factor = 2.5; });
    add(K::SetErrorRate, [](Action& a) { a.service = "search", a.rate = 0.2; });
    add(K::Partition, [](Action& a) { a.node = "node-a", a.otherNode = "node-c"; });
    add(K::HealPartition, [](Action& a) { a.node = "node-a", a.otherNode = "node-c"; });
    add(K::BrokerOutage, [](Action& a) { a.durationS = 15; });
    add(K::BrokerOutage, [](Action&) {});
    add(K::BrokerRecover, [](Action&) {});
    add(K::SetReplicas, [](Action& a) { a.service = "billing", a.count = 4; });
    add(K::KillReplica, [](Action& a) { a.service = "billing", a.replica = 3; });
    add(K::SetCallMode, [](Action& a) { a.from = "orders", a.to = "billing"; });
    add(K::SetCallMode, [](Action& a) { a.mode = CallMode::Async; });
    add(K::SetArrivalRate, [](Action& a) { a.rate = 250; });
    add(K::RollingUpdate, [](Action& a) { a.service = "gateway", a.factor = 0.8; });
    add(K::RollingUpdate, [](Action& a) { a.service = "billing"; });
    add(K::SetResilience, [](Action& a) { a.timeouts = true, a.retries = false; });
    add(K::SetResilience, [](Action& a) { a.circuitBreaker = true; });
    add(K::SetAutoscaler, [](Action& a) { a.service = "orders", a.enabled = false; });
    add(K::SetAutoscaler, [](Action&) {});
    add(K::KillReplica, [](Action& a) { a.service = "orders", a.replica = 7; });
    add(K::AddLatency, [](Action& a) {
      a.service = "orders", a.latencyMs = 200, a.jitterMs = 50, a.durationS = 30;
    });
    add(K::AddLatency, [](Action& a) { a.from = "gateway", a.to = "catalog", a.latencyMs = 5; });
    add(K::DropMessages, [](Action& a) { a.service = "cart", a.replica = 1, a.rate = 0.3; });
    add(K::DropMessages,
        [](Action& a) { a.from = "orders", a.to = "billing", a.rate = 1, a.durationS = 0.5; });
    add(K::Blackhole, [](Action& a) { a.service = "billing", a.durationS = 5; });
    add(K::Blackhole, [](Action& a) { a.from = "catalog", a.to = "cart"; });
    add(K::Pause, [](Action& a) { a.service = "orders", a.replica = 1, a.durationS = 10; });
    add(K::Pause, [](Action& a) { a.service = "shop"; });
    add(K::FailFirst, [](Action& a) { a.service = "gateway", a.count = 10; });
    add(K::FailFirst,
        [](Action& a) { a.from = "gateway", a.to = "orders", a.count = 3, a.durationS = 60; });
    add(K::ResetFaults, [](Action&) {});
    const auto& timeline = r.scenario->timeline;
    QCOMPARE(timeline.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
      QVERIFY2(timeline[i].action == want[i], qPrintable(QString::number(i)));
    }
    QCOMPARE(timeline[0].atS, 30.0);
    QCOMPARE(timeline.back().atS, 250.0);
  }

  void fieldsMustMatchTheActionKind() {
    const std::string text = withList(
        "timeline",
        "    {\"at_s\": 1, \"action\": \"crash_service\", \"service\": \"api\", \"replica\": 0},\n"
        "    {\"at_s\": 2, \"action\": \"slow_service\", \"service\": \"api\"},\n"
        "    {\"at_s\": 3, \"action\": \"set_resilience\"},\n"
        "    {\"at_s\": 4, \"action\": \"set_call_mode\", \"from\": \"api\", \"mode\": "
        "\"async\"},\n"
        "    {\"at_s\": 5, \"action\": \"partition\", \"nodes\": [\"n1\"]},\n"
        "    {\"at_s\": 6, \"action\": \"heal_partition\", \"nodes\": [\"n1\", \"n1\"]},\n"
        "    {\"at_s\": 7, \"action\": \"kil_replica\", \"service\": \"api\"},\n"
        "    {\"at_s\": 70, \"action\": \"set_error_rate\", \"service\": \"api\", \"rate\": 2}");
    QCOMPARE(errorsOf(text),
             (QStringList{
                 "10:62: /timeline/0/replica: unknown key \"replica\" for action \"crash_service\"",
                 "11:5: /timeline/1: missing required key \"factor\"",
                 "12:5: /timeline/2: set_resilience needs at least one of \"timeouts\", "
                 "\"retries\" and \"circuit_breaker\"",
                 "13:52: /timeline/3/from: set_call_mode needs both \"from\" and \"to\" (one "
                 "edge) or neither (every edge)",
                 "14:49: /timeline/4/nodes: expected 2 node names, got 1",
                 "15:61: /timeline/5/nodes/1: a node cannot be cut off from itself: name two "
                 "nodes",
                 "16:27: /timeline/6/action: unknown action \"kil_replica\" (did you mean "
                 "\"kill_replica\"?)",
                 "17:14: /timeline/7/at_s: must be between 0 and 60, got 70",
                 "17:72: /timeline/7/rate: must be between 0 and 1, got 2",
             }));
  }

  void referencesMustExist() {
    const std::string text = withList(
        "timeline",
        "    {\"at_s\": 1, \"action\": \"fail_node\", \"node\": \"n3\"},\n"
        "    {\"at_s\": 1, \"action\": \"restart_service\", \"service\": \"odrers\"},\n"
        "    {\"at_s\": 1, \"action\": \"kill_replica\", \"service\": \"cart\", \"replica\": 1},\n"
        "    {\"at_s\": 1, \"action\": \"crash_service\", \"service\": \"cart\"},\n"
        "    {\"at_s\": 1, \"action\": \"set_error_rate\", \"service\": \"carts\", \"rate\": "
        "0.5},\n"
        "    {\"at_s\": 1, \"action\": \"set_call_mode\", \"from\": \"orders\", \"to\": \"api\", "
        "\"mode\": \"async\"},\n"
        "    {\"at_s\": 1, \"action\": \"set_autoscaler\", \"service\": \"orders\", \"enabled\": "
        "true},\n"
        "    {\"at_s\": 1, \"action\": \"partition\", \"nodes\": [\"n2\", \"x\"]}");
    QCOMPARE(errorsOf(text),
             (QStringList{
                 "10:48: /timeline/0/node: unknown node \"n3\" (did you mean \"n1\"?)",
                 "11:57: /timeline/1/service: unknown service \"odrers\" (did you mean "
                 "\"orders\"?)",
                 "12:73: /timeline/2/replica: replica 1 does not exist: shop has 1 replica (0) at "
                 "1 s",
                 "14:56: /timeline/4/service: unknown service \"carts\" (did you mean \"cart\"?)",
                 "15:68: /timeline/5/to: there is no call from \"orders\" to \"api\"",
                 "16:56: /timeline/6/service: \"orders\" has no autoscale settings",
                 "17:56: /timeline/7/nodes/1: unknown node \"x\"",
             }));
  }

  void moduleNamesStandForTheirHost() {
    // As in the engine: a module names its host's replicas; a host's error rate is its
    // modules'.
    const LoadResult r = load(withList(
        "timeline",
        "    {\"at_s\": 1, \"action\": \"set_replicas\", \"service\": \"cart\", \"count\": 2},\n"
        "    {\"at_s\": 2, \"action\": \"kill_replica\", \"service\": \"cart\", \"replica\": 1},\n"
        "    {\"at_s\": 3, \"action\": \"slow_service\", \"service\": \"cart\", \"factor\": 2},\n"
        "    {\"at_s\": 4, \"action\": \"set_error_rate\", \"service\": \"shop\", \"rate\": 0.5}"));
    QVERIFY2(r.ok(), qPrintable(errorLines(r).join('\n')));
  }

  void nodeReferenceWithoutNodes() {
    QCOMPARE(errorsOf(withServices("    {\"name\": \"api\", \"service_time_ms\": 1}",
                                   "  \"timeline\": [{\"at_s\": 0, \"action\": \"fail_node\", "
                                   "\"node\": \"n1\"}]")),
             QStringList{"9:59: /timeline/0/node: unknown node \"n1\": the scenario declares no "
                         "nodes"});
  }

  void replicaIndexesFollowTheTimelineInTimeOrder() {
    // Entries are checked in time order, against the most replicas asked for by then: a
    // scale-down leaves replicas draining, and an action may still reach them.
    const std::string text = withList(
        "timeline",
        "    {\"at_s\": 30, \"action\": \"kill_replica\", \"service\": \"orders\", \"replica\": "
        "4},\n"
        "    {\"at_s\": 40, \"action\": \"set_replicas\", \"service\": \"orders\", \"count\": 5},\n"
        "    {\"at_s\": 20, \"action\": \"set_replicas\", \"service\": \"orders\", \"count\": 1},\n"
        "    {\"at_s\": 50, \"action\": \"slow_replica\", \"service\": \"orders\", \"replica\": 4, "
        "\"factor\": 2},\n"
        "    {\"at_s\": 50, \"action\": \"restart_replica\", \"service\": \"orders\", "
        "\"replica\": 5},\n"
        "    {\"at_s\": 55, \"action\": \"set_replicas\", \"service\": \"orders\", \"count\": 0},\n"
        "    {\"at_s\": 56, \"action\": \"kill_replica\", \"service\": \"orders\", \"replica\": "
        "2}");
    QCOMPARE(errorsOf(text),
             (QStringList{
                 "10:76: /timeline/0/replica: replica 4 does not exist: orders has 3 replicas "
                 "(0..2) at 30 s",
                 "14:79: /timeline/4/replica: replica 5 does not exist: orders has 5 replicas "
                 "(0..4) at 50 s",
             }));
  }

  void aRollingUpdatesReplacementsHaveIndexesOfTheirOwn() {
    // While replica 0..2 drain one by one, their replacements are started as 3, 4, 5: a
    // session that kills the first replacement must load again.
    const std::string text = withList(
        "timeline",
        "    {\"at_s\": 9, \"action\": \"kill_replica\", \"service\": \"orders\", \"replica\": "
        "3},\n"
        "    {\"at_s\": 10, \"action\": \"rolling_update\", \"service\": \"orders\"},\n"
        "    {\"at_s\": 11, \"action\": \"kill_replica\", \"service\": \"orders\", \"replica\": "
        "3},\n"
        "    {\"at_s\": 11, \"action\": \"kill_replica\", \"service\": \"orders\", \"replica\": "
        "5},\n"
        "    {\"at_s\": 11, \"action\": \"kill_replica\", \"service\": \"orders\", \"replica\": "
        "6}");
    QCOMPARE(errorsOf(text),
             (QStringList{
                 "10:75: /timeline/0/replica: replica 3 does not exist: orders has 3 replicas "
                 "(0..2) at 9 s",
                 "14:76: /timeline/4/replica: replica 6 does not exist: orders has 3 replicas, 6 "
                 "(0..5) with the replacements of a rolling update, at 11 s",
             }));
  }

  void autoscaledServicesMayGrowToTheirMaximum() {
    const std::string text = withServices(
        "    {\"name\": \"api\", \"service_time_ms\": 1, \"autoscale\": {\"max\": 4}}",
        "  \"timeline\": [{\"at_s\": 9, \"action\": \"kill_replica\", \"service\": \"api\", "
        "\"replica\": 3},\n"
        "               {\"at_s\": 9, \"action\": \"kill_replica\", \"service\": \"api\", "
        "\"replica\": 4}]");
    QCOMPARE(errorsOf(text), QStringList{"10:83: /timeline/1/replica: replica 4 does not exist: "
                                         "api has at most 4 replicas (0..3) at 9 s"});
  }

  void arrivalRateNeedsAnOpenWorkload() {
    const std::string text =
        "{\"format\": 1, \"name\": \"t\", \"duration_s\": 60,\n"
        "\"services\": [{\"name\": \"api\", \"service_time_ms\": 1}],\n"
        "\"workload\": {\"entry\": \"api\", \"arrival\": \"closed\", \"users\": 2},\n"
        "\"timeline\": [{\"at_s\": 1, \"action\": \"set_arrival_rate\", \"rate_rps\": 5},\n"
        "             {\"at_s\": 2, \"action\": \"set_autoscaler\", \"enabled\": false}]}";
    QCOMPARE(errorsOf(text),
             (QStringList{
                 "4:36: /timeline/0/action: set_arrival_rate needs an open workload; this one is "
                 "closed",
                 "5:36: /timeline/1/action: set_autoscaler: no service has autoscale settings",
             }));
  }

  void badExpectClaims() {
    const std::string text = withList(
        "expect",
        "    {\"metric\": \"requests.latency.p95\", \"max\": 1},\n"
        "    {\"metric\": \"services.odrers.latency_ms.p95\", \"max\": 1},\n"
        "    {\"metric\": \"services.orders.latncy_ms.p95\", \"max\": 1},\n"
        "    {\"metric\": \"throughput\"},\n"
        "    {\"metric\": \"requests.failed\", \"min\": 5, \"max\": 1, \"between_s\": [30, 20]},\n"
        "    {\"metric\": \"cost.cores.mean\", \"between_s\": [0, 61, 62], \"min\": 0},\n"
        "    {\"metric\": \"cost.cores.mean\", \"between_s\": [0, 61], \"min\": 0}");
    QCOMPARE(errorsOf(text),
             (QStringList{
                 "10:16: /expect/0/metric: unknown metric \"requests.latency.p95\" (did you mean "
                 "\"requests.latency_ms.p95\"?)",
                 "11:16: /expect/1/metric: unknown service \"odrers\" in metric "
                 "\"services.odrers.latency_ms.p95\" (did you mean \"orders\"?)",
                 "12:16: /expect/2/metric: unknown metric \"services.orders.latncy_ms.p95\" (did "
                 "you mean \"services.orders.latency_ms.p95\"?)",
                 "13:5: /expect/3: a claim needs \"min\", \"max\" or both",
                 "13:16: /expect/3/metric: unknown metric \"throughput\" (see the metric names in "
                 "docs/scenario-format.md)",
                 "14:52: /expect/4/max: \"max\" (1) is less than \"min\" (5)",
                 "14:73: /expect/4/between_s/1: the window must end after it starts: 20 s is not "
                 "after 30 s",
                 "15:48: /expect/5/between_s: expected [start, end] in seconds, got 3 values",
                 "16:52: /expect/6/between_s/1: must be between 0 and 60, got 61",
             }));
  }

  void everyMetricNameIsAccepted() {
    const QStringList fixed = {
        "requests.sent",           "requests.completed",      "requests.failed",
        "requests.failed_ratio",   "requests.throughput_rps", "requests.latency_ms.mean",
        "requests.latency_ms.p50", "requests.latency_ms.p95", "requests.latency_ms.p99",
        "requests.latency_ms.max", "broker.published",        "broker.delivered",
        "broker.rejected",         "broker.backlog.max",      "broker.lag_ms.max",
        "cost.cores.mean"};
    const QStringList stats = {"arrivals",        "completed",      "failed",
                               "failed_ratio",    "throughput_rps", "utilization",
                               "latency_ms.mean", "latency_ms.p50", "latency_ms.p95",
                               "latency_ms.p99",  "latency_ms.max"};
    QStringList metrics = fixed;
    for (const char* name : {"api", "cart", "shop"}) {
      for (const QString& stat : stats) metrics << QString("services.%1.%2").arg(name, stat);
    }
    std::string entries;
    for (const QString& m : metrics) {
      if (!entries.empty()) entries += ",\n";
      entries += "    {\"metric\": \"" + m.toStdString() + "\", \"max\": 1}";
    }
    const LoadResult r = load(withList("expect", entries));
    QVERIFY2(r.ok(), qPrintable(errorLines(r).join('\n')));
    QCOMPARE(r.scenario->expect.size(), std::size_t(metrics.size()));
    QCOMPARE(r.scenario->expect[0].max, std::optional<double>(1));
    QVERIFY(!r.scenario->expect[0].min);
    QVERIFY(!r.scenario->expect[0].betweenS);
  }

  // A command's action: every timeline action written by actionToJson reads back equal, and
  // the timeline's rules word the errors, placed in the action's own text.
  void oneActionAlone() {
    const LoadResult r = loadScenarioFile(dataFile("full_features.json"));
    QVERIFY(r.ok());
    for (const TimelineEntry& entry : r.scenario->timeline) {
      const std::string text = actionToJson(entry.action);
      const ActionLoadResult one = loadActionText(text, kTestFile);
      QVERIFY2(one.ok(), qPrintable(QString::fromStdString(text)));
      QVERIFY(*one.action == entry.action);
    }
    const auto errors = [](std::string_view text) {
      QStringList lines;
      for (const Diagnostic& d : loadActionText(text, kTestFile).errors) {
        lines << QString::fromStdString(d.format());
      }
      return lines;
    };
    QCOMPARE(errors(R"({"action": "kill_replica", "service": "orders", "replica": -1})"),
             QStringList{"test.json:1:60: /replica: must be between 0 and 19999, got -1"});
    QCOMPARE(errors(R"({"at_s": 3, "action": "broker_recover"})"),
             QStringList{"test.json:1:2: /at_s: \"at_s\" does not apply to an action sent now: it "
                         "runs at once"});
    QCOMPARE(errors(R"({"action": "set_call_mode", "form": "a", "mode": "sync"})"),
             QStringList{"test.json:1:29: /form: unknown key \"form\" for action "
                         "\"set_call_mode\" (did you mean \"from\"?)"});
    QCOMPARE(errors("[1]"), QStringList{"test.json:1:1: /: expected an object, got an array"});
    QCOMPARE(errors("{\"action\": "),
             QStringList{"test.json:1:12: /: invalid JSON: syntax error while parsing value - "
                         "unexpected end of input; expected '[', '{', or a literal"});
    QCOMPARE(errors(std::string(kMaxActionBytes + 1, ' ')),
             QStringList{"test.json:1:1: /: the action is larger than 64 KiB (65537 bytes)"});
  }

  void lessonSteps() {
    const LoadResult r = loadScenarioFile(dataFile("full_features.json"));
    QVERIFY(r.ok());
    const auto& lesson = r.scenario->lesson;
    QCOMPARE(lesson.size(), std::size_t{3});
    QCOMPARE(lesson[1].atS, 30.0);
    QVERIFY(lesson[1].text.empty());
    QCOMPARE(lesson[2].atS, 0.0);
    QCOMPARE(QString::fromStdString(lesson[2].title.text()),
             QString("Défaut: at_s defaults to 0 — UTF-8 is fine"));
    QCOMPARE(
        errorsOf(withList("lesson", "    {\"at_s\": 1, \"text\": \"x\"}", "  \"expect\": [],")),
        QStringList{"10:5: /lesson/0: missing required key \"title\""});
  }
};

QTEST_APPLESS_MAIN(ScenarioTimelineTest)
#include "test_scenario_timeline.moc"
