#include "theory_text.h"

#include <cstdio>

namespace clusterscope::theory {

using model::NoTheoryReason;
using model::QueueModel;

std::string modelName(const model::ComponentTheory& t) {
  switch (t.model) {
    case QueueModel::None:
      return {};
    case QueueModel::MM1:
      return "M/M/1";
    case QueueModel::MMc:
      return "M/M/" + std::to_string(t.servers);
    case QueueModel::MD1:
      return "M/D/1";
    case QueueModel::MG1:
      return "M/G/1";
  }
  return {};
}

std::string reasonText(NoTheoryReason reason) {
  switch (reason) {
    case NoTheoryReason::None:
      return {};
    case NoTheoryReason::ClosedWorkload:
      return "closed workload: users wait for answers, so arrivals depend on the latency";
    case NoTheoryReason::NonPoissonArrivals:
      return "arrivals are evenly spaced, not Poisson";
    case NoTheoryReason::Monolith:
      return "a monolith: its modules share one worker";
    case NoTheoryReason::MakesSyncCalls:
      return "it makes sync calls: its time includes the wait for what it calls";
    case NoTheoryReason::ReceivesMessages:
      return "it takes messages from the broker, which wait in a shared backlog";
    case NoTheoryReason::NoReadyReplica:
      return "no ready replica";
    case NoTheoryReason::UnevenReplicas:
      return "its replicas run at different speeds";
    case NoTheoryReason::ManyWorkersGeneral:
      return "several workers with a service time that is not exponential";
    case NoTheoryReason::Saturated:
      return "saturated: the queue grows without bound";
    case NoTheoryReason::QueueFillsUp:
      return "its finite queue is often full";
    case NoTheoryReason::NotInScenario:
      return "not in the scenario";
  }
  return {};
}

std::string describe(const model::ComponentTheory& t) {
  char text[160];
  if (!t.applies()) {
    if (t.reason == NoTheoryReason::Saturated) {
      std::snprintf(text, sizeof text, "no formula (utilisation %.2f): ", t.utilization);
      return text + reasonText(t.reason);
    }
    return "no formula: " + reasonText(t.reason);
  }
  std::snprintf(text, sizeof text, ": utilisation %.2f, mean latency %.1f ms", t.utilization,
                t.meanResponseMs);
  return modelName(t) + text;
}

}  // namespace clusterscope::theory
