#include "engine_text.h"

#include <utility>

namespace clusterscope::text {

namespace {

Translator& hook() {
  static Translator translator;
  return translator;
}

}  // namespace

void setTranslator(Translator translator) { hook() = std::move(translator); }

std::string translate(const char* context, const char* english) {
  const Translator& t = hook();
  return t ? t(context, english) : std::string(english);
}

std::string format(std::string_view pattern, std::initializer_list<std::string_view> args) {
  return format(pattern, std::span<const std::string_view>(args.begin(), args.size()));
}

std::string format(std::string_view pattern, std::span<const std::string_view> values) {
  std::string out;
  out.reserve(pattern.size() + 16 * values.size());
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '%' && i + 1 < pattern.size() && pattern[i + 1] >= '1' &&
        pattern[i + 1] <= '9') {
      const auto n = static_cast<std::size_t>(pattern[i + 1] - '1');
      if (n < values.size()) {
        out += values[n];
        ++i;
        continue;
      }
    }
    out += pattern[i];
  }
  return out;
}

std::size_t width(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text) {
    // Continuation bytes (10xxxxxx) belong to the code point before them.
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string pad(std::string_view text, std::size_t columns, bool left) {
  const std::size_t n = width(text);
  if (n >= columns) return std::string(text);
  const std::string spaces(columns - n, ' ');
  return left ? std::string(text) + spaces : spaces + std::string(text);
}

}  // namespace clusterscope::text
