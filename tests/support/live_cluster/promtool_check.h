#pragma once

#include <QString>
#include <string>

// `promtool check metrics` on a /metrics page, as Prometheus itself would judge it: empty when
// the page passes, else what promtool said (or why it could not run). promtool comes with
// Debian's prometheus package (.ci/setup.sh installs it).

namespace clusterscope::testing {

QString promtoolProblems(const std::string& page);

}  // namespace clusterscope::testing
