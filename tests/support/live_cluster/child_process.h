#pragma once

#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <chrono>
#include <optional>

// A program a test starts as a real process. It dies with the test (PR_SET_PDEATHSIG), and it
// is killed (SIGKILL) and waited for when this object goes, so that no test leaves a process
// behind, whatever fails. Its standard output and error are collected as they come.

namespace clusterscope::testing {

class ChildProcess {
 public:
  ChildProcess(const QString& program, const QStringList& arguments);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  bool running() const;
  qint64 pid() const;
  // Waits up to `timeout` for a line of standard output that matches `pattern`; returns the
  // pattern's first capture (the whole match when it has none), or nothing.
  std::optional<QString> waitForLine(const QRegularExpression& pattern,
                                     std::chrono::milliseconds timeout);
  void signal(int sig);
  // Waits up to `timeout` for the process to exit: its exit status, or nothing (still running,
  // or killed by a signal).
  std::optional<int> waitForExit(std::chrono::milliseconds timeout);
  QString output();  // standard output so far
  QString errors();  // standard error so far

 private:
  void collect();
  QProcess process_;
  QString out_;
  QString err_;
};

}  // namespace clusterscope::testing
