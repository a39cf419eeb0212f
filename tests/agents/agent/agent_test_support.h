#pragma once

#include <QFile>
#include <QRegularExpression>
#include <QtTest>
#include <memory>
#include <string>

#include "child_process.h"
#include "live_hub.h"

// What the agent's process tests share: writing a scenario, and starting clusterscope-agent
// against a LiveHub and reading where it serves from its banner.

namespace clusterscope::testing {

inline std::string writeText(const std::string& dir, const std::string& name,
                             const std::string& text) {
  const std::string path = dir + "/" + name;
  QFile f(QString::fromStdString(path));
  if (f.open(QIODevice::WriteOnly)) f.write(text.data(), static_cast<qint64>(text.size()));
  return path;
}

struct AgentProcess {
  std::unique_ptr<ChildProcess> process;
  std::string endpoint;  // its request ROUTER
  std::string metrics;   // its /metrics URL

  // Empty endpoint when it did not start (its stderr says why).
  AgentProcess(const LiveHub& hub, QStringList args) {
    args << "--connection" << QString::fromStdString(hub.connectionFile());
    process = std::make_unique<ChildProcess>(CLUSTERSCOPE_AGENT_PATH, args);
    const auto e = process->waitForLine(QRegularExpression(R"(serving on (tcp://\S+))"),
                                        std::chrono::seconds(10));
    if (e) endpoint = e->toStdString();
    const auto m = process->waitForLine(QRegularExpression(R"(metrics  (http://\S+))"),
                                        std::chrono::seconds(2));
    if (m) metrics = m->toStdString();
  }
};

}  // namespace clusterscope::testing
