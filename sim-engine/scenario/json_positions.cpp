#include "internal/json_positions.h"

#include <algorithm>
#include <charconv>
#include <system_error>
#include <unordered_set>

#include "engine_text.h"

namespace clusterscope::engine::loader {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Skips a string literal starting at its opening quote; returns the offset after the closing
// quote, or text.size() when it is unterminated (possible only in checkNesting's input).
std::size_t skipStringAt(std::string_view text, std::size_t pos) {
  for (++pos; pos < text.size(); ++pos) {
    if (text[pos] == '\\') {
      ++pos;
    } else if (text[pos] == '"') {
      return pos + 1;
    }
  }
  return text.size();
}

void appendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::uint32_t hex4(std::string_view text, std::size_t pos) {
  std::uint32_t v = 0;
  for (std::size_t i = pos; i < pos + 4 && i < text.size(); ++i) {
    const char c = text[i];
    const std::uint32_t d = isDigit(c)               ? static_cast<std::uint32_t>(c - '0')
                            : (c >= 'a' && c <= 'f') ? static_cast<std::uint32_t>(c - 'a' + 10)
                                                     : static_cast<std::uint32_t>(c - 'A' + 10);
    v = v * 16 + d;
  }
  return v;
}

// Is the number literal (valid JSON syntax) too large for a double? from_chars reports
// underflow and overflow alike, so the decimal exponent of the leading digit tells them apart.
bool overflows(std::string_view literal) {
  double value = 0;
  const auto [end, ec] = std::from_chars(literal.data(), literal.data() + literal.size(), value);
  (void)end;
  if (ec != std::errc::result_out_of_range) return false;
  long long exponent = 0;
  const std::size_t e = literal.find_first_of("eE");
  if (e != std::string_view::npos) {
    std::string_view digits = literal.substr(e + 1);
    bool negative = false;
    if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) {
      negative = digits[0] == '-';
      digits.remove_prefix(1);
    }
    for (char c : digits) exponent = std::min(exponent * 10 + (c - '0'), 1000000000LL);
    if (negative) exponent = -exponent;
  }
  const std::string_view mantissa = literal.substr(0, e);
  long long intDigits = 0;     // significant digits before the point
  long long leadingZeros = 0;  // zeros right after the point when the integer part is zero
  bool seenNonZero = false;
  bool afterPoint = false;
  for (char c : mantissa) {
    if (c == '.') {
      afterPoint = true;
    } else if (isDigit(c)) {
      if (c != '0') seenNonZero = true;
      if (!afterPoint && seenNonZero) ++intDigits;
      if (afterPoint && !seenNonZero) ++leadingZeros;
    }
  }
  if (!seenNonZero) return false;
  const long long magnitude = intDigits > 0 ? intDigits + exponent : exponent - leadingZeros;
  return magnitude > 0;
}

}  // namespace

std::optional<TextProblem> checkNesting(std::string_view text, int maxDepth) {
  int depth = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const char c = text[pos];
    if (c == '"') {
      pos = skipStringAt(text, pos);
      continue;
    }
    if (c == '[' || c == '{') {
      if (++depth > maxDepth) {
        return TextProblem{
            pos, text::format(text::translate("ScenarioLoader", "nesting deeper than %1 levels"),
                              {std::to_string(maxDepth)})};
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
    ++pos;
  }
  return std::nullopt;
}

std::optional<std::size_t> findOverflowingNumber(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    const char c = text[pos];
    if (c == '"') {
      pos = skipStringAt(text, pos);
      continue;
    }
    if (c == '-' || isDigit(c)) {
      std::size_t end = pos + 1;
      while (end < text.size() && (isDigit(text[end]) || text[end] == '.' || text[end] == 'e' ||
                                   text[end] == 'E' || text[end] == '+' || text[end] == '-')) {
        ++end;
      }
      if (overflows(text.substr(pos, end - pos))) return pos;
      pos = end;
      continue;
    }
    ++pos;
  }
  return std::nullopt;
}

std::string decodeJsonString(std::string_view text, std::size_t offset) {
  std::string out;
  for (std::size_t pos = offset + 1; pos < text.size() && text[pos] != '"'; ++pos) {
    if (text[pos] != '\\') {
      out += text[pos];
      continue;
    }
    if (++pos >= text.size()) break;
    switch (text[pos]) {
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        std::uint32_t cp = hex4(text, pos + 1);
        pos += 4;
        // nlohmann accepted the text, so a high surrogate is followed by "\uDC00".."\uDFFF".
        if (cp >= 0xD800 && cp <= 0xDBFF && pos + 6 < text.size() && text[pos + 1] == '\\') {
          const std::uint32_t low = hex4(text, pos + 3);
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          pos += 6;
        }
        appendUtf8(out, cp);
        break;
      }
      default:  // '"', '\\', '/'
        out += text[pos];
    }
  }
  return out;
}

std::string unescapePointerToken(std::string_view raw) {
  std::string token;
  token.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '~' && i + 1 < raw.size()) {
      token += raw[i + 1] == '1' ? '/' : '~';
      ++i;
    } else {
      token += raw[i];
    }
  }
  return token;
}

