#include "output_files.h"

#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>

namespace clusterscope::cli {

namespace fs = std::filesystem;

namespace {

// The .part files open now, for the signal handler: fixed storage, since a handler may only
// read memory and call async-signal-safe functions such as unlink().
constexpr int kSlots = 4;
char partPaths[kSlots][4096];
volatile std::sig_atomic_t partUsed[kSlots];

extern "C" void removePartsAndDie(int signal) {
  for (int i = 0; i < kSlots; ++i) {
    if (partUsed[i]) ::unlink(partPaths[i]);
  }
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

int registerPart(const std::string& path) {
  static const bool installed = [] {
    for (int signal : {SIGINT, SIGTERM, SIGHUP}) std::signal(signal, removePartsAndDie);
    return true;
  }();
  (void)installed;
  if (path.size() >= sizeof partPaths[0]) return -1;
  for (int i = 0; i < kSlots; ++i) {
    if (partUsed[i]) continue;
    std::memcpy(partPaths[i], path.c_str(), path.size() + 1);
    partUsed[i] = 1;
    return i;
  }
  return -1;
}

void unregisterPart(int slot) {
  if (slot >= 0) partUsed[slot] = 0;
}

}  // namespace

std::string outputProblem(const std::string& option, const std::string& path,
                          const std::string& input, const std::vector<std::string>& others) {
  const std::string named = option + " " + path;
  for (const std::string& other : others) {
    if (!other.empty() && fs::path(other).lexically_normal() == fs::path(path).lexically_normal()) {
      return named + ": another output is written there too";
    }
  }
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (!fs::exists(status)) return {};  // a new file: the run checks that it can create it
  // Compared as files, not as names: "./s.json", a link to it or a hard link are the same.
  if (fs::equivalent(path, input, ec) && !ec) {
    return named + ": that is the scenario being run; it would be overwritten";
  }
  if (!fs::is_regular_file(status)) {
    return named + ": not a regular file (" +
           (fs::is_directory(status) ? std::string("a directory")
                                     : std::string("a pipe or device")) +
           ")";
  }
  return {};
}

PendingOutput::PendingOutput(std::string path) : path_(std::move(path)), temp_(path_ + ".part") {
  out_.open(temp_, std::ios::binary | std::ios::trunc);
  if (!out_) {
    error_ = "cannot write " + path_ + ": " + std::strerror(errno);
    return;
  }
  slot_ = registerPart(temp_);
}

PendingOutput::~PendingOutput() {
  unregisterPart(slot_);
  if (committed_) return;
  out_.close();
  std::error_code ec;
  fs::remove(temp_, ec);
}

bool PendingOutput::commit() {
  out_.close();
  if (!out_) {
    error_ = "cannot write " + path_ + ": the write failed";
    return false;
  }
  std::error_code ec;
  fs::rename(temp_, path_, ec);
  if (ec) {
    error_ = "cannot write " + path_ + ": " + ec.message();
    return false;
  }
  unregisterPart(slot_);
  slot_ = -1;
  committed_ = true;
  return true;
}

}  // namespace clusterscope::cli
