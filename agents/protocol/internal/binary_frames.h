#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "decode_result.h"

// Internal to the protocol library: what the two binary planes (request, async) share. Their
// headers start alike: 'C', the plane's letter, the major version, the message type.

namespace clusterscope::agents::protocol::detail {

struct BinaryPlane {
  char letter;             // 'R' (request plane), 'B' (async plane)
  const char* name;        // in error messages: "request plane"
  std::uint8_t typeCount;  // types are 1..typeCount
};

void writePreamble(char* out, const BinaryPlane& plane, std::uint8_t type);

DecodeError planeError(const BinaryPlane& plane, DecodeReason reason, std::string message);

// The payload's size, then magic, major version and type of a header of at least 4 bytes
// whose size was checked. Nothing when they are right.
std::optional<DecodeError> checkPreamble(const BinaryPlane& plane, std::string_view header,
                                         std::string_view payload);

}  // namespace clusterscope::agents::protocol::detail
