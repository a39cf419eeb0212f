#include "internal/control_json.h"

// What monitors receive: the planned cluster (CLUSTER), the hub's state (SNAPSHOT) and its
// changes (UPDATE, PEER_STATE).

namespace clusterscope::agents::protocol::detail {

namespace {

constexpr std::int64_t kMaxReplicas = 10000;  // the scenario format's bound

int readIndex(const Json& v, const Where& at, std::size_t size) {
  if (size == 0) fail(DecodeReason::OutOfRange, at.str() + ": refers to an empty list");
  return static_cast<int>(readInteger(v, at, 0, static_cast<std::int64_t>(size) - 1));
}

int readIndex(const ObjectIn& in, std::string_view key, std::size_t size) {
  return readIndex(in.get(key), in.where(key), size);
}

Json layoutJson(const ClusterPlan& plan) {
  const model::ClusterLayout& l = plan.layout;
  Json components = Json::array();
  for (const model::ComponentInfo& c : l.components) {
    components.push_back(
        Json{{"name", c.name}, {"deployment", c.deployment}, {"module", c.isModule}});
  }
  Json deployments = Json::array();
  for (std::size_t i = 0; i < l.deployments.size(); ++i) {
    const model::DeploymentInfo& d = l.deployments[i];
    Json j{{"name", d.name},
           {"components", d.components},
           {"monolith", d.isMonolith},
           {"workers", d.workersPerReplica},
           {"autoscaled", d.autoscaled},
           {"replicas", i < plan.replicas.size() ? plan.replicas[i] : 0}};
    if (!d.language.empty()) j["language"] = d.language;
    if (d.coresPerReplica > 0) j["cores"] = d.coresPerReplica;
    deployments.push_back(std::move(j));
  }
  Json edges = Json::array();
  for (const model::EdgeInfo& e : l.edges) {
    edges.push_back(Json{{"from", e.from},
                         {"to", e.to},
                         {"mode", model::callModeName(e.mode)},
                         {"in_process", e.inProcess}});
  }
  Json nodes = Json::array();
  for (const model::NodeInfo& n : l.nodes) {
    nodes.push_back(Json{{"name", n.name}, {"cores", n.cores}, {"implicit", n.implicit}});
  }
  return Json{{"components", std::move(components)},
              {"deployments", std::move(deployments)},
              {"edges", std::move(edges)},
              {"nodes", std::move(nodes)},
              {"entry", l.entryComponent}};
}

// Components first (deployments refer to them and they to deployments), then every index
// checked against the list it points into.
void readLayout(const ObjectIn& in, ClusterPlan& plan) {
  model::ClusterLayout& l = plan.layout;
  const std::size_t deployments = in.array("deployments", kMaxItems).size();
  in.eachObject("components", kMaxItems, ObjectIn::Need::Required, [&](const ObjectIn& c) {
    l.components.push_back({c.token("name", Token::Name), readIndex(c, "deployment", deployments),
                            c.boolean("module", false)});
  });
  in.eachObject("deployments", kMaxItems, ObjectIn::Need::Required, [&](const ObjectIn& d) {
    model::DeploymentInfo info;
    info.name = d.token("name", Token::Name);
    const Json& members = d.array("components", kMaxItems);
    const Where array = d.where("components");
    const auto self = static_cast<int>(l.deployments.size());
    for (std::size_t k = 0; k < members.size(); ++k) {
      const int component = readIndex(members[k], Where(array, k), l.components.size());
      if (l.components[static_cast<std::size_t>(component)].deployment != self) {
        fail(DecodeReason::Inconsistent, Where(array, k).str() + ": component " +
                                             std::to_string(component) +
                                             " belongs to another deployment");
      }
      info.components.push_back(component);
    }
    info.isMonolith = d.boolean("monolith", false);
    info.language = d.textOr("language", kMaxNameBytes);
    info.workersPerReplica = static_cast<int>(d.integer("workers", 1, kMaxCount32));
    info.autoscaled = d.boolean("autoscaled", false);
    info.coresPerReplica = d.number("cores", 0, kMaxFactor, 0.0);
    plan.replicas.push_back(d.integer("replicas", 0, kMaxReplicas));
    l.deployments.push_back(std::move(info));
  });
  in.eachObject("edges", kMaxItems, ObjectIn::Need::Required, [&](const ObjectIn& e) {
    l.edges.push_back({readIndex(e, "from", l.components.size()),
                       readIndex(e, "to", l.components.size()), e.choice("mode", callModeFromName),
                       e.boolean("in_process", false)});
  });
  in.eachObject("nodes", kMaxItems, ObjectIn::Need::Required, [&](const ObjectIn& n) {
    l.nodes.push_back({n.token("name", Token::Name), n.number("cores", 0, kMaxNodeCores),
                       n.boolean("implicit", false)});
  });
  l.entryComponent = l.components.empty() ? static_cast<int>(in.integer("entry", 0, 0, 0))
                                          : readIndex(in, "entry", l.components.size());
}

}  // namespace

Json toJson(const ClusterPlan& m) {
  const model::ClusterDescription& d = m.description;
  Json j{{"name", d.name},
         {"nominal_rate_rps", d.nominalRateRps},
         {"duration_s", d.durationS},
         {"layout", layoutJson(m)}};
  if (!d.description.empty()) j["description"] = d.description;
  if (!d.lesson.empty()) {
    Json lesson = Json::array();
    for (const model::LessonStep& step : d.lesson) {
      // The protocol carries one language (English, or the plain text) and no questions yet.
      Json s{{"at_s", step.atS}, {"title", step.title.text()}};
      if (!step.text.empty()) s["text"] = step.text.text();
      lesson.push_back(std::move(s));
    }
    j["lesson"] = std::move(lesson);
  }
  if (!m.scenario.empty()) j["scenario"] = m.scenario;
  return j;
}

void fromJson(const ObjectIn& in, ClusterPlan& m) {
  model::ClusterDescription& d = m.description;
  d.name = in.text("name", kMaxTextBytes);
  d.description = in.textOr("description", kMaxLongTextBytes);
  d.nominalRateRps = in.number("nominal_rate_rps", 0, kMaxRateRps, 0.0);
  d.durationS = in.number("duration_s", 0, kMaxSeconds, 0.0);
  in.eachObject("lesson", kMaxLessonSteps, ObjectIn::Need::Optional, [&](const ObjectIn& s) {
    model::LessonStep step;
    step.atS = s.number("at_s", 0, kMaxSeconds);
    step.title = s.text("title", kMaxTextBytes);
    step.text = s.textOr("text", kMaxLongTextBytes);
    d.lesson.push_back(std::move(step));
  });
  readLayout(in.object("layout"), m);
  m.scenario = in.textOr("scenario", kMaxScenarioTextBytes);
}

Json toJson(const Cluster& m) { return Json{{"seq", m.seq}, {"cluster", toJson(m.plan)}}; }

void fromJson(const ObjectIn& in, Cluster& m) {
  m.seq = in.count("seq", 0);
  fromJson(in.object("cluster"), m.plan);
}

Json toJson(const PeerEntry& m) {
  Json j{{"hello", toJson(m.hello)}, {"liveness", livenessName(m.liveness)}};
  if (!m.reason.empty()) j["reason"] = m.reason;
  if (m.report) j["report"] = toJson(*m.report);
  return j;
}

Json toJson(const Snapshot& m) {
  Json peers = Json::array();
  for (const PeerEntry& p : m.peers) peers.push_back(toJson(p));
  Json j{{"seq", m.seq}, {"part", m.part}, {"parts", m.parts}, {"peers", std::move(peers)}};
  if (m.cluster) j["cluster"] = toJson(*m.cluster);
  return j;
}

void fromJson(const ObjectIn& in, Snapshot& m) {
  m.seq = in.count("seq");
  m.parts = in.integer("parts", 1, kMaxCount32);
  m.part = in.integer("part", 1, m.parts);
  if (const auto cluster = in.objectOr("cluster")) {
    if (m.part != 1) {
      fail(DecodeReason::Inconsistent, cluster->path() + ": only part 1 carries the cluster");
    }
    fromJson(*cluster, m.cluster.emplace());
  }
  in.eachObject("peers", kMaxItems, ObjectIn::Need::Required, [&](const ObjectIn& p) {
    PeerEntry entry;
    fromJson(p.object("hello"), entry.hello);
    entry.liveness = p.choice("liveness", livenessFromName);
    entry.reason = p.textOr("reason", kMaxTextBytes);
    if (const auto report = p.objectOr("report")) fromJson(*report, entry.report.emplace());
    m.peers.push_back(std::move(entry));
  });
}

Json toJson(const Update& m) {
  return Json{{"seq", m.seq}, {"instance", m.instance}, {"report", toJson(m.report)}};
}

void fromJson(const ObjectIn& in, Update& m) {
  m.seq = in.count("seq");
  m.instance = in.token("instance", Token::Instance);
  fromJson(in.object("report"), m.report);
}

Json toJson(const PeerState& m) {
  Json j{{"seq", m.seq}, {"instance", m.instance}, {"liveness", livenessName(m.liveness)}};
  if (!m.reason.empty()) j["reason"] = m.reason;
  if (m.hello) j["hello"] = toJson(*m.hello);
  if (m.pid != 0) j["pid"] = m.pid;
  return j;
}

void fromJson(const ObjectIn& in, PeerState& m) {
  m.seq = in.count("seq");
  m.instance = in.token("instance", Token::Instance);
  m.liveness = in.choice("liveness", livenessFromName);
  m.reason = in.textOr("reason", kMaxTextBytes);
  m.pid = in.integer("pid", 0, kMaxCount32, 0);
  if (const auto hello = in.objectOr("hello")) {
    fromJson(*hello, m.hello.emplace());
    if (m.hello->instance != m.instance) {
      fail(DecodeReason::Inconsistent, hello->at("instance") + ": differs from \"instance\"");
    }
  }
}

}  // namespace clusterscope::agents::protocol::detail
