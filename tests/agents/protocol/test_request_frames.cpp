// The request plane's binary frames: the byte layout docs/protocol.md documents, round trips,
// and every malformed header refused.

#include <QtTest>

#include "protocol_samples.h"
#include "protocol_test_helpers.h"
#include "request_frames.h"

using namespace clusterscope::agents::protocol;
using namespace clusterscope::agents::protocol::testing;
using clusterscope::model::FailureCause;

namespace {

Decoded<RequestMessage> decodeFrames(const Frames& frames) {
  const auto views = viewsOf(frames);
  return decodeRequest(views);
}

QString reasonOfFrames(const Frames& frames) { return reasonOf(decodeFrames(frames)); }

// The sample request with byte `offset` of its header set to `value`.
Frames withByte(std::size_t offset, int value) {
  Frames f = clusterscope::testing::sampleRequestFrames()[0];
  f[0][offset] = static_cast<char>(value);
  return f;
}

}  // namespace

class RequestFramesTest : public QObject {
  Q_OBJECT

 private slots:
  // Pins the documented layout, byte by byte.
  void headerLayout() {
    RequestHeader h;
    h.type = RequestType::Request;
    h.flags = kRequestFlagRetry;
    h.depth = 3;
    h.requestId = 0x0807060504030201ull;
    h.originNs = 0x1817161514131211ll;
    h.timeoutNs = 0x2827262524232221ll;
    h.elapsedNs = 0;
    h.target = "cart";
    const Frames f = encodeRequest(h, "xyz");
    const std::string expected = std::string("CR\x01\x01\x01\x00\x03\x04", 8) +
                                 "\x01\x02\x03\x04\x05\x06\x07\x08" +
                                 "\x11\x12\x13\x14\x15\x16\x17\x18" +
                                 "\x21\x22\x23\x24\x25\x26\x27\x28" + std::string(8, '\0') + "cart";
    QCOMPARE(f[0].size(), std::size_t{44});
    QCOMPARE(QByteArray::fromStdString(f[0]).toHex(), QByteArray::fromStdString(expected).toHex());
    QCOMPARE(f[1], std::string("xyz"));
    const RequestHeader error = answerTo(h, 0x3837363534333231ll, FailureCause::Timeout);
    const std::string errorBytes = encodeRequest(error)[0];
    QCOMPARE(errorBytes.size(), std::size_t{40});
    QCOMPARE(QByteArray::fromStdString(errorBytes.substr(0, 8)).toHex(),
             QByteArray("4352010300010300"));
    QCOMPARE(QByteArray::fromStdString(errorBytes.substr(32)).toHex(),
             QByteArray("3132333435363738"));
  }

  void roundTrips() {
    for (const Frames& frames : clusterscope::testing::sampleRequestFrames()) {
      const auto d = decodeFrames(frames);
      QVERIFY2(d.ok(), qPrintable(messageOf(d)));
      const RequestMessage& m = d.value();
      QCOMPARE(encodeRequest(m.header, m.payload), frames);
    }
    const Frames first = clusterscope::testing::sampleRequestFrames()[0];  // the views' bytes
    const auto request = decodeFrames(first);
    QCOMPARE(request->header.target, std::string_view("cart"));
    QCOMPARE(request->header.depth, 2);
    QCOMPARE(request->header.flags, kRequestFlagRetry);
    QCOMPARE(request->header.timeoutNs, 500'000'000ll);
    const RequestHeader reply = answerTo(request->header, 77);
    QCOMPARE(reply.type, RequestType::Reply);
    QCOMPARE(reply.requestId, request->header.requestId);
    QCOMPARE(reply.originNs, request->header.originNs);
    QCOMPARE(reply.depth, 2);
    QCOMPARE(reply.elapsedNs, 77ll);
    QVERIFY(reply.target.empty());
    // Reserved flag bits are ignored.
    QCOMPARE(reasonOfFrames(withByte(4, 0xff)), QString("accepted"));
  }

  void malformedFrames() {
    const Frames good = clusterscope::testing::sampleRequestFrames()[0];
    QCOMPARE(reasonOfFrames({}), QString("frame_count"));
    QCOMPARE(reasonOfFrames({good[0], good[1], "x"}), QString("frame_count"));
    QCOMPARE(reasonOfFrames({good[0].substr(0, 39)}), QString("frame_size"));
    QCOMPARE(reasonOfFrames({std::string(105, 'C')}), QString("frame_size"));
    QCOMPARE(reasonOfFrames({good[0], std::string(kMaxPayloadBytes + 1, 'p')}),
             QString("frame_size"));
    QCOMPARE(reasonOfFrames({good[0], std::string(kMaxPayloadBytes, 'p')}), QString("accepted"));
    QCOMPARE(reasonOfFrames(withByte(1, 'S')), QString("bad_magic"));
    QCOMPARE(reasonOfFrames(withByte(2, 2)), QString("bad_version"));
    QCOMPARE(reasonOfFrames(withByte(3, 0)), QString("unknown_type"));
    QCOMPARE(reasonOfFrames(withByte(3, 4)), QString("unknown_type"));
    QCOMPARE(reasonOfFrames(withByte(5, 10)), QString("bad_value"));    // no such cause
    QCOMPARE(reasonOfFrames(withByte(5, 1)), QString("inconsistent"));  // REQUEST + cause
    QCOMPARE(reasonOfFrames(withByte(6, kMaxCallDepth + 1)), QString("out_of_range"));
    QCOMPARE(reasonOfFrames(withByte(7, 3)), QString("frame_size"));        // target length
    QCOMPARE(reasonOfFrames(withByte(40, ' ')), QString("bad_value"));      // target name
    QCOMPARE(reasonOfFrames(withByte(23, 0x80)), QString("out_of_range"));  // origin < 0
    Frames reply = clusterscope::testing::sampleRequestFrames()[2];
    reply[0][3] = 3;  // ERROR without a cause
    QCOMPARE(reasonOfFrames(reply), QString("inconsistent"));
    reply[0][3] = 2;
    reply[0][7] = 1;
    reply[0] += "x";  // a REPLY naming a target
    QCOMPARE(reasonOfFrames(reply), QString("inconsistent"));
  }

  // Any value of any header byte is decoded or refused, never more; accepted headers encode
  // back to the same bytes except reserved flag bits.
  void everyByteValue() {
    const Frames base = clusterscope::testing::sampleRequestFrames()[0];
    int accepted = 0;
    for (std::size_t offset = 0; offset < base[0].size(); ++offset) {
      for (int value = 0; value < 256; ++value) {
        Frames f = base;
        f[0][offset] = static_cast<char>(value);
        const auto d = decodeFrames(f);
        if (!d.ok()) {
          QVERIFY(!d.error().message.empty());
          continue;
        }
        ++accepted;
        QCOMPARE(encodeRequest(d->header, d->payload), f);
      }
    }
    QVERIFY(accepted > 5000);
  }
};

QTEST_APPLESS_MAIN(RequestFramesTest)
#include "test_request_frames.moc"
