#include "private_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace clusterscope::agents {

namespace {

namespace fs = std::filesystem;

[[noreturn]] void failWith(const std::string& path, const std::string& what, int error) {
  throw std::runtime_error(path + ": " + what +
                           (error ? std::string(": ") + std::strerror(error) : std::string()));
}

// Closes on every path out, so a failed write leaves no descriptor behind.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

void makePrivateDirectory(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) failWith(dir, "cannot create the directory", ec.value());
  struct stat st {};
  // lstat: a symbolic link planted in place of the directory is refused, not followed.
  if (::lstat(dir.c_str(), &st) != 0) failWith(dir, "cannot stat", errno);
  if (!S_ISDIR(st.st_mode)) failWith(dir, "not a directory", 0);
  if (st.st_uid != ::geteuid()) failWith(dir, "owned by another user", 0);
  if ((st.st_mode & 07777) != 0700 && ::chmod(dir.c_str(), 0700) != 0) {
    failWith(dir, "cannot make it private (mode 0700)", errno);
  }
}

void writeFileAtomically(const std::string& path, const std::string& content, mode_t mode) {
  std::string temporary = path + ".tmp.XXXXXX";
  Fd file;
  file.fd = ::mkstemp(temporary.data());  // created 0600: never readable by others meanwhile
  if (file.fd < 0) failWith(path, "cannot create a temporary file beside it", errno);
  auto fail = [&](const char* what) {
    const int error = errno;
    ::unlink(temporary.c_str());
    failWith(path, what, error);
  };
  if (::fchmod(file.fd, mode) != 0) fail("cannot set the file's mode");
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(file.fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("cannot write");
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(file.fd) != 0) fail("cannot flush to disk");
  const int fd = file.fd;
  file.fd = -1;
  if (::close(fd) != 0) fail("cannot close");
  if (::rename(temporary.c_str(), path.c_str()) != 0) fail("cannot rename the temporary file");
}

std::string readSmallFile(const std::string& path, std::size_t maxBytes) {
  Fd file;
  file.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (file.fd < 0) failWith(path, "cannot open", errno);
  struct stat st {};
  if (::fstat(file.fd, &st) != 0) failWith(path, "cannot stat", errno);
  if (!S_ISREG(st.st_mode)) failWith(path, "not a regular file", 0);
  if (static_cast<std::size_t>(st.st_size) > maxBytes) {
    failWith(path, "larger than " + std::to_string(maxBytes) + " bytes", 0);
  }
  std::string content;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(file.fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) failWith(path, "cannot read", errno);
    if (n == 0) break;
    content.append(buffer, static_cast<std::size_t>(n));
    // The file may grow after fstat: the limit holds for what is read too.
    if (content.size() > maxBytes) {
      failWith(path, "larger than " + std::to_string(maxBytes) + " bytes", 0);
    }
  }
  return content;
}

std::string defaultConnectionFilePath() {
  const char* runtime = std::getenv("XDG_RUNTIME_DIR");
  if (runtime && *runtime) return std::string(runtime) + "/clusterscope/connection.json";
  return "/tmp/clusterscope-" + std::to_string(::getuid()) + "/connection.json";
}

void writeConnectionFile(const std::string& path, const protocol::ConnectionInfo& info) {
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) makePrivateDirectory(parent.string());
  writeFileAtomically(path, protocol::formatConnectionFile(info), 0600);
}

protocol::ConnectionInfo readConnectionFile(const std::string& path) {
  auto decoded = protocol::parseConnectionFile(readSmallFile(path));
  if (!decoded) failWith(path, decoded.error().message, 0);
  protocol::ConnectionInfo info = std::move(decoded).value();
  const std::string base = fs::path(path).parent_path().string();
  info.controllerCertificate = resolvePath(base, info.controllerCertificate);
  info.agentCertificate = resolvePath(base, info.agentCertificate);
  return info;
}

std::string resolvePath(const std::string& baseDir, const std::string& path) {
  if (path.empty() || fs::path(path).is_absolute()) return path;
  return (fs::path(baseDir.empty() ? "." : baseDir) / path).lexically_normal().string();
}

}  // namespace clusterscope::agents
