#pragma once

#include <cstdint>
#include <vector>

#include "sim_time.h"

namespace clusterscope::engine {

enum class EventType : std::uint8_t {
  IntervalTick,
  TimelineAction,
  RateStage,
  ExternalArrival,
  UserThinkDone,
  TaskArrive,
  ServiceDone,
  Reply,
  ClientReply,
  ClientTimeout,
  CallTimeout,
  RetryCall,
  BrokerPublish,
  BrokerRecover,
  ReplicaReady,
  Reschedule,
  AutoscalerTick,
  RollingStep,
  FaultEnd,
};

// Events at the same instant run in priority order (lower first), then in the order they
// were scheduled. The order must be total for a seed to give one run.
enum class EventPriority : std::uint8_t { Interval = 0, Control = 1, Normal = 2 };

struct Event {
  SimTime time;
  std::uint64_t order;  // priority in the top 8 bits, insertion sequence below
  std::uint64_t token;  // meaning depends on type; stale events are detected through it
  std::uint32_t target;
  EventType type;
};

inline EventPriority priorityOf(const Event& e) {
  return static_cast<EventPriority>(e.order >> 56);
}

// A binary min-heap on (time, priority, sequence).
class EventQueue {
 public:
  void push(SimTime time, EventPriority priority, EventType type, std::uint32_t target,
            std::uint64_t token);
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  const Event& top() const { return heap_.front(); }
  Event pop();
  void clear();
  // Drops every event for which `stale(event)` holds and restores the heap. The order of the
  // others is untouched (it is total), so a run is the same with or without a purge.
  template <typename Stale>
  std::size_t removeIf(Stale stale) {
    const std::size_t before = heap_.size();
    std::erase_if(heap_, stale);
    if (heap_.size() != before) restoreHeap();
    return before - heap_.size();
  }

 private:
  void restoreHeap();

  std::vector<Event> heap_;
  std::uint64_t nextSequence_ = 0;
};

}  // namespace clusterscope::engine
