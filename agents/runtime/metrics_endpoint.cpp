#include "metrics_endpoint.h"

#include <httplib.h>

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
  const std::string shown = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return "http://" + shown + ":" + std::to_string(port_) + "/metrics";
}

void MetricsEndpoint::publish(std::string page) {
  std::lock_guard lock(mutex_);
  page_ = std::move(page);
}

}  // namespace clusterscope::agents
