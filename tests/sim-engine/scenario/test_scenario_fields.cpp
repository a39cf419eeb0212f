// Field-level checks (unknown keys, types, required keys, ranges), defaults, distributions
// and the workload kinds.

#include <QtTest>

#include "scenario_test_helpers.h"

using namespace clusterscope::engine;
using namespace clusterscope::model;
using namespace clusterscope::engine::testing;

class ScenarioFieldsTest : public QObject {
  Q_OBJECT

 private slots:
  void unknownKeyWithSuggestion() {
    const std::string text =
        withServices("    {\"name\": \"api\", \"replicass\": 2, \"service_time_ms\": 1}");
    QCOMPARE(errorsOf(text), QStringList{"7:21: /services/0/replicass: unknown key \"replicass\" "
                                         "(did you mean \"replicas\"?)"});
  }

  void unknownKeyWithoutSuggestion() {
    QCOMPARE(errorsOf(withServices("    {\"name\": \"api\", \"service_time_ms\": 1}",
                                   "  \"colour\": \"blue\"")),
             QStringList{"9:3: /colour: unknown key \"colour\""});
  }

  void wrongTypes() {
    const std::string text = withServices(
        "    {\"name\": \"api\", \"replicas\": \"two\", \"workers\": 2.5, \"service_time_ms\": 1,\n"
        "     \"calls\": {\"to\": \"x\"}, \"language\": 3}",
        "  \"network\": [],\n  \"seed\": 1.5");
    QCOMPARE(errorsOf(text), (QStringList{
                                 "7:33: /services/0/replicas: expected an integer, got a string",
                                 "7:51: /services/0/workers: expected an integer, got 2.5",
                                 "8:15: /services/0/calls: expected an array, got an object",
                                 "8:40: /services/0/language: expected a string, got a number",
                                 "10:14: /network: expected an object, got an array",
                                 "11:11: /seed: expected an integer, got 1.5",
                             }));
  }

  void integralFloatsAreIntegers() {
    const LoadResult r =
        load(withServices("    {\"name\": \"api\", \"replicas\": 3.0, "
                          "\"service_time_ms\": 1}"));
    QVERIFY2(r.ok(), qPrintable(errorLines(r).join('\n')));
    QCOMPARE(r.scenario->services[0].replicas, 3);
  }

  void missingKeyPointsAtTheObject() {
    const std::string text = withServices(
        "    {\"name\": \"api\", \"service_time_ms\": 1},\n"
        "    {\"replicas\": 2, \"service_time_ms\": 1,\n"
        "     \"calls\": [{\"mode\": \"async\"}]}");
    QCOMPARE(errorsOf(text), (QStringList{
                                 "8:5: /services/1: missing required key \"name\"",
                                 "9:16: /services/1/calls/0: missing required key \"to\"",
                             }));
  }

  void outOfRange() {
    const std::string text = withServices(
        "    {\"name\": \"api\", \"replicas\": -1, \"error_rate\": 1.5, \"cpu\": 0,\n"
        "     \"service_time_ms\": 1, \"calls\": [{\"to\": \"db\", \"probability\": 2,"
        " \"retries\": 101}]},\n"
        "    {\"name\": \"db\", \"service_time_ms\": 1}",
        "  \"interval_s\": 0,\n  \"warmup_s\": 60");
    QCOMPARE(errorsOf(text),
             (QStringList{
                 "7:33: /services/0/replicas: must be between 0 and 10000, got -1",
                 "7:51: /services/0/error_rate: must be between 0 and 1, got 1.5",
                 "7:63: /services/0/cpu: must be greater than 0 and at most 1000000, got 0",
                 "8:66: /services/0/calls/0/probability: must be between 0 and 1, got 2",
                 "8:80: /services/0/calls/0/retries: must be between 0 and 100, got 101",
                 "11:17: /interval_s: must be between 0.001 and 3600, got 0",
                 "12:15: /warmup_s: must be less than duration_s (60), got 60",
             }));
  }

