#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "decode_result.h"
#include "failure_cause.h"
#include "protocol_limits.h"

// The request plane (sync calls): a caller's DEALER to an agent's ROUTER, many requests in
// flight on one socket, matched by request id. Frames: [header][payload], the payload frame
// optional (absent means empty). The header is 40 bytes, little-endian, then the target name
// (docs/protocol.md, "Request plane", has the byte table). No JSON and no allocation on this
// path: headers are written into a caller's buffer and decoded as views of the frames. Pure
// functions, safe from any thread.

namespace clusterscope::agents::protocol {

enum class RequestType : std::uint8_t { Request = 1, Reply = 2, Error = 3 };

inline constexpr std::size_t kRequestHeaderBytes = 40;
inline constexpr std::size_t kMaxRequestHeaderBytes = kRequestHeaderBytes + kMaxNameBytes;
// Flag bits; bits not named here are reserved: sent as 0, ignored on receipt.
inline constexpr std::uint8_t kRequestFlagRetry = 0x01;  // a later attempt of the same call

struct RequestHeader {
  RequestType type = RequestType::Request;
  std::uint8_t flags = 0;
  model::FailureCause cause = model::FailureCause::None;  // ERROR only, never None there
  int depth = 0;                // sync calls above this one (0: from the client), <= 64
  std::uint64_t requestId = 0;  // the caller's; echoed in the reply
  std::int64_t originNs = 0;    // the client's intended send time, Unix epoch ns; echoed
  std::int64_t timeoutNs = 0;   // REQUEST: how long the caller waits from now; 0: no limit
  std::int64_t elapsedNs = 0;   // REPLY, ERROR: time the callee held the request
  // REQUEST: the component to serve (a monolith's module); empty: the service itself.
  // Decoded: a view of the header frame.
  std::string_view target;
  bool operator==(const RequestHeader&) const = default;
};

struct RequestMessage {
  RequestHeader header;
  std::string_view payload;  // a view of the payload frame; empty when absent
  bool operator==(const RequestMessage&) const = default;
};

// Writes the header frame into `out` (room for kMaxRequestHeaderBytes) and returns its size.
// `target` longer than kMaxNameBytes is cut.
std::size_t writeRequestHeader(const RequestHeader& header, char* out);

// Both frames, the payload frame left out when `payload` is empty.
Frames encodeRequest(const RequestHeader& header, std::string_view payload = {});

// Checks the frame count and sizes, magic, version, type, the target's length and characters,
// the cause against the type, depth and times. Views into `frames`.
Decoded<RequestMessage> decodeRequest(FrameView frames);

// The header of the answer to `request`: id, origin and depth echoed; REPLY when `cause` is
// None, ERROR otherwise.
RequestHeader answerTo(const RequestHeader& request, std::int64_t elapsedNs,
                       model::FailureCause cause = model::FailureCause::None);

}  // namespace clusterscope::agents::protocol
