#pragma once

#include <cstddef>
#include <cstdint>

// The protocol's version and every size limit a receiver enforces (docs/protocol.md,
// "Limits"). Frame counts and frame sizes are checked before any byte is interpreted, so a
// hostile peer costs at most one bounded copy; string, array, depth and bucket limits bound
// what a decoded message can hold.

namespace clusterscope::agents::protocol {

// The major version is in the first frame of every message on every plane; a receiver
// refuses any other. Minor versions only add: optional JSON keys, capabilities, flag bits.
inline constexpr std::uint8_t kMajorVersion = 1;
inline constexpr int kMinorVersion = 0;

// Control plane: [header][JSON body].
inline constexpr std::size_t kControlHeaderBytes = 4;
inline constexpr std::size_t kMaxControlFrames = 2;
inline constexpr std::size_t kMaxControlBodyBytes = 4u << 20;  // SNAPSHOT parts, ROUTES
inline constexpr std::size_t kMaxReportBodyBytes = 1u << 20;   // so a peer fits a snapshot part
inline constexpr int kMaxJsonDepth = 16;

// Strings, in bytes of UTF-8.
inline constexpr std::size_t kMaxNameBytes = 64;         // service, module, node: [A-Za-z0-9_.-]
inline constexpr std::size_t kMaxInstanceBytes = 128;    // instance ids: [A-Za-z0-9_.:#@-]
inline constexpr std::size_t kMaxTokenBytes = 32;        // capabilities, error codes: [a-z0-9_.-]
inline constexpr std::size_t kMaxEndpointBytes = 256;    // tcp://..., ipc://...
inline constexpr std::size_t kMaxTextBytes = 4096;       // messages, reasons, languages
inline constexpr std::size_t kMaxLongTextBytes = 65536;  // descriptions, lesson text
inline constexpr std::size_t kMaxScenarioTextBytes = 1u << 20;  // CLUSTER's scenario file
// Telemetry PUB value names: a name, a dot and a figure ("<service>.oldest_age_ms").
inline constexpr std::size_t kMaxTelemetryNameBytes = 128;

// Arrays.
inline constexpr std::size_t kMaxCapabilities = 64;
inline constexpr std::size_t kMaxCalls = 256;         // HELLO calls, REPORT edges
inline constexpr std::size_t kMaxFaults = 64;         // faults in force in one report
inline constexpr std::size_t kMaxItems = 4096;        // peers, services, replicas, queues, layout
inline constexpr std::size_t kMaxLessonSteps = 1000;  // (the histogram's own bound: kBucketCount)

// Numbers.
inline constexpr std::int64_t kMaxCount32 = 2147483647;      // gauges: workers, queued, in flight
inline constexpr std::int64_t kMaxId = 9007199254740991;     // 2^53 - 1: ids survive any JSON
inline constexpr std::int64_t kMaxUpdateIntervalMs = 60000;  // SUBSCRIBE: one a minute
inline constexpr double kMaxMs = 1e9;                        // durations in ms (~11.6 days)
inline constexpr double kMaxSeconds = 1e6;
inline constexpr double kMaxRateRps = 1e7;
inline constexpr double kMaxFactor = 1e6;
// A node's cores in a CLUSTER plan: the engine's implicit node of a scenario that names none is
// "large enough" (10^12 cores).
inline constexpr double kMaxNodeCores = 1e12;

// Request and async planes: [binary header][...][payload].
inline constexpr std::size_t kMaxPayloadBytes = 64u * 1024u;
inline constexpr int kMaxCallDepth = 64;  // the engine's limit: deeper calls fail too_deep
inline constexpr std::uint32_t kMaxCredit = 65536;

}  // namespace clusterscope::agents::protocol
