#include "topology_legend.h"

#include <QFontMetricsF>
#include <QPainter>
#include <cmath>
#include <vector>

#include "state_colors.h"
#include "topology_format.h"

namespace clusterscope::app {

namespace {

struct Swatch {
  QString text;
  QColor color;
  enum Kind { Mark, SyncLine, AsyncLine, Dot } kind;
};

std::vector<Swatch> swatches() {
  return {{Topology::tr("idle"), StateColors::idle(), Swatch::Mark},
          {Topology::tr("busy"), StateColors::busy(), Swatch::Mark},
          {Topology::tr("slow"), StateColors::slow(), Swatch::Mark},
          {Topology::tr("starting"), StateColors::starting(), Swatch::Mark},
          {Topology::tr("down"), StateColors::down(), Swatch::Mark},
          {Topology::tr("sync call"), QColor(), Swatch::SyncLine},
          {Topology::tr("async call"), QColor(), Swatch::AsyncLine},
          {Topology::tr("traffic (×10 = 3 more dots)"), StateColors::busy(), Swatch::Dot}};
}

}  // namespace

TopologyLegend::TopologyLegend(QWidget* parent) : QWidget(parent) {
  setAttribute(Qt::WA_TransparentForMouseEvents);
  setTextScale(1.0);
}

void TopologyLegend::setTextScale(double scale) {
  scale_ = scale;
  font_ = font();
  font_.setPixelSize(static_cast<int>(std::lround(11 * scale)));
  resize(sizeHint());
  update();
}

QSize TopologyLegend::sizeHint() const {
  const QFontMetricsF fm(font_);
  const double swatch = 22 * scale_;
  double w = 8;
  for (const auto& s : swatches()) w += swatch + fm.horizontalAdvance(s.text) + 12 * scale_;
  return QSize(static_cast<int>(std::ceil(w)), static_cast<int>(std::ceil(fm.height() + 10)));
}

void TopologyLegend::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  QColor back = palette().color(QPalette::Base);
  back.setAlphaF(0.9f);
  p.setPen(QPen(palette().color(QPalette::Mid), 1));
  p.setBrush(back);
  p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
  p.setFont(font_);
  const QFontMetricsF fm(font_);
  const QColor text = palette().color(QPalette::Text);
  const double swatch = 22 * scale_, mid = height() / 2.0, mark = 11 * scale_;
  double x = 8;
  for (const auto& s : swatches()) {
    switch (s.kind) {
      case Swatch::Mark:
        p.setPen(QPen(text, 0.8));
        p.setBrush(s.color);
        p.drawRoundedRect(QRectF(x + 2, mid - mark / 2, mark, mark), 2, 2);
        break;
      case Swatch::SyncLine:
      case Swatch::AsyncLine: {
        QPen pen(text, 2);
        if (s.kind == Swatch::AsyncLine) pen.setDashPattern({4.0, 3.0});
        p.setPen(pen);
        p.drawLine(QPointF(x, mid), QPointF(x + swatch - 4, mid));
        break;
      }
      case Swatch::Dot:
        p.setPen(Qt::NoPen);
        p.setBrush(s.color);
        p.drawEllipse(QPointF(x + mark / 2 + 2, mid), 3.5 * scale_, 3.5 * scale_);
        break;
    }
    x += swatch;
    p.setPen(text);
    const double w = fm.horizontalAdvance(s.text);
    p.drawText(QRectF(x, 0, w + 2, height()), Qt::AlignLeft | Qt::AlignVCenter, s.text);
    x += w + 12 * scale_;
  }
}

}  // namespace clusterscope::app
