#pragma once

#include <QCoreApplication>
#include <QString>

#include "action.h"
#include "cluster_snapshot.h"
#include "failure_cause.h"

// The model's names as the GUI shows them, in the interface's language. The engine speaks
// English only (model::describeAction, failureCauseName), for the CLI, reports and files; the
// GUI shows these instead in its event log, chart markers and legends. In English they read as
// the engine's own (context "ModelText").

namespace clusterscope::app {

class ModelText {
  Q_DECLARE_TR_FUNCTIONS(ModelText)

 public:
  // describeAction()'s label: "killed orders#1", "broker down 10 s", ...
  static QString action(const model::Action& a);
  // failureCauseName() with spaces: "queue full", "circuit open", ...
  static QString failureCause(model::FailureCause cause);
  // replicaStateName(): "pending", "starting", "ready", ...
  static QString replicaState(model::ReplicaState state);
  // "sync", "async".
  static QString callMode(model::CallMode mode);
  // A breaker's state as the details panel shows it: "none", "closed", "open", "half-open".
  static QString breakerState(int state);
};

// A number in the interface's language (QLocale's default: a decimal comma in French), without
// thousands separators. format and precision as QString::number's.
QString localNumber(double value, char format = 'g', int precision = 6);

}  // namespace clusterscope::app
