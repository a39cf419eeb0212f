#pragma once

#include <string>

#include "component_theory.h"

// Plain English for the command line, reports and tests. The GUI has its own translated
// wording of the same (app/panels).

namespace clusterscope::theory {

// "M/M/1", "M/M/4", "M/D/1", "M/G/1"; empty for None.
std::string modelName(const model::ComponentTheory& t);
// Why no formula applies, one sentence; empty when one does.
std::string reasonText(model::NoTheoryReason reason);
// "M/M/1: utilisation 0.50, mean latency 40.0 ms" or "no formula: <reason>".
std::string describe(const model::ComponentTheory& t);

}  // namespace clusterscope::theory
