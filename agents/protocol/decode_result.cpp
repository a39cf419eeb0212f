#include "decode_result.h"

#include <array>

namespace clusterscope::agents::protocol {

namespace {

constexpr std::array<const char*, kDecodeReasonCount> kReasonNames = {
    "frame_count", "frame_size", "bad_magic",    "bad_version",   "unknown_type",
    "bad_json",    "too_deep",   "wrong_type",   "missing_field", "out_of_range",
    "too_long",    "bad_value",  "inconsistent", "bad_action",
};

}  // namespace

const char* decodeReasonName(DecodeReason reason) {
  const auto i = static_cast<std::size_t>(reason);
  return i < kReasonNames.size() ? kReasonNames[i] : "?";
}

std::vector<std::string_view> viewsOf(const Frames& frames) {
  return {frames.begin(), frames.end()};
}

}  // namespace clusterscope::agents::protocol
