#include "connection_file.h"

#include "internal/json_in.h"
#include "protocol_limits.h"

namespace clusterscope::agents::protocol {

namespace {

using detail::fail;
using detail::Json;
using detail::ObjectIn;
using detail::Token;

constexpr std::size_t kZ85KeyBytes = 40;
constexpr std::size_t kMaxFileBytes = 64 * 1024;
constexpr std::string_view kZ85Alphabet =
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

std::string_view trim(std::string_view s, std::string_view chars) {
  const std::size_t first = s.find_first_not_of(chars);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(chars) - first + 1);
}

// pyzmq: line.strip(); skip '#' lines; a line starting with the key gives the text after the
// first '=' stripped of blanks and quotes.
std::optional<std::string_view> keyValue(std::string_view line, std::string_view key) {
  if (line.substr(0, key.size()) != key) return std::nullopt;
  const std::size_t eq = line.find('=');
  if (eq == std::string_view::npos) return std::nullopt;
  return trim(line.substr(eq + 1), " \t'\"");
}

Certificate parseCertificateText(std::string_view text) {
  if (text.size() > kMaxFileBytes) fail(DecodeReason::FrameSize, "a certificate over 64 KiB");
  std::optional<std::string_view> publicKey, secretKey;
  std::size_t start = 0;
  while (start < text.size() && !(publicKey && secretKey)) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = trim(text.substr(start, end - start), " \t\r\f\v");
    start = end + 1;
    if (line.empty() || line[0] == '#') continue;
    if (!publicKey) publicKey = keyValue(line, "public-key");
    if (!secretKey) secretKey = keyValue(line, "secret-key");
  }
  if (!publicKey) fail(DecodeReason::MissingField, "no public-key line in the certificate");
  if (!isZ85Key(*publicKey))
    fail(DecodeReason::BadValue, "the public key is not 40 Z85 characters");
  if (secretKey && !isZ85Key(*secretKey)) {
    fail(DecodeReason::BadValue, "the secret key is not 40 Z85 characters");
  }
  return {std::string(*publicKey), secretKey ? std::string(*secretKey) : std::string()};
}

ConnectionInfo parseConnectionText(std::string_view text) {
  if (text.size() > kMaxFileBytes) fail(DecodeReason::FrameSize, "a connection file over 64 KiB");
  const Json root = detail::parseObject(text);
  const ObjectIn in(root, "/");
  const std::int64_t version = in.integer("clusterscope_connection", 0, 1000);
  if (version != kConnectionFileVersion) {
    fail(DecodeReason::BadVersion,
         "connection file version " + std::to_string(version) + ", this side reads 1");
  }
  ConnectionInfo info;
  info.hub = in.token("hub", Token::Endpoint);
  info.hubPublicKey = in.textOr("hub_public_key", kZ85KeyBytes);
  if (!info.hubPublicKey.empty() && !isZ85Key(info.hubPublicKey)) {
    fail(DecodeReason::BadValue, in.at("hub_public_key") + ": not 40 Z85 characters");
  }
  info.controllerCertificate = in.textOr("controller_certificate", kMaxTextBytes);
  info.agentCertificate = in.textOr("agent_certificate", kMaxTextBytes);
  info.telemetry = in.tokenOr("telemetry", Token::Endpoint);
  info.launcherPid = in.integer("launcher_pid", 0, kMaxCount32, 0);
  info.scenario = in.textOr("scenario", kMaxTextBytes);
  return info;
}

}  // namespace

bool isZ85Key(std::string_view key) {
  return key.size() == kZ85KeyBytes &&
         key.find_first_not_of(kZ85Alphabet) == std::string_view::npos;
}

std::string formatCertificate(const Certificate& c, std::string_view generatedOn) {
  const bool secret = !c.secretKey.empty();
  std::string text = "#   ****  Generated on " + std::string(generatedOn) + " by pyzmq  ****\n";
  text += secret ? "#   ZeroMQ CURVE **Secret** Certificate\n"
                   "#   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.\n"
                 : "#   ZeroMQ CURVE Public Certificate\n"
                   "#   Exchange securely, or use a secure mechanism to verify the contents\n"
                   "#   of this file after exchange. Store public certificates in your home\n"
                   "#   directory, in the .curve subdirectory.\n";
  text += "\nmetadata\ncurve\n    public-key = \"" + c.publicKey + "\"\n";
  if (secret) text += "    secret-key = \"" + c.secretKey + "\"\n";
  return text;
}

Decoded<Certificate> parseCertificate(std::string_view text) {
  return detail::guarded<Certificate>([&] { return parseCertificateText(text); });
}

std::string formatConnectionFile(const ConnectionInfo& info) {
  Json j{{"clusterscope_connection", kConnectionFileVersion}, {"hub", info.hub}};
  if (!info.hubPublicKey.empty()) j["hub_public_key"] = info.hubPublicKey;
  if (!info.controllerCertificate.empty()) j["controller_certificate"] = info.controllerCertificate;
  if (!info.agentCertificate.empty()) j["agent_certificate"] = info.agentCertificate;
  if (!info.telemetry.empty()) j["telemetry"] = info.telemetry;
  if (info.launcherPid != 0) j["launcher_pid"] = info.launcherPid;
  if (!info.scenario.empty()) j["scenario"] = info.scenario;
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

Decoded<ConnectionInfo> parseConnectionFile(std::string_view text) {
  return detail::guarded<ConnectionInfo>([&] { return parseConnectionText(text); });
}

}  // namespace clusterscope::agents::protocol
