// COMMAND from a controller: checked, sent with an id of the hub's own to every process that
// carries it out, and answered once all have (or after the timeout) with one COMMAND_RESULT.

#include "command_routing.h"
#include "hub.h"

namespace clusterscope::agents {

namespace p = protocol;

namespace {

// Commands awaiting answers at once; more are refused rather than let a controller grow the
// hub without bound.
constexpr std::size_t kMaxCommandsInFlight = 4096;

}  // namespace

void Hub::onCommand(const std::string& connection, const p::Command& command) {
  auto refuse = [&](const std::string& error) {
    ++stats_.commandsRefused;
    sendTo(connection, p::CommandResult{command.id, false, error});
  };
  if (commands_.size() >= kMaxCommandsInFlight) return refuse("too many commands in flight");
  const CommandRouting routing = routeCommand(command, peers_, plan_);
  if (!routing.error.empty()) return refuse(routing.error);

  const std::uint64_t key = nextCommandId_;
  CommandInFlight flight{connection, command.id, {}, {}, 0};
  for (const std::string& instance : routing.executors) {
    const Peer* executor = peers_.byInstance(instance);
    p::Command forwarded = command;
    forwarded.id = nextCommandId_++;
    forwarded.target.clear();
    if (sendTo(executor->connection, forwarded) == SendStatus::Sent) {
      flight.outstanding[forwarded.id] = executor->connection;
      commandOf_[forwarded.id] = key;
    } else if (flight.firstError.empty()) {
      flight.firstError = "unreachable: " + instance;
    }
  }
  commands_[key] = std::move(flight);
  if (commands_[key].outstanding.empty()) return finishCommand(key, false);
  commands_[key].timer = loop_.after(options_.commandTimeout, [this, key] {
    commands_[key].timer = 0;
    finishCommand(key, true);
  });
}

void Hub::onCommandResult(const std::string& connection, const p::CommandResult& result) {
  const auto of = commandOf_.find(result.id);
  if (of == commandOf_.end()) return drop(HubDrop::UnexpectedResult);
  const std::uint64_t key = of->second;
  CommandInFlight& flight = commands_[key];
  const auto out = flight.outstanding.find(result.id);
  // Only the process the command went to may answer it.
  if (out == flight.outstanding.end() || out->second != connection) {
    return drop(HubDrop::UnexpectedResult);
  }
  flight.outstanding.erase(out);
  commandOf_.erase(of);
  if (!result.ok && flight.firstError.empty()) {
    flight.firstError = result.error.empty() ? "failed" : result.error;
  }
  if (flight.outstanding.empty()) finishCommand(key, false);
}

void Hub::finishCommand(std::uint64_t key, bool timedOut) {
  const auto it = commands_.find(key);
  if (it == commands_.end()) return;
  CommandInFlight flight = std::move(it->second);
  commands_.erase(it);
  loop_.cancel(flight.timer);
  for (const auto& [id, connection] : flight.outstanding) commandOf_.erase(id);
  std::string error = flight.firstError;
  if (error.empty() && timedOut && !flight.outstanding.empty()) {
    error = "timeout";
    ++stats_.commandsTimedOut;
  } else if (!error.empty()) {
    ++stats_.commandsFailed;
  } else {
    ++stats_.commandsOk;
  }
  sendTo(flight.controller, p::CommandResult{flight.controllerId, error.empty(), error});
}

}  // namespace clusterscope::agents
