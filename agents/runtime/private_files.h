#pragma once

#include <sys/types.h>

#include <cstddef>
#include <string>

#include "connection_file.h"

// Files that hold secrets or say where secrets are: written atomically (a temporary name in
// the same directory, fsync, rename), so a reader never sees half a file, with their mode set
// before any byte is written; their directories private (0700) and owned by us. Errors throw
// std::runtime_error with one sentence naming the path and the problem. Any thread.

namespace clusterscope::agents {

// Makes `dir` (and missing parents) and gives it mode 0700. An existing directory owned by
// another user, or a path that is not a directory, is refused: a private file must not land
// where someone else can swap it.
void makePrivateDirectory(const std::string& dir);

// Writes `content` to `path` with `mode` (0600 for secrets), atomically. The parent directory
// must exist.
void writeFileAtomically(const std::string& path, const std::string& content, mode_t mode);

// Reads a whole file of at most `maxBytes` (larger is refused before reading it all).
std::string readSmallFile(const std::string& path, std::size_t maxBytes = 64 * 1024);

// Where the connection file is when nobody says: $XDG_RUNTIME_DIR/clusterscope/connection.json,
// or /tmp/clusterscope-$UID/connection.json when XDG_RUNTIME_DIR is unset or empty.
std::string defaultConnectionFilePath();

// Writes the connection file (0600, atomically), making its directory private first.
void writeConnectionFile(const std::string& path, const protocol::ConnectionInfo& info);

// Reads and checks a connection file; relative certificate paths come back resolved against
// the file's directory.
protocol::ConnectionInfo readConnectionFile(const std::string& path);

// `path` resolved against `baseDir` when it is relative; unchanged when absolute or empty.
std::string resolvePath(const std::string& baseDir, const std::string& path);

}  // namespace clusterscope::agents
