#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

// Internal to the protocol library: little-endian integers at byte offsets of a frame, as the
// request and async planes lay them out (docs/protocol.md). memcpy keeps unaligned access
// defined; the swap is free on little-endian hosts.

namespace clusterscope::agents::protocol::detail {

template <typename T>
T littleEndian(T v) {
  if constexpr (std::endian::native == std::endian::big) {
    T out{};
    for (std::size_t i = 0; i < sizeof(T); ++i) {
      out = static_cast<T>((out << 8) | ((v >> (8 * i)) & 0xff));
    }
    return out;
  }
  return v;
}

template <typename T>
void put(char* frame, std::size_t offset, T value) {
  const T le = littleEndian(value);
  std::memcpy(frame + offset, &le, sizeof(T));
}

// The caller has checked that the frame holds offset + sizeof(T) bytes.
template <typename T>
T get(std::string_view frame, std::size_t offset) {
  T value;
  std::memcpy(&value, frame.data() + offset, sizeof(T));
  return littleEndian(value);
}

}  // namespace clusterscope::agents::protocol::detail
