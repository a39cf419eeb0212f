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

// The `id` of a COMMAND that decodeControl refused (an action the scenario rules refuse, a
// fault out of range, ...), when the frames are a COMMAND of this major version whose body is
// a JSON object with a valid `id`: so the hub can answer the controller's COMMAND_RESULT with
// the reason rather than leave it to time out. Nothing otherwise.
std::optional<std::uint64_t> refusedCommandId(FrameView frames);

// An UPDATE carrying `reportBody`, the JSON body of a REPORT that decodeControl accepted,
// spliced in as it is: how the hub relays a report without writing it again (unknown keys
// travel on, for newer monitors). Nothing when the body is not a bare object ("{...}", no
// blanks or BOM around it) or nests so deep that the UPDATE around it would pass the limit:
// encode the decoded Report then. `instance` must be an instance id.
std::optional<Frames> encodeRelayedUpdate(std::uint64_t seq, std::string_view instance,
                                          std::string_view reportBody);

// The hub's state as SNAPSHOT parts of at most `maxBodyBytes` of JSON each (a peer larger than
// that still gets a part of its own), all with sequence `seq`, `cluster` in the first. No
// peers gives one part.
std::vector<Frames> encodeSnapshot(std::uint64_t seq, const std::optional<ClusterPlan>& cluster,
                                   const std::vector<PeerEntry>& peers,
                                   std::size_t maxBodyBytes = kMaxControlBodyBytes);

}  // namespace clusterscope::agents::protocol
