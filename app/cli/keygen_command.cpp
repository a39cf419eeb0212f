// clusterscope-cli keygen DIR: the three key pairs of a cluster (docs/protocol.md, "Keys and
// the connection file") for a hub started by hand: clusterscope-hub --keys DIR.

#include <filesystem>

#include "cli_commands.h"
#include "cli_shared.h"
#include "curve_keys.h"
#include "live_commands.h"
#include "printable_text.h"

namespace clusterscope::cli {

int commandKeygen(const CliOptions& o, std::ostream& out, std::ostream& err) {
  namespace fs = std::filesystem;
  const std::string& dir = o.live.dir;
  const std::string existing = dir + "/" + agents::kHubKeyName + ".key_secret";
  std::error_code ec;
  if (fs::exists(existing, ec) && !o.live.force) {
    err << kProgram
        << u8(CliText::tr("%1 already holds keys (hub.key_secret): --force replaces them")
                  .arg(qs(engine::printableText(dir))))
        << "\n";
    return kExitInvalidInput;
  }
  if (!agents::curveAvailable()) {
    err << kProgram << u8(CliText::tr("this libzmq was built without CURVE: no keys can be made"))
        << "\n";
    return kExitInvalidInput;
  }
  try {
    agents::makeClusterKeys(dir);
  } catch (const std::exception& e) {
    err << kProgram << engine::printableText(e.what()) << "\n";
    return kExitInvalidInput;
  }
  const std::string shown = engine::printableText(dir);
  out << u8(CliText::tr(
                "wrote the key pairs of a cluster in %1:\n"
                "  hub.key, hub.key_secret                 the hub: clusterscope-hub --keys %1\n"
                "  agent.key, agent.key_secret             processes that join (--certificate)\n"
                "  controller.key, controller.key_secret   monitor, inject, the GUI: --keys %1\n"
                "secret files are mode 0600; hand out only the .key files")
                .arg(qs(shown)))
      << "\n";
  return kExitOk;
}

}  // namespace clusterscope::cli
