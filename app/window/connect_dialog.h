#pragma once

#include <QDialog>
#include <QString>

class QComboBox;
class QLabel;

namespace clusterscope::app {

// File ▸ Connect to agents…: where the live cluster is — a connection file (what
// `clusterscope-cli launch` and `clusterscope-hub` write, with the keys) or a hub's endpoint.
// Remembers what was used (QSettings "live/recentTargets"), the last one first.
class ConnectDialog : public QDialog {
  Q_OBJECT

 public:
  explicit ConnectDialog(QWidget* parent = nullptr);
  QString target() const;

  static QStringList recentTargets();
  static void remember(const QString& target);

 private:
  void browse();

  QComboBox* target_;
};

}  // namespace clusterscope::app
