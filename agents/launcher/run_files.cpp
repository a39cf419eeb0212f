#include "run_files.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <filesystem>

#include "private_files.h"

namespace clusterscope::agents::launcher {

namespace {

namespace fs = std::filesystem;

constexpr const char* kRunPrefix = "launch-";

// Run directories of launchers that are gone: kill(pid, 0) says ESRCH.
void sweepStale(const fs::path& parent) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(kRunPrefix) || !entry.is_directory(ec)) continue;
    std::string digits = name.substr(std::char_traits<char>::length(kRunPrefix));
    digits = digits.substr(0, digits.find('-'));
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos ||
        digits.size() > 9) {
      continue;
    }
    const pid_t pid = static_cast<pid_t>(std::stol(digits));
    if (pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH) fs::remove_all(entry.path(), ec);
  }
}

std::string relativeTo(const fs::path& base, const std::string& path) {
  if (path.empty()) return path;
  const fs::path rel = fs::path(path).lexically_relative(base);
  return rel.empty() || rel.string().starts_with("..") ? path : rel.string();
}

}  // namespace

RunFiles makeRunFiles(const std::string& connectionFile, const std::string& logDir) {
  RunFiles f;
  f.connectionFile = connectionFile.empty() ? defaultConnectionFilePath() : connectionFile;
  const fs::path parent = fs::absolute(fs::path(f.connectionFile)).parent_path();
  makePrivateDirectory(parent.string());
  sweepStale(parent);
  // The pid says whose it is; the count tells apart two launches of one process (the GUI).
  static std::atomic<int> launches{0};
  f.dir = (parent / (kRunPrefix + std::to_string(::getpid()) + "-" + std::to_string(++launches)))
              .string();
  std::error_code ec;
  fs::remove_all(f.dir, ec);  // our pid's, from a launcher long gone
  makePrivateDirectory(f.dir);
  f.keysDir = f.dir + "/keys";
  f.scenarioFile = f.dir + "/scenario.json";
  f.ownLogDir = logDir.empty();
  f.logDir = f.ownLogDir ? f.dir + "/logs" : logDir;
  fs::create_directories(f.logDir, ec);
  if (ec) throw std::runtime_error(f.logDir + ": cannot create the directory: " + ec.message());
  return f;
}

void writeRunConnectionFile(RunFiles& files, protocol::ConnectionInfo info) {
  const fs::path base = fs::absolute(fs::path(files.connectionFile)).parent_path();
  info.agentCertificate = relativeTo(base, info.agentCertificate);
  info.controllerCertificate = relativeTo(base, info.controllerCertificate);
  writeConnectionFile(files.connectionFile, info);
  files.written = protocol::formatConnectionFile(info);
}

void removeRunFiles(RunFiles& files) {
  try {
    if (!files.written.empty() && readSmallFile(files.connectionFile) == files.written) {
      ::unlink(files.connectionFile.c_str());
    }
  } catch (const std::exception&) {
    // Gone already, or unreadable: not ours to clean.
  }
  files.written.clear();
  std::error_code ec;
  if (!files.dir.empty()) fs::remove_all(files.dir, ec);
  files.dir.clear();
}

}  // namespace clusterscope::agents::launcher
