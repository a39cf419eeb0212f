#pragma once

#include <QPointer>
#include <QWidget>
#include <memory>

#include "cluster_backend.h"
#include "measured_under_theory.h"
#include "selection.h"

class QTextBrowser;

namespace clusterscope::app {

// Everything known about the selected element (a service, a replica, a call, a node or the
// broker), refreshed with each snapshot. With nothing selected: the cluster as a whole.
class DetailsPanel : public QWidget {
  Q_OBJECT

 public:
  explicit DetailsPanel(QWidget* parent = nullptr);
  // Not owned; null detaches (and so does the back end's destruction).
  void setBackend(ClusterBackend* backend);
  QString text() const;  // plain text of what is shown

 public slots:
  void setSelection(const clusterscope::app::Selection& selection);

 private:
  void refresh();
  QString clusterHtml() const;
  QString deploymentHtml(int d) const;
  QString replicaHtml(int d, int replica) const;
  QString theoryRows(int component) const;
  QString edgeHtml(int e) const;
  QString nodeHtml(int n) const;
  QString brokerHtml() const;

  QPointer<ClusterBackend> backend_;
  std::shared_ptr<const model::ClusterLayout> layout_;
  std::shared_ptr<const model::ClusterSnapshot> snapshot_;
  Selection selection_;
  MeasuredUnderTheory measured_;  // beside the theory rows
  QTextBrowser* view_;
};

}  // namespace clusterscope::app
