// libFuzzer entry for the scenario loader. Any input must load or be refused with sorted,
// well-formed, one-line diagnostics, never crash; an accepted input must survive write -> load
// unchanged. The same input is read as one action too (a control command's), with the same
// rules. A broken invariant aborts, which both libFuzzer and the replay driver report.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "scenario_loader.h"

namespace {

using clusterscope::engine::Diagnostic;
using clusterscope::engine::LoadResult;

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_scenario_loader: %s\n%s\n", what, detail.c_str());
  std::abort();
}

void checkDiagnostics(const LoadResult& result) {
  if (result.errors.empty()) fail("refused without a diagnostic", "");
  const Diagnostic* previous = nullptr;
  for (const Diagnostic& d : result.errors) {
    const std::string line = d.format();
    if (d.message.empty()) fail("empty message", line);
    for (const char c : line) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u == 0x7f) fail("a control character in a diagnostic", line);
    }
    if (d.line == 0) continue;  // the "N more errors" note; an unreadable file
    if (d.line < 0 || d.column < 1) fail("bad position", line);
    if (!d.pointer.empty() && d.pointer[0] != '/') fail("bad pointer", line);
    if (previous != nullptr &&
        (d.line < previous->line || (d.line == previous->line && d.column < previous->column))) {
      fail("diagnostics out of order", previous->format() + "\n" + line);
    }
    previous = &d;
  }
}

void checkAction(std::string_view text) {
  const clusterscope::engine::ActionLoadResult result =
      clusterscope::engine::loadActionText(text, "fuzz.json");
  if (!result.ok()) {
    if (result.action) fail("an action came with errors", result.errors.front().format());
    if (result.errors.empty()) fail("an action refused without a diagnostic", "");
    return;
  }
  const std::string written = clusterscope::engine::actionToJson(*result.action);
  const auto again = clusterscope::engine::loadActionText(written, "written.json");
  if (!again.ok()) fail("the written action does not load", again.errors.front().format());
  if (!(*again.action == *result.action)) fail("write -> load changed the action", written);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  checkAction(text);
  const LoadResult result = clusterscope::engine::loadScenarioText(text, "fuzz.json");
  if (!result.ok()) {
    if (result.scenario) fail("a scenario came with errors", result.errors.front().format());
    checkDiagnostics(result);
    return 0;
  }
  const std::string written = clusterscope::engine::scenarioToJson(*result.scenario);
  const LoadResult again = clusterscope::engine::loadScenarioText(written, "written.json");
  if (!again.ok()) fail("the written scenario does not load", again.errors.front().format());
  if (!(*again.scenario == *result.scenario)) fail("write -> load changed the scenario", written);
  for (const auto& entry : result.scenario->timeline) {
    if (clusterscope::engine::actionToJson(entry.action).empty()) fail("empty action JSON", "");
  }
  return 0;
}
