// Cross-checks over the structure: references between services, sync-call cycles, unique
// names, monolith rules, node capacity and the size guards.

#include <QtTest>

#include "scenario_test_helpers.h"

using namespace clusterscope::engine;
using namespace clusterscope::model;
using namespace clusterscope::engine::testing;

class ScenarioReferencesTest : public QObject {
  Q_OBJECT

 private slots:
  void unknownServiceWithSuggestion() {
    const std::string text = withServices(
        "    {\"name\": \"api\", \"service_time_ms\": 1, \"calls\": [{\"to\": \"odrers\"}]},\n"
        "    {\"name\": \"orders\", \"service_time_ms\": 1}");
    QCOMPARE(errorsOf(text), QStringList{"7:60: /services/0/calls/0/to: unknown service "
                                         "\"odrers\" (did you mean \"orders\"?)"});
  }

  void unknownServiceWithoutSuggestion() {
    const std::string text = withServices(
        "    {\"name\": \"api\", \"service_time_ms\": 1, \"calls\": [{\"to\": \"payments\"}]}");
    QCOMPARE(errorsOf(text),
             QStringList{"7:60: /services/0/calls/0/to: unknown service \"payments\""});
  }

  void unknownEntry() {
    QCOMPARE(errorsOf(withServices("    {\"name\": \"apix\", \"service_time_ms\": 1}")),
             QStringList{"5:25: /workload/entry: unknown service \"api\" (did you mean "
                         "\"apix\"?)"});
  }

  void callToItself() {
    QCOMPARE(
        errorsOf(withServices(
            "    {\"name\": \"api\", \"service_time_ms\": 1, \"calls\": [{\"to\": \"api\"}]}")),
        QStringList{"7:60: /services/0/calls/0/to: \"api\" calls itself"});
  }

  void syncCycleIsNamed() {
    const std::string text = withServices(
        "    {\"name\": \"api\", \"service_time_ms\": 1, \"calls\": [{\"to\": \"orders\"}]},\n"
        "    {\"name\": \"orders\", \"service_time_ms\": 1, \"calls\": [{\"to\": \"billing\"}]},\n"
        "    {\"name\": \"billing\", \"service_time_ms\": 1, \"calls\": [{\"to\": \"api\"}]}");
    QCOMPARE(errorsOf(text), QStringList{"9:57: /services/2/calls/0: sync calls form a cycle: "
                                         "api -> orders -> billing -> api"});
  }

  void longCycleKeepsItsEnds() {
    std::string services;
    for (int i = 0; i < 12; ++i) {
      const std::string name = i == 0 ? "api" : "s" + std::to_string(i);
      const std::string next = i == 11 ? "api" : "s" + std::to_string(i + 1);
      if (i > 0) services += ",\n";
      services += "    {\"name\": \"" + name +
                  "\", \"service_time_ms\": 1, \"calls\": [{\"to\": \"" + next + "\"}]}";
    }
    QCOMPARE(errorsOf(withServices(services)),
             QStringList{"18:53: /services/11/calls/0: sync calls form a cycle: api -> s1 -> s2 "
                         "-> s3 -> s4 -> ... (3 more) -> s8 -> s9 -> s10 -> s11 -> api"});
  }

  void asyncEdgeBreaksACycle() {
    const LoadResult r = load(withServices(
        "    {\"name\": \"api\", \"service_time_ms\": 1, \"calls\": [{\"to\": \"orders\"}]},\n"
        "    {\"name\": \"orders\", \"service_time_ms\": 1, \"calls\": [{\"to\": \"api\", "
        "\"mode\": \"async\"}]}"));
    QVERIFY2(r.ok(), qPrintable(errorLines(r).join('\n')));
  }

  void cycleThroughModules() {
    // In-process calls between modules hold the worker as well.
    const std::string text = withServices(
        "    {\"name\": \"api\", \"service_time_ms\": 1, \"calls\": [{\"to\": \"a\"}]},\n"
        "    {\"name\": \"shop\", \"modules\": [\n"
        "      {\"name\": \"a\", \"service_time_ms\": 1, \"calls\": [{\"to\": \"b\"}]},\n"
        "      {\"name\": \"b\", \"service_time_ms\": 1, \"calls\": [{\"to\": \"a\"}]}]}");
    QCOMPARE(errorsOf(text), QStringList{"10:53: /services/1/modules/1/calls/0: sync calls form "
                                         "a cycle: a -> b -> a"});
  }

  void duplicateNamesAcrossServicesAndModules() {
    const std::string text = withServices(
        "    {\"name\": \"api\", \"service_time_ms\": 1},\n"
        "    {\"name\": \"shop\", \"modules\": [{\"name\": \"api\", \"service_time_ms\": 1}]}",
        "  \"nodes\": [{\"name\": \"n1\"}, {\"name\": \"n1\"}]");
    QCOMPARE(errorsOf(text),
             (QStringList{
                 "8:43: /services/1/modules/0/name: duplicate name \"api\": already used at "
                 "/services/0/name",
                 "10:38: /nodes/1/name: duplicate name \"n1\": already used at /nodes/0/name",
             }));
  }

