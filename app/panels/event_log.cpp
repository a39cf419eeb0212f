#include "event_log.h"

#include <QHeaderView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "model_text.h"
#include "state_colors.h"

namespace clusterscope::app {

EventLog::EventLog(QWidget* parent) : QWidget(parent), list_(new QTreeWidget(this)) {
  setObjectName("eventLog");
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(list_);
  list_->setColumnCount(2);
  list_->setHeaderLabels({tr("Time"), tr("Event")});
  list_->setRootIsDecorated(false);
  list_->setUniformRowHeights(true);
  list_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  list_->header()->setStretchLastSection(true);
}

void EventLog::setBackend(ClusterBackend* backend) {
  if (backend_) disconnect(backend_, nullptr, this, nullptr);
  backend_ = backend;
  if (!backend) return;
  connect(backend, &ClusterBackend::clusterReset, this, [this](const auto&, const auto& d) {
    clear();
    lastTimeS_ = 0.0;
    add(0, d && !d->name.empty() ? tr("%1 started").arg(QString::fromStdString(d->name))
                                 : tr("cluster started"));
  });
  connect(backend, &ClusterBackend::layoutChanged, this,
          [this] { add(lastTimeS_, tr("the cluster changed shape")); });
  connect(backend, &ClusterBackend::snapshotReady, this,
          [this](const auto& s) { lastTimeS_ = model::toSeconds(s->time); });
  connect(backend, &ClusterBackend::actionApplied, this,
          // The label in the interface's language, not the engine's English one.
          [this](double atS, const model::Action& a, const QString&) {
            add(atS, ModelText::action(a));
          });
  connect(backend, &ClusterBackend::actionRejected, this,
          [this](const model::Action& a, const QString& reason) {
            add(lastTimeS_, tr("refused %1: %2").arg(ModelText::action(a), reason),
                StateColors::critical());
          });
  connect(backend, &ClusterBackend::runStateChanged, this, [this](RunState s) {
    if (s == RunState::Finished) add(lastTimeS_, tr("run finished"));
  });
  connect(backend, &ClusterBackend::problem, this,
          [this](const QString& message) { add(lastTimeS_, message, StateColors::critical()); });
}

void EventLog::add(double atS, const QString& text, const QColor& color) {
  auto* item = new QTreeWidgetItem(list_, {QString("%1 s").arg(atS, 0, 'f', 1), text});
  item->setTextAlignment(0, Qt::AlignRight | Qt::AlignVCenter);
  if (color.isValid()) item->setForeground(1, color);
  while (list_->topLevelItemCount() > kMaxEntries) delete list_->takeTopLevelItem(0);
  list_->scrollToItem(item);
}

void EventLog::clear() { list_->clear(); }

int EventLog::entryCount() const { return list_->topLevelItemCount(); }

QString EventLog::entryText(int row) const {
  const auto* item = list_->topLevelItem(row);
  return item ? item->text(0) + "  " + item->text(1) : QString();
}

}  // namespace clusterscope::app
