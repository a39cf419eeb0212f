#pragma once

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

#include "cli_text.h"

// Options are taken as text and checked by the tool itself, so that every mistake gets a
// message naming the option and what it accepts (cli_options.cpp, live_options.cpp).

namespace clusterscope::cli {

inline std::optional<std::uint64_t> parseUnsigned(const std::string& s) {
  if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  const unsigned long long v = std::strtoull(s.c_str(), &end, 10);
  if (errno == ERANGE || *end != '\0') return std::nullopt;
  return static_cast<std::uint64_t>(v);
}

inline std::optional<double> parseDouble(const std::string& s) {
  if (s.empty()) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (errno == ERANGE || *end != '\0' || !std::isfinite(v)) return std::nullopt;
  return v;
}

// The messages of a value out of its range, in the user's language: `option`: "text" is not...
inline std::string notWhole(const char* option, const std::string& text, const char* from,
                            const char* to) {
  return u8(CliText::tr("%1: \"%2\" is not a whole number from %3 to %4")
                .arg(QLatin1String(option), QString::fromStdString(text), QLatin1String(from),
                     QLatin1String(to)));
}

inline std::string notSeconds(const char* option, const std::string& text, const char* from,
                              const char* to) {
  return u8(CliText::tr("%1: \"%2\" is not a number of seconds from %3 to %4")
                .arg(QLatin1String(option), QString::fromStdString(text), QLatin1String(from),
                     QLatin1String(to)));
}

// True when the option exists on `app` and was given.
inline bool given(const CLI::App& app, const std::string& option) {
  return app.get_option_no_throw(option) && app.count(option) > 0;
}

}  // namespace clusterscope::cli
