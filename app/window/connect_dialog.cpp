#include "connect_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

#include "live_connection.h"

namespace clusterscope::app {

namespace {
constexpr int kMaxRecent = 10;
}

ConnectDialog::ConnectDialog(QWidget* parent) : QDialog(parent), target_(new QComboBox(this)) {
  setObjectName("connectDialog");
  setWindowTitle(tr("Connect to agents"));
  auto* help = new QLabel(
      tr("A <b>connection file</b> holds the hub's address and the keys to command it: "
         "<code>clusterscope-cli launch</code> and <code>clusterscope-hub</code> write one "
         "and print where. A hub's <b>endpoint</b> (<code>tcp://host:port</code>) works too; "
         "its keys then come from the default connection file."),
      this);
  help->setWordWrap(true);
  target_->setEditable(true);
  target_->setObjectName("connectTarget");
  target_->setMinimumWidth(460);
  QStringList items = recentTargets();
  const QString byDefault = QString::fromStdString(defaultLiveConnectionFile());
  if (!items.contains(byDefault)) items << byDefault;
  target_->addItems(items);
  auto* browse = new QPushButton(tr("Browse…"), this);
  connect(browse, &QPushButton::clicked, this, &ConnectDialog::browse);
  auto* row = new QHBoxLayout;
  row->addWidget(target_, 1);
  row->addWidget(browse);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(help);
  layout->addLayout(row);
  layout->addWidget(buttons);
}

QString ConnectDialog::target() const { return target_->currentText().trimmed(); }

void ConnectDialog::browse() {
  const QString start = QFileInfo(target()).absolutePath();
  const QString path = QFileDialog::getOpenFileName(this, tr("Connection file"), start,
                                                    tr("Connection files (*.json);;All files (*)"));
  if (!path.isEmpty()) target_->setCurrentText(path);
}

QStringList ConnectDialog::recentTargets() {
  return QSettings().value("live/recentTargets").toStringList();
}

void ConnectDialog::remember(const QString& target) {
  QStringList list = recentTargets();
  list.removeAll(target);
  list.prepend(target);
  while (list.size() > kMaxRecent) list.removeLast();
  QSettings().setValue("live/recentTargets", list);
}

}  // namespace clusterscope::app
