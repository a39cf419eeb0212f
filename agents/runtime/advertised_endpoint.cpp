#include "advertised_endpoint.h"

#include <unistd.h>

#include <climits>

namespace clusterscope::agents {

namespace {

std::string hostName() {
  char name[HOST_NAME_MAX + 1] = {};
  if (gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "localhost";
  return name;
}

}  // namespace

bool isWildcardHost(const std::string& host) {
  return host == "0.0.0.0" || host == "*" || host == "::" || host == "[::]";
}

std::string advertisedEndpoint(const std::string& bound, const std::string& advertise) {
  const auto scheme = bound.find("://");
  if (scheme == std::string::npos) return bound;
  const std::size_t hostStart = scheme + 3;
  // The port follows the last ':' before any path ("http://host:port/metrics").
  const std::size_t pathStart = bound.find('/', hostStart);
  const std::string authority = bound.substr(
      hostStart, pathStart == std::string::npos ? std::string::npos : pathStart - hostStart);
  const auto colon = authority.rfind(':');
  if (colon == std::string::npos || colon == 0) return bound;
  const std::string host = authority.substr(0, colon);
  std::string replacement = advertise;
  if (replacement.empty()) {
    if (!isWildcardHost(host)) return bound;
    replacement = hostName();
  }
  if (replacement.find(':') != std::string::npos && replacement.front() != '[') {
    replacement = "[" + replacement + "]";
  }
  return bound.substr(0, hostStart) + replacement + bound.substr(hostStart + colon);
}

}  // namespace clusterscope::agents
