#include "telemetry_pub.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "internal/json_in.h"
#include "protocol_limits.h"

namespace clusterscope::agents::protocol {

namespace {

using detail::fail;
using detail::Json;

constexpr std::size_t kMaxTimestampBytes = 32;
constexpr double kMaxUnixTimeS = 1e11;  // year 5138: room for "%.6f" in kMaxTimestampBytes

TelemetrySample decodeFrames(FrameView frames) {
  if (frames.size() < 2 || frames.size() > 3) {
    fail(DecodeReason::FrameCount,
         "telemetry: 2 or 3 frames, got " + std::to_string(frames.size()));
  }
  TelemetrySample sample;
  if (frames[0].size() > kMaxEndpointBytes || frames[1].size() > kMaxReportBodyBytes ||
      (frames.size() == 3 && frames[2].size() > kMaxTimestampBytes)) {
    fail(DecodeReason::FrameSize, "telemetry: a frame larger than its limit");
  }
  sample.topic = std::string(frames[0]);
  if (sample.topic.rfind(kTelemetryTopicPrefix, 0) != 0) {
    fail(DecodeReason::BadMagic, "telemetry: the topic does not start with \"clusterscope/\"");
  }
  const Json root = detail::parseObject(frames[1]);
  for (const auto& [name, value] : root.items()) {
    if (name.size() > kMaxTelemetryNameBytes) {
      fail(DecodeReason::TooLong, "telemetry: a value name longer than 128 bytes");
    }
    sample.values.emplace_back(
        name, detail::readNumber(value, detail::child("/", name), -HUGE_VAL, HUGE_VAL));
  }
  if (frames.size() == 3) {
    const std::string text(frames[2]);
    char* end = nullptr;
    sample.unixTimeS = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(sample.unixTimeS) ||
        sample.unixTimeS < 0 || sample.unixTimeS > kMaxUnixTimeS) {
      fail(DecodeReason::BadValue, "telemetry: the timestamp is not a decimal number of seconds");
    }
  }
  return sample;
}

}  // namespace

std::string telemetryTopic(std::string_view instance) {
  return std::string(kTelemetryTopicPrefix) + std::string(instance);
}

Frames encodeTelemetrySample(const TelemetrySample& sample) {
  Json values = Json::object();
  for (const auto& [name, value] : sample.values) values[name] = value;
  char time[kMaxTimestampBytes];
  std::snprintf(time, sizeof time, "%.6f", sample.unixTimeS);
  return {sample.topic, detail::dumpBody(values), time};
}

Decoded<TelemetrySample> decodeTelemetrySample(FrameView frames) {
  return detail::guarded<TelemetrySample>([&] { return decodeFrames(frames); });
}

}  // namespace clusterscope::agents::protocol
