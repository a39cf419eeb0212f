#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "decode_result.h"

// The optional telemetry PUB a hub can offer, in the layout PlotJuggler's ZeroMQ subscriber
// reads: [topic][JSON object][timestamp], the timestamp as decimal seconds since the Unix
// epoch. One sample per peer report; subscribers filter by topic prefix (docs/protocol.md,
// "Telemetry PUB").

namespace clusterscope::agents::protocol {

struct TelemetrySample {
  std::string topic;                                   // telemetryTopic(instance)
  std::vector<std::pair<std::string, double>> values;  // flat: name -> finite number
  double unixTimeS = 0.0;                              // 0 .. 1e11
  bool operator==(const TelemetrySample&) const = default;
};

inline constexpr std::string_view kTelemetryTopicPrefix = "clusterscope/";

// "clusterscope/<instance>": subscribe to the prefix for all, or to one instance's topic.
std::string telemetryTopic(std::string_view instance);

// Three frames; the timestamp with microsecond resolution. Non-finite values become null.
Frames encodeTelemetrySample(const TelemetrySample& sample);

// Two or three frames (PlotJuggler's own rule: without a timestamp, the receiver's clock);
// a missing timestamp reads as 0. Values must be numbers; names are at most
// kMaxTelemetryNameBytes.
Decoded<TelemetrySample> decodeTelemetrySample(FrameView frames);

}  // namespace clusterscope::agents::protocol