  void monolithMisuse() {
    const std::string text = withServices(
        "    {\"name\": \"api\", \"service_time_ms\": 1, \"calls\": [{\"to\": \"shop\"}]},\n"
        "    {\"name\": \"shop\", \"service_time_ms\": 1, \"calls\": [], \"error_rate\": 0.1,\n"
        "     \"modules\": [{\"name\": \"cart\", \"service_time_ms\": 1}]}");
    QCOMPARE(errorsOf(text),
             (QStringList{
                 "7:60: /services/0/calls/0/to: \"shop\" is a service with modules: call one of "
                 "its modules (\"cart\")",
                 "8:22: /services/1/service_time_ms: \"service_time_ms\" does not apply to a "
                 "service with modules: give each module its own",
                 "8:44: /services/1/calls: \"calls\" does not apply to a service with modules: "
                 "its modules make the calls",
                 "8:57: /services/1/error_rate: \"error_rate\" does not apply to a service with "
                 "modules: set it on its modules",
             }));
  }

  void entryMustBeAComponent() {
    QCOMPARE(errorsOf(withServices("    {\"name\": \"api\", \"modules\": [\n"
                                   "      {\"name\": \"web\", \"service_time_ms\": 1},\n"
                                   "      {\"name\": \"db\", \"service_time_ms\": 1}]}")),
             QStringList{"5:25: /workload/entry: \"api\" is a service with modules: make one of "
                         "its modules the entry (\"web\" or \"db\")"});
  }

  void monolithModulesAreComponents() {
    const LoadResult r = loadScenarioFile(dataFile("closed_monolith.json"));
    QVERIFY2(r.ok(), qPrintable(errorLines(r).join('\n')));
    const ServiceSpec& monolith = r.scenario->services.at(0);
    QCOMPARE(monolith.modules.size(), std::size_t{2});
    QCOMPARE(monolith.modules[0].calls.at(0).to, std::string("store"));
    QCOMPARE(monolith.modules[1].serviceTimeMs, DistributionSpec::exponential(4));
    QCOMPARE(monolith.serviceTimeMs, DistributionSpec{});
  }

  void capacityOverflow() {
    const std::string text = withServices(
        "    {\"name\": \"api\", \"replicas\": 3, \"cpu\": 2, \"service_time_ms\": 1},\n"
        "    {\"name\": \"db\", \"replicas\": 2, \"cpu\": 1.5, \"service_time_ms\": 1},\n"
        "    {\"name\": \"big\", \"replicas\": 0, \"cpu\": 6, \"service_time_ms\": 1,"
        " \"autoscale\": {}}",
        "  \"nodes\": [{\"name\": \"n1\", \"cores\": 4}, {\"name\": \"n2\", \"cores\": 4}]");
    QCOMPARE(errorsOf(text),
             (QStringList{
                 "9:43: /services/2/cpu: a replica of \"big\" needs 6 cores but the largest node "
                 "has 4",
                 "11:12: /nodes: the initial replicas need 9 cores but the nodes have 8 (replicas "
                 "x cpu summed over the services)",
             }));
  }

  void noNodesMeansOneLargeNode() {
    const LoadResult r = load(withServices(
        "    {\"name\": \"api\", \"replicas\": 1000, \"cpu\": 64, \"service_time_ms\": 1}"));
    QVERIFY2(r.ok(), qPrintable(errorLines(r).join('\n')));
  }

  void totalReplicasGuard() {
    std::string services = "    {\"name\": \"api\", \"service_time_ms\": 1}";
    for (int i = 0; i < 11; ++i) {
      services += ",\n    {\"name\": \"s" + std::to_string(i) +
                  "\", \"service_time_ms\": 1, \"autoscale\": {\"max\": 10000}}";
    }
    QCOMPARE(errorsOf(withServices(services)),
             QStringList{"6:15: /services: the services may run up to 110001 replicas in all "
                         "(the limit is 100000)"});
  }

  void componentCountGuard() {
    std::string services = "    {\"name\": \"api\", \"service_time_ms\": 1}";
    for (int i = 0; i < 10000; ++i) {
      services += ",{\"name\":\"s" + std::to_string(i) + "\",\"service_time_ms\":1,\"replicas\":0}";
    }
    QCOMPARE(errorsOf(withServices(services)),
             QStringList{"6:15: /services: too many services and modules: 10001 (the limit is "
                         "10000)"});
  }

  void referencesAreNotCheckedWhenANameIsMissing() {
    // With one name unknown, "ghost" might be it: only the missing name is reported.
    const std::string text = withServices(
        "    {\"name\": \"api\", \"service_time_ms\": 1, \"calls\": [{\"to\": \"ghost\"}]},\n"
        "    {\"service_time_ms\": 1}");
    QCOMPARE(errorsOf(text), QStringList{"8:5: /services/1: missing required key \"name\""});
  }
};

QTEST_APPLESS_MAIN(ScenarioReferencesTest)
#include "test_scenario_references.moc"
