#pragma once

// Internal to Caller (caller.cpp, caller_routes.cpp): its connections, the ROUTES entries it
// calls, and the state of one call and of its attempt in flight.

#include <string>
#include <vector>
#include <zmq.hpp>

#include "caller.h"

namespace clusterscope::agents::calls {

// One DEALER to one callee replica's request ROUTER.
struct Caller::Connection {
  std::string endpoint;
  zmq::socket_t socket;
  int outstanding = 0;  // our attempts waiting on it: least_outstanding's and power_of_two's load
  bool listed = true;   // in the last ROUTES; closed once unlisted and idle
};

// A ready replica of a component, as the last ROUTES listed it.
struct Caller::Target {
  struct Replica {
    std::string node;
    Connection* connection = nullptr;
  };
  std::string header;      // the REQUEST's target: the module's name, empty for a service
  std::string deployment;  // whose balancer's cursor is used
  std::vector<Replica> replicas;
};

// One call: what it is made for and how far it got.
struct Caller::Run {
  EdgeId edge = 0;
  CallContext context;
  Done done;
  int attempts = 0;  // made so far, the current one included
};

// The attempt of a run that is in flight (sent, or held back by a latency fault).
struct Caller::Attempt {
  Run run;
  Connection* connection = nullptr;
  std::string target;
  std::int64_t timeoutNs = 0;  // in the header: 0 for no limit
  Clock::time_point sentAt;
  Timers::Id timer = 0;  // its timeout
  bool sent = false;
};

}  // namespace clusterscope::agents::calls
