#include "control_codec.h"

#include <array>

#include "internal/control_json.h"

namespace clusterscope::agents::protocol {

namespace {

using detail::DecodeFailure;
using detail::fail;
using detail::Json;
using detail::ObjectIn;

constexpr char kMagic0 = 'C';
constexpr char kMagic1 = 'S';
constexpr int kTypeCount = std::variant_size_v<ControlMessage>;

constexpr std::array<const char*, kTypeCount> kTypeNames = {
    "HELLO",    "WELCOME", "ERROR",      "BYE",     "REPORT",         "CLUSTER", "SUBSCRIBE",
    "SNAPSHOT", "UPDATE",  "PEER_STATE", "COMMAND", "COMMAND_RESULT", "ROUTES",
};

std::string header(ControlType type) {
  return {kMagic0, kMagic1, static_cast<char>(kMajorVersion), static_cast<char>(type)};
}

// Decodes the body as the variant's alternative I, the one whose type byte is I + 1.
template <std::size_t I = 0>
ControlMessage decodeBody(std::size_t index, const ObjectIn& body) {
  if constexpr (I < kTypeCount) {
    if (index == I) {
      std::variant_alternative_t<I, ControlMessage> message;
      detail::fromJson(body, message);
      return message;
    }
    return decodeBody<I + 1>(index, body);
  } else {
    fail(DecodeReason::UnknownType, "unknown message type");
  }
}

ControlMessage decodeFrames(FrameView frames) {
  if (frames.size() != kMaxControlFrames) {
    fail(DecodeReason::FrameCount,
         "a control message has 2 frames, got " + std::to_string(frames.size()));
  }
  const std::string_view head = frames[0];
  const std::string_view body = frames[1];
  if (head.size() != kControlHeaderBytes) {
    fail(DecodeReason::FrameSize,
         "the header frame has 4 bytes, got " + std::to_string(head.size()));
  }
  if (body.size() > kMaxControlBodyBytes) {
    fail(DecodeReason::FrameSize, "the body has " + std::to_string(body.size()) +
                                      " bytes, more than the limit of " +
                                      std::to_string(kMaxControlBodyBytes));
  }
  if (head[0] != kMagic0 || head[1] != kMagic1) {
    fail(DecodeReason::BadMagic, "the header does not start with \"CS\"");
  }
  const auto major = static_cast<std::uint8_t>(head[2]);
  if (major != kMajorVersion) {
    fail(DecodeReason::BadVersion, "protocol major version " + std::to_string(major) +
                                       ", this side speaks " + std::to_string(kMajorVersion));
  }
  const auto type = static_cast<std::uint8_t>(head[3]);
  if (type < 1 || type > kTypeCount) {
    fail(DecodeReason::UnknownType, "unknown control message type " + std::to_string(type));
  }
  if (static_cast<ControlType>(type) == ControlType::Report && body.size() > kMaxReportBodyBytes) {
    fail(DecodeReason::FrameSize, "a REPORT body has at most " +
                                      std::to_string(kMaxReportBodyBytes) + " bytes, got " +
                                      std::to_string(body.size()));
  }
  const Json root = detail::parseObject(body);
  try {
    return decodeBody(type - 1u, ObjectIn(root, "/"));
  } catch (DecodeFailure& f) {
    f.message = std::string(kTypeNames[type - 1u]) + " " + f.message;
    throw;
  }
}

}  // namespace

const char* controlTypeName(ControlType type) {
  const auto i = static_cast<std::size_t>(type);
  return i >= 1 && i <= kTypeNames.size() ? kTypeNames[i - 1] : "?";
}

Frames encodeControl(const ControlMessage& message) {
  const Json body = std::visit([](const auto& m) { return detail::toJson(m); }, message);
  return {header(controlTypeOf(message)), detail::dumpBody(body)};
}

Decoded<ControlMessage> decodeControl(FrameView frames) {
  return detail::guarded<ControlMessage>([&] { return decodeFrames(frames); });
}

std::optional<std::uint64_t> refusedCommandId(FrameView frames) {
  if (frames.size() != kMaxControlFrames || frames[0] != header(ControlType::Command) ||
      frames[1].size() > kMaxControlBodyBytes) {
    return std::nullopt;
  }
  const auto id = detail::guarded<std::uint64_t>([&] {
    const Json root = detail::parseObject(frames[1]);
    return static_cast<std::uint64_t>(ObjectIn(root, "/").integer("id", 0, kMaxId));
  });
  return id.ok() ? std::optional(id.value()) : std::nullopt;
}

std::optional<Frames> encodeRelayedUpdate(std::uint64_t seq, std::string_view instance,
                                          std::string_view reportBody) {
  if (reportBody.size() < 2 || reportBody.front() != '{' || reportBody.back() != '}' ||
      detail::nestingDepth(reportBody, kMaxJsonDepth) >= kMaxJsonDepth) {
    return std::nullopt;
  }
  std::string body = "{\"seq\":" + std::to_string(seq) +
                     ",\"instance\":" + Json(std::string(instance)).dump() + ",\"report\":";
  body.reserve(body.size() + reportBody.size() + 1);
  body += reportBody;
  body += '}';
  return Frames{header(ControlType::Update), std::move(body)};
}

std::vector<Frames> encodeSnapshot(std::uint64_t seq, const std::optional<ClusterPlan>& cluster,
                                   const std::vector<PeerEntry>& peers, std::size_t maxBodyBytes) {
  // Peers are dumped once; parts are then filled greedily. The envelope's own keys cost
  // less than kEnvelopeBytes.
  constexpr std::size_t kEnvelopeBytes = 128;
  std::vector<std::string> dumped;
  dumped.reserve(peers.size());
  for (const PeerEntry& p : peers) dumped.push_back(detail::dumpBody(detail::toJson(p)));
  const std::string clusterText = cluster ? detail::dumpBody(detail::toJson(*cluster)) : "";

  std::vector<std::pair<std::size_t, std::size_t>> ranges;  // [first, last) of `dumped`
  std::size_t first = 0;
  std::size_t size = kEnvelopeBytes + clusterText.size();
  for (std::size_t i = 0; i < dumped.size(); ++i) {
    if (i > first && size + dumped[i].size() + 1 > maxBodyBytes) {
      ranges.emplace_back(first, i);
      first = i;
      size = kEnvelopeBytes;
    }
    size += dumped[i].size() + 1;
  }
  ranges.emplace_back(first, dumped.size());

  std::vector<Frames> parts;
  const std::string partCount = std::to_string(ranges.size());
  for (std::size_t p = 0; p < ranges.size(); ++p) {
    // Assembled as text: the peers are already JSON, parsing them again would only cost.
    std::string body = "{\"seq\":" + std::to_string(seq) + ",\"part\":" + std::to_string(p + 1) +
                       ",\"parts\":" + partCount;
    if (p == 0 && cluster) body += ",\"cluster\":" + clusterText;
    body += ",\"peers\":[";
    for (std::size_t i = ranges[p].first; i < ranges[p].second; ++i) {
      if (i > ranges[p].first) body += ',';
      body += dumped[i];
    }
    body += "]}";
    parts.push_back({header(ControlType::Snapshot), std::move(body)});
  }
  return parts;
}

}  // namespace clusterscope::agents::protocol
