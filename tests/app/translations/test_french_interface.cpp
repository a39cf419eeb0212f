// The main window in French: every text a user sees in its menus, docks, buttons and labels is
// translated. The window is built twice, in English and then with the French catalogue
// installed, and the texts are compared place by place: a text left identical is a string that
// escaped tr() or has no French translation, unless it is a name (a scenario's, a format's).

#include <QAbstractButton>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QtTest>

#include "main_window.h"
#include "scenario_files.h"
#include "scenario_session.h"
#include "translations.h"

using namespace clusterscope::app;

namespace {

// Texts that are the same in both languages: names, units and abbreviations.
const QStringList kSameInFrench = {
    "English", "Français", "PNG…", "PDF…", "CSV…", "OK", "p50", "p95", "p99", "ms",  "s",
    "Sync",    "Async",    "×",    "–",    "+",    "-",  "0",   "1",   "Max", "max", "Total"};

// A menu item's text without its accelerator marker or trailing shortcut hint.
QString plain(QString text) {
  text.remove('&');
  return text.section('\t', 0, 0).trimmed();
}

// Every visible text of the window, keyed by where it is, so that the two languages line up.
QMap<QString, QString> visibleTexts(MainWindow& w) {
  QMap<QString, QString> texts;
  std::function<void(QMenu*, const QString&)> walk = [&](QMenu* menu, const QString& path) {
    // A scenario's title and the recent files are names, not interface text.
    if (menu->objectName() == "examplesMenu" || menu->objectName() == "recentMenu") return;
    int i = 0;
    for (QAction* a : menu->actions()) {
      const QString key = path + "/" + QString::number(i++);
      if (a->isSeparator()) continue;
      texts[key] = plain(a->text());
      if (!a->toolTip().isEmpty() && a->toolTip() != a->text().remove('&')) {
        texts[key + "#tip"] = a->toolTip();
      }
      if (a->menu()) walk(a->menu(), key);
    }
  };
  int m = 0;
  for (QAction* a : w.menuBar()->actions()) {
    texts["menu" + QString::number(m)] = plain(a->text());
    if (a->menu()) walk(a->menu(), "menu" + QString::number(m));
    ++m;
  }
  int i = 0;
  for (QDockWidget* d : w.findChildren<QDockWidget*>()) {
    texts["dock" + QString::number(i++)] = d->windowTitle();
  }
  i = 0;
  for (QAbstractButton* b : w.findChildren<QAbstractButton*>()) {
    const QString key = "button" + QString::number(i++);
    if (!b->text().isEmpty()) texts[key] = plain(b->text());
    if (!b->toolTip().isEmpty()) texts[key + "#tip"] = b->toolTip();
  }
  i = 0;
  for (QLabel* l : w.findChildren<QLabel*>()) {
    const QString key = "label" + QString::number(i++);
    if (!l->text().isEmpty()) texts[key] = l->text();
  }
  return texts;
}

// Entries of one menu (or of the menu bar), submenus included, that share an accelerator letter.
QStringList acceleratorClashes(const QList<QAction*>& actions, const QString& where) {
  QStringList clashes;
  QMap<QChar, QString> taken;
  for (QAction* a : actions) {
    const QString text = a->text().section('\t', 0, 0);
    const qsizetype amp = text.indexOf(QRegularExpression("&[^&]"));
    if (amp >= 0) {
      const QChar key = text.at(amp + 1).toLower();
      if (taken.contains(key)) clashes << where + ": " + taken[key] + " / " + text;
      taken[key] = text;
    }
    if (a->menu()) clashes << acceleratorClashes(a->menu()->actions(), where + " > " + text);
  }
  return clashes;
}

}  // namespace

class FrenchInterfaceTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);  // View > Language's choice stays the test's
    QSettings().clear();
  }

  void everyVisibleTextIsTranslated() {
    QMap<QString, QString> english, french;
    QStringList englishClashes;
    {
      MainWindow w;
      w.setScenarioSession(new ScenarioSession(&w));
      QVERIFY(w.openScenario(ScenarioFiles::defaultLesson()));
      english = visibleTexts(w);
      englishClashes = acceleratorClashes(w.menuBar()->actions(), "menu bar");
    }
    QCOMPARE(clusterscope::i18n::install("clusterscope", "fr"), QString("fr"));
    MainWindow w;
    w.setScenarioSession(new ScenarioSession(&w));
    QVERIFY(w.openScenario(ScenarioFiles::defaultLesson()));
    french = visibleTexts(w);

    QVERIFY2(english.size() > 40, qPrintable(QString::number(english.size())));
    QCOMPARE(french.keys(), english.keys());
    QStringList untranslated;
    for (auto it = english.cbegin(); it != english.cend(); ++it) {
      const QString& text = it.value();
      // Numbers and names taken from the scenario are the same in both.
      if (text != french.value(it.key()) || kSameInFrench.contains(text)) continue;
      if (!text.contains(QRegularExpression("[A-Za-z]{3}"))) continue;
      untranslated << it.key() + ": " + text;
    }
    QVERIFY2(untranslated.isEmpty(), qPrintable(untranslated.join('\n')));
    // The French catalogue was used: a text known to be translated reads in French.
    QVERIFY(french.values().contains("Fichier"));

    // No two entries of one menu (or of the menu bar) share an accelerator letter, in either
    // language: Alt+letter would reach only the first.
    QVERIFY2(englishClashes.isEmpty(), qPrintable(englishClashes.join('\n')));
    const QStringList clashes = acceleratorClashes(w.menuBar()->actions(), "menu bar");
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join('\n')));
  }

  // The loader's diagnostics come from the engine, which has no Qt: the language installed
  // reaches them through its translator hook, in the dialog that shows an invalid file.
  void anInvalidFileShowsItsDiagnosticsInFrench() {
    QTemporaryDir dir;
    const QString bad = dir.filePath("bad.json");
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"format": 1, "name": "x", "duration_s": 10, "colour": 1,
               "services": [{"name": "a", "service_time_ms": 1}],
               "workload": {"entry": "a", "rate_rps": -5}})");
    f.close();
    const auto diagnostics = [&] {
      MainWindow w;
      w.setScenarioSession(new ScenarioSession(&w));
      if (w.openScenario(bad) || !w.errorDialog()) return QString();
      const QString text = w.errorDialog()->informativeText();
      w.errorDialog()->close();
      return text;
    };

    QCOMPARE(clusterscope::i18n::install("clusterscope", "en"), QString("en"));
    const QString english = diagnostics();
    QVERIFY2(english.contains("bad.json:1:46: /colour: unknown key \"colour\""),
             qPrintable(english));
    QVERIFY2(english.contains("/workload/rate_rps: must be between 0 and 10000000, got -5"),
             qPrintable(english));

    QCOMPARE(clusterscope::i18n::install("clusterscope", "fr"), QString("fr"));
    const QString french = diagnostics();
    QVERIFY2(french.contains(QString::fromUtf8("bad.json:1:46: /colour: clé \"colour\" inconnue")),
             qPrintable(french));
    QVERIFY2(french.contains(QString::fromUtf8(
                 "/workload/rate_rps: doit être compris entre 0 et 10000000, pas -5")),
             qPrintable(french));
  }
};

QTEST_MAIN(FrenchInterfaceTest)
#include "test_french_interface.moc"
