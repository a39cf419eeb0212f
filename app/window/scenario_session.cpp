#include "scenario_session.h"

#include <QSaveFile>

#include "scenario_files.h"
#include "scenario_loader.h"
#include "simulation.h"
#include "simulation_backend.h"

namespace clusterscope::app {

ScenarioSession::ScenarioSession(QObject* parent)
    : QObject(parent), backend_(new SimulationBackend(this)) {}

ScenarioSession::~ScenarioSession() = default;

bool ScenarioSession::open(const QString& path, QStringList* errors) {
  const engine::LoadResult result = ScenarioFiles::load(path);
  if (!result.ok()) {
    if (errors) {
      errors->clear();
      for (const auto& d : result.errors) *errors << QString::fromStdString(d.format());
    }
    return false;
  }
  backend_->load(*result.scenario);
  currentFile_ = path;
  ScenarioFiles::addRecentFile(path);
  emit opened(path);
  return true;
}

bool ScenarioSession::save(const QString& path, QString* error) const {
  return write(path, backend_->sessionAsScenario(), error);
}

bool ScenarioSession::write(const QString& path, const engine::Scenario& scenario, QString* error) {
  QSaveFile f(path);
  const std::string json = engine::scenarioToJson(scenario);
  if (!f.open(QIODevice::WriteOnly) || f.write(json.data(), static_cast<qint64>(json.size())) < 0 ||
      !f.commit()) {
    if (error) *error = f.errorString();
    return false;
  }
  return true;
}

std::optional<ScenarioSession::Variants> ScenarioSession::variants(const QString& preset) const {
  const engine::Scenario& current = backend_->scenario();
  if (preset == "sync-async") {
    Variants v{current, tr("all sync"), current, tr("all async")};
    engine::forceCallMode(v.a, model::CallMode::Sync);
    engine::forceCallMode(v.b, model::CallMode::Async);
    return v;
  }
  if (preset == "breakers") {
    Variants v{current, tr("breakers on"), current, tr("breakers off")};
    model::Action off;
    off.kind = model::ActionKind::SetResilience;
    off.circuitBreaker = false;
    v.b.timeline.insert(v.b.timeline.begin(), model::TimelineEntry{0.0, off});
    return v;
  }
  if (preset == "monolith") {
    const auto a = ScenarioFiles::load(":/scenarios/monolith.json");
    const auto b = ScenarioFiles::load(":/scenarios/microservices.json");
    if (!a.ok() || !b.ok()) return std::nullopt;
    return Variants{*a.scenario, tr("monolith"), *b.scenario, tr("microservices")};
  }
  return std::nullopt;
}

}  // namespace clusterscope::app
