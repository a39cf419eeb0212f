#include "topology_format.h"

#include <algorithm>
#include <cmath>

namespace clusterscope::app {

QString formatRate(double rps) {
  if (!(rps > 0)) return QStringLiteral("0 rps");
  if (rps < 10) return QStringLiteral("%1 rps").arg(rps, 0, 'f', 1);
  if (rps < 10000) return QStringLiteral("%1 rps").arg(std::round(rps), 0, 'f', 0);
  return QStringLiteral("%1k rps").arg(rps / 1000, 0, 'f', 1);
}

QString formatLatency(double ms) {
  // No latency means no request finished in the interval, not an instant answer.
  if (!(ms > 0)) return QStringLiteral("–");
  if (ms < 10) return QStringLiteral("%1 ms").arg(ms, 0, 'f', 1);
  if (ms < 1000) return QStringLiteral("%1 ms").arg(std::round(ms), 0, 'f', 0);
  return QStringLiteral("%1 s").arg(ms / 1000, 0, 'f', 1);
}

QString formatPercent(double ratio) {
  const double p = ratio * 100;
  if (!(p > 0)) return QStringLiteral("0 %");
  if (p < 10) return QStringLiteral("%1 %").arg(p, 0, 'f', 1);
  return QStringLiteral("%1 %").arg(std::round(p), 0, 'f', 0);
}

QString formatCount(double count) {
  if (count < 10000) return QString::number(std::round(count), 'f', 0);
  if (count < 1e6) return QStringLiteral("%1k").arg(count / 1e3, 0, 'f', 1);
  return QStringLiteral("%1M").arg(count / 1e6, 0, 'f', 1);
}

QString edgeLabel(const model::EdgeView& e) {
  return QStringLiteral("%1 · p95 %2 · %3")
      .arg(formatRate(e.rateRps), formatLatency(e.p95Ms), formatPercent(e.errorRatio));
}

int trafficDots(double rps) {
  if (!(rps > 0)) return 0;
  return std::clamp(static_cast<int>(std::lround(3.0 * std::log10(1.0 + rps))), 0, 12);
}

}  // namespace clusterscope::app
