#include "promtool_check.h"

#include <QProcess>
#include <QStandardPaths>

namespace clusterscope::testing {

QString promtoolProblems(const std::string& page) {
  const QString promtool = QStandardPaths::findExecutable("promtool");
  if (promtool.isEmpty()) return "promtool is needed (Debian: prometheus, see .ci/setup.sh)";
  QProcess check;
  check.start(promtool, {"check", "metrics"});
  check.write(page.data(), static_cast<qint64>(page.size()));
  check.closeWriteChannel();
  if (!check.waitForFinished(30000)) return "promtool did not finish within 30 s";
  if (check.exitStatus() != QProcess::NormalExit || check.exitCode() != 0) {
    const QString said = QString::fromUtf8(check.readAllStandardError()).trimmed();
    return said.isEmpty() ? QString("promtool failed (exit %1)").arg(check.exitCode()) : said;
  }
  return {};
}

}  // namespace clusterscope::testing
