#include "event_queue.h"

#include <algorithm>

namespace clusterscope::engine {

namespace {

// std::*_heap builds a max-heap, so "less" means "runs later".
struct RunsLater {
  bool operator()(const Event& a, const Event& b) const {
    if (a.time != b.time) return a.time > b.time;
    return a.order > b.order;
  }
};

}  // namespace

void EventQueue::push(SimTime time, EventPriority priority, EventType type, std::uint32_t target,
                      std::uint64_t token) {
  const std::uint64_t order =
      (static_cast<std::uint64_t>(priority) << 56) | (nextSequence_++ & ((1ULL << 56) - 1));
  heap_.push_back(Event{time, order, token, target, type});
  std::push_heap(heap_.begin(), heap_.end(), RunsLater{});
}

Event EventQueue::pop() {
  std::pop_heap(heap_.begin(), heap_.end(), RunsLater{});
  Event e = heap_.back();
  heap_.pop_back();
  return e;
}

void EventQueue::restoreHeap() { std::make_heap(heap_.begin(), heap_.end(), RunsLater{}); }

void EventQueue::clear() {
  heap_.clear();
  nextSequence_ = 0;
}

}  // namespace clusterscope::engine
