#pragma once

#include <QCoreApplication>
#include <QString>

#include "component_theory.h"

namespace clusterscope::app {

// The GUI's words for queueing theory's verdicts (component_theory.h), translated: shared by
// the details panel and the charts.
class TheoryLabels {
  Q_DECLARE_TR_FUNCTIONS(TheoryLabels)

 public:
  // "M/M/1", "M/M/4", "M/D/1", "M/G/1"; empty where no formula applies.
  static QString modelName(const model::ComponentTheory& t);
  // Why no formula applies, one phrase; empty where one does.
  static QString reason(const model::ComponentTheory& t);
  // What an approximate prediction assumes, one phrase; empty when exact.
  static QString approximation(const model::ComponentTheory& t);
};

}  // namespace clusterscope::app
