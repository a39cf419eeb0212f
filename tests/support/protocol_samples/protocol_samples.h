#pragma once

#include <vector>

#include "broker_frames.h"
#include "control_messages.h"
#include "request_frames.h"
#include "telemetry_pub.h"

// Messages of every kind the protocol has, with every field away from its default where it
// can be: the round-trip tests encode and decode them, the fuzzer's seed corpus is made of
// their encodings.

namespace clusterscope::testing {

namespace protocol = agents::protocol;

protocol::Hello sampleAgentHello();
protocol::Report sampleServiceReport();
protocol::Report sampleBrokerReport();
protocol::Report sampleLoadReport();
protocol::ClusterPlan samplePlan();
// One of each control message type, in type order, then other variants of some
// (other roles, reports and command kinds).
std::vector<protocol::ControlMessage> sampleControlMessages();

// Every request-plane type, with and without target and payload.
std::vector<protocol::Frames> sampleRequestFrames();
// Every async-plane type.
std::vector<protocol::Frames> sampleBrokerFrames();
protocol::TelemetrySample sampleTelemetry();

}  // namespace clusterscope::testing
