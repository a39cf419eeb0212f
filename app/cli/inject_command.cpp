// clusterscope-cli inject [ENDPOINT] ACTION...: one COMMAND to a running cluster through its
// hub (docs/protocol.md, "COMMAND"), and the hub's COMMAND_RESULT. The action is written as a
// timeline entry's fields (NAME FIELD=VALUE...) or as the JSON object itself; either way it is
// checked by the protocol's own decoder, which reads actions with the scenario loader's rules.

#include <unistd.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "cli_commands.h"
#include "cli_shared.h"
#include "control_codec.h"
#include "hub_client.h"
#include "hub_session.h"
#include "live_commands.h"
#include "option_text.h"
#include "printable_text.h"

namespace clusterscope::cli {

namespace {

namespace p = agents::protocol;
using Json = nlohmann::json;

// Fields that are names or words whatever they look like ("1" may be a service's name).
bool textField(const std::string& key) {
  for (const char* k : {"action", "fault", "service", "node", "from", "to", "mode"}) {
    if (key == k) return true;
  }
  return false;
}

Json typedValue(const std::string& text) {
  if (text == "true") return true;
  if (text == "false") return false;
  if (const auto number = parseDouble(text);
      number && text.find_first_not_of("0123456789+-.eE") == std::string::npos) {
    if (*number == static_cast<double>(static_cast<long long>(*number)) &&
        text.find_first_of(".eE") == std::string::npos) {
      return static_cast<long long>(*number);
    }
    return *number;
  }
  return text;
}

bool isFaultName(const std::string& name) { return p::faultKindFromName(name).has_value(); }

// The COMMAND's body, or why the words do not make one.
std::optional<Json> commandBody(const std::vector<std::string>& words, const std::string& target,
                                std::string& error) {
  Json body{{"id", 1}};
  if (!target.empty()) body["target"] = target;
  const std::string& first = words.front();
  if (!first.empty() && first.front() == '{') {
    if (words.size() > 1) {
      error =
          u8(CliText::tr("give the action as one JSON object or as NAME FIELD=VALUE..., not "
                         "both"));
      return std::nullopt;
    }
    Json object = Json::parse(first, nullptr, false);
    if (object.is_discarded() || !object.is_object()) {
      error = u8(
          CliText::tr("the action is not a JSON object: %1").arg(qs(engine::printableText(first))));
      return std::nullopt;
    }
    if (object.contains("reset_faults")) {
      body["reset_faults"] = object["reset_faults"];
    } else {
      body[object.contains("fault") ? "fault" : "action"] = std::move(object);
    }
    return body;
  }
  if (first == "reset_faults") {
    if (words.size() > 1) {
      error = u8(CliText::tr("reset_faults takes no field"));
      return std::nullopt;
    }
    body["reset_faults"] = true;
    return body;
  }
  const bool fault = isFaultName(first);
  Json object{{fault ? "fault" : "action", first}};
  for (std::size_t i = 1; i < words.size(); ++i) {
    const std::string& word = words[i];
    const auto eq = word.find('=');
    if (eq == std::string::npos || eq == 0) {
      error = u8(CliText::tr("\"%1\" is not FIELD=VALUE").arg(qs(engine::printableText(word))));
      return std::nullopt;
    }
    const std::string key = word.substr(0, eq), value = word.substr(eq + 1);
    if (key == "nodes") {
      // partition nodes=node-a,node-b
      Json list = Json::array();
      std::size_t start = 0;
      while (start <= value.size()) {
        const std::size_t comma = std::min(value.find(',', start), value.size());
        list.push_back(value.substr(start, comma - start));
        start = comma + 1;
      }
      object[key] = std::move(list);
    } else {
      object[key] = textField(key) ? Json(value) : typedValue(value);
    }
  }
  body[fault ? "fault" : "action"] = std::move(object);
  return body;
}

std::string describe(const p::Command& command) {
  if (const auto* action = std::get_if<model::Action>(&command.what)) {
    return engine::printableText(model::describeAction(*action));
  }
  if (const auto* f = std::get_if<p::Fault>(&command.what)) {
    std::string scope = f->service.empty() ? f->from + " -> " + f->to : f->service;
    if (f->replica >= 0) scope += "#" + std::to_string(f->replica);
    return u8(CliText::tr("%1 on %2", "a fault on a service or a link")
                  .arg(QLatin1String(p::faultKindName(f->kind)), qs(scope)));
  }
  return u8(CliText::tr("reset faults"));
}

}  // namespace

int commandInject(const CliOptions& o, std::ostream& out, std::ostream& err) {
  std::string error;
  const std::optional<Json> body = commandBody(o.live.action, o.live.target, error);
  if (!body) {
    err << kProgram << error << "\n";
    return kExitInvalidInput;
  }
  // The protocol's decoder is the judge: what it refuses, the hub would refuse.
  const std::string text = body->dump(-1, ' ', false, Json::error_handler_t::replace);
  const p::Frames frames = {std::string("CS\x01\x0b", 4), text};
  const auto views = p::viewsOf(frames);
  auto decoded = p::decodeControl(views);
  if (!decoded) {
    err << kProgram
        << u8(CliText::tr("not a valid action: %1")
                  .arg(qs(engine::printableText(decoded.error().message))))
        << "\n";
    return kExitInvalidInput;
  }
  const p::Command command = std::get<p::Command>(decoded.value());

  const HubAddress address{o.live.endpoint, o.live.keysDir, o.live.connectionFile};
  agents::EventLoop loop;
  zmq::context_t context(1);
  agents::HubConnection connection;
  try {
    connection = resolveHub(address);
  } catch (const std::exception& e) {
    err << kProgram << engine::printableText(e.what()) << "\n";
    return kExitClaimFailed;
  }
  const auto timeout = std::chrono::milliseconds(static_cast<long>(o.live.timeoutS * 1000));
  const ProbeOutcome probe = probeHub(context, connection, timeout);
  if (probe.result != ProbeOutcome::Result::Accepted) {
    err << kProgram << engine::printableText(probe.message) << "\n";
    return kExitClaimFailed;
  }
  if (!connection.curve()) {
    err << kProgram
        << u8(CliText::tr("the hub at %1 runs without CURVE: it takes no commands (read-only)")
                  .arg(qs(connection.endpoint)))
        << "\n";
    return kExitClaimFailed;
  }
  const p::Hello hello = monitorHello("inject");
  std::optional<p::CommandResult> result;
  bool sent = false;
  agents::HubClient::Callbacks callbacks;
  agents::HubClient* self = nullptr;
  callbacks.onWelcome = [&](const p::Welcome&) {
    if (sent) return;
    sent = true;
    // The hub answers within its own 5 s; a little more for the way back.
    self->sendCommand(
        command, [&](const p::CommandResult& r) { result = r; }, std::chrono::milliseconds(7000));
  };
  agents::HubClient client(loop, context, {connection, hello, false}, std::move(callbacks));
  self = &client;
  client.start();
  const auto welcomeBy = std::chrono::steady_clock::now() + timeout;
  loop.run([&] { return !result && (sent || std::chrono::steady_clock::now() < welcomeBy); },
           std::chrono::milliseconds(50));
  client.stop("inject done");
  if (!result) {
    err << kProgram << notWelcomed(connection.endpoint, o.live.timeoutS) << "\n";
    return kExitClaimFailed;
  }
  if (!result->ok) {
    err << kProgram
        << u8(CliText::tr("%1: refused: %2")
                  .arg(qs(describe(command)), qs(engine::printableText(result->error))))
        << "\n";
    return kExitClaimFailed;
  }
  out << u8(CliText::tr("ok: %1", "inject's answer").arg(qs(describe(command)))) << "\n";
  return kExitOk;
}

}  // namespace clusterscope::cli
