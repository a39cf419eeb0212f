#pragma once

#include <QWidget>

namespace clusterscope::app {

// The key to the topology's colours and lines (replica states, sync and async calls, traffic
// dots), as a small overlay in a corner of the view. A widget of its own rather than painted
// over the scene, so that panning (which scrolls pixels) never smears it. Ignores the mouse.
class TopologyLegend : public QWidget {
  Q_OBJECT

 public:
  explicit TopologyLegend(QWidget* parent = nullptr);

  // Text size factor, as the scene's (presenter mode).
  void setTextScale(double scale);
  QSize sizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  QFont font_;
  double scale_ = 1.0;
};

}  // namespace clusterscope::app
