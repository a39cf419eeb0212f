#include "action_catalog.h"

namespace clusterscope::app {

namespace {

using model::Action;
using model::ActionKind;

OfferedAction offer(const QString& text, ActionKind kind, const std::string& service = {}) {
  Action a;
  a.kind = kind;
  a.service = service;
  return {text, a};
}

OfferedAction onReplica(const QString& text, ActionKind kind, const std::string& service,
                        int replica, double factor = 1.0) {
  OfferedAction o = offer(text, kind, service);
  o.action.replica = replica;
  o.action.factor = factor;
  return o;
}

QString percent(double rate) { return QString::number(rate * 100.0, 'g', 3); }

}  // namespace

OfferedAction ActionCatalog::killReplica(const std::string& service, int replica) {
  return onReplica(tr("Kill"), ActionKind::KillReplica, service, replica);
}

OfferedAction ActionCatalog::restartReplica(const std::string& service, int replica) {
  return onReplica(tr("Restart"), ActionKind::RestartReplica, service, replica);
}

OfferedAction ActionCatalog::slowReplica(const std::string& service, int replica) {
  return onReplica(tr("Slow ×%1").arg(kSlowFactor), ActionKind::SlowReplica, service, replica,
                   kSlowFactor);
}

OfferedAction ActionCatalog::normalReplica(const std::string& service, int replica) {
  return onReplica(tr("Normal speed"), ActionKind::SlowReplica, service, replica, 1.0);
}

OfferedAction ActionCatalog::setReplicas(const std::string& service, int count, bool adding) {
  OfferedAction o =
      offer(adding ? tr("Add replica") : tr("Remove replica"), ActionKind::SetReplicas, service);
  o.action.count = count;
  return o;
}

OfferedAction ActionCatalog::slowService(const std::string& service) {
  OfferedAction o = offer(tr("Slow ×%1").arg(kSlowFactor), ActionKind::SlowService, service);
  o.action.factor = kSlowFactor;
  return o;
}

OfferedAction ActionCatalog::normalService(const std::string& service) {
  OfferedAction o = offer(tr("Normal speed"), ActionKind::SlowService, service);
  o.action.factor = 1.0;
  return o;
}

OfferedAction ActionCatalog::errorRate(const std::string& service, double rate) {
  OfferedAction o = offer(rate > 0 ? tr("Errors %1 %").arg(percent(rate)) : tr("Errors off"),
                          ActionKind::SetErrorRate, service);
  o.action.rate = rate;
  return o;
}

OfferedAction ActionCatalog::crashService(const std::string& service) {
  return offer(tr("Crash"), ActionKind::CrashService, service);
}

OfferedAction ActionCatalog::crashModule(const std::string& module, const std::string& host) {
  // In a monolith a crashing module takes its whole process down: the lesson's point.
  return offer(tr("Crash module (the whole %1 goes)").arg(QString::fromStdString(host)),
               ActionKind::CrashService, module);
}

OfferedAction ActionCatalog::restartService(const std::string& service) {
  return offer(tr("Restart all"), ActionKind::RestartService, service);
}

OfferedAction ActionCatalog::rollingUpdate(const std::string& service) {
  OfferedAction o = offer(tr("Rolling update"), ActionKind::RollingUpdate, service);
  o.action.factor = 1.0;
  return o;
}

OfferedAction ActionCatalog::autoscaler(const std::string& service, bool on) {
  OfferedAction o = offer(tr("Autoscaler"), ActionKind::SetAutoscaler, service);
  o.action.enabled = on;
  return o;
}

OfferedAction ActionCatalog::failNode(const std::string& node) {
  OfferedAction o = offer(tr("Fail node"), ActionKind::FailNode);
  o.action.node = node;
  return o;
}

OfferedAction ActionCatalog::recoverNode(const std::string& node) {
  OfferedAction o = offer(tr("Recover node"), ActionKind::RecoverNode);
  o.action.node = node;
  return o;
}

OfferedAction ActionCatalog::partition(const std::string& node, const std::string& other) {
  OfferedAction o = offer(QString::fromStdString(other), ActionKind::Partition);
  o.action.node = node;
  o.action.otherNode = other;
  return o;
}

OfferedAction ActionCatalog::healPartition(const std::string& node, const std::string& other) {
  OfferedAction o = offer(QString::fromStdString(other), ActionKind::HealPartition);
  o.action.node = node;
  o.action.otherNode = other;
  return o;
}

OfferedAction ActionCatalog::callMode(const std::string& from, const std::string& to,
                                      model::CallMode mode) {
  const bool sync = mode == model::CallMode::Sync;
  QString text;
  if (from.empty() && to.empty()) {
    text = sync ? tr("All calls synchronous") : tr("All calls asynchronous");
  } else {
    text = sync ? tr("Synchronous") : tr("Asynchronous");
  }
  OfferedAction o = offer(text, ActionKind::SetCallMode);
  o.action.from = from;
  o.action.to = to;
  o.action.mode = mode;
  return o;
}

OfferedAction ActionCatalog::brokerOutage(double durationS) {
  OfferedAction o =
      offer(durationS > 0 ? tr("Outage %1 s").arg(durationS) : tr("Outage until recovered"),
            ActionKind::BrokerOutage);
  o.action.durationS = durationS;
  return o;
}

OfferedAction ActionCatalog::brokerRecover() {
  return offer(tr("Recover"), ActionKind::BrokerRecover);
}

OfferedAction ActionCatalog::arrivalRate(double rps) {
  OfferedAction o = offer(tr("Load %1 rps").arg(rps, 0, 'f', 0), ActionKind::SetArrivalRate);
  o.action.rate = rps;
  return o;
}

OfferedAction ActionCatalog::resilience(Resilience which, bool on) {
  OfferedAction o;
  o.action.kind = ActionKind::SetResilience;
  switch (which) {
    case Resilience::Timeouts:
      o.text = tr("Timeouts");
      o.action.timeouts = on;
      break;
    case Resilience::Retries:
      o.text = tr("Retries");
      o.action.retries = on;
      break;
    case Resilience::CircuitBreakers:
      o.text = tr("Breakers");
      o.action.circuitBreaker = on;
      break;
  }
  return o;
}

std::vector<OfferedAction> ActionCatalog::faults(const FaultScope& scope) {
  auto fault = [&](const QString& text, ActionKind kind, double durationS) {
    OfferedAction o = offer(text, kind, scope.service);
    o.action.replica = scope.service.empty() ? -1 : scope.replica;
    o.action.from = scope.from;
    o.action.to = scope.to;
    o.action.durationS = durationS;
    return o;
  };
  std::vector<OfferedAction> out;
  OfferedAction latency = fault(tr("Add latency %1 ms ± %2 ms for %3 s")
                                    .arg(kFaultLatencyMs)
                                    .arg(kFaultJitterMs)
                                    .arg(kFaultDurationS),
                                ActionKind::AddLatency, kFaultDurationS);
  latency.action.latencyMs = kFaultLatencyMs;
  latency.action.jitterMs = kFaultJitterMs;
  out.push_back(latency);
  OfferedAction loss =
      fault(tr("Lose %1 % of messages for %2 s").arg(percent(kFaultLossRate)).arg(kFaultDurationS),
            ActionKind::DropMessages, kFaultDurationS);
  loss.action.rate = kFaultLossRate;
  out.push_back(loss);
  out.push_back(
      fault(tr("Blackhole for %1 s").arg(kFaultShortS), ActionKind::Blackhole, kFaultShortS));
  if (!scope.service.empty()) {
    out.push_back(fault(tr("Pause for %1 s").arg(kFaultShortS), ActionKind::Pause, kFaultShortS));
  }
  OfferedAction failFirst =
      fault(tr("Fail the next %1 requests").arg(kFaultFailFirst), ActionKind::FailFirst, 0.0);
  failFirst.action.count = kFaultFailFirst;
  out.push_back(failFirst);
  return out;
}

OfferedAction ActionCatalog::resetFaults() {
  return offer(tr("Reset all faults"), ActionKind::ResetFaults);
}

}  // namespace clusterscope::app
