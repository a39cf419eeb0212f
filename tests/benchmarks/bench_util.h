#pragma once

#include <malloc.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

// Small helpers shared by the benchmarks: wall time and resident memory.

namespace clusterscope::bench {

inline double seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// Resident set size in MiB, from /proc (0 where unavailable).
inline double residentMiB() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0.0;
}

// Bytes malloc has handed out and not had back, MiB (glibc; all arenas, large blocks included).
// Beside the resident size it tells a leak (this grows) from memory freed but kept by the
// allocator, fragmented or cached in a thread's arena (only the resident size grows).
inline double heapInUseMiB() {
  const struct mallinfo2 m = mallinfo2();
  return static_cast<double>(m.uordblks + m.hblkhd) / (1024.0 * 1024.0);
}

}  // namespace clusterscope::bench
