#include "hub_thread.h"

namespace clusterscope::agents {

HubThread::HubThread(HubOptions options) : hub_(std::make_unique<Hub>(loop_, std::move(options))) {}

HubThread::~HubThread() { stop(); }

void HubThread::start() {
  if (running()) return;
  hub_->start();
  stopping_ = false;
  // The sockets were made on this thread; the thread's start is the barrier ZeroMQ asks for
  // before another thread uses them.
  thread_ = std::thread([this] { loop_.run([this] { return !stopping_.load(); }); });
}

void HubThread::stop() {
  if (running()) {
    stopping_ = true;
    loop_.wake();
    thread_.join();
  }
  hub_->stop();
}

}  // namespace clusterscope::agents
