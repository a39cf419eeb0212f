#pragma once

#include <QGraphicsView>
#include <QList>
#include <QPointer>
#include <memory>

#include "action.h"
#include "cluster_backend.h"
#include "selection.h"

class QMenu;

namespace clusterscope::app {

class TopologyLegend;
class TopologyScene;

// The topology panel: the cluster as a graph that reads left to right along its calls.
// Wheel zooms around the cursor, dragging pans, a double-click on empty space fits all. A
// click selects (selectionChanged); a right-click offers the actions that apply to what is
// under the cursor and emits actionRequested (the main window forwards it to the back end;
// the view never applies anything itself). Talks to the ClusterBackend interface only.
// GUI thread only.
class TopologyView : public QGraphicsView {
  Q_OBJECT

 public:
  explicit TopologyView(QWidget* parent = nullptr);
  ~TopologyView() override;

  // Follows `backend`'s layout, snapshots and run state (the dots move only while it runs).
  // Not owned; null detaches, and so does the back end's destruction. Shows the back end's
  // current layout at once if it has one. Context menus offer what its capabilities allow.
  void setBackend(ClusterBackend* backend);
  ClusterBackend* backend() const { return backend_; }

  TopologyScene* topologyScene() const { return scene_; }
  bool presenterMode() const { return presenter_; }

  // What is under a point of the viewport (Kind::None for empty space).
  Selection selectionAt(const QPoint& viewportPos) const;
  // The context menu for `target`: a section title, then its actions, each of which emits
  // actionRequested when triggered. Empty when nothing applies. The caller owns it.
  std::unique_ptr<QMenu> menuFor(const Selection& target);

 public slots:
  // Shows the whole cluster; the view then keeps fitting on resize until the user zooms or
  // pans.
  void fitAll();
  // Larger text for a projector (the boxes grow with it); fits all again if fitted.
  void setPresenterMode(bool on);
  // Highlights a selection made elsewhere (details panel, charts) without emitting.
  void setSelection(const clusterscope::app::Selection& selection);

 signals:
  // The user clicked something (Kind::None: empty space), or what was selected is gone.
  void selectionChanged(const clusterscope::app::Selection& selection);
  // The user chose an action in a context menu.
  void actionRequested(const clusterscope::model::Action& action);

 protected:
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void contextMenuEvent(QContextMenuEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  bool viewportEvent(QEvent* event) override;
  void showEvent(QShowEvent* event) override;
  void hideEvent(QHideEvent* event) override;

 private:
  // `reset`: a new cluster (clusterReset), not only a new shape of the same one.
  void showLayout(std::shared_ptr<const model::ClusterLayout> layout, bool reset);
  void select(const Selection& selection);
  void placeLegend();
  void updateAnimation();

  TopologyScene* scene_;
  TopologyLegend* legend_;
  QPointer<ClusterBackend> backend_;
  QList<QMetaObject::Connection> connections_;
  bool autoFit_ = true;
  bool presenter_ = false;
  bool running_ = false;  // the backend runs: traffic moves
  QPoint pressPos_;
  bool pressed_ = false;
};

}  // namespace clusterscope::app
