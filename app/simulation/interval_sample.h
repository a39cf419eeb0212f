#pragma once

#include "chart_sample.h"

namespace clusterscope::engine {
struct IntervalReport;
}

namespace clusterscope::app {

// The simulation's reduction of one closed metrics interval to what the charts draw;
// percentiles come from the interval's histograms.
model::ChartSample makeChartSample(const engine::IntervalReport& report);

}  // namespace clusterscope::app
