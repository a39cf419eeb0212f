#include "failure_cause.h"

namespace clusterscope::model {

const char* failureCauseName(FailureCause cause) {
  switch (cause) {
    case FailureCause::None:
      return "none";
    case FailureCause::Timeout:
      return "timeout";
    case FailureCause::QueueFull:
      return "queue_full";
    case FailureCause::Error:
      return "error";
    case FailureCause::NoReplica:
      return "no_replica";
    case FailureCause::CircuitOpen:
      return "circuit_open";
    case FailureCause::BulkheadFull:
      return "bulkhead_full";
    case FailureCause::Crashed:
      return "crashed";
    case FailureCause::BrokerRejected:
      return "broker_rejected";
    case FailureCause::TooDeep:
      return "too_deep";
  }
  return "?";
}

std::uint64_t FailureCounts::total() const {
  std::uint64_t t = 0;
  for (auto n : byCause) t += n;
  return t;
}

void FailureCounts::merge(const FailureCounts& o) {
  for (int i = 0; i < kFailureCauseCount; ++i) byCause[i] += o.byCause[i];
}

}  // namespace clusterscope::model
