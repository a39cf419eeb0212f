#pragma once

#include <signal.h>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "process_census.h"

// clusterscope-cli as a user runs it, for the launch tests: one-shot commands, a launch
// running in the background whose output is read as it comes, and a `monitor --json` stream.
// Every child of a launch names the test's temporary directory in its arguments (the
// connection file is there), which is how a test counts what is left.

namespace clusterscope::testing {

using namespace std::chrono_literals;

struct CliRun {
  int code = -1;  // -1: did not finish in time, or crashed
  QString out;
  QString err;
};

// In the tests' English unless `language` names a LANG ("fr_FR.UTF-8").
inline CliRun runCli(const QStringList& args, int timeoutMs = 30000, const QString& language = {}) {
  QProcess p;
  if (!language.isEmpty()) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES"}) env.remove(name);
    env.insert("LANG", language);
    p.setProcessEnvironment(env);
  }
  p.start(CLUSTERSCOPE_CLI_PATH, args);
  CliRun r;
  if (!p.waitForFinished(timeoutMs)) {
    p.kill();
    p.waitForFinished(5000);
  } else if (p.exitStatus() == QProcess::NormalExit) {
    r.code = p.exitCode();
  }
  r.out = QString::fromUtf8(p.readAllStandardOutput());
  r.err = QString::fromUtf8(p.readAllStandardError());
  return r;
}

// A file of the tests' data directory.
inline QString data(const char* name) { return QString(CLUSTERSCOPE_TEST_DATA_DIR) + "/" + name; }

// A JSON file (a launch's --summary): null when unreadable, discarded when not JSON.
inline nlohmann::json readJson(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return nlohmann::json();
  return nlohmann::json::parse(f.readAll().toStdString(), nullptr, false);
}

// The Python agent as a launch's agent program (--agent-program).
inline QString pythonAgentCommand() {
  return QString("/usr/bin/python3 '%1'").arg(CLUSTERSCOPE_PYTHON_AGENT);
}

// A `clusterscope-cli launch` in the background.
class Launch {
 public:
  // `args` after "launch"; the connection file goes in the test's temporary directory.
  explicit Launch(const QTemporaryDir& dir, QStringList args)
      : dir_(dir.path()), connection_(dir.path() + "/run/connection.json") {
    process_.start(CLUSTERSCOPE_CLI_PATH,
                   QStringList{"launch", "--connection-file", connection_} + args);
  }
  ~Launch() {
    if (process_.state() != QProcess::NotRunning) {
      process_.kill();
      process_.waitForFinished(10000);
    }
  }

  // Reads stdout until it holds `text`; false after `timeout` or if the launch ended.
  bool waitFor(const QString& text, std::chrono::milliseconds timeout = 60s) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (!out_.contains(text)) {
      if (std::chrono::steady_clock::now() >= end) return false;
      if (process_.state() == QProcess::NotRunning) {
        out_ += process_.readAllStandardOutput();
        return out_.contains(text);
      }
      process_.waitForReadyRead(100);
      out_ += QString::fromUtf8(process_.readAllStandardOutput());
    }
    return true;
  }
  // Waits for the end; the exit status, or -1 (killed by a signal, or still running).
  int finish(int timeoutMs = 60000) {
    if (!process_.waitForFinished(timeoutMs)) return -1;
    out_ += QString::fromUtf8(process_.readAllStandardOutput());
    err_ += QString::fromUtf8(process_.readAllStandardError());
    return process_.exitStatus() == QProcess::NormalExit ? process_.exitCode() : -1;
  }
  void signal(int sig) { ::kill(static_cast<pid_t>(process_.processId()), sig); }
  pid_t pid() const { return static_cast<pid_t>(process_.processId()); }

  const QString& out() const { return out_; }
  QString err() {
    err_ += QString::fromUtf8(process_.readAllStandardError());
    return err_;
  }
  const QString& connectionFile() const { return connection_; }
  // Live processes started for this test (the launch itself, its children, monitors).
  std::size_t census() const { return processesMentioning(dir_.toStdString()).size(); }

 private:
  QString dir_;
  QString connection_;
  QProcess process_;
  QString out_, err_;
};

// `clusterscope-cli monitor --json` on a connection file, read line by line.
class MonitorStream {
 public:
  explicit MonitorStream(const QString& connectionFile) {
    process_.start(CLUSTERSCOPE_CLI_PATH, {"monitor", "--json", "--connection", connectionFile});
  }
  ~MonitorStream() {
    process_.kill();
    process_.waitForFinished(5000);
  }
  // The next line, parsed; nothing after `timeout`.
  std::optional<nlohmann::json> next(std::chrono::milliseconds timeout = 5s) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (!process_.canReadLine()) {
      if (std::chrono::steady_clock::now() >= end || process_.state() == QProcess::NotRunning) {
        return std::nullopt;
      }
      process_.waitForReadyRead(50);
    }
    const QByteArray line = process_.readLine();
    auto json = nlohmann::json::parse(line.toStdString(), nullptr, false);
    if (json.is_discarded()) return std::nullopt;
    return json;
  }
  // Reads lines until `test(line)` holds; the line, or nothing after `timeout`.
  template <typename Test>
  std::optional<nlohmann::json> until(Test test, std::chrono::milliseconds timeout = 10s) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
      auto line = next(std::chrono::duration_cast<std::chrono::milliseconds>(
          end - std::chrono::steady_clock::now()));
      if (line && test(*line)) return line;
    }
    return std::nullopt;
  }
  QString err() { return QString::fromUtf8(process_.readAllStandardError()); }

 private:
  QProcess process_;
};

// A replica's row in a monitor line: services.<service>.replicas[] with that number, the live
// one first.
inline std::optional<nlohmann::json> replicaRow(const nlohmann::json& line,
                                                const std::string& service, int replica) {
  if (!line.contains("services") || !line["services"].contains(service)) return std::nullopt;
  for (const auto& row : line["services"][service]["replicas"]) {
    if (row["replica"] == replica) return row;
  }
  return std::nullopt;
}

}  // namespace clusterscope::testing
