#include "question_text.h"

#include <cmath>

namespace clusterscope::app {

namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// "12.3" with at most `digits` significant digits, no trailing zeros.
QString number(double v, int digits = 3) { return QString::number(v, 'g', digits); }

}  // namespace

QString QuestionText::metricName(const std::string& metric) {
  std::string subject;
  std::string stat = metric;
  if (metric.rfind("services.", 0) == 0 || metric.rfind("requests.", 0) == 0) {
    const bool service = metric[0] == 's';
    // The statistic is the known suffix; a service name may itself contain dots.
    for (const char* suffix :
         {".latency_ms.mean", ".latency_ms.p50", ".latency_ms.p95", ".latency_ms.p99",
          ".latency_ms.max", ".failed_ratio", ".throughput_rps", ".utilization", ".arrivals",
          ".completed", ".failed", ".sent"}) {
      if (endsWith(metric, suffix)) {
        const std::size_t prefix = service ? 9 : 0;
        subject = metric.substr(prefix, metric.size() - prefix - std::string(suffix).size());
        stat = std::string(suffix).substr(1);
        break;
      }
    }
  }
  if (stat.rfind("latency_ms.", 0) == 0) {
    stat = stat.substr(11);
    if (stat == "mean") stat = tr("mean latency").toStdString();
    if (stat == "max") stat = tr("max latency").toStdString();
  } else if (stat == "failed_ratio") {
    stat = tr("failed ratio").toStdString();
  } else if (stat == "throughput_rps") {
    stat = tr("throughput").toStdString();
  }
  if (subject.empty()) return QString::fromStdString(stat);
  if (subject == "requests") {
    return tr("end-to-end %1", "a statistic of the whole requests")
        .arg(QString::fromStdString(stat));
  }
  return tr("%1 %2", "a service, then a statistic of it: catalog p95")
      .arg(QString::fromStdString(subject), QString::fromStdString(stat));
}

QString QuestionText::figure(const std::string& metric, double v) {
  if (metric.find("_ms") != std::string::npos) {
    if (std::fabs(v) >= 1000) {
      const double s = v / 1000;
      return tr("%1 s").arg(std::fabs(s) < 10 ? number(s, 2) : QString::number(s, 'f', 0));
    }
    return tr("%1 ms").arg(number(v));
  }
  if (endsWith(metric, "ratio") || endsWith(metric, "utilization")) {
    return tr("%1 %").arg(number(v * 100));
  }
  if (endsWith(metric, "_rps")) return tr("%1 rps").arg(number(v));
  if (metric == "cost.cores.mean") return tr("%1 cores").arg(number(v));
  return number(v, 6);
}

QString QuestionText::answer(const model::QuestionOutcome& o) {
  const QString name = metricName(o.metric);
  if (!o.value) return tr("%1: no figure was measured in the window").arg(name);
  QString what;
  if (o.before) {
    what = tr("%1 went from %2 to %3")
               .arg(name, figure(o.metric, *o.before), figure(o.metric, *o.value));
  } else {
    what = tr("%1 was %2").arg(name, figure(o.metric, *o.value));
  }
  if (!o.matching) return tr("%1: no choice matches").arg(what);
  return tr("%1: answer %2").arg(what, QChar(model::choiceLetter(*o.matching)));
}

}  // namespace clusterscope::app
