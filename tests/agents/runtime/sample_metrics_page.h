#pragma once

#include <string>

#include "prometheus_text.h"

// A page with every kind of family and awkward label values, for the tests and for promtool.
inline std::string sampleMetricsPage() {
  using namespace clusterscope::agents;
  PrometheusText p;
  p.counter("clusterscope_requests_total", "Requests that reached the replica.", 1234,
            {{"service", "orders"}, {"replica", "0"}});
  p.counter("clusterscope_requests_total", "Requests that reached the replica.", 5,
            {{"service", "odd \"name\"\\with\nbreaks"}, {"replica", "1"}});
  p.gauge("clusterscope_queue_tasks", "Tasks waiting for a worker.", 3, {{"service", "orders"}});
  HistogramBuckets h;
  double cumulative = 0;
  for (double le : standardLatencyBounds()) h.bounds.push_back({le, cumulative += 2});
  h.count = cumulative + 1;
  h.sumSeconds = 4.25;
  p.histogram("clusterscope_request_duration_seconds", "Time from arrival to reply.", h,
              {{"service", "orders"}});
  return p.text();
}
