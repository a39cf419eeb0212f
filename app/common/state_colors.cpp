#include "state_colors.h"

namespace clusterscope::app {

QColor StateColors::replica(const model::ReplicaView& r, int workers) {
  switch (r.state) {
    case model::ReplicaState::Down:
      return down();
    case model::ReplicaState::Suspect:
      return suspect();
    case model::ReplicaState::Starting:
      return starting();
    case model::ReplicaState::Draining:
      return draining();
    case model::ReplicaState::Pending:
    case model::ReplicaState::Removed:
      return pending();
    case model::ReplicaState::Ready:
      break;
  }
  if (r.slowFactor > 1.0) return slow();
  if (r.busyWorkers == 0) return idle();
  // Blend from idle to busy with the share of busy workers.
  const double f = workers > 0 ? std::min(1.0, static_cast<double>(r.busyWorkers) / workers) : 1.0;
  const QColor a = idle(), b = busy();
  return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * f,
                          a.greenF() + (b.greenF() - a.greenF()) * f,
                          a.blueF() + (b.blueF() - a.blueF()) * f);
}

QColor StateColors::health(double errorRatio, double utilization) {
  if (errorRatio > 0.05 || utilization > 0.95) return critical();
  if (errorRatio > 0.005 || utilization > 0.8) return warning();
  return healthy();
}

}  // namespace clusterscope::app
