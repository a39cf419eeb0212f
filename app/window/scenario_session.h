#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <optional>

#include "scenario.h"

namespace clusterscope::app {

class SimulationBackend;

// A simulated session: the SimulationBackend a window shows, the file its scenario came from,
// and what opening and saving scenarios means for it. The main window uses it for File ▸ Open,
// Examples, Save session and the comparison presets; a window that shows another kind of
// cluster has no session and offers none of these. GUI thread only.
class ScenarioSession : public QObject {
  Q_OBJECT

 public:
  explicit ScenarioSession(QObject* parent = nullptr);
  ~ScenarioSession() override;

  SimulationBackend* backend() const { return backend_; }
  // The file of the last successful open ("" before; ":/scenarios/..." for an example).
  QString currentFile() const { return currentFile_; }

  // Loads and validates a file (or a bundled ":/scenarios/..." one) and hands it to the back
  // end. On failure returns false with the loader's messages in `errors` (one line each) and
  // the running scenario keeps running. A success is remembered in the recent files.
  bool open(const QString& path, QStringList* errors = nullptr);
  // Writes the scenario shown plus what the user did as a scenario file that replays the
  // session, atomically. On failure returns false with the reason in `error`.
  bool save(const QString& path, QString* error = nullptr) const;
  // Writes `scenario` to `path` atomically; on failure false with the reason in `error`.
  static bool write(const QString& path, const engine::Scenario& scenario,
                    QString* error = nullptr);

  // Two variants to compare side by side, with their labels.
  struct Variants {
    engine::Scenario a;
    QString labelA;
    engine::Scenario b;
    QString labelB;
  };
  // "sync-async" and "breakers" vary the scenario shown; "monolith" pairs the bundled
  // monolith and microservices scenarios. Empty for an unknown name.
  std::optional<Variants> variants(const QString& preset) const;
  static QStringList presets() { return {"sync-async", "breakers", "monolith"}; }

 signals:
  void opened(const QString& path);

 private:
  SimulationBackend* backend_;
  QString currentFile_;
};

}  // namespace clusterscope::app
