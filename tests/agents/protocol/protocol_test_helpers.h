#pragma once

#include <QtTest>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "control_codec.h"
#include "decode_result.h"

// Shared by the protocol tests: decode owned frames, edit a control message's JSON body, and
// check that a refusal has the expected reason (compared by name, so a failure reads well).

namespace clusterscope::agents::protocol::testing {

using Json = nlohmann::json;

inline Decoded<ControlMessage> decode(const Frames& frames) {
  const auto views = viewsOf(frames);
  return decodeControl(views);
}

// A control message with this type byte and body, as a peer could send it.
inline Frames rawControl(ControlType type, std::string body) {
  return {std::string{'C', 'S', 1, static_cast<char>(type)}, std::move(body)};
}

// `message` encoded, its body parsed, changed by `edit` and written back.
inline Frames edited(const ControlMessage& message, const std::function<void(Json&)>& edit) {
  Frames frames = encodeControl(message);
  Json body = Json::parse(frames[1]);
  edit(body);
  frames[1] = body.dump();
  return frames;
}

template <typename T>
QString reasonOf(const Decoded<T>& d) {
  return d.ok() ? QString("accepted") : QString(decodeReasonName(d.error().reason));
}

template <typename T>
QString messageOf(const Decoded<T>& d) {
  return d.ok() ? QString() : QString::fromStdString(d.error().message);
}

}  // namespace clusterscope::agents::protocol::testing
