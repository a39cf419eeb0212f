#include "scenario_files.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <algorithm>

namespace clusterscope::app {

engine::LoadResult ScenarioFiles::load(const QString& path) {
  if (!path.startsWith(":/")) return engine::loadScenarioFile(path.toStdString());
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    engine::LoadResult r;
    r.errors.push_back({path.toStdString(), 0, 0, "", "no such bundled scenario"});
    return r;
  }
  const QByteArray text = f.readAll();
  return engine::loadScenarioText(std::string_view(text.constData(), text.size()),
                                  path.toStdString());
}

std::vector<ScenarioFiles::Example> ScenarioFiles::examples() {
  std::vector<Example> out;
  const QDir dir(":/scenarios");
  for (const QString& name : dir.entryList({"*.json"}, QDir::Files, QDir::Name)) {
    if (name == "schema.json") continue;
    const QString path = dir.filePath(name);
    const auto r = load(path);
    out.push_back({path, r.ok() ? QString::fromStdString(r.scenario->name) : name});
  }
  std::stable_partition(out.begin(), out.end(),
                        [](const Example& e) { return e.path == defaultLesson(); });
  return out;
}

QStringList ScenarioFiles::recentFiles() { return QSettings().value("recentFiles").toStringList(); }

void ScenarioFiles::addRecentFile(const QString& path) {
  if (path.startsWith(":/")) return;  // examples have their own menu
  QStringList list = recentFiles();
  const QString absolute = QFileInfo(path).absoluteFilePath();
  list.removeAll(absolute);
  list.prepend(absolute);
  while (list.size() > kMaxRecent) list.removeLast();
  QSettings().setValue("recentFiles", list);
}

}  // namespace clusterscope::app
