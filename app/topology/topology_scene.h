#pragma once

#include <QElapsedTimer>
#include <QGraphicsScene>
#include <QTimer>
#include <memory>
#include <vector>

#include "cluster_layout.h"
#include "cluster_snapshot.h"
#include "selection.h"
#include "topology_style.h"

class QGraphicsPathItem;
class QGraphicsSimpleTextItem;

namespace clusterscope::app {

class TopologyBrokerItem;
class TopologyEdgeItem;
class TopologyModuleItem;
class TopologyNodeItem;
class TopologyPartitionItem;
class TopologyServiceItem;

// The cluster drawn as a graph. Items are built once per layout (setClusterLayout) and only
// updated by snapshots (applySnapshot), which costs a pass over the replicas and repaints
// only what changed. One timer moves the traffic dots of every edge. GUI thread only.
class TopologyScene : public QGraphicsScene {
  Q_OBJECT

 public:
  explicit TopologyScene(QObject* parent = nullptr);
  ~TopologyScene() override;

  // Rebuilds every item for a new cluster shape (null: an empty scene) and drops the snapshot.
  // The selection stays if what it names is in the new layout; otherwise it is cleared.
  void setClusterLayout(std::shared_ptr<const model::ClusterLayout> layout);
  // Updates the items; a snapshot that does not match the layout's sizes is ignored.
  void applySnapshot(std::shared_ptr<const model::ClusterSnapshot> snapshot);
  // Text size factor (1 normal, 1.5 presenter mode). Rebuilds the items at the new size.
  void setTextScale(double scale);
  double textScale() const { return textScale_; }

  // Moves the traffic dots (about 30 frames a second) or freezes them where they are.
  void setAnimating(bool on);
  bool animating() const { return timer_.isActive(); }
  // Moves the dots by `seconds` and repaints the edges that have some: one frame.
  void advanceAnimation(double seconds);

  // Highlights what `selection` designates (Kind::None, or a name not shown: nothing).
  void setSelection(const Selection& selection);
  const Selection& selection() const { return selection_; }
  // What a click at `scenePos` designates: a replica's mark, a module, a service box, an
  // edge, the broker, a node; Kind::None on empty space.
  Selection selectionAt(const QPointF& scenePos) const;
  // The same, as indexes of the current layout.
  LayoutTarget targetAt(const QPointF& scenePos) const;

  // Null before the first layout / snapshot.
  const model::ClusterLayout* clusterLayout() const { return layout_.get(); }
  const model::ClusterSnapshot* snapshot() const { return snapshot_.get(); }
  // Everything drawn, with a margin: what "fit" shows.
  QRectF contentRect() const { return content_; }

  // Read-only queries, for tests and tools: what is shown, not how it is painted.
  int serviceItemCount() const { return static_cast<int>(services_.size()); }
  int edgeItemCount() const { return static_cast<int>(edges_.size()); }
  int nodeItemCount() const { return static_cast<int>(nodes_.size()); }
  bool hasBroker() const { return broker_ != nullptr; }
  // The colour of a replica's mark; invalid when no such replica is shown.
  QColor replicaColor(int deployment, int replica) const;
  // Whether a replica's mark shows it outside the plan (an agent started by hand).
  bool replicaOutsidePlan(int deployment, int replica) const;
  // Centre of a replica's mark in scene coordinates; null when it is not shown.
  QPointF replicaScenePos(int deployment, int replica) const;
  QRectF deploymentSceneRect(int deployment) const;
  // A module's box inside its host, or the box of a service's only component.
  QRectF componentSceneRect(int component) const;
  bool edgeIsDashed(int edge) const;
  int edgeDotCount(int edge) const;
  QString edgeLabelText(int edge) const;
  // A point on the edge's curve (its middle), in scene coordinates.
  QPointF edgeScenePos(int edge) const;
  bool brokerShownUp() const;
  bool brokerShown() const;  // drawn: the cluster has a broker (a live one may not)
  bool nodeShownUp(int node) const;
  int nodeMarkCount(int node) const;
  int partitionsShown() const;

 private:
  void build();
  void addEntryArrow(const QRectF& target);
  void highlight(const Selection& s, bool on);

  std::shared_ptr<const model::ClusterLayout> layout_;
  std::shared_ptr<const model::ClusterSnapshot> snapshot_;
  TopologyStyle style_;
  double textScale_ = 1.0;
  std::vector<TopologyServiceItem*> services_;  // per deployment
  std::vector<TopologyModuleItem*> modules_;    // per component; null unless a module
  std::vector<TopologyEdgeItem*> edges_;        // per edge
  std::vector<TopologyNodeItem*> nodes_;        // per node; empty when implicit
  std::vector<int> mainComponent_;              // per deployment: whose figures its box shows
  std::vector<QPointF> edgeMiddles_;
  TopologyBrokerItem* broker_ = nullptr;
  TopologyPartitionItem* partitions_ = nullptr;
  QGraphicsSimpleTextItem* entryLabel_ = nullptr;
  QRectF content_;
  Selection selection_;
  QTimer timer_;
  QElapsedTimer frameClock_;
};

}  // namespace clusterscope::app
