#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

// What every decoder returns: the decoded value, or why the input was refused. Decoders never
// throw and never crash, whatever the bytes; a refused message is meant to be counted (by its
// reason) and dropped. Frames are byte strings: a message is the frames ZeroMQ delivered after
// the transport stripped any ROUTER identity envelope.

namespace clusterscope::agents::protocol {

// Owned frames, as the encoders produce them.
using Frames = std::vector<std::string>;
// Borrowed frames, as the decoders read them (e.g. views of zmq::message_t). A decoded value
// that holds a std::string_view points into these frames and lives no longer than them.
using FrameView = std::span<const std::string_view>;

// Views of owned frames, for decoding what an encoder produced.
std::vector<std::string_view> viewsOf(const Frames& frames);

// Why a message was refused: machine-readable, stable across versions (docs/protocol.md,
// "Decode errors"), for per-reason drop counters.
enum class DecodeReason : std::uint8_t {
  FrameCount,    // too many or too few frames
  FrameSize,     // a frame larger than its limit, or a header of the wrong size
  BadMagic,      // the first bytes are not this plane's magic
  BadVersion,    // a protocol major version other than ours
  UnknownType,   // a message type this version does not know
  BadJson,       // not UTF-8 JSON, or a number too large
  TooDeep,       // JSON nested deeper than kMaxJsonDepth
  WrongType,     // a value of the wrong JSON type (null included)
  MissingField,  // a required key or frame is absent
  OutOfRange,    // a number outside its range (negative counts included)
  TooLong,       // a string or array longer than its limit
  BadValue,      // a malformed name or endpoint, an unknown enumeration value
  Inconsistent,  // values that contradict each other
  BadAction,     // a command's action refused by the scenario rules
};

inline constexpr int kDecodeReasonCount = static_cast<int>(DecodeReason::BadAction) + 1;

// "frame_count", "bad_json", ...
const char* decodeReasonName(DecodeReason reason);

struct DecodeError {
  DecodeReason reason = DecodeReason::BadValue;
  // One sentence for logs: where (a JSON pointer for bodies) and what, without raw input
  // bytes beyond a short printable excerpt.
  std::string message;
};

// A value or a DecodeError. value() and error() must only be called on the matching state.
template <typename T>
class [[nodiscard]] Decoded {
 public:
  Decoded(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  Decoded(DecodeError error) : v_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  const T& value() const& { return *std::get_if<0>(&v_); }
  T& value() & { return *std::get_if<0>(&v_); }
  T&& value() && { return std::move(*std::get_if<0>(&v_)); }
  const T* operator->() const { return std::get_if<0>(&v_); }
  const DecodeError& error() const { return *std::get_if<1>(&v_); }

 private:
  std::variant<T, DecodeError> v_;
};

}  // namespace clusterscope::agents::protocol
