#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace clusterscope::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitClaimFailed = 1;
inline constexpr int kExitInvalidInput = 2;

// The whole command line tool, minus main(): arguments after the program name in, exit
// status out. Never throws. `showProgress` allows the progress line on `err` (main passes
// whether stderr is a terminal).
int runCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
           bool showProgress);

}  // namespace clusterscope::cli
