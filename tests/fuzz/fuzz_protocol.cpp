// libFuzzer entry for the wire protocol: the input is split into frames (fuzz_frames.h) and
// given to every decoder, and the whole input to the key and connection file readers. Any
// input must be decoded or refused with a named reason and a message, never crash, hang or
// leak; a decoded message must encode to one that decodes equal. A broken invariant aborts,
// which both libFuzzer and the replay driver report.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "broker_frames.h"
#include "connection_file.h"
#include "control_codec.h"
#include "fuzz_frames.h"
#include "request_frames.h"
#include "telemetry_pub.h"

namespace {

using namespace clusterscope::agents::protocol;

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_protocol: %s\n%s\n", what, detail.c_str());
  std::abort();
}

// A refusal must say why, in words and by one of the known reasons.
template <typename T>
bool refused(const Decoded<T>& d, const char* decoder) {
  if (d.ok()) return false;
  const auto reason = static_cast<int>(d.error().reason);
  if (reason < 0 || reason >= kDecodeReasonCount) fail("unknown reason", decoder);
  if (d.error().message.empty()) fail("a refusal without a message", decoder);
  return true;
}

template <typename T, typename Decode>
T decodedAgain(const Frames& encoded, Decode decode, const char* decoder) {
  const auto views = viewsOf(encoded);
  auto again = decode(views);
  if (!again.ok()) {
    fail("an encoded message is refused", std::string(decoder) + ": " + again.error().message);
  }
  return std::move(again).value();
}

void control(FrameView frames) {
  const auto d = decodeControl(frames);
  if (refused(d, "control")) return;
  const Frames encoded = encodeControl(d.value());
  if (!(decodedAgain<ControlMessage>(encoded, decodeControl, "control") == d.value())) {
    fail("control: encode -> decode changed the message", encoded[1]);
  }
}

void request(FrameView frames) {
  const auto d = decodeRequest(frames);
  if (refused(d, "request")) return;
  const Frames encoded = encodeRequest(d->header, d->payload);
  if (!(decodedAgain<RequestMessage>(encoded, decodeRequest, "request") == d.value())) {
    fail("request: encode -> decode changed the message", "");
  }
}

void broker(FrameView frames) {
  const auto d = decodeBroker(frames);
  if (refused(d, "broker")) return;
  const Frames encoded = encodeBroker(d->header, d->service, d->payload);
  if (!(decodedAgain<BrokerMessage>(encoded, decodeBroker, "broker") == d.value())) {
    fail("broker: encode -> decode changed the message", "");
  }
}

void telemetry(FrameView frames) {
  const auto d = decodeTelemetrySample(frames);
  if (refused(d, "telemetry")) return;
  // The timestamp is written to the microsecond: compare the rest.
  const auto again = decodedAgain<TelemetrySample>(encodeTelemetrySample(d.value()),
                                                   decodeTelemetrySample, "telemetry");
  if (again.topic != d->topic || again.values != d->values) {
    fail("telemetry: encode -> decode changed the sample", d->topic);
  }
}

void files(std::string_view text) {
  const auto certificate = parseCertificate(text);
  if (!refused(certificate, "certificate")) {
    const auto again = parseCertificate(formatCertificate(certificate.value(), "now"));
    if (!again.ok() || !(again.value() == certificate.value())) {
      fail("certificate: format -> parse changed it", "");
    }
  }
  const auto connection = parseConnectionFile(text);
  if (!refused(connection, "connection file")) {
    const auto again = parseConnectionFile(formatConnectionFile(connection.value()));
    if (!again.ok() || !(again.value() == connection.value())) {
      fail("connection file: format -> parse changed it", "");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::vector<std::string_view> frames = clusterscope::fuzzing::splitFrames(input);
  control(frames);
  request(frames);
  broker(frames);
  telemetry(frames);
  files(input);
  return 0;
}