  void formatAndNames() {
    QCOMPARE(
        errorsOf("{\"format\": 2, \"name\": \"\", \"duration_s\": 0, \"services\": [{\"name\": "
                 "\"my api\", \"service_time_ms\": 1}], \"workload\": {\"entry\": \"x\", "
                 "\"rate_rps\": 1}}"),
        (QStringList{
            "1:12: /format: unsupported format 2: this version reads format 1",
            "1:23: /name: must not be empty",
            "1:41: /duration_s: must be between 0.001 and 1000000, got 0",
            "1:66: /services/0/name: \"my api\" is not a valid name: use 1 to 64 letters, "
            "digits, \"_\", \".\" or \"-\"",
        }));
  }

  void seedTakesTheWholeUnsignedRange() {
    const LoadResult r = load(withServices("    {\"name\": \"api\", \"service_time_ms\": 1}",
                                           "  \"seed\": 18446744073709551615"));
    QVERIFY(r.ok());
    QCOMPARE(r.scenario->seed, std::uint64_t{18446744073709551615u});
    QCOMPARE(
        errorsOf(withServices("    {\"name\": \"api\", \"service_time_ms\": 1}", "  \"seed\": -1")),
        QStringList{"9:11: /seed: must be at least 0, got -1"});
  }

  void defaultsApplied() {
    const LoadResult r = loadScenarioFile(dataFile("minimal.json"));
    QVERIFY2(r.ok(), qPrintable(errorLines(r).join('\n')));
    const Scenario& s = *r.scenario;
    QCOMPARE(s.format, 1);
    QCOMPARE(s.seed, std::uint64_t{1});
    QCOMPARE(s.durationS, 10.0);
    QCOMPARE(s.warmupS, 0.0);
    QCOMPARE(s.intervalS, 1.0);
    QVERIFY(!s.network.latencyMs);
    QVERIFY(s.nodes.empty());
    QCOMPARE(s.broker, BrokerSpec{});
    QCOMPARE(s.cluster.rescheduleDelayS, 5.0);
    const ServiceSpec& api = s.services.at(0);
    QCOMPARE(api.replicas, 1);
    QCOMPARE(api.workers, 1);
    QVERIFY(!api.queueCapacity);
    QCOMPARE(api.lb, LbPolicy::RoundRobin);
    QCOMPARE(api.cpu, 1.0);
    QCOMPARE(api.startupS, 0.0);
    QCOMPARE(api.errorRate, 0.0);
    QVERIFY(!api.autoscale);
    QCOMPARE(s.workload.arrival, ArrivalKind::Poisson);
    QCOMPARE(s.workload.rateRps, 50.0);
    QVERIFY(!s.workload.timeoutMs);
  }

  void defaultsOfNestedObjects() {
    const LoadResult r =
        load(withServices("    {\"name\": \"api\", \"service_time_ms\": 1, \"autoscale\": {},\n"
                          "     \"calls\": [{\"to\": \"db\", \"circuit_breaker\": {}}]},\n"
                          "    {\"name\": \"db\", \"service_time_ms\": 1}",
                          "  \"nodes\": [{\"name\": \"n1\"}]"));
    QVERIFY2(r.ok(), qPrintable(errorLines(r).join('\n')));
    const CallSpec& call = r.scenario->services[0].calls.at(0);
    QCOMPARE(call.mode, CallMode::Sync);
    QVERIFY(!call.timeoutMs);
    QCOMPARE(call.retries, 0);
    QCOMPARE(call.backoffMs, 10.0);
    QCOMPARE(call.probability, 1.0);
    QVERIFY(call.required);
    QVERIFY(!call.bulkhead);
    QCOMPARE(call.circuitBreaker, std::optional<CircuitBreakerSpec>(CircuitBreakerSpec{}));
    QCOMPARE(r.scenario->services[0].autoscale, std::optional<AutoscaleSpec>(AutoscaleSpec{}));
    QCOMPARE(r.scenario->nodes.at(0).cores, 8.0);
  }

