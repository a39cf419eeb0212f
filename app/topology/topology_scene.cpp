#include "topology_scene.h"

#include <QGraphicsPathItem>
#include <QGraphicsSimpleTextItem>
#include <QPen>
#include <algorithm>

#include "state_colors.h"
#include "topology_broker_item.h"
#include "topology_edge_item.h"
#include "topology_format.h"
#include "topology_layout.h"
#include "topology_module_item.h"
#include "topology_node_item.h"
#include "topology_partition_item.h"
#include "topology_routing.h"
#include "topology_service_item.h"

namespace clusterscope::app {

namespace {

constexpr int kFrameMs = 33;        // ~30 frames a second: smooth enough, cheap enough
constexpr double kMaxFrameS = 0.1;  // after a stall, do not jump the dots across the edge

template <typename T>
bool inRange(int i, const std::vector<T>& v) {
  return i >= 0 && i < static_cast<int>(v.size());
}

// Whose figures a deployment's box shows: its only component, or for a monolith the module
// its callers reach first (the entry, or one called from outside).
std::vector<int> mainComponents(const model::ClusterLayout& layout) {
  std::vector<int> main(layout.deployments.size(), -1);
  for (std::size_t d = 0; d < layout.deployments.size(); ++d) {
    const auto& comps = layout.deployments[d].components;
    if (!comps.empty()) main[d] = comps.front();
  }
  for (const auto& e : layout.edges) {
    const int d = layout.components[e.to].deployment;
    if (layout.components[e.from].deployment != d && layout.deployments[d].isMonolith &&
        main[d] == layout.deployments[d].components.front()) {
      main[d] = e.to;
    }
  }
  if (inRange(layout.entryComponent, layout.components)) {
    main[layout.components[layout.entryComponent].deployment] = layout.entryComponent;
  }
  return main;
}

}  // namespace

TopologyScene::TopologyScene(QObject* parent) : QGraphicsScene(parent) {
  style_.configure(textScale_, palette());
  timer_.setInterval(kFrameMs);
  connect(&timer_, &QTimer::timeout, this, [this] {
    const double dt = std::min(kMaxFrameS, frameClock_.restart() / 1000.0);
    advanceAnimation(dt);
  });
}

TopologyScene::~TopologyScene() = default;

void TopologyScene::setClusterLayout(std::shared_ptr<const model::ClusterLayout> layout) {
  layout_ = std::move(layout);
  snapshot_.reset();
  if (!layout_ || resolve(selection_, *layout_).kind == Selection::Kind::None) selection_ = {};
  build();
}

void TopologyScene::setTextScale(double scale) {
  if (scale == textScale_) return;
  textScale_ = scale;
  style_.configure(textScale_, palette());
  build();
}

void TopologyScene::build() {
  clear();  // deletes the items
  services_.clear();
  modules_.clear();
  edges_.clear();
  nodes_.clear();
  edgeMiddles_.clear();
  broker_ = nullptr;
  partitions_ = nullptr;
  entryLabel_ = nullptr;
  content_ = {};
  if (!layout_) {
    setSceneRect(QRectF());
    return;
  }
  const model::ClusterLayout& layout = *layout_;
  const TopologyPlacement place = layoutTopology(layout, style_.metrics);
  const std::vector<EdgeRoute> routes = routeEdges(layout, place);
  mainComponent_ = mainComponents(layout);

  modules_.assign(layout.components.size(), nullptr);
  for (std::size_t d = 0; d < layout.deployments.size(); ++d) {
    const auto& info = layout.deployments[d];
    auto* box = new TopologyServiceItem(static_cast<int>(d), info, place.deployments[d], &style_);
    addItem(box);
    services_.push_back(box);
    if (!info.isMonolith) continue;
    for (int c : info.components) {
      const QRectF local = place.components[c].translated(-place.deployments[d].topLeft());
      modules_[c] = new TopologyModuleItem(c, QString::fromStdString(layout.components[c].name),
                                           local, &style_, box);
    }
  }
  for (std::size_t e = 0; e < layout.edges.size(); ++e) {
    const auto& info = layout.edges[e];
    const bool sameDeployment =
        layout.components[info.from].deployment == layout.components[info.to].deployment;
    auto* edge =
        new TopologyEdgeItem(static_cast<int>(e), routes[e], info.mode, sameDeployment, &style_);
    addItem(edge);
    edges_.push_back(edge);
    edgeMiddles_.push_back(routes[e].path.pointAtPercent(0.5));
  }
  if (!place.broker.isNull()) {
    broker_ = new TopologyBrokerItem(place.broker, &style_);
    addItem(broker_);
  }
  for (std::size_t n = 0; n < place.nodes.size(); ++n) {
    auto* node = new TopologyNodeItem(
        static_cast<int>(n), QString::fromStdString(layout.nodes[n].name), place.nodes[n], &style_);
    addItem(node);
    nodes_.push_back(node);
  }
  content_ = place.bounds;
  if (!place.nodes.empty()) {
    partitions_ = new TopologyPartitionItem(place.nodes, &style_);
    addItem(partitions_);
    content_ = content_.united(partitions_->boundingRect());
  }
  if (inRange(layout.entryComponent, place.components)) {
    addEntryArrow(place.components[layout.entryComponent]);
  }
  content_.adjust(-30, -30, 30, 30);
  setSceneRect(content_);
  if (snapshot_) applySnapshot(snapshot_);
  highlight(selection_, true);
}

void TopologyScene::addEntryArrow(const QRectF& target) {
  // The clients, left of the entry: where the reading starts.
  const auto& m = style_.metrics;
  const QPointF tip(target.left() - 4, target.center().y());
  const QPointF tail(tip.x() - m.entryGap + 16, tip.y());
  QPainterPath path(tail);
  path.lineTo(tip - QPointF(10, 0));
  QPainterPath head;
  head.addPolygon(QPolygonF({tip, tip - QPointF(12, 6), tip - QPointF(12, -6), tip}));
  auto* line = addPath(path, QPen(style_.line, 3));
  auto* arrow = addPath(head, Qt::NoPen, style_.line);
  line->setZValue(0.5);
  arrow->setZValue(0.5);
  auto* clients = addSimpleText(Topology::tr("clients"), style_.body);
  clients->setBrush(style_.text);
  clients->setPos(tail.x(), tail.y() - clients->boundingRect().height() - 4);
  entryLabel_ = addSimpleText(QString(), style_.small);
  entryLabel_->setBrush(style_.mutedText);
  entryLabel_->setPos(tail.x(), tail.y() + 4);
}

void TopologyScene::applySnapshot(std::shared_ptr<const model::ClusterSnapshot> snapshot) {
  if (!snapshot || !layout_) return;
  const model::ClusterLayout& layout = *layout_;
  const model::ClusterSnapshot& s = *snapshot;
  if (s.deployments.size() != layout.deployments.size() ||
      s.components.size() != layout.components.size() || s.edges.size() != layout.edges.size() ||
      s.nodes.size() != layout.nodes.size()) {
    return;  // from another layout, in flight while the scene was rebuilt
  }
  snapshot_ = std::move(snapshot);

  for (std::size_t d = 0; d < services_.size(); ++d) {
    const auto& view = s.deployments[d];
    double failed = 0;
    for (int c : layout.deployments[d].components)
      failed = std::max(failed, s.components[c].failedRatio);
    const int main = mainComponent_[d];
    services_[d]->setState(view, main >= 0 ? s.components[main] : model::ComponentView{}, failed);
    bool anyUp = false;
    for (const auto& r : view.replicas) anyUp = anyUp || r.state == model::ReplicaState::Ready;
    for (int c : layout.deployments[d].components) {
      if (modules_[c]) modules_[c]->setState(s.components[c], !anyUp);
    }
  }
  for (std::size_t e = 0; e < edges_.size(); ++e) edges_[e]->setState(s.edges[e]);
  if (broker_) {
    broker_->setVisible(s.brokerPresent);
    broker_->setState(s.brokerUp, s.brokerBacklog, s.brokerLagMs);
  }
  if (!nodes_.empty()) {
    std::vector<std::vector<QColor>> marks(nodes_.size());
    for (std::size_t d = 0; d < s.deployments.size(); ++d) {
      const int workers = layout.deployments[d].workersPerReplica;
      for (const auto& r : s.deployments[d].replicas) {
        if (inRange(r.node, marks)) marks[r.node].push_back(StateColors::replica(r, workers));
      }
    }
    for (std::size_t n = 0; n < nodes_.size(); ++n)
      nodes_[n]->setState(s.nodes[n], std::move(marks[n]));
  }
  if (partitions_) partitions_->setPartitions(s.partitions);
  if (entryLabel_) {
    const QString text = formatRate(s.arrivalRateRps > 0 ? s.arrivalRateRps : s.throughputRps);
    if (entryLabel_->text() != text) entryLabel_->setText(text);
  }
}

void TopologyScene::setAnimating(bool on) {
  if (on == timer_.isActive()) return;
  if (on) {
    frameClock_.start();
    timer_.start();
  } else {
    timer_.stop();
  }
}

void TopologyScene::advanceAnimation(double seconds) {
  style_.animationS += seconds;
  for (auto* e : edges_) {
    if (e->dotCount() > 0) e->update();
  }
}

void TopologyScene::highlight(const Selection& selection, bool on) {
  if (!layout_) return;
  const LayoutTarget s = resolve(selection, *layout_);
  switch (s.kind) {
    case Selection::Kind::None:
      break;
    case Selection::Kind::Deployment:
    case Selection::Kind::Replica:
      if (inRange(s.index, services_)) {
        services_[s.index]->setHighlight(on && s.kind == Selection::Kind::Deployment,
                                         on && s.kind == Selection::Kind::Replica ? s.replica : -1);
      }
      break;
    case Selection::Kind::Component:
      if (inRange(s.index, modules_) && modules_[s.index]) {
        modules_[s.index]->setHighlight(on);
      } else if (inRange(s.index, layout_->components)) {
        const int d = layout_->components[s.index].deployment;
        if (inRange(d, services_)) services_[d]->setHighlight(on, -1);
      }
      break;
    case Selection::Kind::Edge:
      if (inRange(s.index, edges_)) edges_[s.index]->setHighlight(on);
      break;
    case Selection::Kind::Node:
      if (inRange(s.index, nodes_)) nodes_[s.index]->setHighlight(on);
      break;
    case Selection::Kind::Broker:
      if (broker_) broker_->setHighlight(on);
      break;
  }
}

void TopologyScene::setSelection(const Selection& selection) {
  highlight(selection_, false);
  selection_ = selection;
  highlight(selection_, true);
}

Selection TopologyScene::selectionAt(const QPointF& pos) const {
  return layout_ ? selectionOf(targetAt(pos), *layout_) : Selection{};
}

LayoutTarget TopologyScene::targetAt(const QPointF& pos) const {
  const auto hits = items(pos, Qt::IntersectsItemShape, Qt::DescendingOrder);
  for (QGraphicsItem* item : hits) {
    switch (item->type()) {
      case kModuleItemType:
        return {Selection::Kind::Component, static_cast<TopologyModuleItem*>(item)->component()};
      case kServiceItemType: {
        auto* box = static_cast<TopologyServiceItem*>(item);
        const int r = box->replicaAt(box->mapFromScene(pos));
        if (r >= 0) return {Selection::Kind::Replica, box->deployment(), r};
        return {Selection::Kind::Deployment, box->deployment()};
      }
      case kEdgeItemType:
        return {Selection::Kind::Edge, static_cast<TopologyEdgeItem*>(item)->edge()};
      case kBrokerItemType:
        return {Selection::Kind::Broker};
      case kNodeItemType:
        return {Selection::Kind::Node, static_cast<TopologyNodeItem*>(item)->node()};
      default:
        break;  // decorations: look below
    }
  }
  return {};
}

QColor TopologyScene::replicaColor(int d, int replica) const {
  return inRange(d, services_) ? services_[d]->replicaColor(replica) : QColor();
}

bool TopologyScene::replicaOutsidePlan(int d, int replica) const {
  return inRange(d, services_) && services_[d]->replicaOutsidePlan(replica);
}

QPointF TopologyScene::replicaScenePos(int d, int replica) const {
  if (!inRange(d, services_)) return {};
  const QRectF r = services_[d]->replicaRect(replica);
  return r.isEmpty() ? QPointF() : services_[d]->mapToScene(r.center());
}

QRectF TopologyScene::deploymentSceneRect(int d) const {
  if (!inRange(d, services_)) return {};
  return services_[d]->mapRectToScene(services_[d]->boundingRect().adjusted(6, 6, -6, -6));
}

QRectF TopologyScene::componentSceneRect(int c) const {
  if (inRange(c, modules_) && modules_[c]) {
    return modules_[c]->mapRectToScene(modules_[c]->boundingRect().adjusted(5, 5, -5, -5));
  }
  if (!layout_ || !inRange(c, layout_->components)) return {};
  return deploymentSceneRect(layout_->components[c].deployment);
}

bool TopologyScene::edgeIsDashed(int e) const {
  return inRange(e, edges_) && edges_[e]->isDashed();
}

int TopologyScene::edgeDotCount(int e) const {
  return inRange(e, edges_) ? edges_[e]->dotCount() : 0;
}

QString TopologyScene::edgeLabelText(int e) const {
  return inRange(e, edges_) ? edges_[e]->label() : QString();
}

QPointF TopologyScene::edgeScenePos(int e) const {
  return inRange(e, edgeMiddles_) ? edgeMiddles_[e] : QPointF();
}

bool TopologyScene::brokerShownUp() const { return broker_ && broker_->isUp(); }

bool TopologyScene::brokerShown() const { return broker_ && broker_->isVisible(); }

bool TopologyScene::nodeShownUp(int n) const { return inRange(n, nodes_) && nodes_[n]->isUp(); }

int TopologyScene::nodeMarkCount(int n) const {
  return inRange(n, nodes_) ? nodes_[n]->markCount() : 0;
}

int TopologyScene::partitionsShown() const {
  return partitions_ ? partitions_->partitionCount() : 0;
}

}  // namespace clusterscope::app
