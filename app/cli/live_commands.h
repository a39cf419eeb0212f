#pragma once

#include <ostream>

#include "cli_options.h"

// The commands on real processes, one file each: launch_command.cpp, monitor_command.cpp,
// inject_command.cpp, keygen_command.cpp. Each returns the tool's exit status and never throws.

namespace clusterscope::cli {

int commandLaunch(const CliOptions& o, std::ostream& out, std::ostream& err, bool showProgress);
int commandMonitor(const CliOptions& o, std::ostream& out, std::ostream& err);
int commandInject(const CliOptions& o, std::ostream& out, std::ostream& err);
int commandKeygen(const CliOptions& o, std::ostream& out, std::ostream& err);

}  // namespace clusterscope::cli
