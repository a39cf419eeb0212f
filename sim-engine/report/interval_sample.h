#pragma once

#include "chart_sample.h"
#include "interval_report.h"

namespace clusterscope::engine {

// One closed metrics interval reduced to what the charts draw; percentiles come from the
// interval's histograms. The one reduction for every back end: the simulation's intervals and
// those a live cluster's telemetry makes (agents/cluster_view) go through it alike.
model::ChartSample makeChartSample(const IntervalReport& report);

}  // namespace clusterscope::engine
