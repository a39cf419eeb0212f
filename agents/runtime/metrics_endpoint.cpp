#include "metrics_endpoint.h"

#include <httplib.h>

#include <chrono>

namespace clusterscope::agents {

MetricsEndpoint::MetricsEndpoint() : server_(std::make_unique<httplib::Server>()) {
  server_->Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
    std::string page;
    {
      std::lock_guard lock(mutex_);
      page = page_;
    }
    res.set_content(page, "text/plain; version=0.0.4; charset=utf-8");
  });
}

MetricsEndpoint::~MetricsEndpoint() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

std::string MetricsEndpoint::start(const std::string& host, std::string* error) {
  port_ = server_->bind_to_any_port(host);
  if (port_ <= 0) {
    if (error) *error = "cannot bind an HTTP port on " + host;
    port_ = 0;
    return {};
  }
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  // httplib's stop() does nothing to a server whose loop has not started yet, so a destructor
  // called too soon would wait on that loop for ever: return only once it runs.
  // (Bounded: a loop that ended at once has nothing to wait for.)
  for (int i = 0; i < 25000 && !server_->is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  const std::string shown = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return "http://" + shown + ":" + std::to_string(port_) + "/metrics";
}

void MetricsEndpoint::publish(std::string page) {
  std::lock_guard lock(mutex_);
  page_ = std::move(page);
}

}  // namespace clusterscope::agents
