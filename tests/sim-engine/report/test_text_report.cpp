// The terminal report: every service and every failure cause a person needs to see, and the
// side-by-side comparison with its relative changes.

#include <QtTest>
#include <cstdio>
#include <string>

#include "qtest_std_string.h"
#include "scenario_run.h"
#include "test_scenarios.h"
#include "text_report.h"

using namespace clusterscope::engine;
using namespace clusterscope::model;
using namespace clusterscope::testing;

namespace {

Scenario failing() {
  Scenario s =
      chain({"gateway", "orders", "payments-service-long"}, CallMode::Sync, 300, 2.0, 1, 1, 10);
  s.name = "text report";
  s.services[0].queueCapacity = 2;
  s.services[2].errorRate = 0.1;
  return s;
}

bool contains(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

#define EXPECT_CONTAINS(text, what)                     \
  QVERIFY2(contains(text, what),                        \
           qPrintable(QString("'%1' not found in:\n%2") \
                          .arg(QString::fromStdString(what), QString::fromStdString(text))))

}  // namespace

class TextReportTest : public QObject {
  Q_OBJECT

 private slots:
  void summaryMentionsServicesAndFailures() {
    const RunSummary s = runScenario(failing()).summary;
    QVERIFY(s.requests.failures[FailureCause::QueueFull] > 0);
    QVERIFY(s.requests.failures[FailureCause::Error] > 0);
    const std::string text = formatSummary(s);
    EXPECT_CONTAINS(text, std::string("text report"));
    for (const auto& svc : s.services) EXPECT_CONTAINS(text, svc.name);
    // The failure line names each cause with its count.
    EXPECT_CONTAINS(text,
                    "queue_full " + std::to_string(s.requests.failures[FailureCause::QueueFull]));
    EXPECT_CONTAINS(text, "error " + std::to_string(s.requests.failures[FailureCause::Error]));
    EXPECT_CONTAINS(text, "failed " + std::to_string(s.requests.failed));
    // The share is said to be of the finished requests, and it is: failed / (completed + failed).
    char share[64];
    std::snprintf(
        share, sizeof share, "(%.2f%% of finished)",
        100.0 * double(s.requests.failed) / double(s.requests.completed + s.requests.failed));
    EXPECT_CONTAINS(text, std::string(share));
    EXPECT_CONTAINS(text, "sent " + std::to_string(s.requests.arrivals));
  }

  void noFailureLineWithoutFailures() {
    const RunSummary s = runScenario(singleQueue(50, DistributionSpec::constant(1), 1, 5)).summary;
    QCOMPARE(s.requests.failed, 0ULL);
    const std::string text = formatSummary(s);
    QVERIFY2(!contains(text, "failures"), text.c_str());
    EXPECT_CONTAINS(text, std::string("server"));
  }

  void forcedModeAndBrokerShown() {
    RunOptions o;
    o.mode = CallMode::Async;
    const RunSummary s = runScenario(failing(), o).summary;
    const std::string text = formatSummary(s);
    EXPECT_CONTAINS(text, std::string("all calls async"));
    EXPECT_CONTAINS(text, "published " + std::to_string(s.broker.published));
  }

  void comparisonShowsBothAndTheChange() {
    RunSummary a, b;
    a.scenario = b.scenario = "cmp";
    a.requests.throughputRps = 100;
    b.requests.throughputRps = 150;
    a.requests.latencyMs.p99 = 40;
    b.requests.latencyMs.p99 = 10;
    ServiceSummary svc;
    svc.name = "checkout";
    svc.utilization = 0.5;
    a.services.push_back(svc);
    svc.utilization = 0.25;
    b.services.push_back(svc);
    const std::string text = formatComparison(a, "sync", b, "async");
    EXPECT_CONTAINS(text, std::string("sync"));
    EXPECT_CONTAINS(text, std::string("async"));
    EXPECT_CONTAINS(text, std::string("checkout"));
    EXPECT_CONTAINS(text, std::string("+50.0%"));  // throughput
    EXPECT_CONTAINS(text, std::string("-75.0%"));  // p99
    EXPECT_CONTAINS(text, std::string("-50.0%"));  // utilization
  }

  void claimsListMarksFailures() {
    ClaimResult ok, bad;
    ok.claim.metric = "requests.sent";
    ok.value = 10;
    ok.passed = true;
    bad.claim.metric = "requests.failed";
    bad.claim.max = 0;
    bad.value = 3;
    const std::string text = formatClaims({ok, bad});
    QCOMPARE(std::count(text.begin(), text.end(), '\n'), 2L);
    const std::string second = text.substr(text.find('\n') + 1);
    QVERIFY2(contains(second, "FAILED") && contains(second, "requests.failed"), text.c_str());
    QVERIFY2(!contains(text.substr(0, text.find('\n')), "FAILED"), text.c_str());
  }
};

QTEST_APPLESS_MAIN(TextReportTest)
#include "test_text_report.moc"
