#pragma once

#include <QString>
#include <QStringList>
#include <string>
#include <string_view>

#include "scenario_loader.h"

// Shared by the scenario loader tests. Diagnostics are compared as whole formatted lines
// ("LINE:COL: /pointer: message"), so one comparison pins the place, the pointer and the
// wording, and a list comparison pins their number and order.

namespace clusterscope::engine::testing {

inline constexpr const char* kTestFile = "test.json";

inline LoadResult load(std::string_view text) { return loadScenarioText(text, kTestFile); }

// Each diagnostic formatted, without the file name.
inline QStringList errorLines(const LoadResult& result) {
  QStringList lines;
  const std::string prefix = std::string(kTestFile) + ":";
  for (const Diagnostic& d : result.errors) {
    std::string line = d.format();
    if (line.rfind(prefix, 0) == 0) line.erase(0, prefix.size());
    lines << QString::fromStdString(line);
  }
  return lines;
}

inline QStringList errorsOf(std::string_view text) { return errorLines(load(text)); }

inline std::string dataFile(const char* name) {
  return std::string(CLUSTERSCOPE_TEST_DATA_DIR) + "/" + name;
}

// A scenario whose entry is "api", with `services` (the array's content) starting on line 7
// and `extra` (more top-level members) two lines after the last line of `services`.
inline std::string withServices(std::string_view services, std::string_view extra = {}) {
  std::string text =
      "{\n"
      "  \"format\": 1,\n"
      "  \"name\": \"t\",\n"
      "  \"duration_s\": 60,\n"
      "  \"workload\": {\"entry\": \"api\", \"rate_rps\": 10},\n"
      "  \"services\": [\n";
  text += services;
  text += "\n  ]";
  if (!extra.empty()) {
    text += ",\n";
    text += extra;
  }
  text += "\n}\n";
  return text;
}

}  // namespace clusterscope::engine::testing
