#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

// clusterscope-cli run as a user runs it: the real executable in a child process. In English
// unless `language` says otherwise (a LANG value such as "fr_FR.UTF-8"): the tests compare its
// English texts whatever the machine's locale.

namespace clusterscope::testing {

struct CliResult {
  int exitCode = -1;
  QString out;
  QString err;
};

// `environment`: more variables, "NAME=VALUE".
inline CliResult runCliProcess(const QStringList& args, const QString& language = "C.UTF-8",
                               const QStringList& environment = {}) {
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  for (const char* name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES"}) env.remove(name);
  env.insert("LANG", language);
  for (const QString& variable : environment) {
    env.insert(variable.section('=', 0, 0), variable.section('=', 1));
  }
  p.setProcessEnvironment(env);
  p.start(CLUSTERSCOPE_CLI_PATH, args);
  if (!p.waitForFinished(120000)) qFatal("clusterscope-cli did not finish");
  if (p.exitStatus() != QProcess::NormalExit) qFatal("clusterscope-cli crashed");
  return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
          QString::fromUtf8(p.readAllStandardError())};
}

inline QString cliData(const char* name) {
  return QString(CLUSTERSCOPE_TEST_DATA_DIR) + "/" + name;
}

}  // namespace clusterscope::testing
