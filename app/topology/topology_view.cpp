#include "topology_view.h"

#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QMap>
#include <QMenu>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "topology_legend.h"
#include "topology_menu.h"
#include "topology_scene.h"
#include "topology_tooltip.h"

namespace clusterscope::app {

namespace {

constexpr double kMinScale = 0.02;
constexpr double kMaxScale = 6.0;
constexpr double kMaxFitScale = 1.6;  // a tiny cluster should not fill the screen with one box
constexpr double kPresenterTextScale = 1.5;
constexpr int kClickSlop = 5;  // pixels a click may move and still select, not pan

}  // namespace

TopologyView::TopologyView(QWidget* parent)
    : QGraphicsView(parent), scene_(new TopologyScene(this)), legend_(new TopologyLegend(this)) {
  setScene(scene_);
  setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
  setDragMode(QGraphicsView::ScrollHandDrag);
  setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
  setResizeAnchor(QGraphicsView::AnchorViewCenter);
  // Many small repaints (dots on every edge) are merged into one rectangle rather than a
  // costly region.
  setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
  setBackgroundBrush(palette().color(QPalette::Window));
  setFrameShape(QFrame::NoFrame);
  setMouseTracking(true);
  placeLegend();
}

TopologyView::~TopologyView() = default;

void TopologyView::setBackend(ClusterBackend* backend) {
  for (const auto& c : connections_) disconnect(c);
  connections_.clear();
  backend_ = backend;
  running_ = backend && backend->runState() == RunState::Running;
  updateAnimation();
  if (!backend) {
    showLayout(nullptr, true);
    return;
  }
  connections_ << connect(backend, &ClusterBackend::clusterReset, this,
                          [this](std::shared_ptr<const model::ClusterLayout> layout) {
                            showLayout(std::move(layout), true);
                          });
  connections_ << connect(backend, &ClusterBackend::layoutChanged, this,
                          [this](std::shared_ptr<const model::ClusterLayout> layout) {
                            showLayout(std::move(layout), false);
                          });
  connections_ << connect(backend, &ClusterBackend::snapshotReady, this,
                          [this](std::shared_ptr<const model::ClusterSnapshot> snapshot) {
                            scene_->applySnapshot(std::move(snapshot));
                          });
  connections_ << connect(backend, &ClusterBackend::runStateChanged, this, [this](RunState s) {
    running_ = s == RunState::Running;
    updateAnimation();
  });
  // A back end destroyed while shown leaves an empty view, not a dangling one.
  connections_ << connect(backend, &QObject::destroyed, this, [this] { setBackend(nullptr); });
  showLayout(backend->layout(), true);
  scene_->applySnapshot(backend->lastSnapshot());
}

void TopologyView::updateAnimation() {
  // Paused traffic stands still; a hidden view (another tab) costs nothing.
  scene_->setAnimating(running_ && isVisible());
}

void TopologyView::showEvent(QShowEvent* event) {
  QGraphicsView::showEvent(event);
  updateAnimation();
}

void TopologyView::hideEvent(QHideEvent* event) {
  QGraphicsView::hideEvent(event);
  updateAnimation();
}

void TopologyView::showLayout(std::shared_ptr<const model::ClusterLayout> layout, bool reset) {
  const Selection before = scene_->selection();
  if (reset) scene_->setSelection({});
  scene_->setClusterLayout(std::move(layout));
  // A new cluster drops the selection; a new shape keeps it if what it names is still there.
  // Whoever follows the selection must hear when it is gone.
  if (before.kind != Selection::Kind::None && scene_->selection() != before) {
    emit selectionChanged(scene_->selection());
  }
  if (reset || autoFit_) fitAll();
}

Selection TopologyView::selectionAt(const QPoint& viewportPos) const {
  return scene_->selectionAt(mapToScene(viewportPos));
}

std::unique_ptr<QMenu> TopologyView::menuFor(const Selection& target) {
  auto menu = std::make_unique<QMenu>(this);
  const model::ClusterLayout* layout = scene_->clusterLayout();
  if (!layout || !backend_) return menu;
  menu->setToolTipsVisible(true);  // a disabled entry says why
  const TopologyMenu spec =
      topologyMenu(resolve(target, *layout), *layout, scene_->snapshot(), backend_->capabilities());
  if (spec.entries.empty()) return menu;
  if (!spec.title.isEmpty()) menu->addSection(spec.title);
  QMap<QString, QMenu*> submenus;
  for (const auto& e : spec.entries) {
    QMenu* into = menu.get();
    if (!e.submenu.isEmpty()) {
      if (!submenus.contains(e.submenu)) submenus.insert(e.submenu, menu->addMenu(e.submenu));
      into = submenus.value(e.submenu);
    }
    if (e.text.isEmpty()) {
      into->addSeparator();
      continue;
    }
    QAction* a = into->addAction(e.text);
    a->setEnabled(e.enabled);
    a->setCheckable(e.checkable);
    a->setChecked(e.checked);
    if (!e.toolTip.isEmpty()) a->setToolTip(e.toolTip);
    if (e.action) {
      connect(a, &QAction::triggered, this,
              [this, action = *e.action] { emit actionRequested(action); });
    }
  }
  return menu;
}

void TopologyView::fitAll() {
  autoFit_ = true;
  const QRectF content = scene_->contentRect();
  if (content.isEmpty() || viewport()->width() < 2 || viewport()->height() < 2) return;
  fitInView(content, Qt::KeepAspectRatio);
  const double s = transform().m11();
  if (s > kMaxFitScale) setTransform(QTransform::fromScale(kMaxFitScale, kMaxFitScale));
  centerOn(content.center());
}

void TopologyView::setPresenterMode(bool on) {
  if (on == presenter_) return;
  presenter_ = on;
  scene_->setTextScale(on ? kPresenterTextScale : 1.0);
  legend_->setTextScale(on ? kPresenterTextScale : 1.0);
  placeLegend();
  if (autoFit_) fitAll();
}

void TopologyView::setSelection(const Selection& selection) { scene_->setSelection(selection); }

void TopologyView::select(const Selection& selection) {
  if (selection == scene_->selection()) return;
  scene_->setSelection(selection);
  emit selectionChanged(selection);
}

void TopologyView::wheelEvent(QWheelEvent* event) {
  const double steps = event->angleDelta().y() / 120.0;
  if (steps == 0) return;
  const double current = transform().m11();
  const double target = std::clamp(current * std::pow(1.2, steps), kMinScale, kMaxScale);
  // AnchorUnderMouse keeps the point under the cursor in place.
  scale(target / current, target / current);
  autoFit_ = false;
  event->accept();
}

void TopologyView::mousePressEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton) {
    pressPos_ = event->position().toPoint();
    pressed_ = true;
  }
  QGraphicsView::mousePressEvent(event);
}

