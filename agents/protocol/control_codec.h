#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "control_messages.h"
#include "decode_result.h"

// Encoding and decoding of control-plane messages: two frames, a 4-byte header ("CS", major
// version, type) and a UTF-8 JSON object (docs/protocol.md, "Control plane"). Pure functions,
// safe from any thread.

namespace clusterscope::agents::protocol {

// Two frames. Strings are written as given, invalid UTF-8 replaced by U+FFFD; non-finite
// numbers become null, which every decoder refuses: keep values in their documented ranges.
Frames encodeControl(const ControlMessage& message);

// Checks, in this order: frame count and sizes (before reading anything), magic, major
// version, type, then the JSON body: depth, syntax and UTF-8, then every key this version
// knows (types, ranges, lengths, names, consistency). Unknown keys are ignored.
Decoded<ControlMessage> decodeControl(FrameView frames);

// The hub's state as SNAPSHOT parts of at most `maxBodyBytes` of JSON each (a peer larger than
// that still gets a part of its own), all with sequence `seq`, `cluster` in the first. No
// peers gives one part.
std::vector<Frames> encodeSnapshot(std::uint64_t seq, const std::optional<ClusterPlan>& cluster,
                                   const std::vector<PeerEntry>& peers,
                                   std::size_t maxBodyBytes = kMaxControlBodyBytes);

}  // namespace clusterscope::agents::protocol
