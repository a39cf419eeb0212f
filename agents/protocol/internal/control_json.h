#pragma once

#include "control_messages.h"
#include "internal/json_in.h"

// Internal to the protocol library: each control message to and from its JSON body
// (docs/protocol.md gives the keys). fromJson throws DecodeFailure on the first problem;
// toJson writes every field that differs from its default, so decoding gives back an equal
// value.

namespace clusterscope::agents::protocol::detail {

// hello_json.cpp
Json toJson(const Hello& m);
Json toJson(const Welcome& m);
Json toJson(const ErrorMessage& m);
Json toJson(const Bye& m);
Json toJson(const Subscribe& m);
Json toJson(const Routes& m);
void fromJson(const ObjectIn& in, Hello& m);
void fromJson(const ObjectIn& in, Welcome& m);
void fromJson(const ObjectIn& in, ErrorMessage& m);
void fromJson(const ObjectIn& in, Bye& m);
void fromJson(const ObjectIn& in, Subscribe& m);
void fromJson(const ObjectIn& in, Routes& m);

// report_json.cpp
Json toJson(const Report& m);
Json toJson(const SparseHistogram& h);
void fromJson(const ObjectIn& in, Report& m);
void fromJson(const ObjectIn& in, SparseHistogram& h);

// monitor_json.cpp
Json toJson(const ClusterPlan& m);
Json toJson(const Cluster& m);
Json toJson(const Snapshot& m);
Json toJson(const PeerEntry& m);
Json toJson(const Update& m);
Json toJson(const PeerState& m);
void fromJson(const ObjectIn& in, ClusterPlan& m);
void fromJson(const ObjectIn& in, Cluster& m);
void fromJson(const ObjectIn& in, Snapshot& m);
void fromJson(const ObjectIn& in, Update& m);
void fromJson(const ObjectIn& in, PeerState& m);

// command_json.cpp
Json toJson(const Fault& m);
Json toJson(const Command& m);
Json toJson(const CommandResult& m);
void fromJson(const ObjectIn& in, Fault& m);
void fromJson(const ObjectIn& in, Command& m);
void fromJson(const ObjectIn& in, CommandResult& m);

// Shared helpers.
Json stringArray(const std::vector<std::string>& items);
std::vector<std::string> readTokens(const ObjectIn& in, std::string_view key, Token kind,
                                    std::size_t maxItems);

}  // namespace clusterscope::agents::protocol::detail
