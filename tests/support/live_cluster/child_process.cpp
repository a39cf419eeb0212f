#include "child_process.h"

#include <signal.h>
#include <sys/prctl.h>

#include <QElapsedTimer>

namespace clusterscope::testing {

ChildProcess::ChildProcess(const QString& program, const QStringList& arguments) {
  // In the child, between fork and exec: it goes when the test does, even a killed test.
  process_.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
  process_.start(program, arguments);
  process_.waitForStarted(10000);
}

ChildProcess::~ChildProcess() {
  if (process_.state() != QProcess::NotRunning) {
    process_.kill();
    process_.waitForFinished(10000);
  }
}

bool ChildProcess::running() const { return process_.state() == QProcess::Running; }

qint64 ChildProcess::pid() const { return process_.processId(); }

void ChildProcess::collect() {
  out_ += QString::fromUtf8(process_.readAllStandardOutput());
  err_ += QString::fromUtf8(process_.readAllStandardError());
}

std::optional<QString> ChildProcess::waitForLine(const QRegularExpression& pattern,
                                                 std::chrono::milliseconds timeout) {
  QElapsedTimer clock;
  clock.start();
  for (;;) {
    collect();
    const auto match = pattern.match(out_);
    if (match.hasMatch())
      return match.lastCapturedIndex() >= 1 ? match.captured(1) : match.captured(0);
    if (clock.elapsed() >= timeout.count() || process_.state() == QProcess::NotRunning) break;
    process_.waitForReadyRead(50);
  }
  return std::nullopt;
}

void ChildProcess::signal(int sig) {
  if (running()) ::kill(static_cast<pid_t>(process_.processId()), sig);
}

std::optional<int> ChildProcess::waitForExit(std::chrono::milliseconds timeout) {
  if (process_.state() != QProcess::NotRunning)
    process_.waitForFinished(static_cast<int>(timeout.count()));
  collect();
  if (process_.state() != QProcess::NotRunning || process_.exitStatus() != QProcess::NormalExit) {
    return std::nullopt;
  }
  return process_.exitCode();
}

QString ChildProcess::output() {
  collect();
  return out_;
}

QString ChildProcess::errors() {
  collect();
  return err_;
}

}  // namespace clusterscope::testing
