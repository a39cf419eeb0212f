// Loops that take no simulated time are refused, naming the loop: a cycle of calls where
// nothing takes time, and a closed workload whose users would resend at the same instant.
// Anything on the way that takes time, on average, lets them through.

#include <QtTest>

#include "scenario_test_helpers.h"

using namespace clusterscope::engine;
using namespace clusterscope::engine::testing;

namespace {

// api -> orders (mode `first`), orders -> api (async), both with `serviceTime`; `extra` adds
// top-level members.
std::string cycle(const std::string& first, const std::string& serviceTime,
                  const std::string& extra = {}) {
  return withServices("    {\"name\": \"api\", \"service_time_ms\": " + serviceTime +
                          ", \"calls\": [{\"to\": \"orders\", \"mode\": \"" + first + "\"}]},\n" +
                          "    {\"name\": \"orders\", \"service_time_ms\": " + serviceTime +
                          ", \"calls\": [{\"to\": \"api\", \"mode\": \"async\"}]}",
                      extra);
}

// A closed workload of users on "api", which calls "db" in sync.
std::string closedUsers(const std::string& workload, const std::string& apiTime,
                        const std::string& dbTime, const std::string& extra = {}) {
  std::string text =
      "{\"format\": 1, \"name\": \"t\", \"duration_s\": 60,\n"
      "\"workload\": {\"entry\": \"api\", \"arrival\": \"closed\", \"users\": 3" +
      workload +
      "},\n"
      "\"services\": [{\"name\": \"api\", \"service_time_ms\": " +
      apiTime +
      ", \"calls\": [{\"to\": \"db\"}]}, {\"name\": \"db\", \"service_time_ms\": " + dbTime + "}]" +
      extra + "}";
  return text;
}

void expectOk(const std::string& text) {
  const LoadResult r = load(text);
  QVERIFY2(r.ok(), qPrintable(errorLines(r).join('\n')));
}

}  // namespace

class ScenarioProgressTest : public QObject {
  Q_OBJECT

 private slots:
  void zeroTimeAsyncCycleIsNamed() {
    QCOMPARE(errorsOf(cycle("async", "0")),
             QStringList{"8:56: /services/1/calls/0: calls loop in zero time: api -> orders -> "
                         "api (no service time on the way, no latency): give one of them a "
                         "service time, or the network or the broker a latency"});
  }

  void zeroTimeMixedCycleIsNamed() {
    // A sync hop one way, an async one back: not a sync cycle, but still instant.
    QCOMPARE(errorsOf(cycle("sync", "{\"dist\": \"uniform\", \"min\": 0, \"max\": 0}")).size(), 1);
  }

  void anythingThatTakesTimeBreaksTheLoop() {
    expectOk(cycle("async", "0.001"));
    expectOk(cycle("async", "{\"dist\": \"uniform\", \"min\": 0, \"max\": 1}"));
    expectOk(cycle("async", "0", "  \"network\": {\"latency_ms\": 0.5}"));
    expectOk(cycle("async", "0", "  \"broker\": {\"delivery_latency_ms\": 1}"));
  }

  void aBrokerLatencyDoesNotDelayAnInstantSyncHop() {
    // api -> orders is sync: the broker's latency is only on the way back. Both hops are
    // needed for the loop, so the async one's latency breaks it.
    expectOk(cycle("sync", "0", "  \"broker\": {\"delivery_latency_ms\": 1}"));
  }

  void aCallNeverMadeIsNoLoop() {
    const std::string text = withServices(
        "    {\"name\": \"api\", \"service_time_ms\": 0, \"calls\": [{\"to\": \"orders\", "
        "\"mode\": \"async\", \"probability\": 0}]},\n"
        "    {\"name\": \"orders\", \"service_time_ms\": 0, \"calls\": [{\"to\": \"api\", "
        "\"mode\": \"async\"}]}");
    expectOk(text);
  }

  void closedUsersWhoNeverWaitAreRefused() {
    QCOMPARE(errorsOf(closedUsers("", "0", "0")),
             QStringList{"2:13: /workload: the users would send requests in a loop that takes "
                         "no time: \"api\" and what it calls in sync have no service time, and "
                         "neither the think time nor the network adds any: give one of them a "
                         "positive mean"});
    QCOMPARE(errorsOf(closedUsers(", \"think_time_ms\": 0", "0", "0")).size(), 1);
  }

  void closedUsersWaitForSomething() {
    expectOk(closedUsers(", \"think_time_ms\": 1", "0", "0"));
    expectOk(closedUsers("", "0", "2"));  // the sync call's work
    expectOk(closedUsers("", "2", "0"));
    expectOk(closedUsers("", "0", "0", ", \"network\": {\"latency_ms\": 0.1}"));
  }
};

QTEST_GUILESS_MAIN(ScenarioProgressTest)
#include "test_scenario_progress.moc"
