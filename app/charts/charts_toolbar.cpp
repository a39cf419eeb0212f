#include "charts_toolbar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <cmath>

namespace clusterscope::app {

ChartsToolbar::ChartsToolbar(QWidget* parent)
    : QWidget(parent),
      scopeBox_(new QComboBox(this)),
      windowBox_(new QSpinBox(this)),
      followButton_(new QToolButton(this)),
      logBox_(new QCheckBox(tr("Log latency"), this)),
      theoryBox_(new QCheckBox(tr("Theory"), this)) {
  scopeBox_->setToolTip(tr("Show the whole cluster (end to end) or one service"));
  scopeBox_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  connect(scopeBox_, &QComboBox::activated, this,
          [this](int i) { emit scopeChosen(scopeBox_->itemData(i).toInt()); });

  windowBox_->setRange(static_cast<int>(kMinWindowS), static_cast<int>(kMaxWindowS));
  windowBox_->setSingleStep(30);
  windowBox_->setSuffix(tr(" s"));
  windowBox_->setToolTip(tr("Cluster seconds shown while following the newest data"));
  // Typing "300" should not jump the view to 3 s, then 30 s on the way.
  windowBox_->setKeyboardTracking(false);
  connect(windowBox_, &QSpinBox::valueChanged, this,
          [this](int v) { emit windowChosen(static_cast<double>(v)); });

  followButton_->setText(tr("Follow"));
  followButton_->setCheckable(true);
  followButton_->setToolTip(
      tr("Keep the newest data in view. Drag or zoom the time axis to look back."));
  connect(followButton_, &QToolButton::toggled, this, &ChartsToolbar::followToggled);

  connect(logBox_, &QCheckBox::toggled, this, &ChartsToolbar::logLatencyToggled);
  theoryBox_->setToolTip(
      tr("For one service that fits a classic queue (M/M/c, M/D/1, M/G/1): its measured mean "
         "latency and, dashed, what queueing theory predicts for the cluster as it is now"));
  connect(theoryBox_, &QCheckBox::toggled, this, &ChartsToolbar::theoryToggled);

  auto* exportButton = new QToolButton(this);
  exportButton->setText(tr("Export"));
  exportButton->setPopupMode(QToolButton::InstantPopup);
  auto* menu = new QMenu(exportButton);
  menu->addAction(tr("Image (PNG)…"), this, [this] { emit exportRequested(ExportFormat::Png); });
  menu->addAction(tr("Document (PDF)…"), this, [this] { emit exportRequested(ExportFormat::Pdf); });
  menu->addAction(tr("Data of this scope (CSV)…"), this,
                  [this] { emit exportRequested(ExportFormat::Csv); });
  exportButton->setMenu(menu);

  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(4, 2, 4, 2);
  row->addWidget(new QLabel(tr("Scope:"), this));
  row->addWidget(scopeBox_);
  row->addSpacing(12);
  row->addWidget(new QLabel(tr("Window:"), this));
  row->addWidget(windowBox_);
  row->addWidget(followButton_);
  row->addSpacing(12);
  row->addWidget(logBox_);
  row->addWidget(theoryBox_);
  row->addStretch(1);
  row->addWidget(exportButton);
  setScopeChoices({});
}

void ChartsToolbar::setScopeChoices(const QStringList& componentNames) {
  const QSignalBlocker block(scopeBox_);
  const int current = scopeBox_->currentData().isValid() ? scopeBox_->currentData().toInt() : -1;
  scopeBox_->clear();
  scopeBox_->addItem(tr("End to end"), -1);
  for (int c = 0; c < componentNames.size(); ++c) scopeBox_->addItem(componentNames[c], c);
  scopeBox_->setCurrentIndex(std::max(0, scopeBox_->findData(current)));
}

void ChartsToolbar::setScope(int component) {
  const QSignalBlocker block(scopeBox_);
  scopeBox_->setCurrentIndex(std::max(0, scopeBox_->findData(component)));
}

void ChartsToolbar::setWindowSeconds(double seconds) {
  const QSignalBlocker block(windowBox_);
  windowBox_->setValue(static_cast<int>(std::lround(seconds)));
}

void ChartsToolbar::setFollow(bool on) {
  const QSignalBlocker block(followButton_);
  followButton_->setChecked(on);
}

void ChartsToolbar::setLogLatency(bool on) {
  const QSignalBlocker block(logBox_);
  logBox_->setChecked(on);
}

void ChartsToolbar::setTheory(bool on) {
  const QSignalBlocker block(theoryBox_);
  theoryBox_->setChecked(on);
}

void ChartsToolbar::setPresenterMode(bool on) {
  // Children without a font of their own inherit this one.
  QFont f = parentWidget() ? parentWidget()->font() : font();
  if (on) f.setPointSizeF(f.pointSizeF() * 1.4);
  setFont(f);
}

}  // namespace clusterscope::app
