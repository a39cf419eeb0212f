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
};

QTEST_GUILESS_MAIN(GuiMainTest)
#include "test_gui_main.moc"
