#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace httplib {
class Server;
}

namespace clusterscope::agents {

// Serves GET /metrics over HTTP with the packaged cpp-httplib, on a thread of its own. The
// owner renders the page (PrometheusText) on its own thread whenever its figures change and
// hands it over with publish(); a scrape reads the last page published, so the process's loop
// never waits for a scraper.
class MetricsEndpoint {
 public:
  MetricsEndpoint();
  ~MetricsEndpoint();  // stops the server and joins its thread
  MetricsEndpoint(const MetricsEndpoint&) = delete;
  MetricsEndpoint& operator=(const MetricsEndpoint&) = delete;

  // Binds `host` on a free port and starts serving. Returns the URL of the page
  // ("http://127.0.0.1:PORT/metrics"), or an empty string (with `error` set) when it cannot.
  std::string start(const std::string& host, std::string* error = nullptr);
  void publish(std::string page);
  int port() const { return port_; }

 private:
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  std::mutex mutex_;
  std::string page_;
  int port_ = 0;
};

}  // namespace clusterscope::agents
