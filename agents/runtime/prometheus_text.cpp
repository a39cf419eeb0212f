#include "prometheus_text.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace clusterscope::agents {

namespace {

bool validName(const std::string& s, bool allowColon) {
  if (s.empty()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool letter =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (allowColon && c == ':');
    const bool digit = c >= '0' && c <= '9';
    if (!letter && !(digit && i > 0)) return false;
  }
  return true;
}

std::string escaped(const std::string& s, bool quotes) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (quotes && c == '"') {
      out += "\\\"";
    } else {
      out += c;
    }
  }
  return out;
}

std::string number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string labelText(const Labels& labels, const std::string& extraName = {},
                      const std::string& extraValue = {}) {
  if (labels.empty() && extraName.empty()) return {};
  std::string out = "{";
  bool first = true;
  auto add = [&](const std::string& k, const std::string& v) {
    if (!validName(k, false) || k.rfind("__", 0) == 0) {
      throw std::invalid_argument("invalid Prometheus label name: " + k);
    }
    if (!first) out += ',';
    first = false;
    out += k + "=\"" + escaped(v, true) + "\"";
  };
  for (const auto& [k, v] : labels) add(k, v);
  if (!extraName.empty()) add(extraName, extraValue);
  return out + "}";
}

}  // namespace

const std::vector<double>& standardLatencyBounds() {
  static const std::vector<double> bounds = {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025,
                                             0.005,   0.01,   0.025,   0.05,   0.1,   0.25,
                                             0.5,     1.0,    2.5,     5.0,    10.0};
  return bounds;
}

HistogramBuckets latencyBuckets(const engine::LatencyHistogram& histogram) {
  HistogramBuckets out;
  const auto buckets = histogram.buckets();
  std::size_t next = 0;
  double cumulative = 0.0;
  for (const double le : standardLatencyBounds()) {
    const double leNs = le * 1e9;
    while (next < buckets.size() && static_cast<double>(engine::LatencyHistogram::bucketLowerBound(
                                        buckets[next].index)) <= leNs) {
      cumulative += static_cast<double>(buckets[next].count);
      ++next;
    }
    out.bounds.emplace_back(le, cumulative);
  }
  out.count = static_cast<double>(histogram.count());
  out.sumSeconds = histogram.sumNs() / 1e9;
  return out;
}

PrometheusText::Family& PrometheusText::family(const std::string& name, const std::string& help,
                                               const char* type) {
  for (auto& f : families_) {
    if (f.name == name) {
      if (f.type != type) throw std::invalid_argument("metric " + name + " has two types");
      return f;
    }
  }
  if (!validName(name, true)) throw std::invalid_argument("invalid Prometheus name: " + name);
  families_.push_back({name, help, type, {}});
  return families_.back();
}

void PrometheusText::counter(const std::string& name, const std::string& help, double value,
                             const Labels& labels) {
  Family& f = family(name, help, "counter");
  f.samples += name + labelText(labels) + " " + number(value) + "\n";
}

void PrometheusText::gauge(const std::string& name, const std::string& help, double value,
                           const Labels& labels) {
  Family& f = family(name, help, "gauge");
  f.samples += name + labelText(labels) + " " + number(value) + "\n";
}

void PrometheusText::histogram(const std::string& name, const std::string& help,
                               const HistogramBuckets& h, const Labels& labels) {
  Family& f = family(name, help, "histogram");
  for (const auto& [le, cumulative] : h.bounds) {
    f.samples +=
        name + "_bucket" + labelText(labels, "le", number(le)) + " " + number(cumulative) + "\n";
  }
  f.samples += name + "_bucket" + labelText(labels, "le", "+Inf") + " " + number(h.count) + "\n";
  f.samples += name + "_sum" + labelText(labels) + " " + number(h.sumSeconds) + "\n";
  f.samples += name + "_count" + labelText(labels) + " " + number(h.count) + "\n";
}

std::string PrometheusText::text() const {
  std::string out;
  for (const auto& f : families_) {
    out += "# HELP " + f.name + " " + escaped(f.help, false) + "\n";
    out += "# TYPE " + f.name + " " + f.type + "\n";
    out += f.samples;
  }
  return out;
}

}  // namespace clusterscope::agents
