#include "timers.h"

namespace clusterscope::agents::calls {

Timers::~Timers() {
  for (const auto& [id, entry] : entries_) {
    if (!entry.frozen) loop_.cancel(entry.loopId);
  }
}

Timers::Id Timers::at(Clock::time_point when, Handler handler) {
  const Id id = nextId_++;
  // The loop's closure holds only the id, so it stays within std::function's small buffer.
  const EventLoop::TimerId loopId = loop_.at(when, [this, id] { fire(id); });
  entries_.emplace(id, Entry{std::move(handler), loopId, false});
  return id;
}

void Timers::cancel(Id id) {
  const auto it = entries_.find(id);
  if (it == entries_.end()) return;
  if (!it->second.frozen) loop_.cancel(it->second.loopId);
  entries_.erase(it);  // a frozen id left in frozen_ is skipped by resume()
}

void Timers::fire(Id id) {
  const auto it = entries_.find(id);
  if (it == entries_.end()) return;
  if (paused_) {
    it->second.frozen = true;
    frozen_.push_back(id);
    return;
  }
  Handler handler = std::move(it->second.handler);
  entries_.erase(it);
  handler();
}

void Timers::pause() { paused_ = true; }

void Timers::resume() {
  if (!paused_) return;
  paused_ = false;
  std::vector<Id> due;
  due.swap(frozen_);
  for (const Id id : due) {
    // A handler run here may pause again: the rest wait for the next resume.
    if (paused_) {
      frozen_.push_back(id);
      continue;
    }
    const auto it = entries_.find(id);
    if (it == entries_.end()) continue;
    Handler handler = std::move(it->second.handler);
    entries_.erase(it);
    handler();
  }
}

}  // namespace clusterscope::agents::calls
