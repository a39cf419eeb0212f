#pragma once

#include <QString>
#include <QStringList>
#include <vector>

#include "scenario_loader.h"

namespace clusterscope::app {

// Where scenarios come from: files the user opens (any path) and the bundled examples, which
// are compiled into the application (":/scenarios/NAME.json") so that the binary needs no
// install tree. Also the recent-files list, kept in QSettings.
class ScenarioFiles {
 public:
  static constexpr int kMaxRecent = 10;
  static QString defaultLesson() { return ":/scenarios/lesson-microservices.json"; }

  // Loads and validates; a resource path (":/...") works like a file.
  static engine::LoadResult load(const QString& path);

  struct Example {
    QString path;   // ":/scenarios/..."
    QString title;  // the scenario's name
  };
  // The bundled scenarios with their titles, the lesson first.
  static std::vector<Example> examples();

  static QStringList recentFiles();
  static void addRecentFile(const QString& path);
};

}  // namespace clusterscope::app
