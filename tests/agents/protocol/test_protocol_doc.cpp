// docs/protocol.md is the contract other languages implement. doc_examples.py builds
// messages from what the document shows (its Python functions, struct formats and JSON
// examples); this test decodes them with the library and checks what they say.

#include <QProcess>
#include <QtTest>

#include "broker_frames.h"
#include "connection_file.h"
#include "protocol_test_helpers.h"
#include "request_frames.h"

using namespace clusterscope::agents::protocol;
using namespace clusterscope::agents::protocol::testing;
using clusterscope::engine::LatencyHistogram;

class ProtocolDocTest : public QObject {
  Q_OBJECT

  QStringList lines_;

  std::vector<QStringList> items(const QString& kind) const {
    std::vector<QStringList> out;
    for (const QString& line : lines_) {
      const QStringList words = line.split(' ');
      if (words.front() == kind) out.push_back(words.mid(1));
    }
    return out;
  }

  static Frames frames(const QStringList& hex) {
    Frames out;
    for (const QString& h : hex) {
      out.push_back(h == "-" ? std::string() : QByteArray::fromHex(h.toLatin1()).toStdString());
    }
    return out;
  }

 private slots:
  void initTestCase() {
    const QString python = QFile::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
    QProcess p;
    p.start(python, {CLUSTERSCOPE_DOC_EXAMPLES, CLUSTERSCOPE_PROTOCOL_DOC});
    QVERIFY(p.waitForFinished(30000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    lines_ = QString::fromUtf8(p.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
  }

  void histogramFunctions() {
    const auto buckets = items("bucket");
    QVERIFY(buckets.size() > 10);
    for (const QStringList& b : buckets) {
      const std::int64_t value = b[0].toLongLong();
      QCOMPARE(b[1].toInt(), LatencyHistogram::bucketIndex(value));
      QCOMPARE(b[2].toLongLong(), LatencyHistogram::bucketLowerBound(b[1].toInt()));
    }
  }

  void controlMessages() {
    const auto messages = items("control");
    QCOMPARE(messages.size(), std::size_t{8});
    std::vector<ControlMessage> decoded;
    for (const QStringList& m : messages) {
      const auto d = decode(frames(m));
      QVERIFY2(d.ok(), qPrintable(messageOf(d)));
      decoded.push_back(d.value());
    }
    const Hello& hello = std::get<Hello>(decoded[0]);
    QCOMPARE(hello.instance, std::string("orders#1"));
    QCOMPARE(hello.calls.size(), std::size_t{2});
    QCOMPARE(std::get<Routes>(decoded[1]).services[1].modules.size(), std::size_t{2});
    const Report& report = std::get<Report>(decoded[3]);
    LatencyHistogram direct, received;
    for (std::int64_t v : {900'000, 1'200'000, 1'250'000, 35'000'000}) direct.record(v);
    QVERIFY(report.service->latency.mergeInto(received));
    QVERIFY(received.buckets() == direct.buckets());
    QCOMPARE(received.sumNs(), direct.sumNs());
    QCOMPARE(report.service->edges[0].breaker, clusterscope::model::BreakerState::Closed);
    QCOMPARE(std::get<clusterscope::model::Action>(std::get<Command>(decoded[4]).what).factor, 3.0);
    QCOMPARE(std::get<Fault>(std::get<Command>(decoded[5]).what).jitterMs, 5.0);
    QVERIFY(!std::get<CommandResult>(decoded[6]).ok);
    const PeerState& exited = std::get<PeerState>(decoded[7]);
    QCOMPARE(exited.liveness, Liveness::Down);
    QCOMPARE(exited.pid, std::int64_t{4242});
  }

  void binaryPlanes() {
    const auto requests = items("request");
    QCOMPARE(requests.size(), std::size_t{3});
    std::vector<RequestHeader> headers;
    for (const QStringList& r : requests) {
      const Frames f = frames(r);
      const auto views = viewsOf(f);
      const auto d = decodeRequest(views);
      QVERIFY2(d.ok(), qPrintable(messageOf(d)));
      headers.push_back(d->header);
      if (headers.size() == 1) {
        QVERIFY(d->header.target == "cart");  // views into `f`: checked while it lives
        QVERIFY(d->payload == "payload");
      }
      headers.back().target = {};
    }
    QCOMPARE(headers[0].type, RequestType::Request);
    QCOMPARE(headers[0].flags, kRequestFlagRetry);
    QCOMPARE(headers[0].depth, 3);
    QCOMPARE(headers[0].requestId, 77ull);
    QCOMPARE(headers[0].timeoutNs, 500'000'000ll);
    QCOMPARE(headers[1].type, RequestType::Reply);
    QCOMPARE(headers[1].elapsedNs, 1'500'000ll);
    QCOMPARE(headers[2].cause, clusterscope::model::FailureCause::QueueFull);

    const auto async = items("async");
    QCOMPARE(async.size(), std::size_t{3});
    std::vector<BrokerHeader> broker;
    for (const QStringList& a : async) {
      const Frames f = frames(a);
      const auto views = viewsOf(f);
      const auto d = decodeBroker(views);
      QVERIFY2(d.ok(), qPrintable(messageOf(d)));
      broker.push_back(d->header);
    }
    QCOMPARE(broker[0].type, BrokerType::Deliver);
    QCOMPARE(broker[0].attempt, 2);
    QCOMPARE(broker[0].id, 9001ull);
    QCOMPARE(broker[0].messageId, 42ull);
    QCOMPARE(broker[1].credit, 1u);
    QCOMPARE(broker[2].type, BrokerType::Heartbeat);
  }

  void files() {
    const auto connection = parseConnectionFile(frames(items("connection").at(0))[0]);
    QVERIFY2(connection.ok(), qPrintable(messageOf(connection)));
    QCOMPARE(connection->hub, std::string("tcp://127.0.0.1:40000"));
    const auto certificate = parseCertificate(frames(items("certificate").at(0))[0]);
    QVERIFY2(certificate.ok(), qPrintable(messageOf(certificate)));
    QVERIFY(!certificate->secretKey.empty());
  }
};

QTEST_APPLESS_MAIN(ProtocolDocTest)
#include "test_protocol_doc.moc"
