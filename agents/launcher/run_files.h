#pragma once

#include <string>

#include "connection_file.h"

// The files of one launch: the connection file (where the GUI, `monitor` and `inject` find the
// hub) and, beside it, a private run directory `launch-<pid>` holding this run's fresh keys,
// the scenario as it runs and, unless told otherwise, the children's logs. Everything is
// removed at the end; a run directory left by a launcher that was killed (its pid gone) is
// removed by the next launch in the same place. Errors throw std::runtime_error naming the
// path. Any thread.

namespace clusterscope::agents::launcher {

struct RunFiles {
  std::string connectionFile;  // as given, or the default path
  std::string dir;             // <connection file's directory>/launch-<pid>-<n>, mode 0700
  std::string keysDir;         // dir/keys
  std::string scenarioFile;    // dir/scenario.json
  std::string logDir;          // dir/logs, or the directory asked for (kept)
  bool ownLogDir = true;       // logDir is inside dir (removed with it)
  std::string written;         // the connection file as written, "" before
};

// Makes the run directory (and the log directory) and sweeps stale ones. `connectionFile`
// empty: defaultConnectionFilePath().
RunFiles makeRunFiles(const std::string& connectionFile, const std::string& logDir);

// Writes the connection file (0600, atomically); certificate paths in `info` that lie in the
// run directory are written relative to the file, as docs/protocol.md allows.
void writeRunConnectionFile(RunFiles& files, protocol::ConnectionInfo info);

// Removes the connection file if it still holds what this run wrote (another launch may have
// taken the path since), and the run directory. Never throws.
void removeRunFiles(RunFiles& files);

}  // namespace clusterscope::agents::launcher
