// The async plane's binary frames: the documented layout, round trips of every type, and
// every malformed message refused.

#include <QtTest>

#include "broker_frames.h"
#include "protocol_samples.h"
#include "protocol_test_helpers.h"

using namespace clusterscope::agents::protocol;
using namespace clusterscope::agents::protocol::testing;

namespace {

Decoded<BrokerMessage> decodeFrames(const Frames& frames) {
  const auto views = viewsOf(frames);
  return decodeBroker(views);
}

QString reasonOfFrames(const Frames& frames) { return reasonOf(decodeFrames(frames)); }

Frames sample(BrokerType type) {
  return clusterscope::testing::sampleBrokerFrames()[static_cast<std::size_t>(type) - 1];
}

}  // namespace

class BrokerFramesTest : public QObject {
  Q_OBJECT

 private slots:
  void headerLayout() {
    BrokerHeader h;
    h.type = BrokerType::Deliver;
    h.attempt = 0x0102;
    h.credit = 0x03040506;
    h.id = 0x1112131415161718ull;
    h.messageId = 0x2122232425262728ull;
    h.originNs = 0x3132333435363738ll;
    const Frames f = encodeBroker(h, "billing", "body");
    QCOMPARE(f.size(), std::size_t{3});
    QCOMPARE(QByteArray::fromStdString(f[0]).toHex(), QByteArray("4342010400000201"
                                                                 "0605040300000000"
                                                                 "1817161514131211"
                                                                 "2827262524232221"
                                                                 "3837363534333231"));
    QCOMPARE(f[1], std::string("billing"));
    QCOMPARE(f[2], std::string("body"));
  }

  void everyTypeRoundTrips() {
    const auto samples = clusterscope::testing::sampleBrokerFrames();
    QCOMPARE(samples.size(), std::size_t{8});
    for (std::size_t i = 0; i < samples.size(); ++i) {
      const auto d = decodeFrames(samples[i]);
      QVERIFY2(d.ok(), qPrintable(messageOf(d)));
      QCOMPARE(static_cast<std::size_t>(d->header.type), i + 1);
      QCOMPARE(encodeBroker(d->header, d->service, d->payload), samples[i]);
    }
    const Frames deliverFrames = sample(BrokerType::Deliver);  // the views' bytes
    const auto deliver = decodeFrames(deliverFrames);
    QCOMPARE(deliver->header.attempt, 2);
    QCOMPARE(deliver->header.messageId, 42ull);
    QCOMPARE(deliver->payload, std::string_view("order 17"));
    QCOMPARE(decodeFrames(sample(BrokerType::PublishAck))->header.status, PublishStatus::Full);
    QCOMPARE(decodeFrames(sample(BrokerType::Nack))->header.flags, kNackFlagRequeue);
  }

  void malformedFrames() {
    const Frames publish = sample(BrokerType::Publish);
    QCOMPARE(reasonOfFrames({publish[0]}), QString("frame_count"));
    QCOMPARE(reasonOfFrames({publish[0], publish[1], publish[2], "x"}), QString("frame_count"));
    QCOMPARE(reasonOfFrames({publish[0].substr(1), publish[1]}), QString("frame_size"));
    QCOMPARE(reasonOfFrames({publish[0], std::string(65, 'a')}), QString("frame_size"));
    QCOMPARE(reasonOfFrames({publish[0], publish[1], std::string(kMaxPayloadBytes + 1, 'p')}),
             QString("frame_size"));
    Frames f = publish;
    f[0][0] = 'X';
    QCOMPARE(reasonOfFrames(f), QString("bad_magic"));
    f = publish;
    f[0][2] = 0;
    QCOMPARE(reasonOfFrames(f), QString("bad_version"));
    f[0][2] = 1;
    f[0][3] = 9;
    QCOMPARE(reasonOfFrames(f), QString("unknown_type"));
    QCOMPARE(reasonOfFrames({publish[0], ""}), QString("missing_field"));
    QCOMPARE(reasonOfFrames({publish[0], "bill ing"}), QString("bad_value"));
    const Frames heartbeat = sample(BrokerType::Heartbeat);
    QCOMPARE(reasonOfFrames({heartbeat[0], "billing"}), QString("inconsistent"));
    Frames ack = sample(BrokerType::Ack);
    ack.push_back("payload");
    QCOMPARE(reasonOfFrames(ack), QString("frame_count"));
    Frames status = sample(BrokerType::PublishAck);
    status[0][5] = 3;
    QCOMPARE(reasonOfFrames(status), QString("bad_value"));
    Frames attempt = sample(BrokerType::Deliver);
    attempt[0][6] = attempt[0][7] = 0;
    QCOMPARE(reasonOfFrames(attempt), QString("out_of_range"));
    Frames ready = sample(BrokerType::ConsumerReady);
    ready[0][8] = 0;
    QCOMPARE(reasonOfFrames(ready), QString("out_of_range"));  // no credit
    ready[0][10] = 2;                                          // 131072
    QCOMPARE(reasonOfFrames(ready), QString("out_of_range"));
    Frames origin = sample(BrokerType::Publish);
    origin[0][39] = static_cast<char>(0xff);
    QCOMPARE(reasonOfFrames(origin), QString("out_of_range"));
  }
};

QTEST_APPLESS_MAIN(BrokerFramesTest)
#include "test_broker_frames.moc"