  void crossFieldRanges() {
    const std::string text = withServices(
        "    {\"name\": \"api\", \"service_time_ms\": 1, \"autoscale\": {\"min\": 5, \"max\": 2},\n"
        "     \"calls\": [{\"to\": \"db\", \"circuit_breaker\": {\"window\": 10}}]},\n"
        "    {\"name\": \"db\", \"service_time_ms\": 1}");
    QCOMPARE(errorsOf(text),
             (QStringList{
                 "7:74: /services/0/autoscale/max: \"max\" (2) is less than \"min\" (5)",
                 "8:59: /services/0/calls/0/circuit_breaker/window: \"window\" (10) is less than "
                 "\"min_calls\" (20, the default)",
             }));
  }

  void everyDistribution() {
    const LoadResult r = load(withServices(
        "    {\"name\": \"api\", \"service_time_ms\": 2.5, \"calls\": [{\"to\": \"a\"}, "
        "{\"to\": \"b\"}, {\"to\": \"c\"}, {\"to\": \"d\"}]},\n"
        "    {\"name\": \"a\", \"service_time_ms\": {\"dist\": \"constant\", \"value\": 3}},\n"
        "    {\"name\": \"b\", \"service_time_ms\": {\"dist\": \"exponential\", \"mean\": 4}},\n"
        "    {\"name\": \"c\", \"service_time_ms\": {\"dist\": \"uniform\", \"min\": 1, \"max\": "
        "2}},\n"
        "    {\"name\": \"d\", \"service_time_ms\": {\"dist\": \"lognormal\", \"mean\": 5, "
        "\"stddev\": 6}}"));
    QVERIFY2(r.ok(), qPrintable(errorLines(r).join('\n')));
    const auto& s = r.scenario->services;
    QCOMPARE(s[0].serviceTimeMs, DistributionSpec::constant(2.5));
    QCOMPARE(s[1].serviceTimeMs, DistributionSpec::constant(3));
    QCOMPARE(s[2].serviceTimeMs, DistributionSpec::exponential(4));
    QCOMPARE(s[3].serviceTimeMs, DistributionSpec::uniform(1, 2));
    QCOMPARE(s[4].serviceTimeMs, DistributionSpec::lognormal(5, 6));
  }

  void badDistributions() {
    const std::string text = withServices(
        "    {\"name\": \"api\", \"service_time_ms\": {\"dist\": \"exponential\", \"mean\": 0, "
        "\"stddev\": 1}},\n"
        "    {\"name\": \"a\", \"service_time_ms\": {\"dist\": \"uniform\", \"min\": 3, \"max\": "
        "2}},\n"
        "    {\"name\": \"b\", \"service_time_ms\": {\"dist\": \"exponentail\", \"mean\": 4}},\n"
        "    {\"name\": \"c\", \"service_time_ms\": \"fast\"},\n"
        "    {\"name\": \"d\", \"service_time_ms\": {\"dist\": \"lognormal\", \"mean\": 5}}");
    QCOMPARE(errorsOf(text),
             (QStringList{
                 "7:72: /services/0/service_time_ms/mean: must be between 0.000001 and "
                 "1000000000, got 0",
                 "7:75: /services/0/service_time_ms/stddev: unknown key \"stddev\" for dist "
                 "\"exponential\"",
                 "8:75: /services/1/service_time_ms/max: \"max\" (2) is less than \"min\" (3)",
                 "9:47: /services/2/service_time_ms/dist: unknown distribution \"exponentail\" "
                 "(did you mean \"exponential\"?)",
                 "10:38: /services/3/service_time_ms: expected a distribution (an object or a "
                 "number), got a string",
                 "11:38: /services/4/service_time_ms: missing required key \"stddev\"",
             }));
  }

