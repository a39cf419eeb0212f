#include "launch_settings.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "child_process.h"
#include "protocol_limits.h"
#include "scenario_loader.h"
#include "simulation.h"

namespace clusterscope::agents::launcher {

namespace {

namespace fs = std::filesystem;

std::string executableDir() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : self.parent_path().string();
}

// Where this build put `name`, when the project builds it (CMake passes the paths).
std::string buildPath(const std::string& name) {
#ifdef CLUSTERSCOPE_AGENT_BUILD_PATH
  if (name == "clusterscope-agent") return CLUSTERSCOPE_AGENT_BUILD_PATH;
#endif
#ifdef CLUSTERSCOPE_BROKER_BUILD_PATH
  if (name == "clusterscope-broker") return CLUSTERSCOPE_BROKER_BUILD_PATH;
#endif
#ifdef CLUSTERSCOPE_LOADGEN_BUILD_PATH
  if (name == "clusterscope-loadgen") return CLUSTERSCOPE_LOADGEN_BUILD_PATH;
#endif
  (void)name;
  return {};
}

std::vector<std::string> locate(const std::string& name) {
  const std::string dir = executableDir();
  if (!dir.empty() && ::access((dir + "/" + name).c_str(), X_OK) == 0) return {dir + "/" + name};
  if (const std::string built = buildPath(name);
      !built.empty() && ::access(built.c_str(), X_OK) == 0) {
    return {built};
  }
  return {name};
}

std::string pythonAgentScript() {
  const std::string installed =
      executableDir() + "/../share/clusterscope/python/clusterscope_agent.py";
  std::error_code ec;
  if (fs::exists(installed, ec)) return fs::weakly_canonical(installed, ec).string();
#ifdef CLUSTERSCOPE_PYTHON_AGENT_SOURCE
  return CLUSTERSCOPE_PYTHON_AGENT_SOURCE;
#else
  return "clusterscope_agent.py";
#endif
}

}  // namespace

Programs defaultPrograms() {
  return {locate("clusterscope-agent"),
          locate("clusterscope-broker"),
          locate("clusterscope-loadgen"),
          {"/usr/bin/python3", pythonAgentScript()}};
}

std::vector<std::string> splitCommand(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  bool inWord = false;
  char quote = 0;
  for (const char c : text) {
    if (quote) {
      if (c == quote) {
        quote = 0;
      } else {
        word += c;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
      inWord = true;
    } else if (c == ' ' || c == '\t' || c == '\n') {
      if (inWord) words.push_back(std::move(word));
      word.clear();
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push_back(std::move(word));
  return words;
}

bool needsBroker(const engine::Scenario& s) {
  auto anyAsync = [](const std::vector<engine::CallSpec>& calls) {
    return std::any_of(calls.begin(), calls.end(),
                       [](const engine::CallSpec& c) { return c.mode == model::CallMode::Async; });
  };
  for (const auto& service : s.services) {
    if (anyAsync(service.calls)) return true;
    for (const auto& m : service.modules) {
      if (anyAsync(m.calls)) return true;
    }
  }
  for (const auto& entry : s.timeline) {
    const model::Action& a = entry.action;
    if ((a.kind == model::ActionKind::SetCallMode && a.mode == model::CallMode::Async) ||
        a.kind == model::ActionKind::BrokerOutage || a.kind == model::ActionKind::BrokerRecover) {
      return true;
    }
  }
  return !(s.broker == engine::BrokerSpec{});
}

protocol::ClusterPlan clusterPlan(const engine::Scenario& s) {
  protocol::ClusterPlan plan;
  plan.description = engine::describeScenario(s);
  // The engine's own reading of the scenario, so monitors index a live cluster as they would
  // its simulation.
  plan.layout = engine::Simulation(s).layout();
  for (const auto& service : s.services) {
    int replicas = service.replicas;
    if (service.autoscale) {
      replicas =
          std::clamp(replicas, service.autoscale->minReplicas, service.autoscale->maxReplicas);
    }
    plan.replicas.push_back(replicas);
  }
  // The file itself when it fits, for monitors that did not launch it (its lesson in every
  // language, its questions, its theory).
  if (std::string text = engine::scenarioToJson(s);
      text.size() <= protocol::kMaxScenarioTextBytes) {
    plan.scenario = std::move(text);
  }
  return plan;
}

}  // namespace clusterscope::agents::launcher
