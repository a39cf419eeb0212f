#include "internal/text_format.h"

#include <charconv>
#include <cmath>
#include <system_error>

#include "printable_text.h"

namespace clusterscope::engine::loader {

std::string formatNumber(double value) {
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<long long>(value));
  }
  char buf[64];
  // Small bounds read better written out ("0.000001" rather than "1e-06") while short.
  if (const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed);
      ec == std::errc() && end - buf <= 12) {
    return std::string(buf, end);
  }
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

std::string quotedText(std::string_view text) { return '"' + shortenedText(text) + '"'; }

std::string quotedList(const std::vector<std::string>& items, std::string_view conjunction) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " " + std::string(conjunction) + " " : ", ";
    out += '"' + items[i] + '"';
  }
  return out;
}

}  // namespace clusterscope::engine::loader
