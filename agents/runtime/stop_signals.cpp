#include "stop_signals.h"

#include <sys/signalfd.h>
#include <unistd.h>

namespace clusterscope::agents {

StopSignals::StopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  fd_ = signalfd(-1, &signals, SFD_NONBLOCK | SFD_CLOEXEC);
}

StopSignals::~StopSignals() {
  // The loop it watched is usually gone already: StopSignals is made first (before any thread
  // starts, so that all of them inherit the blocked mask) and so destroyed last. Closing the fd
  // takes it out of the loop's epoll set; the loop must not run again after this.
  if (fd_ >= 0) close(fd_);
}

void StopSignals::watch(EventLoop& loop) {
  loop.watchFd(fd_, [this] {
    signalfd_siginfo info{};
    while (read(fd_, &info, sizeof info) == sizeof info) requested_ = true;
  });
}

}  // namespace clusterscope::agents
