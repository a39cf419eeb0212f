#include "event_loop.h"

#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace clusterscope::agents {

namespace {

int checked(int fd, const char* what) {
  if (fd < 0) throw std::runtime_error(std::string(what) + ": " + std::strerror(errno));
  return fd;
}

}  // namespace

EventLoop::EventLoop()
    : timerFd_(checked(timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC), "timerfd")),
      wakeFd_(checked(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC), "eventfd")) {}

EventLoop::~EventLoop() {
  close(timerFd_);
  close(wakeFd_);
}

void EventLoop::watch(zmq::socket_ref socket, Handler onReadable) {
  unwatch(socket);
  watched_.push_back({socket, -1, std::move(onReadable)});
}

void EventLoop::unwatch(zmq::socket_ref socket) {
  std::erase_if(watched_, [&](const Watched& w) { return w.socket && w.socket == socket; });
}

void EventLoop::watchFd(int fd, Handler onReadable) {
  unwatchFd(fd);
  watched_.push_back({zmq::socket_ref(), fd, std::move(onReadable)});
}

void EventLoop::unwatchFd(int fd) {
  std::erase_if(watched_, [&](const Watched& w) { return !w.socket && w.fd == fd; });
}

EventLoop::TimerId EventLoop::at(Clock::time_point when, Handler handler) {
  const TimerId id = nextId_++;
  timers_[id] = Timer{std::move(handler), Clock::duration{0}, when};
  due_.push({when, sequence_++, id});
  return id;
}

EventLoop::TimerId EventLoop::every(Clock::duration period, Handler handler) {
  if (period <= Clock::duration::zero()) throw std::invalid_argument("timer period must be > 0");
  const TimerId id = nextId_++;
  const auto when = Clock::now() + period;
  timers_[id] = Timer{std::move(handler), period, when};
  due_.push({when, sequence_++, id});
  return id;
}

void EventLoop::cancel(TimerId id) { timers_.erase(id); }

void EventLoop::wake() {
  const std::uint64_t one = 1;
  // A full counter (never in practice) already means "wake up": the result does not matter.
  [[maybe_unused]] const auto n = ::write(wakeFd_, &one, sizeof one);
}

void EventLoop::post(Handler task) {
  {
    std::lock_guard lock(postedMutex_);
    posted_.push_back(std::move(task));
  }
  wake();
}

int EventLoop::runPosted() {
  std::vector<Handler> tasks;
  {
    std::lock_guard lock(postedMutex_);
    tasks.swap(posted_);
  }
  // A task that posts another runs it at the next turn, not in this one: no starvation.
  for (auto& task : tasks) task();
  return static_cast<int>(tasks.size());
}

void EventLoop::armTimerFd() {
  // Drop cancelled timers from the top so the fd is armed for a live one.
  while (!due_.empty() && !timers_.count(due_.top().id)) due_.pop();
  const Clock::time_point next = due_.empty() ? Clock::time_point::max() : due_.top().when;
  if (next == armedFor_) return;
  armedFor_ = next;
  itimerspec spec{};
  if (next != Clock::time_point::max()) {
    // steady_clock is CLOCK_MONOTONIC on Linux: its epoch is the timerfd's.
    const auto ns = std::max<std::int64_t>(
        1, std::chrono::duration_cast<std::chrono::nanoseconds>(next.time_since_epoch()).count());
    spec.it_value.tv_sec = ns / 1'000'000'000;
    spec.it_value.tv_nsec = ns % 1'000'000'000;
  }
  timerfd_settime(timerFd_, TFD_TIMER_ABSTIME, &spec, nullptr);
}

void EventLoop::drainFd(int fd) {
  std::uint64_t value = 0;
  while (::read(fd, &value, sizeof value) > 0) {
  }
}

int EventLoop::fireDueTimers() {
  int fired = 0;
  const auto now = Clock::now();
  while (!due_.empty() && due_.top().when <= now) {
    const Due d = due_.top();
    due_.pop();
    auto it = timers_.find(d.id);
    if (it == timers_.end() || it->second.when != d.when) continue;  // cancelled or stale
    // A timer set for "at once" (the clock's minimum) is not late by centuries: now - min
    // overflows.
    const std::int64_t lateNs =
        d.when == Clock::time_point::min()
            ? 0
            : std::chrono::duration_cast<std::chrono::nanoseconds>(now - d.when).count();
    ++lateCount_;
    lateSumNs_ += static_cast<double>(lateNs);
    lateMaxNs_ = std::max<std::int64_t>(lateMaxNs_, lateNs);
    Handler handler = it->second.handler;  // the handler may cancel its own timer
    if (it->second.period > Clock::duration::zero()) {
      Timer& t = it->second;
      do {
        t.when += t.period;
      } while (t.when <= now);  // skip missed turns rather than firing a burst
      due_.push({t.when, sequence_++, d.id});
    } else {
      timers_.erase(it);
    }
    handler();
    ++fired;
  }
  return fired;
}

int EventLoop::runOnce(Clock::duration maxWait) {
  armTimerFd();
  std::vector<zmq::pollitem_t> items;
  items.reserve(watched_.size() + 2);
  auto item = [](void* socket, int fd) {
    zmq::pollitem_t i{};
    i.socket = socket;
    i.fd = fd;
    i.events = ZMQ_POLLIN;
    return i;
  };
  items.push_back(item(nullptr, timerFd_));
  items.push_back(item(nullptr, wakeFd_));
  for (auto& w : watched_) items.push_back(item(w.socket.handle(), w.fd));
  const auto waitMs = std::chrono::duration_cast<std::chrono::milliseconds>(maxWait).count();
  // A signal handler interrupts the wait with EINTR: a wake-up like any other, not an error
  // (cppzmq's poll would throw it out of run()).
  if (zmq_poll(items.data(), static_cast<int>(items.size()), std::max<long>(0, waitMs)) < 0) {
    if (zmq_errno() != EINTR) throw zmq::error_t();
    for (auto& i : items) i.revents = 0;
  }
  int handled = 0;
  if (items[0].revents & ZMQ_POLLIN) {
    drainFd(timerFd_);
    armedFor_ = Clock::time_point::max();  // the expiry disarmed it
  }
  if (items[1].revents & ZMQ_POLLIN) drainFd(wakeFd_);
  // Handlers may change watched_: call a copy of the ready ones.
  std::vector<Handler> ready;
  for (std::size_t i = 2; i < items.size(); ++i) {
    if (items[i].revents & ZMQ_POLLIN) ready.push_back(watched_[i - 2].handler);
  }
  for (auto& h : ready) {
    h();
    ++handled;
  }
  handled += runPosted();
  handled += fireDueTimers();
  return handled;
}

void EventLoop::run(const std::function<bool()>& keepRunning, Clock::duration maxSleep) {
  while (keepRunning()) runOnce(maxSleep);
}

EventLoop::Lateness EventLoop::timerLateness() const {
  return {lateCount_, lateCount_ ? lateSumNs_ / static_cast<double>(lateCount_) : 0.0, lateMaxNs_};
}

}  // namespace clusterscope::agents
