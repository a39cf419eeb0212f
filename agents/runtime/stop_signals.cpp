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
  if (loop_) loop_->unwatchFd(fd_);
  if (fd_ >= 0) close(fd_);
}

void StopSignals::watch(EventLoop& loop) {
  loop_ = &loop;
  loop.watchFd(fd_, [this] {
    signalfd_siginfo info{};
    while (read(fd_, &info, sizeof info) == sizeof info) requested_ = true;
  });
}

}  // namespace clusterscope::agents
