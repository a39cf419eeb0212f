#include "model_text.h"

#include <QLocale>
#include <QStringList>

namespace clusterscope::app {

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

QString replica(const model::Action& a) {
  return QStringLiteral("%1#%2").arg(q(a.service)).arg(a.replica);
}

// What a fault acts on: "orders", "orders#1" or "api->orders".
QString faultScope(const model::Action& a) {
  if (a.service.empty()) return QStringLiteral("%1->%2").arg(q(a.from), q(a.to));
  return a.replica >= 0 ? replica(a) : q(a.service);
}

}  // namespace

QString localNumber(double value, char format, int precision) {
  QLocale locale;
  locale.setNumberOptions(locale.numberOptions() | QLocale::OmitGroupSeparator);
  return locale.toString(value, format, precision);
}

QString ModelText::replicaState(model::ReplicaState state) {
  using S = model::ReplicaState;
  switch (state) {
    case S::Pending:
      return tr("pending");
    case S::Starting:
      return tr("starting");
    case S::Ready:
      return tr("ready");
    case S::Draining:
      return tr("draining");
    case S::Down:
      return tr("down");
    case S::Removed:
      return tr("removed");
    case S::Suspect:
      return tr("suspect");
  }
  return QString::fromLatin1(model::replicaStateName(state));
}

QString ModelText::callMode(model::CallMode mode) {
  return mode == model::CallMode::Sync ? tr("sync") : tr("async");
}

QString ModelText::breakerState(int state) {
  switch (state) {
    case 1:
      return tr("closed", "circuit breaker");
    case 2:
      return tr("open", "circuit breaker");
    case 3:
      return tr("half-open", "circuit breaker");
    default:
      return tr("none", "circuit breaker");
  }
}

QString ModelText::failureCause(model::FailureCause cause) {
  using C = model::FailureCause;
  switch (cause) {
    case C::None:
      return tr("none", "failure cause");
    case C::Timeout:
      return tr("timeout");
    case C::QueueFull:
      return tr("queue full");
    case C::Error:
      return tr("error");
    case C::NoReplica:
      return tr("no replica");
    case C::CircuitOpen:
      return tr("circuit open");
    case C::BulkheadFull:
      return tr("bulkhead full");
    case C::Crashed:
      return tr("crashed");
    case C::BrokerRejected:
      return tr("broker rejected");
    case C::TooDeep:
      return tr("too deep");
  }
  return QString::fromLatin1(model::failureCauseName(cause));
}

QString ModelText::action(const model::Action& a) {
  using K = model::ActionKind;
  const QString during =
      a.durationS > 0 ? tr(" for %1 s").arg(localNumber(a.durationS)) : QString();
  switch (a.kind) {
    case K::KillReplica:
      return tr("killed %1").arg(replica(a));
    case K::RestartReplica:
      return tr("restarted %1", "a replica").arg(replica(a));
    case K::CrashService:
      return tr("crashed %1").arg(q(a.service));
    case K::RestartService:
      return tr("restarted %1", "a service").arg(q(a.service));
    case K::FailNode:
      return tr("failed node %1").arg(q(a.node));
    case K::RecoverNode:
      return tr("recovered node %1").arg(q(a.node));
    case K::SlowReplica:
      return a.factor == 1.0 ? tr("normal speed %1").arg(replica(a))
                             : tr("slowed x%1 %2").arg(localNumber(a.factor), replica(a));
    case K::SlowService:
      return a.factor == 1.0 ? tr("normal speed %1").arg(q(a.service))
                             : tr("slowed x%1 %2").arg(localNumber(a.factor), q(a.service));
    case K::SetErrorRate:
      return tr("%1 errors %2%").arg(q(a.service), localNumber(a.rate * 100.0));
    case K::Partition:
      return tr("partitioned %1 | %2").arg(q(a.node), q(a.otherNode));
    case K::HealPartition:
      return tr("healed %1 | %2").arg(q(a.node), q(a.otherNode));
    case K::BrokerOutage:
      return a.durationS > 0 ? tr("broker down %1 s").arg(localNumber(a.durationS))
                             : tr("broker down");
    case K::BrokerRecover:
      return tr("broker up");
    case K::SetReplicas:
      return tr("%1 x%2").arg(q(a.service)).arg(a.count);
    case K::SetCallMode:
      if (a.from.empty() && a.to.empty()) return tr("all calls %1").arg(callMode(a.mode));
      return tr("%1->%2 %3").arg(q(a.from), q(a.to), callMode(a.mode));
    case K::SetArrivalRate:
      return tr("rate %1 rps").arg(localNumber(a.rate));
    case K::RollingUpdate:
      return tr("rolling update %1").arg(q(a.service));
    case K::SetResilience: {
      QString text = tr("resilience:");
      if (a.timeouts) text += ' ' + (*a.timeouts ? tr("timeouts on") : tr("timeouts off"));
      if (a.retries) text += ' ' + (*a.retries ? tr("retries on") : tr("retries off"));
      if (a.circuitBreaker) {
        text += ' ' + (*a.circuitBreaker ? tr("breaker on") : tr("breaker off"));
      }
      return text;
    }
    case K::SetAutoscaler: {
      const QString text = a.enabled ? tr("autoscaler on") : tr("autoscaler off");
      return a.service.empty() ? text : text + ' ' + q(a.service);
    }
    case K::AddLatency: {
      const QString amount =
          a.jitterMs > 0
              ? QStringLiteral("%1\u00b1%2").arg(localNumber(a.latencyMs), localNumber(a.jitterMs))
              : localNumber(a.latencyMs);
      return tr("+%1 ms on %2").arg(amount, faultScope(a)) + during;
    }
    case K::DropMessages:
      return tr("lost %1% on %2").arg(localNumber(a.rate * 100.0), faultScope(a)) + during;
    case K::Blackhole:
      return tr("blackholed %1").arg(faultScope(a)) + during;
    case K::Pause:
      return tr("paused %1").arg(faultScope(a)) + during;
    case K::FailFirst:
      return tr("failed the next %n on %1", nullptr, a.count).arg(faultScope(a)) + during;
    case K::ResetFaults:
      return tr("faults reset");
  }
  return QStringLiteral("?");
}

}  // namespace clusterscope::app
