#include "broker_frames.h"

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

constexpr detail::BinaryPlane kPlane{'B', "async plane",
                                     static_cast<std::uint8_t>(BrokerType::Reset)};

// Byte offsets (docs/protocol.md, "Async header").
constexpr std::size_t kOffType = 3, kOffFlags = 4, kOffStatus = 5, kOffAttempt = 6, kOffCredit = 8,
                      kOffId = 16, kOffMessageId = 24, kOffOrigin = 32;

DecodeError error(DecodeReason reason, std::string message) {
  return detail::planeError(kPlane, reason, std::move(message));
}

bool carriesPayload(BrokerType t) { return t == BrokerType::Publish || t == BrokerType::Deliver; }
bool namesService(BrokerType t) { return t != BrokerType::Heartbeat && t != BrokerType::Reset; }

}  // namespace

void writeBrokerHeader(const BrokerHeader& h, char* out) {
  std::fill_n(out, kBrokerHeaderBytes, '\0');
  detail::writePreamble(out, kPlane, static_cast<std::uint8_t>(h.type));
  out[kOffFlags] = static_cast<char>(h.flags);
  out[kOffStatus] = static_cast<char>(h.status);
  put<std::uint16_t>(out, kOffAttempt, static_cast<std::uint16_t>(std::clamp(h.attempt, 0, 65535)));
  put<std::uint32_t>(out, kOffCredit, h.credit);
  put<std::uint64_t>(out, kOffId, h.id);
  put<std::uint64_t>(out, kOffMessageId, h.messageId);
  put<std::int64_t>(out, kOffOrigin, h.originNs);
}

Frames encodeBroker(const BrokerHeader& header, std::string_view service,
                    std::string_view payload) {
  Frames frames{std::string(kBrokerHeaderBytes, '\0'), std::string(service)};
  writeBrokerHeader(header, frames[0].data());
  if (!payload.empty()) frames.emplace_back(payload);
  return frames;
}

Decoded<BrokerMessage> decodeBroker(FrameView frames) {
  if (frames.size() < 2 || frames.size() > 3) {
    return error(DecodeReason::FrameCount, "2 or 3 frames, got " + std::to_string(frames.size()));
  }
  const std::string_view head = frames[0];
  if (head.size() != kBrokerHeaderBytes) {
    return error(DecodeReason::FrameSize,
                 "a header of 40 bytes, got " + std::to_string(head.size()));
  }
  const std::string_view service = frames[1];
  if (service.size() > kMaxNameBytes) {
    return error(DecodeReason::FrameSize, "a service frame of " + std::to_string(service.size()) +
                                              " bytes, more than " + std::to_string(kMaxNameBytes));
  }
  const std::string_view payload = frames.size() == 3 ? frames[2] : std::string_view();
  if (auto wrong = detail::checkPreamble(kPlane, head, payload)) return std::move(*wrong);
  const auto type = static_cast<std::uint8_t>(head[kOffType]);
  BrokerMessage m;
  BrokerHeader& h = m.header;
  h.type = static_cast<BrokerType>(type);
  if (frames.size() == 3 && !carriesPayload(h.type)) {
    return error(DecodeReason::FrameCount, "only PUBLISH and DELIVER carry a payload");
  }
  if (namesService(h.type) == service.empty()) {
    return error(service.empty() ? DecodeReason::MissingField : DecodeReason::Inconsistent,
                 namesService(h.type) ? "the service frame is empty"
                                      : "HEARTBEAT and RESET have an empty service frame");
  }
  if (!isNameText(service)) {
    return error(DecodeReason::BadValue, "the service frame is not a name");
  }
  h.flags = static_cast<std::uint8_t>(head[kOffFlags]);
  const auto status = static_cast<std::uint8_t>(head[kOffStatus]);
  if (h.type == BrokerType::PublishAck && status > static_cast<std::uint8_t>(PublishStatus::Full)) {
    return error(DecodeReason::BadValue, "unknown publish status " + std::to_string(status));
  }
  h.status = h.type == BrokerType::PublishAck ? static_cast<PublishStatus>(status)
                                              : PublishStatus::Accepted;
  h.attempt = get<std::uint16_t>(head, kOffAttempt);
  if (h.type == BrokerType::Deliver && h.attempt < 1) {
    return error(DecodeReason::OutOfRange, "a DELIVER's attempt starts at 1");
  }
  h.credit = get<std::uint32_t>(head, kOffCredit);
  if (h.credit > kMaxCredit || (h.type == BrokerType::ConsumerReady && h.credit == 0)) {
    return error(DecodeReason::OutOfRange, "credit " + std::to_string(h.credit) + ", outside 1.." +
                                               std::to_string(kMaxCredit));
  }
  h.id = get<std::uint64_t>(head, kOffId);
  h.messageId = get<std::uint64_t>(head, kOffMessageId);
  h.originNs = get<std::int64_t>(head, kOffOrigin);
  if (h.originNs < 0) return error(DecodeReason::OutOfRange, "a negative origin time");
  m.service = service;
  m.payload = payload;
  return m;
}

}  // namespace clusterscope::agents::protocol
