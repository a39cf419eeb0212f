// CURVE certificates in pyzmq's text format (checked against pyzmq itself when it is
// installed) and the connection file a launcher writes.

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "connection_file.h"
#include "protocol_test_helpers.h"

using namespace clusterscope::agents::protocol;
using namespace clusterscope::agents::protocol::testing;

namespace {

// Two key pairs made by zmq_curve_keypair (fixed here: the library has no ZeroMQ).
const Certificate kPair{"rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7",
                        "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6"};
const Certificate kOther{"Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID",
                         "D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs"};

// Runs python3 with `script` and `args`; empty when python3 or pyzmq is missing. The system's
// python3 first: Debian's python3-zmq is installed for it, not for a python3 of one's own.
std::optional<QString> python(const QString& script, const QStringList& args) {
  QProcess p;
  const QString interpreter = QFile::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  p.start(interpreter, QStringList{"-c", script} + args);
  if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit) return std::nullopt;
  if (p.exitCode() == 3) return std::nullopt;  // no pyzmq
  if (p.exitCode() != 0)
    return "exit " + QString::number(p.exitCode()) + ": " + p.readAllStandardError();
  return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

const char* kImportZmq =
    "import sys\n"
    "try:\n"
    "    import zmq.auth\n"
    "except ImportError:\n"
    "    sys.exit(3)\n";

void writeFile(const QString& path, const std::string& text) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(text.data(), static_cast<qint64>(text.size()));
}

}  // namespace

class ConnectionFileTest : public QObject {
  Q_OBJECT

 private slots:
  void certificatesRoundTrip() {
    QVERIFY(isZ85Key(kPair.publicKey) && isZ85Key(kPair.secretKey));
    QVERIFY(!isZ85Key(kPair.publicKey.substr(1)));
    QVERIFY(!isZ85Key(std::string(40, '"')));
    const std::string secret = formatCertificate(kPair, "2026-01-01 00:00:00");
    QVERIFY(secret.find("**Secret**") != std::string::npos);
    QVERIFY(parseCertificate(secret).value() == kPair);
    const Certificate publicOnly{kPair.publicKey, ""};
    const std::string pub = formatCertificate(publicOnly, "now");
    QVERIFY(pub.find("secret-key") == std::string::npos);
    QVERIFY(parseCertificate(pub).value() == publicOnly);
    // What pyzmq's reader tolerates: quotes of either kind, blanks, comments.
    QVERIFY(parseCertificate("# c\ncurve\n  public-key = '" + kOther.publicKey + "'\n").value() ==
            (Certificate{kOther.publicKey, ""}));
    QCOMPARE(reasonOf(parseCertificate("curve\n")), QString("missing_field"));
    QCOMPARE(reasonOf(parseCertificate("#public-key = \"" + kPair.publicKey + "\"\n")),
             QString("missing_field"));
    QCOMPARE(reasonOf(parseCertificate("public-key = \"short\"\n")), QString("bad_value"));
    QCOMPARE(reasonOf(parseCertificate("public-key = \"" + kPair.publicKey +
                                       "\"\nsecret-key = \"bad\"\n")),
             QString("bad_value"));
    QCOMPARE(reasonOf(parseCertificate(std::string(70'000, '#'))), QString("frame_size"));
  }

  // The format is pyzmq's: it reads ours, we read its.
  void pyzmqReadsOursAndWeReadIts() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString ours = dir.filePath("ours.key_secret");
    writeFile(ours, formatCertificate(kPair, "2026-01-01 00:00:00"));
    const auto loaded = python(QString(kImportZmq) +
                                   "pub, sec = zmq.auth.load_certificate(sys.argv[1])\n"
                                   "print(pub.decode() + ' ' + sec.decode())\n",
                               {ours});
    if (!loaded) QSKIP("python3 with pyzmq is not installed");
    QCOMPARE(*loaded, QString::fromStdString(kPair.publicKey + " " + kPair.secretKey));

    const auto made = python(QString(kImportZmq) +
                                 "pub, sec = zmq.auth.create_certificates(sys.argv[1], 'theirs')\n"
                                 "print(open(pub).read() + '\\x00' + open(sec).read())\n",
                             {dir.path()});
    QVERIFY(made);
    const QStringList files = made->split(QChar(0));
    QCOMPARE(files.size(), 2);
    const auto pub = parseCertificate(files[0].toStdString());
    const auto sec = parseCertificate(files[1].toStdString());
    QVERIFY2(pub.ok() && sec.ok(), qPrintable(messageOf(pub) + messageOf(sec)));
    QVERIFY(pub->secretKey.empty());
    QCOMPARE(sec->publicKey, pub->publicKey);
    QVERIFY(isZ85Key(sec->secretKey));
  }

  // (No raw strings below: moc reads the "//" of an endpoint in one as a comment.)
  void connectionFiles() {
    ConnectionInfo info;
    info.hub = "tcp://127.0.0.1:40000";
    info.hubPublicKey = kPair.publicKey;
    info.controllerCertificate = "keys/controller.key_secret";
    info.agentCertificate = "/run/user/1000/clusterscope/agent.key_secret";
    info.telemetry = "tcp://127.0.0.1:40001";
    info.launcherPid = 1234;
    info.scenario = "Sync chain";
    const std::string text = formatConnectionFile(info);
    QVERIFY(text.find("\"clusterscope_connection\": 1") != std::string::npos);
    const auto back = parseConnectionFile(text);
    QVERIFY2(back.ok(), qPrintable(messageOf(back)));
    QVERIFY(back.value() == info);
    const ConnectionInfo minimal{"ipc:///tmp/cs-hub", "", "", "", "", 0, ""};
    QVERIFY(parseConnectionFile(formatConnectionFile(minimal)).value() == minimal);
    QCOMPARE(
        reasonOf(parseConnectionFile("{\"clusterscope_connection\": 2, \"hub\": \"tcp://a:1\"}")),
        QString("bad_version"));
    QCOMPARE(reasonOf(parseConnectionFile("{\"hub\": \"tcp://a:1\"}")), QString("missing_field"));
    QCOMPARE(
        reasonOf(parseConnectionFile(
            "{\"clusterscope_connection\": 1, \"hub\": \"tcp://a:1\", \"hub_public_key\": \"x\"}")),
        QString("bad_value"));
    QCOMPARE(reasonOf(parseConnectionFile("{\"clusterscope_connection\": 1, \"hub\": \"a:1\"}")),
             QString("bad_value"));
    QCOMPARE(reasonOf(parseConnectionFile("not json")), QString("bad_json"));
    QCOMPARE(reasonOf(parseConnectionFile("{\"clusterscope_connection\": 1, \"hub\": "
                                          "\"tcp://a:1\", \"extra\": {\"ignored\": true}}")),
             QString("accepted"));
  }
};

QTEST_APPLESS_MAIN(ConnectionFileTest)
#include "test_connection_file.moc"
