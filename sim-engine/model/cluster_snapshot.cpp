#include "cluster_snapshot.h"

namespace clusterscope::model {

const char* replicaStateName(ReplicaState state) {
  switch (state) {
    case ReplicaState::Pending:
      return "pending";
    case ReplicaState::Starting:
      return "starting";
    case ReplicaState::Ready:
      return "ready";
    case ReplicaState::Draining:
      return "draining";
    case ReplicaState::Down:
      return "down";
    case ReplicaState::Removed:
      return "removed";
    case ReplicaState::Suspect:
      return "suspect";
  }
  return "?";
}

}  // namespace clusterscope::model
