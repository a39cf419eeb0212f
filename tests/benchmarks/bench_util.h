#pragma once

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

}  // namespace clusterscope::bench