std::string escapePointerToken(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

JsonPositions::JsonPositions(std::string_view text) : text_(text) {
  std::size_t pos = 0;
  // nlohmann skips a UTF-8 byte order mark; so must we.
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  pos = skipSpace(pos);
  if (pos >= text_.size()) return;
  std::string pointer;
  indexValue(pos, kNoKey, pointer);
}

std::size_t JsonPositions::skipSpace(std::size_t pos) const {
  while (pos < text_.size() && isSpace(text_[pos])) ++pos;
  return pos;
}

std::size_t JsonPositions::skipString(std::size_t pos) const { return skipStringAt(text_, pos); }

// Indexes the value at `pos` and its subtree; returns the offset after it. `pointer` is the
// value's JSON pointer, kept only to name duplicate keys.
std::size_t JsonPositions::indexValue(std::size_t pos, std::uint32_t keyOffset,
                                      std::string& pointer) {
  const std::size_t self = nodes_.size();
  nodes_.push_back(Node{static_cast<std::uint32_t>(pos), keyOffset, 0});
  const char open = text_[pos];
  if (open == '{' || open == '[') {
    const char close = open == '{' ? '}' : ']';
    std::unordered_set<std::string> keys;
    std::size_t index = 0;
    pos = skipSpace(pos + 1);
    while (pos < text_.size() && text_[pos] != close) {
      const std::size_t mark = pointer.size();
      std::uint32_t memberKey = kNoKey;
      if (open == '{') {
        memberKey = static_cast<std::uint32_t>(pos);
        std::string key = decodeJsonString(text_, pos);
        pointer += '/';
        pointer += escapePointerToken(key);
        if (!keys.insert(std::move(key)).second) duplicates_.push_back({pointer, pos});
        pos = skipSpace(skipString(pos));
        pos = skipSpace(pos + 1);  // ':'
      } else {
        pointer += '/';
        pointer += std::to_string(index++);
      }
      pos = skipSpace(indexValue(pos, memberKey, pointer));
      pointer.resize(mark);
      if (pos < text_.size() && text_[pos] == ',') pos = skipSpace(pos + 1);
    }
    ++pos;
  } else if (open == '"') {
    pos = skipString(pos);
  } else {
    while (pos < text_.size() && !isSpace(text_[pos]) && text_[pos] != ',' && text_[pos] != ']' &&
           text_[pos] != '}') {
      ++pos;
    }
  }
  nodes_[self].end = static_cast<std::uint32_t>(nodes_.size());
  return pos;
}

const JsonPositions::Children& JsonPositions::children(std::size_t parent) const {
  const auto [it, inserted] = children_.try_emplace(static_cast<std::uint32_t>(parent));
  if (inserted) {
    const bool object = text_[nodes_[parent].value] == '{';
    for (std::size_t i = parent + 1; i < nodes_[parent].end; i = nodes_[i].end) {
      if (object) {
        it->second.members[decodeJsonString(text_, nodes_[i].key)] = static_cast<std::uint32_t>(i);
      } else {
        it->second.items.push_back(static_cast<std::uint32_t>(i));
      }
    }
  }
  return it->second;
}

std::size_t JsonPositions::child(std::size_t parent, std::string_view token) const {
  const char open = text_[nodes_[parent].value];
  if (open == '[') {
    if (token.empty() || token.size() > 9 || (token.size() > 1 && token[0] == '0')) {
      return nodes_.size();
    }
    std::size_t wanted = 0;
    for (char c : token) {
      if (!isDigit(c)) return nodes_.size();
      wanted = wanted * 10 + static_cast<std::size_t>(c - '0');
    }
    const auto& items = children(parent).items;
    return wanted < items.size() ? items[wanted] : nodes_.size();
  }
  if (open != '{') return nodes_.size();
  const auto& members = children(parent).members;
  const auto it = members.find(std::string(token));
  return it != members.end() ? it->second : nodes_.size();
}

std::size_t JsonPositions::offsetOf(std::string_view pointer, bool key) const {
  if (nodes_.empty()) return 0;
  std::size_t current = 0;
  bool complete = true;
  while (!pointer.empty() && pointer[0] == '/') {
    pointer.remove_prefix(1);
    const std::size_t slash = pointer.find('/');
    const std::string token = unescapePointerToken(pointer.substr(0, slash));
    const std::size_t next = child(current, token);
    if (next >= nodes_.size()) {
      complete = false;
      break;
    }
    current = next;
    pointer = slash == std::string_view::npos ? std::string_view() : pointer.substr(slash);
  }
  const Node& node = nodes_[current];
  if (key && complete && node.key != kNoKey) return node.key;
  return node.value;
}

LineMap::LineMap(std::string_view text) : text_(text) {
  lineStarts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') lineStarts_.push_back(i + 1);
  }
}

std::pair<int, int> LineMap::lineColumn(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  const auto it = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset);
  const std::size_t line = static_cast<std::size_t>(it - lineStarts_.begin());
  std::size_t start = lineStarts_[line - 1];
  if (start == 0 && offset >= 3 && text_.substr(0, 3) == "\xEF\xBB\xBF") start = 3;
  int column = 1;
  for (std::size_t i = start; i < offset; ++i) {
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
  }
  return {static_cast<int>(line), column};
}

}  // namespace clusterscope::engine::loader