void TopologyView::mouseReleaseEvent(QMouseEvent* event) {
  QGraphicsView::mouseReleaseEvent(event);
  if (event->button() != Qt::LeftButton || !pressed_) return;
  pressed_ = false;
  const QPoint moved = event->position().toPoint() - pressPos_;
  if (moved.manhattanLength() > kClickSlop) {
    autoFit_ = false;  // the user panned: keep their view
    return;
  }
  select(selectionAt(event->position().toPoint()));
}

void TopologyView::mouseDoubleClickEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton &&
      selectionAt(event->position().toPoint()).kind == Selection::Kind::None) {
    fitAll();
    event->accept();
    return;
  }
  QGraphicsView::mouseDoubleClickEvent(event);
}

void TopologyView::contextMenuEvent(QContextMenuEvent* event) {
  const Selection target = selectionAt(event->pos());
  if (target.kind == Selection::Kind::None) return;
  select(target);  // what the menu acts on is what the details panel shows
  const auto menu = menuFor(target);
  if (!menu->isEmpty()) menu->exec(event->globalPos());
  event->accept();
}

void TopologyView::resizeEvent(QResizeEvent* event) {
  QGraphicsView::resizeEvent(event);
  placeLegend();
  if (autoFit_) fitAll();
}

bool TopologyView::viewportEvent(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const model::ClusterLayout* layout = scene_->clusterLayout();
    const QString text = layout ? topologyToolTip(scene_->targetAt(mapToScene(help->pos())),
                                                  *layout, scene_->snapshot())
                                : QString();
    if (text.isEmpty()) {
      QToolTip::hideText();
    } else {
      QToolTip::showText(help->globalPos(), text, viewport());
    }
    return true;
  }
  return QGraphicsView::viewportEvent(event);
}

void TopologyView::placeLegend() {
  legend_->resize(legend_->sizeHint());
  const int x = 8;
  const int y = viewport()->geometry().bottom() - legend_->height() - 8;
  legend_->move(x, std::max(0, y));
  legend_->raise();
}

}  // namespace clusterscope::app
