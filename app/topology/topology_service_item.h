#pragma once

#include <QGraphicsItem>
#include <QString>
#include <vector>

#include "cluster_layout.h"
#include "cluster_snapshot.h"
#include "topology_mark_grid.h"
#include "topology_style.h"

namespace clusterscope::app {

// One deployment's box: name, language tag, one mark per replica coloured by its state, a
// border coloured by health, and two lines of figures (utilisation, throughput, p95, errors,
// broker backlog). A monolith's box is taller and holds its modules as child items.
// Replica marks are painted here, not as items of their own, so that 2,000 replicas cost 200
// items. GUI thread only.
class TopologyServiceItem : public QGraphicsItem {
 public:
  enum { Type = kServiceItemType };

  // `rect` is in scene coordinates; `style` must outlive the item.
  TopologyServiceItem(int deployment, const model::DeploymentInfo& info, const QRectF& rect,
                      const TopologyStyle* style);

  int type() const override { return Type; }
  int deployment() const { return deployment_; }
  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

  // From a snapshot: the deployment's replicas and utilisation, the figures of its main
  // component (the one its callers call), and the worst failure ratio of its components.
  // Repaints only when something visible changed.
  void setState(const model::DeploymentView& view, const model::ComponentView& main,
                double failedRatio);
  // Outlines the whole box, or one replica's mark (-1: none).
  void setHighlight(bool box, int replica);

  // The replica number whose mark is under `local` (item coordinates), or -1.
  int replicaAt(const QPointF& local) const;
  // A replica's mark in item coordinates; empty when the snapshot has no such replica.
  QRectF replicaRect(int replica) const;
  // A replica's colour as last painted; invalid when there is no such replica.
  QColor replicaColor(int replica) const;
  // The replica numbers as shown, in order.
  std::vector<int> replicaNumbers() const;
  // Whether the replica's mark shows it outside the cluster's plan (an agent started by hand).
  bool replicaOutsidePlan(int replica) const;

 private:
  struct Mark {
    int replica = 0;
    QColor color;
    model::ReplicaState state = model::ReplicaState::Ready;
    bool inPlan = true;  // false: drawn with a dashed outline
    bool operator==(const Mark&) const = default;
  };

  QRectF marksArea() const;

  int deployment_;
  const TopologyStyle* style_;
  QRectF rect_;                     // item coordinates: (0, 0, width, height)
  QString name_, language_, kind_;  // kind_: what a monolith is, after the tag
  int workers_;
  QRectF tagRect_, kindRect_;
  std::vector<Mark> marks_;
  MarkGrid grid_;
  QString line1_, line2_, count_;
  QColor border_;
  bool allDown_ = false;
  bool highlightBox_ = false;
  int highlightReplica_ = -1;
};

}  // namespace clusterscope::app
