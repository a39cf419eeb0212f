#include "internal/binary_frames.h"

#include "protocol_limits.h"

namespace clusterscope::agents::protocol::detail {

void writePreamble(char* out, const BinaryPlane& plane, std::uint8_t type) {
  out[0] = 'C';
  out[1] = plane.letter;
  out[2] = static_cast<char>(kMajorVersion);
  out[3] = static_cast<char>(type);
}

DecodeError planeError(const BinaryPlane& plane, DecodeReason reason, std::string message) {
  return {reason, std::string(plane.name) + ": " + std::move(message)};
}

std::optional<DecodeError> checkPreamble(const BinaryPlane& plane, std::string_view header,
                                         std::string_view payload) {
  if (payload.size() > kMaxPayloadBytes) {
    return planeError(plane, DecodeReason::FrameSize,
                      "a payload of " + std::to_string(payload.size()) +
                          " bytes, more than the limit of " + std::to_string(kMaxPayloadBytes));
  }
  if (header[0] != 'C' || header[1] != plane.letter) {
    return planeError(plane, DecodeReason::BadMagic,
                      std::string("the header does not start with \"C") + plane.letter + "\"");
  }
  const auto major = static_cast<std::uint8_t>(header[2]);
  if (major != kMajorVersion) {
    return planeError(plane, DecodeReason::BadVersion,
                      "protocol major version " + std::to_string(major));
  }
  const auto type = static_cast<std::uint8_t>(header[3]);
  if (type < 1 || type > plane.typeCount) {
    return planeError(plane, DecodeReason::UnknownType,
                      "unknown message type " + std::to_string(type));
  }
  return std::nullopt;
}

}  // namespace clusterscope::agents::protocol::detail
