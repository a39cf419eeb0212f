#pragma once

#include <QPointer>
#include <QWidget>

#include "cluster_backend.h"

class QTreeWidget;

namespace clusterscope::app {

// A time-stamped list of what happened: actions (from the timeline or the user), refused
// actions with the reason, run state changes, back-end problems. Newest at the bottom; it
// keeps the last few thousand entries so that a long session does not grow without end.
class EventLog : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kMaxEntries = 5000;

  explicit EventLog(QWidget* parent = nullptr);
  // Not owned; null detaches (and so does the back end's destruction). The log is kept.
  void setBackend(ClusterBackend* backend);
  int entryCount() const;
  QString entryText(int row) const;  // "12.0 s  killed orders#1"

 public slots:
  void add(double atS, const QString& text, const QColor& color = {});
  void clear();

 private:
  QPointer<ClusterBackend> backend_;
  QTreeWidget* list_;
  double lastTimeS_ = 0.0;
};

}  // namespace clusterscope::app
