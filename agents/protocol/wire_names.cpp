#include "wire_names.h"

#include <array>

namespace clusterscope::agents::protocol {

namespace {

constexpr std::array<const char*, 5> kRoles = {"agent", "broker", "loadgen", "launcher", "monitor"};
constexpr std::array<const char*, 4> kLiveness = {"joined", "suspect", "down", "left"};
constexpr std::array<const char*, 5> kFaults = {"latency", "loss", "pause", "blackhole",
                                                "fail_first"};
constexpr std::array<const char*, 4> kBreakers = {"none", "closed", "open", "half_open"};

template <typename E, std::size_t N>
const char* nameIn(const std::array<const char*, N>& names, E value) {
  const auto i = static_cast<std::size_t>(value);
  return i < N ? names[i] : "?";
}

template <typename E, std::size_t N>
std::optional<E> findIn(const std::array<const char*, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (name == names[i]) return static_cast<E>(i);
  }
  return std::nullopt;
}

// For enumerations whose names the model owns: search its name function.
template <typename E, typename NameOf>
std::optional<E> findByName(int first, int count, NameOf nameOf, std::string_view name) {
  for (int i = first; i < count; ++i) {
    if (name == nameOf(static_cast<E>(i))) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace

const char* peerRoleName(PeerRole role) { return nameIn(kRoles, role); }
const char* livenessName(Liveness liveness) { return nameIn(kLiveness, liveness); }
const char* faultKindName(FaultKind kind) { return nameIn(kFaults, kind); }
const char* breakerStateName(model::BreakerState state) { return nameIn(kBreakers, state); }

std::optional<PeerRole> peerRoleFromName(std::string_view name) {
  return findIn<PeerRole>(kRoles, name);
}
std::optional<Liveness> livenessFromName(std::string_view name) {
  return findIn<Liveness>(kLiveness, name);
}
std::optional<FaultKind> faultKindFromName(std::string_view name) {
  return findIn<FaultKind>(kFaults, name);
}
std::optional<model::BreakerState> breakerStateFromName(std::string_view name) {
  return findIn<model::BreakerState>(kBreakers, name);
}

std::optional<model::CallMode> callModeFromName(std::string_view name) {
  return findByName<model::CallMode>(0, 2, model::callModeName, name);
}

std::optional<model::ReplicaState> replicaStateFromName(std::string_view name) {
  return findByName<model::ReplicaState>(0, static_cast<int>(model::ReplicaState::Removed),
                                         model::replicaStateName, name);
}

std::optional<model::FailureCause> failureCauseFromName(std::string_view name) {
  return findByName<model::FailureCause>(1, model::kFailureCauseCount, model::failureCauseName,
                                         name);
}

}  // namespace clusterscope::agents::protocol
