#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "decode_result.h"
#include "protocol_limits.h"

// The async plane: each agent's DEALER to the broker's ROUTER, after Majordomo (ZeroMQ RFC 18)
// and the guide's load-balancing broker, with acknowledgements so that a consumer that dies
// loses nothing. Frames: [header][service][payload]; the header is 40 bytes, little-endian
// (docs/protocol.md, "Async plane"), the service name has its own frame (empty in HEARTBEAT
// and RESET), and only PUBLISH and DELIVER may have a payload frame (absent means empty).
// Pure functions, safe from any thread; decoded messages are views of the frames.

namespace clusterscope::agents::protocol {

enum class BrokerType : std::uint8_t {
  Publish = 1,        // publisher -> broker: a message for `service`
  PublishAck = 2,     // broker -> publisher: accepted (stored) or rejected, by `status`
  ConsumerReady = 3,  // consumer -> broker: `credit` more deliveries of `service` welcome
  Deliver = 4,        // broker -> consumer: a message, under a delivery id
  Ack = 5,            // consumer -> broker: delivery processed (and `credit` more welcome)
  Nack = 6,           // consumer -> broker: not processed; requeue or drop by flag
  Heartbeat = 7,      // both ways, when nothing else was sent for a while
  Reset = 8,          // broker -> consumer: "I do not know you": announce your credit again
};

enum class PublishStatus : std::uint8_t { Accepted = 0, Outage = 1, Full = 2 };

inline constexpr std::size_t kBrokerHeaderBytes = 40;
// Flag bits; bits not named here are reserved: sent as 0, ignored on receipt.
inline constexpr std::uint8_t kNackFlagRequeue = 0x01;  // NACK: deliver again (else drop)

struct BrokerHeader {
  BrokerType type = BrokerType::Publish;
  std::uint8_t flags = 0;
  PublishStatus status = PublishStatus::Accepted;  // PUBLISH_ACK
  int attempt = 0;              // DELIVER: 1 for the first delivery, 2.. for redeliveries
  std::uint32_t credit = 0;     // CONSUMER_READY (>= 1), ACK, NACK: additional deliveries wanted
  std::uint64_t id = 0;         // PUBLISH, PUBLISH_ACK: message id; DELIVER, ACK, NACK: delivery id
  std::uint64_t messageId = 0;  // DELIVER: the publisher's message id
  std::int64_t originNs = 0;    // PUBLISH, DELIVER: the client's intended send time, epoch ns
  bool operator==(const BrokerHeader&) const = default;
};

struct BrokerMessage {
  BrokerHeader header;
  std::string_view service;  // a view of the service frame
  std::string_view payload;  // a view of the payload frame; empty when absent
  bool operator==(const BrokerMessage&) const = default;
};

// Writes the 40-byte header into `out` (room for kBrokerHeaderBytes).
void writeBrokerHeader(const BrokerHeader& header, char* out);

// Header, service and, when not empty, payload frames.
Frames encodeBroker(const BrokerHeader& header, std::string_view service,
                    std::string_view payload = {});

// Checks the frame count for the type, sizes, magic, version, type, the service name (present
// exactly when the type needs one), status, attempt and credit. Views into `frames`.
Decoded<BrokerMessage> decodeBroker(FrameView frames);

}  // namespace clusterscope::agents::protocol
