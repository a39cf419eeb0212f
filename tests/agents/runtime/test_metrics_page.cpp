// The Prometheus page: families grouped with their HELP and TYPE, labels escaped, histograms
// cumulative with +Inf, sum and count; invalid names refused; the HTTP endpoint serves the last
// page published. promtool checks the same page (see print_metrics_page and CTest).

#include <httplib.h>

#include <QtTest>

#include "metrics_endpoint.h"
#include "prometheus_text.h"
#include "sample_metrics_page.h"

using namespace clusterscope::agents;

class TestMetricsPage : public QObject {
  Q_OBJECT

 private slots:
  void familiesAreGroupedAndLabelsEscaped() {
    PrometheusText p;
    p.counter("cs_requests_total", "Requests served.", 3, {{"service", "orders"}});
    p.gauge("cs_queue", "Tasks waiting.", 2);
    p.counter("cs_requests_total", "Requests served.", 4, {{"service", "a\"b\\c\nd"}});
    const std::string text = p.text();
    QCOMPARE(QString::fromStdString(text),
             QString("# HELP cs_requests_total Requests served.\n"
                     "# TYPE cs_requests_total counter\n"
                     "cs_requests_total{service=\"orders\"} 3\n"
                     "cs_requests_total{service=\"a\\\"b\\\\c\\nd\"} 4\n"
                     "# HELP cs_queue Tasks waiting.\n"
                     "# TYPE cs_queue gauge\n"
                     "cs_queue 2\n"));
  }

  void histogramsAreCumulative() {
    PrometheusText p;
    HistogramBuckets h;
    h.bounds = {{0.001, 2}, {0.01, 5}};
    h.count = 6;
    h.sumSeconds = 0.5;
    p.histogram("cs_latency_seconds", "Latency.", h, {{"service", "api"}});
    const QString text = QString::fromStdString(p.text());
    QVERIFY(text.contains("cs_latency_seconds_bucket{service=\"api\",le=\"0.001\"} 2\n"));
    QVERIFY(text.contains("cs_latency_seconds_bucket{service=\"api\",le=\"+Inf\"} 6\n"));
    QVERIFY(text.contains("cs_latency_seconds_sum{service=\"api\"} 0.5\n"));
    QVERIFY(text.contains("cs_latency_seconds_count{service=\"api\"} 6\n"));
    QCOMPARE(standardLatencyBounds().front(), 0.00005);
    QCOMPARE(standardLatencyBounds().back(), 10.0);
  }

  void invalidNamesAreRefused() {
    PrometheusText p;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, p.gauge("9lives", "x", 1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, p.gauge("ok", "x", 1, {{"bad-label", "v"}}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, p.gauge("ok", "x", 1, {{"__reserved", "v"}}));
    p.gauge("ok", "x", 1);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, p.counter("ok", "x", 1));
  }

  void theEndpointServesTheLastPage() {
    MetricsEndpoint endpoint;
    std::string error;
    const std::string url = endpoint.start("127.0.0.1", &error);
    QVERIFY2(!url.empty(), error.c_str());
    QVERIFY(url.rfind("http://127.0.0.1:", 0) == 0);
    endpoint.publish(sampleMetricsPage());
    httplib::Client client("127.0.0.1", endpoint.port());
    client.set_connection_timeout(5);
    const auto res = client.Get("/metrics");
    QVERIFY(res);
    QCOMPARE(res->status, 200);
    QCOMPARE(QString::fromStdString(res->get_header_value("Content-Type")),
             QString("text/plain; version=0.0.4; charset=utf-8"));
    QCOMPARE(res->body, sampleMetricsPage());
    QCOMPARE(client.Get("/other")->status, 404);
  }

  // httplib ignores a stop() that comes before its loop runs: destroying an endpoint right
  // after start() must still return.
  void anEndpointStoppedAtOnceStops() {
    for (int i = 0; i < 20; ++i) {
      MetricsEndpoint endpoint;
      QVERIFY(!endpoint.start("127.0.0.1").empty());
    }
  }
};

QTEST_GUILESS_MAIN(TestMetricsPage)
#include "test_metrics_page.moc"
