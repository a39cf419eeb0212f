#pragma once

#include <string>

// What a process announces for a socket it bound (docs/protocol.md, "What an agent does",
// Addresses): ZMQ_LAST_ENDPOINT of a socket bound to a wildcard address reads
// `tcp://0.0.0.0:PORT` (or `tcp://[::]:PORT`), which nobody can dial, so the process announces
// the host it was told to advertise, or by default the machine's host name, with the port it
// got. Pure functions of their arguments (and gethostname); any thread.

namespace clusterscope::agents {

// True for 0.0.0.0, *, :: and [::]: addresses that mean "every interface".
bool isWildcardHost(const std::string& host);

// `bound` ("tcp://0.0.0.0:40123", "http://127.0.0.1:9101/metrics") with its host replaced by
// `advertise` when `advertise` is not empty, else by the machine's host name when the bound
// host is a wildcard; otherwise `bound` unchanged. An IPv6 address given to advertise is
// bracketed. A string without `scheme://host:port` comes back unchanged.
std::string advertisedEndpoint(const std::string& bound, const std::string& advertise);

}  // namespace clusterscope::agents
