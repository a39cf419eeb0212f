#pragma once

#include <QCoreApplication>
#include <QString>

#include "cluster_snapshot.h"
#include "model_text.h"

// The short texts the topology shows, in one place so that every item writes a rate or a
// latency the same way and tests can pin them. Numbers are written with localNumber (a decimal
// comma in French).

namespace clusterscope::app {

// The translation context of the topology's texts: Topology::tr("broker").
struct Topology {
  Q_DECLARE_TR_FUNCTIONS(Topology)
};

// "0.5 rps", "120 rps", "12.3k rps".
QString formatRate(double rps);
// "0.8 ms", "12 ms", "1.5 s"; "–" for 0 (nothing measured).
QString formatLatency(double ms);
// A ratio in [0, 1] as a percentage: "0 %", "0.5 %", "12 %".
QString formatPercent(double ratio);
// "120", "12.3k", "1.2M": counts such as a backlog.
QString formatCount(double count);
// An edge's label: "120 rps · p95 12 ms · 0.5 %" (the last part is the error ratio).
QString edgeLabel(const model::EdgeView& edge);
// How many traffic dots an edge shows for a rate: three more for ten times the traffic
// (clamp(round(3 log10(1 + rps)), 0, 12)), so that 10 and 100 rps look different and
// 10,000 rps does not fill the screen.
int trafficDots(double rps);

}  // namespace clusterscope::app
