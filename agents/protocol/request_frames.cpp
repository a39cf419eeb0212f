#include "request_frames.h"

#include <algorithm>
#include <string>

#include "internal/binary_frames.h"
#include "internal/byte_order.h"
#include "internal/name_chars.h"

namespace clusterscope::agents::protocol {

namespace {

using detail::get;
using detail::isNameText;
using detail::put;

constexpr detail::BinaryPlane kPlane{'R', "request plane", 3};

// Byte offsets (docs/protocol.md, "Request header").
constexpr std::size_t kOffType = 3, kOffFlags = 4, kOffCause = 5, kOffDepth = 6,
                      kOffTargetLength = 7, kOffId = 8, kOffOrigin = 16, kOffTimeout = 24,
                      kOffElapsed = 32;

DecodeError error(DecodeReason reason, std::string message) {
  return detail::planeError(kPlane, reason, std::move(message));
}

}  // namespace

std::size_t writeRequestHeader(const RequestHeader& h, char* out) {
  const std::size_t n = std::min(h.target.size(), kMaxNameBytes);
  detail::writePreamble(out, kPlane, static_cast<std::uint8_t>(h.type));
  out[kOffFlags] = static_cast<char>(h.flags);
  out[kOffCause] = static_cast<char>(h.cause);
  out[kOffDepth] = static_cast<char>(std::clamp(h.depth, 0, 255));
  out[kOffTargetLength] = static_cast<char>(n);
  put<std::uint64_t>(out, kOffId, h.requestId);
  put<std::int64_t>(out, kOffOrigin, h.originNs);
  put<std::int64_t>(out, kOffTimeout, h.timeoutNs);
  put<std::int64_t>(out, kOffElapsed, h.elapsedNs);
  std::copy_n(h.target.data(), n, out + kRequestHeaderBytes);
  return kRequestHeaderBytes + n;
}

Frames encodeRequest(const RequestHeader& header, std::string_view payload) {
  Frames frames(1, std::string(kMaxRequestHeaderBytes, '\0'));
  frames[0].resize(writeRequestHeader(header, frames[0].data()));
  if (!payload.empty()) frames.emplace_back(payload);
  return frames;
}

Decoded<RequestMessage> decodeRequest(FrameView frames) {
  if (frames.empty() || frames.size() > 2) {
    return error(DecodeReason::FrameCount, "1 or 2 frames, got " + std::to_string(frames.size()));
  }
  const std::string_view head = frames[0];
  if (head.size() < kRequestHeaderBytes || head.size() > kMaxRequestHeaderBytes) {
    return error(DecodeReason::FrameSize,
                 "a header of 40 to 104 bytes, got " + std::to_string(head.size()));
  }
  const std::string_view payload = frames.size() == 2 ? frames[1] : std::string_view();
  if (auto wrong = detail::checkPreamble(kPlane, head, payload)) return std::move(*wrong);
  const auto type = static_cast<std::uint8_t>(head[kOffType]);
  RequestMessage m;
  RequestHeader& h = m.header;
  h.type = static_cast<RequestType>(type);
  h.flags = static_cast<std::uint8_t>(head[kOffFlags]);
  const auto cause = static_cast<std::uint8_t>(head[kOffCause]);
  if (cause >= model::kFailureCauseCount) {
    return error(DecodeReason::BadValue, "unknown failure cause " + std::to_string(cause));
  }
  h.cause = static_cast<model::FailureCause>(cause);
  if ((h.type == RequestType::Error) != (h.cause != model::FailureCause::None)) {
    return error(DecodeReason::Inconsistent, "an ERROR, and only an ERROR, carries a cause");
  }
  h.depth = static_cast<std::uint8_t>(head[kOffDepth]);
  if (h.depth > kMaxCallDepth) {
    return error(DecodeReason::OutOfRange, "call depth " + std::to_string(h.depth) +
                                               ", more than " + std::to_string(kMaxCallDepth));
  }
  const auto targetLength = static_cast<std::uint8_t>(head[kOffTargetLength]);
  if (head.size() != kRequestHeaderBytes + targetLength) {
    return error(DecodeReason::FrameSize, "the header's size does not match its target length");
  }
  h.target = head.substr(kRequestHeaderBytes);
  if (!isNameText(h.target)) {
    return error(DecodeReason::BadValue, "the target is not a name");
  }
  if (!h.target.empty() && h.type != RequestType::Request) {
    return error(DecodeReason::Inconsistent, "only a REQUEST names a target");
  }
  h.requestId = get<std::uint64_t>(head, kOffId);
  h.originNs = get<std::int64_t>(head, kOffOrigin);
  h.timeoutNs = get<std::int64_t>(head, kOffTimeout);
  h.elapsedNs = get<std::int64_t>(head, kOffElapsed);
  if (h.originNs < 0 || h.timeoutNs < 0 || h.elapsedNs < 0) {
    return error(DecodeReason::OutOfRange, "a negative time");
  }
  m.payload = payload;
  return m;
}

RequestHeader answerTo(const RequestHeader& request, std::int64_t elapsedNs,
                       model::FailureCause cause) {
  RequestHeader h;
  h.type = cause == model::FailureCause::None ? RequestType::Reply : RequestType::Error;
  h.cause = cause;
  h.depth = request.depth;
  h.requestId = request.requestId;
  h.originNs = request.originNs;
  h.elapsedNs = elapsedNs;
  return h;
}

}  // namespace clusterscope::agents::protocol
