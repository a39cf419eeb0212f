#include "theory_labels.h"

namespace clusterscope::app {

using model::NoTheoryReason;
using model::QueueModel;

QString TheoryLabels::modelName(const model::ComponentTheory& t) {
  switch (t.model) {
    case QueueModel::None:
      return {};
    case QueueModel::MM1:
      return QStringLiteral("M/M/1");
    case QueueModel::MMc:
      return QStringLiteral("M/M/%1").arg(t.servers);
    case QueueModel::MD1:
      return QStringLiteral("M/D/1");
    case QueueModel::MG1:
      return QStringLiteral("M/G/1");
  }
  return {};
}

QString TheoryLabels::reason(const model::ComponentTheory& t) {
  switch (t.reason) {
    case NoTheoryReason::None:
      return {};
    case NoTheoryReason::ClosedWorkload:
      return tr("closed workload: users wait for answers, so arrivals depend on the latency");
    case NoTheoryReason::NonPoissonArrivals:
      return tr("arrivals are evenly spaced, not Poisson");
    case NoTheoryReason::Monolith:
      return tr("a monolith: its modules share one worker");
    case NoTheoryReason::MakesSyncCalls:
      return tr("it makes sync calls: its time includes the wait for what it calls");
    case NoTheoryReason::ReceivesMessages:
      return tr("it takes messages from the broker, which wait in a shared backlog");
    case NoTheoryReason::NoReadyReplica:
      return tr("no ready replica");
    case NoTheoryReason::UnevenReplicas:
      return tr("its replicas run at different speeds");
    case NoTheoryReason::ManyWorkersGeneral:
      return tr("several workers with a service time that is not exponential");
    case NoTheoryReason::Saturated:
      return tr("saturated (utilisation %1): the queue grows without bound")
          .arg(QString::number(t.utilization, 'f', 2));
    case NoTheoryReason::QueueFillsUp:
      return tr("its finite queue is full %1 % of the time")
          .arg(QString::number(t.queueFullChance * 100, 'f', 1));
    case NoTheoryReason::NotInScenario:
      return tr("not in the scenario");
  }
  return {};
}

QString TheoryLabels::approximation(const model::ComponentTheory& t) {
  if (!t.approximate) return {};
  return tr("approximate: its arrivals come through other services or are split over replicas");
}

}  // namespace clusterscope::app
