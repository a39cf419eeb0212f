#include "internal/control_json.h"

// HELLO, WELCOME, ERROR, BYE, SUBSCRIBE and ROUTES: joining, leaving and being told where
// the others are.

namespace clusterscope::agents::protocol::detail {

namespace {

constexpr std::int64_t kMaxMinor = 65535;
// The scenario format's bound on a replica index: twice its replica count, for the
// replacements of a rolling update.
constexpr std::int64_t kMaxReplica = 19999;

Json endpointsJson(const Endpoints& e) {
  Json j = Json::object();
  if (!e.requests.empty()) j["requests"] = e.requests;
  if (!e.broker.empty()) j["broker"] = e.broker;
  if (!e.metrics.empty()) j["metrics"] = e.metrics;
  return j;
}

Endpoints readEndpoints(const ObjectIn& in) {
  return {in.tokenOr("requests", Token::Endpoint), in.tokenOr("broker", Token::Endpoint),
          in.tokenOr("metrics", Token::Endpoint)};
}

void requireFor(bool present, const std::string& path, const char* role) {
  if (!present) {
    fail(DecodeReason::MissingField, path + ": required for role \"" + std::string(role) + "\"");
  }
}

}  // namespace

Json stringArray(const std::vector<std::string>& items) {
  Json j = Json::array();
  for (const std::string& s : items) j.push_back(s);
  return j;
}

std::vector<std::string> readTokens(const ObjectIn& in, std::string_view key, Token kind,
                                    std::size_t maxItems) {
  std::vector<std::string> out;
  if (const Json* items = in.arrayOr(key, maxItems)) {
    const Where array = in.where(key);
    for (std::size_t i = 0; i < items->size(); ++i) {
      out.push_back(readToken((*items)[i], Where(array, i), kind));
    }
  }
  return out;
}

Json toJson(const Hello& m) {
  Json j{{"minor", m.minor}, {"role", peerRoleName(m.role)}, {"instance", m.instance}};
  if (!m.capabilities.empty()) j["capabilities"] = stringArray(m.capabilities);
  if (!m.service.empty()) j["service"] = m.service;
  if (m.replica >= 0) j["replica"] = m.replica;
  if (!m.modules.empty()) j["modules"] = stringArray(m.modules);
  if (!m.language.empty()) j["language"] = m.language;
  if (m.pid != 0) j["pid"] = m.pid;
  if (!m.node.empty()) j["node"] = m.node;
  if (m.workers != 0) j["workers"] = m.workers;
  if (m.queueCapacity) j["queue_capacity"] = *m.queueCapacity;
  if (!m.calls.empty()) {
    Json calls = Json::array();
    for (const CallInfo& c : m.calls) {
      Json call{{"to", c.to}, {"mode", model::callModeName(c.mode)}};
      if (!c.from.empty()) call["from"] = c.from;
      calls.push_back(std::move(call));
    }
    j["calls"] = std::move(calls);
  }
  const Endpoints none;
  if (m.endpoints != none) j["endpoints"] = endpointsJson(m.endpoints);
  return j;
}

void fromJson(const ObjectIn& in, Hello& m) {
  m.minor = static_cast<int>(in.integer("minor", 0, kMaxMinor));
  m.capabilities = readTokens(in, "capabilities", Token::Word, kMaxCapabilities);
  m.role = in.choice("role", peerRoleFromName);
  m.instance = in.token("instance", Token::Instance);
  m.service = in.tokenOr("service", Token::Name);
  m.replica = static_cast<int>(in.integer("replica", 0, kMaxReplica, -1));
  m.modules = readTokens(in, "modules", Token::Name, kMaxItems);
  m.language = in.textOr("language", kMaxNameBytes);
  m.pid = in.integer("pid", 0, kMaxCount32, 0);
  m.node = in.tokenOr("node", Token::Name);
  m.workers = in.integer("workers", 0, kMaxCount32, 0);
  if (in.has("queue_capacity")) m.queueCapacity = in.integer("queue_capacity", 0, kMaxCount32);
  in.eachObject("calls", kMaxCalls, ObjectIn::Need::Optional, [&](const ObjectIn& call) {
    m.calls.push_back({call.tokenOr("from", Token::Name), call.token("to", Token::Name),
                       call.choice("mode", callModeFromName)});
  });
  if (const auto endpoints = in.objectOr("endpoints")) m.endpoints = readEndpoints(*endpoints);
  // What the hub needs to route to and draw each role (docs/protocol.md, "HELLO").
  if (m.role == PeerRole::Agent) {
    requireFor(!m.service.empty(), in.at("service"), "agent");
    requireFor(m.replica >= 0, in.at("replica"), "agent");
    requireFor(!m.endpoints.requests.empty(), in.at("endpoints") + "/requests", "agent");
    if (m.workers < 1) {
      fail(DecodeReason::OutOfRange, in.at("workers") + ": an agent needs at least 1 worker");
    }
  } else if (m.role == PeerRole::Broker) {
    requireFor(!m.endpoints.broker.empty(), in.at("endpoints") + "/broker", "broker");
  }
}

Json toJson(const Welcome& m) {
  Json j{{"minor", m.minor},
         {"hub", m.hub},
         {"report_interval_ms", m.reportIntervalMs},
         {"suspect_after_ms", m.suspectAfterMs},
         {"down_after_ms", m.downAfterMs}};
  if (!m.capabilities.empty()) j["capabilities"] = stringArray(m.capabilities);
  return j;
}

void fromJson(const ObjectIn& in, Welcome& m) {
  m.minor = static_cast<int>(in.integer("minor", 0, kMaxMinor));
  m.capabilities = readTokens(in, "capabilities", Token::Word, kMaxCapabilities);
  m.hub = in.token("hub", Token::Instance);
  const Welcome defaults;
  constexpr std::int64_t kMinMs = 10, kMaxMsInt = 600000;
  m.reportIntervalMs =
      in.integer("report_interval_ms", kMinMs, kMaxMsInt, defaults.reportIntervalMs);
  m.suspectAfterMs = in.integer("suspect_after_ms", kMinMs, kMaxMsInt, defaults.suspectAfterMs);
  m.downAfterMs = in.integer("down_after_ms", kMinMs, kMaxMsInt, defaults.downAfterMs);
  if (!(m.reportIntervalMs < m.suspectAfterMs && m.suspectAfterMs < m.downAfterMs)) {
    fail(DecodeReason::Inconsistent,
         in.path() + ": needs report_interval_ms < suspect_after_ms < down_after_ms");
  }
}

Json toJson(const ErrorMessage& m) {
  Json j{{"code", m.code}};
  if (!m.message.empty()) j["message"] = m.message;
  return j;
}

void fromJson(const ObjectIn& in, ErrorMessage& m) {
  m.code = in.token("code", Token::Word);
  m.message = in.textOr("message", kMaxTextBytes);
}

Json toJson(const Bye& m) {
  Json j = Json::object();
  if (!m.reason.empty()) j["reason"] = m.reason;
  return j;
}

void fromJson(const ObjectIn& in, Bye& m) { m.reason = in.textOr("reason", kMaxTextBytes); }

Json toJson(const Subscribe& m) {
  Json j = Json::object();
  if (m.updateIntervalMs > 0) j["update_interval_ms"] = m.updateIntervalMs;
  return j;
}

void fromJson(const ObjectIn& in, Subscribe& m) {
  m.updateIntervalMs = in.integer("update_interval_ms", 0, kMaxUpdateIntervalMs, 0);
}

Json toJson(const Routes& m) {
  Json services = Json::array();
  for (const ServiceRoutes& s : m.services) {
    Json replicas = Json::array();
    for (const RouteReplica& r : s.replicas) {
      Json replica{{"instance", r.instance}, {"replica", r.replica}, {"endpoint", r.endpoint}};
      if (!r.node.empty()) replica["node"] = r.node;
      replicas.push_back(std::move(replica));
    }
    Json service{{"service", s.service}, {"replicas", std::move(replicas)}};
    if (!s.modules.empty()) service["modules"] = stringArray(s.modules);
    services.push_back(std::move(service));
  }
  Json j{{"version", m.version}, {"services", std::move(services)}};
  if (!m.broker.empty()) j["broker"] = m.broker;
  return j;
}

void fromJson(const ObjectIn& in, Routes& m) {
  m.version = in.count("version");
  m.broker = in.tokenOr("broker", Token::Endpoint);
  in.eachObject("services", kMaxItems, ObjectIn::Need::Required, [&](const ObjectIn& s) {
    ServiceRoutes routes{
        s.token("service", Token::Name), readTokens(s, "modules", Token::Name, kMaxItems), {}};
    s.eachObject("replicas", kMaxItems, ObjectIn::Need::Required, [&](const ObjectIn& r) {
      routes.replicas.push_back({r.token("instance", Token::Instance),
                                 static_cast<int>(r.integer("replica", 0, kMaxReplica)),
                                 r.tokenOr("node", Token::Name),
                                 r.token("endpoint", Token::Endpoint)});
    });
    m.services.push_back(std::move(routes));
  });
}

}  // namespace clusterscope::agents::protocol::detail
