#pragma once

#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QSpinBox;
class QToolButton;

// The row of controls above the charts: scope, rolling window, follow, log latency, theory,
// export.
// It only reports what the user chose (signals) and shows what the panel decided (setters,
// which do not emit); the ChartsPanel holds the state. GUI thread only.

namespace clusterscope::app {

class ChartsToolbar : public QWidget {
  Q_OBJECT

 public:
  enum class ExportFormat { Png, Pdf, Csv };

  explicit ChartsToolbar(QWidget* parent = nullptr);

  // "End to end" then one entry per component, in index order.
  void setScopeChoices(const QStringList& componentNames);
  void setScope(int component);  // -1 = end to end
  void setWindowSeconds(double seconds);
  void setFollow(bool on);
  void setLogLatency(bool on);
  void setTheory(bool on);
  void setPresenterMode(bool on);

  static constexpr double kMinWindowS = 10.0;
  static constexpr double kMaxWindowS = 4 * 3600.0;

 signals:
  void scopeChosen(int component);
  void windowChosen(double seconds);
  void followToggled(bool on);
  void logLatencyToggled(bool on);
  void theoryToggled(bool on);
  void exportRequested(clusterscope::app::ChartsToolbar::ExportFormat format);

 private:
  QComboBox* scopeBox_;
  QSpinBox* windowBox_;
  QToolButton* followButton_;
  QCheckBox* logBox_;
  QCheckBox* theoryBox_;
};

}  // namespace clusterscope::app
