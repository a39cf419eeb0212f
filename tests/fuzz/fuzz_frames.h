#pragma once

#include <string>
#include <string_view>
#include <vector>

// How the protocol fuzzer turns one input into a message of several frames: frames are
// separated by four bytes that never occur in UTF-8 text (so JSON bodies never contain them)
// and seldom in binary headers. A separator survives mutations better than length prefixes.

namespace clusterscope::fuzzing {

inline constexpr std::string_view kFrameSeparator = "\xC0\xC1\xF5\xFF";

inline std::vector<std::string_view> splitFrames(std::string_view input) {
  std::vector<std::string_view> frames;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = input.find(kFrameSeparator, start);
    frames.push_back(input.substr(start, at == std::string_view::npos ? input.npos : at - start));
    if (at == std::string_view::npos) return frames;
    start = at + kFrameSeparator.size();
  }
}

inline std::string joinFrames(const std::vector<std::string>& frames) {
  std::string out;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    if (i > 0) out += kFrameSeparator;
    out += frames[i];
  }
  return out;
}

}  // namespace clusterscope::fuzzing
