// Writes the protocol fuzzer's seed corpus: one file per sample message of every plane
// (frames joined as fuzz_frames.h says), a certificate and a connection file. The encoders
// make the seeds, so the corpus follows the protocol as it changes.
//
//   protocol_fuzz_corpus DIR    (DIR is emptied first)

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "connection_file.h"
#include "control_codec.h"
#include "fuzz_frames.h"
#include "protocol_samples.h"

namespace protocol = clusterscope::agents::protocol;
using clusterscope::fuzzing::joinFrames;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  int n = 0;
  const auto write = [&](const std::string& name, const std::string& bytes) {
    std::ofstream(dir / (std::to_string(n++) + "-" + name), std::ios::binary) << bytes;
  };
  for (const auto& m : clusterscope::testing::sampleControlMessages()) {
    write(protocol::controlTypeName(protocol::controlTypeOf(m)),
          joinFrames(protocol::encodeControl(m)));
  }
  const std::optional<protocol::ClusterPlan> plan = clusterscope::testing::samplePlan();
  for (const auto& part : protocol::encodeSnapshot(3, plan, {}, 1024))
    write("SNAPSHOT", joinFrames(part));
  for (const auto& f : clusterscope::testing::sampleRequestFrames())
    write("request", joinFrames(f));
  for (const auto& f : clusterscope::testing::sampleBrokerFrames()) write("async", joinFrames(f));
  write("telemetry",
        joinFrames(protocol::encodeTelemetrySample(clusterscope::testing::sampleTelemetry())));
  write("certificate", protocol::formatCertificate({"rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7",
                                                    "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6"},
                                                   "2026-01-01 00:00:00"));
  write("connection", protocol::formatConnectionFile(
                          {"tcp://127.0.0.1:40000", "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7",
                           "keys/controller.key_secret", "keys/agent.key_secret", "", 1, "demo"}));
  std::printf("%d seeds written to %s\n", n, dir.c_str());
  return 0;
}
