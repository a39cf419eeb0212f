#include "topology_format.h"

#include <algorithm>
#include <cmath>

namespace clusterscope::app {

QString formatRate(double rps) {
  if (!(rps > 0)) return Topology::tr("%1 rps").arg(0);
  if (rps < 10) return Topology::tr("%1 rps").arg(localNumber(rps, 'f', 1));
  if (rps < 10000) return Topology::tr("%1 rps").arg(localNumber(std::round(rps), 'f', 0));
  return Topology::tr("%1k rps").arg(localNumber(rps / 1000, 'f', 1));
}

QString formatLatency(double ms) {
  // No latency means no request finished in the interval, not an instant answer.
  if (!(ms > 0)) return QStringLiteral("–");
  if (ms < 10) return Topology::tr("%1 ms").arg(localNumber(ms, 'f', 1));
  if (ms < 1000) return Topology::tr("%1 ms").arg(localNumber(std::round(ms), 'f', 0));
  return Topology::tr("%1 s").arg(localNumber(ms / 1000, 'f', 1));
}

QString formatPercent(double ratio) {
  const double p = ratio * 100;
  if (!(p > 0)) return QStringLiteral("0 %");
  if (p < 10) return Topology::tr("%1 %").arg(localNumber(p, 'f', 1));
  return Topology::tr("%1 %").arg(localNumber(std::round(p), 'f', 0));
}

QString formatCount(double count) {
  if (count < 10000) return QString::number(std::round(count), 'f', 0);
  if (count < 1e6) return Topology::tr("%1k").arg(localNumber(count / 1e3, 'f', 1));
  return Topology::tr("%1M").arg(localNumber(count / 1e6, 'f', 1));
}

QString edgeLabel(const model::EdgeView& e) {
  return Topology::tr("%1 · p95 %2 · %3")
      .arg(formatRate(e.rateRps), formatLatency(e.p95Ms), formatPercent(e.errorRatio));
}

int trafficDots(double rps) {
  if (!(rps > 0)) return 0;
  return std::clamp(static_cast<int>(std::lround(3.0 * std::log10(1.0 + rps))), 0, 12);
}

}  // namespace clusterscope::app
