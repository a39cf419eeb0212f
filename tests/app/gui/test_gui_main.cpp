// The clusterscope executable's command line: bad values are refused with a message and
// exit status 2 before any window opens.

#include <QProcess>
#include <QtTest>

class GuiMainTest : public QObject {
  Q_OBJECT

 private slots:
  void badSpeedsAreRefused_data() {
    QTest::addColumn<QString>("speed");
    for (const char* s : {"nan", "NaN", "inf", "-1", "1e5", "fast", ""}) QTest::newRow(s) << s;
  }
  void badSpeedsAreRefused() {
    QFETCH(QString, speed);
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    p.setProcessEnvironment(env);
    p.start(CLUSTERSCOPE_GUI_PATH, {"--speed", speed});
    const bool ended = p.waitForFinished(10000);
    if (!ended) p.kill();
    QVERIFY2(ended, "the GUI started with that speed");
    QCOMPARE(p.exitCode(), 2);
    QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains("--speed must be a number"));
  }

  // --lang takes en or fr, and its refusal speaks the language asked for when it can.
  void badLanguagesAreRefused() {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    p.setProcessEnvironment(env);
    p.start(CLUSTERSCOPE_GUI_PATH, {"--lang", "de"});
    const bool ended = p.waitForFinished(10000);
    if (!ended) p.kill();
    QVERIFY2(ended, "the GUI started with --lang de");
    QCOMPARE(p.exitCode(), 2);
    QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains("--lang takes en or fr"));
  }

  void frenchMessagesOnTheTerminal() {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    p.setProcessEnvironment(env);
    p.start(CLUSTERSCOPE_GUI_PATH, {"--lang", "fr", "--speed", "fast"});
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 2);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(err.contains(QString::fromUtf8("--speed doit être un nombre de 0 à 10000")),
             qPrintable(err));
  }
};

QTEST_GUILESS_MAIN(GuiMainTest)
#include "test_gui_main.moc"