  void closedWorkload() {
    const LoadResult r = loadScenarioFile(dataFile("closed_monolith.json"));
    QVERIFY2(r.ok(), qPrintable(errorLines(r).join('\n')));
    const WorkloadSpec& w = r.scenario->workload;
    QCOMPARE(w.arrival, ArrivalKind::Closed);
    QCOMPARE(w.users, 20);
    QCOMPARE(w.thinkTimeMs, DistributionSpec::exponential(500));
    QCOMPARE(w.rateRps, 0.0);
  }

  void workloadKeysMustMatchTheArrivalKind() {
    const char* services = "    {\"name\": \"api\", \"service_time_ms\": 1}";
    QCOMPARE(
        errorsOf(
            "{\"format\": 1, \"name\": \"t\", \"duration_s\": 60, \"services\": [" +
            std::string(services) +
            "],\n\"workload\": {\"entry\": \"api\", \"arrival\": \"closed\", \"rate_rps\": 5}}"),
        (QStringList{
            "2:13: /workload: missing required key \"users\"",
            "2:51: /workload/rate_rps: \"rate_rps\" does not apply to arrival \"closed\": a "
            "closed workload has \"users\" instead",
        }));
    QCOMPARE(errorsOf("{\"format\": 1, \"name\": \"t\", \"duration_s\": 60, \"services\": [" +
                      std::string(services) +
                      "],\n\"workload\": {\"entry\": \"api\", \"rate_rps\": 5, \"users\": 3,"
                      " \"arrival\": \"burst\"}}"),
             QStringList{"2:68: /workload/arrival: unknown arrival kind \"burst\" (expected "
                         "\"poisson\", \"constant\" or \"closed\")"});
  }

  void stagesMustBeInTimeOrder() {
    const std::string text =
        "{\"format\": 1, \"name\": \"t\", \"duration_s\": 60,\n"
        "\"services\": [{\"name\": \"api\", \"service_time_ms\": 1}],\n"
        "\"workload\": {\"entry\": \"api\", \"rate_rps\": 1, \"stages\": [{\"at_s\": 30, "
        "\"rate_rps\": 2}, {\"at_s\": 20, \"rate_rps\": 3}, {\"at_s\": 70, \"rate_rps\": 3}]}}";
    QCOMPARE(errorsOf(text),
             (QStringList{
                 "3:94: /workload/stages/1/at_s: stages must be in strictly increasing time "
                 "order: 20 s is not after 30 s",
                 "3:123: /workload/stages/2/at_s: must be between 0 and 60, got 70",
             }));
  }

  // One service object on its own (clusterscope-agent --config): the service's rules, without
  // the references a scenario would check.
  void oneServiceAlone() {
    const ServiceLoadResult ok = loadServiceText(
        R"({"name": "orders", "workers": 4, "queue_capacity": 10, "service_time_ms": 2,
            "calls": [{"to": "billing", "mode": "async"}, {"to": "stock", "timeout_ms": 50}]})",
        "orders.json");
    QVERIFY(ok.ok());
    QCOMPARE(ok.service->workers, 4);
    QCOMPARE(ok.service->queueCapacity, std::optional<int>(10));
    QCOMPARE(ok.service->calls.size(), std::size_t{2});
    QCOMPARE(ok.service->calls[1].timeoutMs, std::optional<double>(50));
    QCOMPARE(ok.service->calls[0].mode, CallMode::Async);

    const auto errors = [](std::string_view text) {
      QStringList lines;
      for (const Diagnostic& d : loadServiceText(text, "s.json").errors) {
        lines << QString::fromStdString(d.format());
      }
      return lines;
    };
    QCOMPARE(errors(R"({"name": "a", "workers": 0, "service_time_ms": 1})"),
             QStringList{"s.json:1:26: /workers: must be between 1 and 10000, got 0"});
    QCOMPARE(errors(R"({"name": "a"})"),
             QStringList{"s.json:1:1: /: missing required key \"service_time_ms\""});
    QCOMPARE(errors("[]"), QStringList{"s.json:1:1: /: expected an object, got an array"});
  }
};

QTEST_APPLESS_MAIN(ScenarioFieldsTest)
#include "test_scenario_fields.moc"
