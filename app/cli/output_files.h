#pragma once

#include <fstream>
#include <string>
#include <vector>

// The files `run` and `compare` write (--summary, --csv), checked before the run so that a
// long run is not wasted on an output it cannot write, and written so that nothing is lost:
// never over the scenario being run, never a half-written file left behind.

namespace clusterscope::cli {

// Why `path`, given to `option`, cannot be an output next to the scenario `input` (empty when
// it can): it is the input itself (or a link to it), it exists but is not a regular file
// (a directory, a pipe, a device), or another output uses it already.
std::string outputProblem(const std::string& option, const std::string& path,
                          const std::string& input, const std::vector<std::string>& others);

// A file written beside its target ("PATH.part") and renamed over it on commit(), so that a
// failed write never leaves a truncated file where a good one was. Opening creates the
// .part file at once: a directory that cannot be written is found before the run. The .part
// file is removed unless commit() succeeded, whatever ends its life (an error, an
// exception, or SIGINT, SIGTERM or SIGHUP while it is open: the first PendingOutput installs
// handlers that remove the open .part files, then end the process as the signal would).
class PendingOutput {
 public:
  explicit PendingOutput(std::string path);
  ~PendingOutput();
  PendingOutput(const PendingOutput&) = delete;
  PendingOutput& operator=(const PendingOutput&) = delete;

  // Empty when the .part file is open; else why it could not be created.
  const std::string& error() const { return error_; }
  std::ofstream& stream() { return out_; }
  const std::string& path() const { return path_; }
  // Closes and renames into place; false with error() set when that failed.
  bool commit();

 private:
  std::string path_;
  std::string temp_;
  int slot_ = -1;  // in the list the signal handler cleans up
  std::ofstream out_;
  std::string error_;
  bool committed_ = false;
};

}  // namespace clusterscope::cli
