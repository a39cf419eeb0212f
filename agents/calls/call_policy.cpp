#include "call_policy.h"

#include "sim_time.h"

namespace clusterscope::agents::calls {

CallPolicy CallPolicy::of(const engine::CallSpec& spec, engine::LbPolicy calleeLb) {
  CallPolicy p;
  if (spec.timeoutMs) p.timeout = std::chrono::nanoseconds(engine::durationMillis(*spec.timeoutMs));
  p.retries = spec.retries;
  p.backoff = std::chrono::nanoseconds(engine::durationMillis(spec.backoffMs));
  p.bulkhead = spec.bulkhead;
  p.breaker = spec.circuitBreaker;
  p.lb = calleeLb;
  return p;
}

}  // namespace clusterscope::agents::calls
