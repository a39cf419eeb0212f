#include "charts_panel.h"

#include <QFileDialog>
#include <QMessageBox>
#include <QSaveFile>
#include <QSettings>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

#include "chart_markers.h"
#include "chart_source_graphs.h"
#include "charts_toolbar.h"
#include "model_text.h"

namespace clusterscope::app {

namespace {

constexpr int kRefreshMs = 33;  // at most ~30 replots a second, whatever the sample rate
// Exports of a panel that was never laid out (a test, a headless tool) get a readable size.
const QSize kMinExportSize(1280, 960);
constexpr double kMinDashSegmentPx = 4.0;
constexpr double kMaxSmoothPointsPerPx = 1.0;

}  // namespace

struct ChartsPanel::Source {
  QPointer<ClusterBackend> backend;
  QString label;
  QColor color;
  ChartHistory history;
  std::unique_ptr<ChartSourceGraphs> graphs;
  std::vector<QMetaObject::Connection> connections;
};

ChartsPanel::ChartsPanel(QWidget* parent)
    : QWidget(parent), canvas_(new ChartCanvas(this)), toolbar_(new ChartsToolbar(this)) {
  markers_ = std::make_unique<ChartMarkers>(canvas_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  layout->addWidget(toolbar_);
  layout->addWidget(canvas_, 1);
  toolbar_->setWindowSeconds(windowS_);
  toolbar_->setFollow(follow_);
  connect(toolbar_, &ChartsToolbar::scopeChosen, this, &ChartsPanel::setScope);
  connect(toolbar_, &ChartsToolbar::windowChosen, this, &ChartsPanel::setWindowSeconds);
  connect(toolbar_, &ChartsToolbar::followToggled, this, &ChartsPanel::setFollow);
  connect(toolbar_, &ChartsToolbar::logLatencyToggled, this, &ChartsPanel::setLogLatency);
  connect(toolbar_, &ChartsToolbar::theoryToggled, this, &ChartsPanel::setTheoryShown);
  theoryShown_ = QSettings().value(QStringLiteral("charts/theory"), true).toBool();
  toolbar_->setTheory(theoryShown_);
  connect(toolbar_, &ChartsToolbar::exportRequested, this, &ChartsPanel::exportWithDialog);

  refreshTimer_.setSingleShot(true);
  refreshTimer_.setInterval(kRefreshMs);
  connect(&refreshTimer_, &QTimer::timeout, this, &ChartsPanel::refresh);
  // Every replot, whoever asked for it (the timer, a drag, a resize), first places the window
  // and fits the value axes; labels are placed once the layout has pixel sizes.
  connect(canvas_, &QCustomPlot::beforeReplot, this, &ChartsPanel::prepareFrame);
  connect(canvas_, &QCustomPlot::afterLayout, this, [this] { markers_->layoutLabels(); });
  connect(canvas_, &ChartCanvas::userMovedX, this, [this] { setFollow(false); });
}

ChartsPanel::~ChartsPanel() {
  // Graphs and items belong to the canvas, which outlives these members: remove them first.
  clearSources();
  markers_.reset();
}

void ChartsPanel::addSource(ClusterBackend* backend, const QString& label, const QColor& base) {
  if (!backend) return;
  auto s = std::make_unique<Source>();
  const int index = sourceCount();
  s->backend = backend;
  s->label = label;
  s->color = base.isValid() ? base : ChartStyle::sourceColor(index);
  s->graphs = std::make_unique<ChartSourceGraphs>(canvas_, index, s->color, QString());
  s->graphs->setTheoryShown(theoryShown_);
  s->history.reset(backend->layout());
  sources_.push_back(std::move(s));
  connectSource(*sources_.back());
  retag();
  if (index == 0) refreshScopeChoices();
  markDirty();
}

void ChartsPanel::connectSource(Source& s) {
  ClusterBackend* b = s.backend;
  Source* p = &s;  // stable: sources are held by unique_ptr; connections die with the source
  s.connections = {
      connect(b, &ClusterBackend::clusterReset, this,
              [this, p](std::shared_ptr<const model::ClusterLayout> l) { onReset(*p, l); }),
      connect(b, &ClusterBackend::layoutChanged, this,
              [this, p](std::shared_ptr<const model::ClusterLayout> l) { onReshape(*p, l); }),
      connect(b, &ClusterBackend::samplesReady, this,
              [this, p](const QVector<model::ChartSample>& samples) { onSamples(*p, samples); }),
      connect(b, &ClusterBackend::actionApplied, this,
              // The label in the interface's language, not the engine's English one.
              [this, p](double atS, const model::Action& a, const QString&) {
                onAction(*p, atS, ModelText::action(a));
              }),
      // A settled lesson question marks the moment its figure was measured.
      connect(b, &ClusterBackend::questionSettled, this,
              [this, p](int, const model::QuestionOutcome& o) {
                onAction(*p, o.windowS.second,
                         o.matching ? tr("answer %1").arg(QChar(model::choiceLetter(*o.matching)))
                                    : tr("no answer"));
              }),
      connect(b, &QObject::destroyed, this, [this, p] { removeSource(p); }),
  };
}

void ChartsPanel::removeSource(Source* s) {
  auto it =
      std::find_if(sources_.begin(), sources_.end(), [s](const auto& p) { return p.get() == s; });
  if (it == sources_.end()) return;
  for (const auto& c : (*it)->connections) disconnect(c);
  sources_.erase(it);
  // Pen styles and marker bits follow a source's place: redraw the others from their history.
  markers_->clear();
  for (std::size_t i = 0; i < sources_.size(); ++i) {
    Source& other = *sources_[i];
    other.graphs =
        std::make_unique<ChartSourceGraphs>(canvas_, static_cast<int>(i), other.color, QString());
    other.graphs->setTheoryShown(theoryShown_);
    other.graphs->rebuild(other.history, scope_);
    for (const ChartMarker& m : other.history.markers()) {
      markers_->add(m.atS, m.label, static_cast<int>(i), ChartStyle::markerColor());
    }
  }
  retag();
  refreshScopeChoices();
  markDirty();
}

void ChartsPanel::clearSources() {
  for (auto& s : sources_) {
    for (const auto& c : s->connections) disconnect(c);
  }
  sources_.clear();
  if (markers_) markers_->clear();
  refreshScopeChoices();
  markDirty();
}

int ChartsPanel::indexOf(const Source& s) const {
  for (std::size_t i = 0; i < sources_.size(); ++i) {
    if (sources_[i].get() == &s) return static_cast<int>(i);
  }
  return -1;
}

const ChartHistory* ChartsPanel::history(int source) const {
  if (source < 0 || source >= sourceCount()) return nullptr;
  return &sources_[source]->history;
}

void ChartsPanel::retag() {
  const bool several = sources_.size() > 1;
  for (auto& s : sources_) s->graphs->setTag(several ? s->label : QString());
}

void ChartsPanel::onReset(Source& s, std::shared_ptr<const model::ClusterLayout> layout) {
  s.history.reset(std::move(layout));
  s.graphs->rebuild(s.history, scope_);
  const int index = indexOf(s);
  markers_->removeSource(index);
  if (index == 0) refreshScopeChoices();
  markDirty();
}

void ChartsPanel::onReshape(Source& s, std::shared_ptr<const model::ClusterLayout> layout) {
  const bool first = indexOf(s) == 0;
  // The scope is a component of the first source's layout: follow it by name.
  const std::string scopeName =
      first && scope_ >= 0 && s.history.layout() &&
              scope_ < static_cast<int>(s.history.layout()->components.size())
          ? s.history.layout()->components[scope_].name
          : std::string();
  s.history.reshape(std::move(layout));
  if (first) {
    const int moved = s.history.layout() && !scopeName.empty()
                          ? s.history.layout()->componentIndex(scopeName)
                          : ChartHistory::kEndToEnd;
    if (moved != scope_) {
      scope_ = moved;
      emit scopeChanged(scope_);
    }
    refreshScopeChoices();
  }
  for (auto& source : sources_) source->graphs->rebuild(source->history, scope_);
  markDirty();
}

void ChartsPanel::onSamples(Source& s, const QVector<model::ChartSample>& samples) {
  if (samples.isEmpty()) return;
  if (s.history.append(samples)) {
    s.graphs->appendTail(s.history, scope_, static_cast<std::size_t>(samples.size()));
    s.graphs->trimTo(s.history);
  } else {  // the source started over without telling: redraw it from scratch
    s.graphs->rebuild(s.history, scope_);
  }
  if (&s == sources_[0].get() && !s.history.layout() && s.history.componentCount() > 0 &&
      s.history.size() == static_cast<std::size_t>(samples.size())) {
    refreshScopeChoices();  // a source without a layout: names come from its first samples
  }
  double oldest = std::numeric_limits<double>::infinity();
  for (const auto& other : sources_) {
    if (!other->history.empty()) oldest = std::min(oldest, other->history.firstStartS());
  }
  markers_->removeBefore(oldest);
  markDirty();
}

void ChartsPanel::onAction(Source& s, double atS, const QString& label) {
  s.history.addMarker(atS, label);
  const int index = indexOf(s);
  // With several sources an action only one of them saw takes that source's colour.
  markers_->add(atS, label, index,
                sources_.size() > 1 ? s.color.darker(120) : ChartStyle::markerColor());
  markDirty();
}

void ChartsPanel::refreshScopeChoices() {
  const ChartHistory* h = sources_.empty() ? nullptr : &sources_[0]->history;
  const int components = h ? h->componentCount() : 0;
  QStringList names;
  for (int c = 0; c < components; ++c) names << h->scopeName(c);
  toolbar_->setScopeChoices(names);
  if (scope_ >= components) setScope(ChartHistory::kEndToEnd);
  toolbar_->setScope(scope_);
}

void ChartsPanel::setScope(int component) {
  const int components = sources_.empty() ? 0 : sources_[0]->history.componentCount();
  if (component < 0 || component >= components) component = ChartHistory::kEndToEnd;
  toolbar_->setScope(component);
  if (component == scope_) return;
  scope_ = component;
  for (auto& s : sources_) s->graphs->rebuild(s->history, scope_);
  emit scopeChanged(scope_);
  markDirty();
}

void ChartsPanel::followSelection(const Selection& selection) {
  const model::ClusterLayout* layout = sources_.empty() ? nullptr : sources_[0]->history.layout();
  int component = ChartHistory::kEndToEnd;
  if (layout) {
    const LayoutTarget t = resolve(selection, *layout);
    const int deployment = selectedDeployment(t, *layout);
    if (t.kind == Selection::Kind::Component) {
      component = t.index;
    } else if (deployment >= 0 && !layout->deployments[deployment].components.empty()) {
      component = layout->deployments[deployment].components.front();
    } else if (t.kind == Selection::Kind::Edge) {
      component = layout->edges[t.index].to;
    }
  }
  setScope(component);
}

void ChartsPanel::setWindowSeconds(double seconds) {
  windowS_ = std::clamp(seconds, ChartsToolbar::kMinWindowS, ChartsToolbar::kMaxWindowS);
  toolbar_->setWindowSeconds(windowS_);
  setFollow(true);  // choosing a window means "show me the last N seconds"
  markDirty();
}

void ChartsPanel::setFollow(bool on) {
  toolbar_->setFollow(on);
  if (on == follow_) return;
  follow_ = on;
  emit followChanged(on);
  markDirty();
}

bool ChartsPanel::logLatency() const { return canvas_->logLatency(); }

bool ChartsPanel::theoryOverlayVisible() const {
  return std::any_of(sources_.begin(), sources_.end(),
                     [](const auto& s) { return s->graphs->theoryVisible(); });
}

void ChartsPanel::setTheoryShown(bool on) {
  theoryShown_ = on;
  toolbar_->setTheory(on);
  QSettings().setValue(QStringLiteral("charts/theory"), on);
  for (auto& s : sources_) s->graphs->setTheoryShown(on);
  markDirty();
}

void ChartsPanel::setLogLatency(bool on) {
  toolbar_->setLogLatency(on);
  canvas_->setLogLatency(on);
  markDirty();
}

void ChartsPanel::setPresenterMode(bool on) {
  style_.presenter = on;
  canvas_->applyStyle(style_);
  markers_->applyStyle(style_);
  toolbar_->setPresenterMode(on);
  markDirty();
}

void ChartsPanel::markDirty() {
  if (!refreshTimer_.isActive()) refreshTimer_.start();
}

void ChartsPanel::refresh() {
  // A hidden panel (another tab) draws nothing; showEvent() catches up in one replot.
  if (!isVisible()) return;
  ++refreshCount_;
  canvas_->replot(QCustomPlot::rpQueuedReplot);
}

void ChartsPanel::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  markDirty();
}

void ChartsPanel::replotNow() {
  refreshTimer_.stop();
  canvas_->replot(QCustomPlot::rpImmediateRefresh);
}

void ChartsPanel::prepareFrame() {
  double oldest = std::numeric_limits<double>::infinity();
  double newest = -std::numeric_limits<double>::infinity();
  for (const auto& s : sources_) {
    if (s->history.empty()) continue;
    oldest = std::min(oldest, s->history.firstStartS());
    newest = std::max(newest, s->history.lastEndS());
  }
  if (!std::isfinite(oldest)) oldest = newest = 0.0;
  // Until a window's worth has arrived the axis stays put and the curves grow into it.
  const double hi = std::max(newest, oldest + windowS_);
  canvas_->setXLimits(oldest, hi);
  if (follow_) canvas_->setXRange(QCPRange(hi - windowS_, hi));
  canvas_->autoscaleY();
  // How many points a pixel of the time axis holds decides two costly refinements: dashes
  // (see setDashesAllowed) and antialiasing, which smooths nothing once several points share a
  // pixel column but doubles the cost of drawing an hour of data.
  const int width = canvas_->plotRect(ChartPlot::Throughput)->width();
  const double px = width > 200 ? width : 1000.0;  // a panel never laid out: an export's width
  double densest = 0.0;
  for (const auto& s : sources_) {
    const ChartHistory& h = s->history;
    const double intervalS =
        h.empty() ? 1.0 : std::max(h.at(h.size() - 1).endS - h.at(h.size() - 1).startS, 1e-3);
    const double pointsPerPx = canvas_->xRange().size() / intervalS / px;
    s->graphs->setDashesAllowed(pointsPerPx * kMinDashSegmentPx <= 1.0);
    densest = std::max(densest, pointsPerPx);
  }
  const bool smooth = densest <= kMaxSmoothPointsPerPx;
  canvas_->setNotAntialiasedElement(QCP::aePlottables, !smooth);
  canvas_->setNotAntialiasedElement(QCP::aeFills, !smooth);
}

QStringList ChartsPanel::markerLabels() const { return markers_->labels(); }

int ChartsPanel::graphCount(ChartPlot plot) const {
  return static_cast<int>(canvas_->plotRect(plot)->graphs().size());
}

int ChartsPanel::graphPointCount(ChartPlot plot, int graph) const {
  const QList<QCPGraph*> graphs = canvas_->plotRect(plot)->graphs();
  if (graph < 0 || graph >= graphs.size()) return 0;
  return graphs[graph]->dataCount();
}

QCPRange ChartsPanel::visibleRange() const { return canvas_->xRange(); }

bool ChartsPanel::exportPng(const QString& path) {
  prepareFrame();
  const QSize size = canvas_->size().expandedTo(kMinExportSize);
  if (canvas_->savePng(path, size.width(), size.height())) return true;
  lastError_ = tr("Could not write the image %1.").arg(path);
  return false;
}

bool ChartsPanel::exportPdf(const QString& path) {
  prepareFrame();
  const QSize size = canvas_->size().expandedTo(kMinExportSize);
  if (canvas_->savePdf(path, size.width(), size.height(), QCP::epNoCosmetic,
                       QStringLiteral("ClusterScope"), tr("ClusterScope charts"))) {
    return true;
  }
  lastError_ = tr("Could not write the document %1.").arg(path);
  return false;
}

bool ChartsPanel::exportCsv(const QString& path) {
  QString text;
  if (sources_.size() == 1) {
    text = sources_[0]->history.toCsv(scope_);
  } else {
    for (std::size_t i = 0; i < sources_.size(); ++i) {
      const QString label = sources_[i]->label.isEmpty() ? QString::number(i) : sources_[i]->label;
      text += sources_[i]->history.toCsv(scope_, label, i == 0);
    }
  }
  if (sources_.empty()) text = ChartHistory().toCsv(scope_);  // the header alone
  QSaveFile file(path);
  if (file.open(QIODevice::WriteOnly | QIODevice::Text) && file.write(text.toUtf8()) >= 0 &&
      file.commit()) {
    return true;
  }
  lastError_ = tr("Could not write %1: %2").arg(path, file.errorString());
  return false;
}

void ChartsPanel::exportWithDialog(ChartsToolbar::ExportFormat format) {
  struct Kind {
    QString filter;
    QString suffix;
    bool (ChartsPanel::*write)(const QString&);
  };
  const Kind kind = format == ChartsToolbar::ExportFormat::Png
                        ? Kind{tr("PNG image (*.png)"), ".png", &ChartsPanel::exportPng}
                    : format == ChartsToolbar::ExportFormat::Pdf
                        ? Kind{tr("PDF document (*.pdf)"), ".pdf", &ChartsPanel::exportPdf}
                        : Kind{tr("CSV file (*.csv)"), ".csv", &ChartsPanel::exportCsv};
  QString path = QFileDialog::getSaveFileName(this, tr("Export charts"),
                                              QStringLiteral("charts") + kind.suffix, kind.filter);
  if (path.isEmpty()) return;
  if (!path.endsWith(kind.suffix, Qt::CaseInsensitive)) path += kind.suffix;
  if (!(this->*kind.write)(path)) QMessageBox::warning(this, tr("Export charts"), lastError_);
}

}  // namespace clusterscope::app
