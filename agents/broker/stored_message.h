#pragma once

#include <chrono>
#include <cstdint>
#include <string>

// One message the broker holds, from the PUBLISH it accepted to the ACK that removes it, and
// the narrow observer through which the journal follows the store (StoreObserver). Plain
// values; which thread owns them is the owner's (BrokerCore's) business.

namespace clusterscope::agents::broker {

using Clock = std::chrono::steady_clock;

struct StoredMessage {
  enum class State : std::uint8_t {
    Maturing,   // accepted, waiting out the scenario's delivery latency
    Waiting,    // available to consumers
    Delivered,  // held by a consumer, not yet acknowledged
  };
  std::uint64_t seq = 0;        // the broker's own key, in the order it accepted messages
  std::uint64_t messageId = 0;  // the publisher's
  std::int64_t originNs = 0;    // the original client's intended send time, Unix ns
  std::int64_t acceptedUnixNs = 0;
  Clock::time_point acceptedAt;  // monotonic, for ages; a recovered message's is estimated
  std::string service;
  std::string payload;
  int attempts = 0;  // deliveries so far (the next DELIVER says attempts + 1)
  State state = State::Waiting;
  std::uint64_t deliveryId = 0;  // Delivered: the delivery in flight
};

// What the store tells whoever keeps it on disk. Called synchronously, on the owner's thread,
// after the change is made in memory; the message is still valid during the call.
class StoreObserver {
 public:
  virtual ~StoreObserver() = default;
  virtual void accepted(const StoredMessage&) {}
  virtual void removed(const StoredMessage&) {}    // acknowledged, or refused without requeue
  virtual void delivered(const StoredMessage&) {}  // handed to a consumer (attempts counted)
};

}  // namespace clusterscope::agents::broker
