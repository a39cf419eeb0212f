#include "fault_book.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace clusterscope::agents::calls {

namespace {

using protocol::FaultKind;

std::pair<std::string, std::string> sortedPair(const std::string& a, const std::string& b) {
  return a < b ? std::pair(a, b) : std::pair(b, a);
}

FaultBook::Clock::duration millis(double ms) {
  return std::chrono::nanoseconds(std::llround(std::max(0.0, ms) * 1e6));
}

}  // namespace

void FaultBook::add(const protocol::Fault& fault, Clock::time_point now) {
  Active a{fault, Clock::time_point::max()};
  if (fault.durationS > 0) {
    a.until = now + std::chrono::nanoseconds(std::llround(fault.durationS * 1e9));
  }
  active_.push_back(std::move(a));
}

void FaultBook::reset() {
  active_.clear();
  partitions_.clear();
}

void FaultBook::expire(Clock::time_point now) {
  std::erase_if(active_, [&](const Active& a) {
    return a.until <= now || (a.fault.kind == FaultKind::FailFirst && a.fault.count == 0);
  });
}

FaultBook::Verdict FaultBook::apply(bool process, std::string_view from, std::string_view to,
                                    engine::Rng& rng, Clock::time_point now) {
  Verdict v;
  if (active_.empty()) return v;
  expire(now);
  for (Active& a : active_) {
    const protocol::Fault& f = a.fault;
    const bool isProcess = !f.service.empty();
    if (isProcess != process) continue;
    if (!process && (f.from != from || f.to != to)) continue;
    switch (f.kind) {
      case FaultKind::Latency: {
        double ms = f.latencyMs;
        if (f.jitterMs > 0) ms += (rng.uniform01() * 2.0 - 1.0) * f.jitterMs;
        v.delay += millis(ms);
        break;
      }
      case FaultKind::Loss:
        if (rng.chance(f.rate)) v.drop = true;
        break;
      case FaultKind::Blackhole:
        v.drop = true;
        break;
      case FaultKind::FailFirst:
        if (!v.failFirst && a.fault.count > 0) {
          --a.fault.count;
          v.failFirst = true;
        }
        break;
      case FaultKind::Pause:
        break;  // the owner freezes itself (pausedUntil)
    }
  }
  // A message lost on the way fails nothing: the sender only learns by its timeout.
  if (v.drop) v.failFirst = false;
  return v;
}

FaultBook::Verdict FaultBook::onSend(std::string_view from, std::string_view to, engine::Rng& rng,
                                     Clock::time_point now) {
  return apply(false, from, to, rng, now);
}

FaultBook::Verdict FaultBook::onReceive(engine::Rng& rng, Clock::time_point now) {
  return apply(true, {}, {}, rng, now);
}

bool FaultBook::blackholed(Clock::time_point now) {
  if (active_.empty()) return false;
  expire(now);
  return std::any_of(active_.begin(), active_.end(), [](const Active& a) {
    return !a.fault.service.empty() && a.fault.kind == FaultKind::Blackhole;
  });
}

std::optional<FaultBook::Clock::time_point> FaultBook::pausedUntil(Clock::time_point now) {
  expire(now);
  std::optional<Clock::time_point> until;
  for (const Active& a : active_) {
    if (a.fault.kind == FaultKind::Pause) until = std::max(until.value_or(a.until), a.until);
  }
  return until;
}

std::vector<protocol::FaultInForce> FaultBook::inForce(Clock::time_point now) {
  expire(now);
  std::vector<protocol::FaultInForce> out;
  for (const Active& a : active_) {
    protocol::FaultInForce f{a.fault, 0.0};
    if (a.until != Clock::time_point::max()) {
      // At least a nanosecond: 0 would read "until cleared".
      f.remainingS = std::max(1e-9, std::chrono::duration<double>(a.until - now).count());
    }
    out.push_back(std::move(f));
  }
  return out;
}

void FaultBook::partition(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty() || a == b) return;
  const auto p = sortedPair(a, b);
  if (std::find(partitions_.begin(), partitions_.end(), p) == partitions_.end()) {
    partitions_.push_back(p);
  }
}

void FaultBook::heal(const std::string& a, const std::string& b) {
  std::erase(partitions_, sortedPair(a, b));
}

bool FaultBook::cut(std::string_view a, std::string_view b) const {
  if (partitions_.empty() || a.empty() || b.empty() || a == b) return false;
  for (const auto& [x, y] : partitions_) {
    if ((x == a && y == b) || (x == b && y == a)) return true;
  }
  return false;
}

}  // namespace clusterscope::agents::calls
