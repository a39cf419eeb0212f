#include "internal/json_in.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "internal/name_chars.h"
#include "protocol_limits.h"

namespace clusterscope::agents::protocol::detail {

namespace {

[[noreturn]] void wrongType(const Json& v, const Where& at, const char* expected) {
  fail(DecodeReason::WrongType,
       at.str() + ": expected " + std::string(expected) + ", got " + v.type_name());
}

std::string formatNumber(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", d);
  return buf;
}

[[noreturn]] void outOfRange(const Where& at, const std::string& rule, const std::string& got) {
  fail(DecodeReason::OutOfRange, at.str() + ": must be " + rule + ", got " + got);
}

void checkDepth(std::string_view text) {
  std::size_t at = 0;
  if (nestingDepth(text, kMaxJsonDepth, &at) > kMaxJsonDepth) {
    fail(DecodeReason::TooDeep, "/: nested deeper than " + std::to_string(kMaxJsonDepth) +
                                    " levels at byte " + std::to_string(at));
  }
}

bool tokenChar(char c, Token kind) {
  const bool lower = c >= 'a' && c <= 'z';
  const bool digit = c >= '0' && c <= '9';
  const bool upper = c >= 'A' && c <= 'Z';
  switch (kind) {
    case Token::Name:
      return isNameChar(c);
    case Token::Instance:
      return lower || upper || digit || c == '_' || c == '.' || c == '-' || c == ':' || c == '#' ||
             c == '@';
    case Token::Word:
      return lower || digit || c == '_' || c == '.' || c == '-';
    case Token::Endpoint:
      return c > 0x20 && c < 0x7f;
  }
  return false;
}

struct TokenRule {
  std::size_t maxBytes;
  const char* what;
};

TokenRule ruleOf(Token kind) {
  switch (kind) {
    case Token::Name:
      return {kMaxNameBytes, "a name of 1 to 64 letters, digits, '_', '.' or '-'"};
    case Token::Instance:
      return {kMaxInstanceBytes, "an instance id of 1 to 128 letters, digits or _.:#@-"};
    case Token::Word:
      return {kMaxTokenBytes, "a token of 1 to 32 lower-case letters, digits, '_', '.' or '-'"};
    case Token::Endpoint:
      return {kMaxEndpointBytes, "an endpoint (tcp://, ipc://, inproc://, http:// or https://)"};
  }
  return {0, ""};
}

bool hasScheme(std::string_view s) {
  for (std::string_view scheme : {"tcp://", "ipc://", "inproc://", "http://", "https://"}) {
    if (s.size() > scheme.size() && s.substr(0, scheme.size()) == scheme) return true;
  }
  return false;
}

}  // namespace

void fail(DecodeReason reason, std::string message) {
  throw DecodeFailure{reason, std::move(message)};
}

std::string printable(std::string_view s, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < s.size() && i < limit; ++i) {
    const auto u = static_cast<unsigned char>(s[i]);
    out += u >= 0x20 && u < 0x7f ? s[i] : '?';
  }
  if (s.size() > limit) out += "...";
  return out;
}

// Nesting without recursion: brackets outside strings, tolerant of malformed text (the
// parser reports that afterwards).
int nestingDepth(std::string_view text, int limit, std::size_t* at) {
  int depth = 0;
  int deepest = 0;
  bool inString = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (inString) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        inString = false;
      }
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (depth > limit) {
        if (at) *at = i;
        return depth;
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

Json parseObject(std::string_view text) {
  checkDepth(text);
  Json root;
  try {
    root = Json::parse(text);
  } catch (const Json::exception& e) {
    // parse_error (syntax, ill-formed UTF-8) or out_of_range (a number beyond a double).
    fail(DecodeReason::BadJson, "/: invalid JSON: " + printable(e.what(), 200));
  }
  if (!root.is_object()) wrongType(root, Where(std::string("/")), "an object");
  return root;
}

std::string child(const std::string& path, std::string_view key) {
  // nlohmann's pointer escapes the token ("~" -> "~0", "/" -> "~1").
  return (path == "/" ? std::string() : path) +
         (Json::json_pointer() / std::string(key)).to_string();
}

std::string Where::str() const {
  const std::string base = path_ != nullptr ? *path_ : parent_->str();
  switch (step_) {
    case Step::Key:
      return child(base, key_);
    case Step::Index:
      return child(base, index_);
    case Step::None:
      break;
  }
  return base;
}

std::string child(const std::string& path, std::size_t index) {
  return (path == "/" ? std::string() : path) + "/" + std::to_string(index);
}

std::uint64_t readCount(const Json& v, const Where& at) {
  if (v.is_number_unsigned()) return v.get<std::uint64_t>();
  if (v.is_number_integer()) outOfRange(at, "at least 0", std::to_string(v.get<std::int64_t>()));
  if (v.is_number_float()) {
    // JSON has one number type: 3.0 is the integer 3.
    const double d = v.get<double>();
    if (d != std::floor(d)) {
      fail(DecodeReason::WrongType, at.str() + ": expected an integer, got " + formatNumber(d));
    }
    if (d < 0) outOfRange(at, "at least 0", formatNumber(d));
    if (d >= 18446744073709551616.0) outOfRange(at, "less than 2^64", formatNumber(d));
    return static_cast<std::uint64_t>(d);
  }
  wrongType(v, at, "an integer");
}

std::int64_t readInteger(const Json& v, const Where& at, std::int64_t lo, std::int64_t hi) {
  const std::string rule = "between " + std::to_string(lo) + " and " + std::to_string(hi);
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(hi) || (lo > 0 && u < static_cast<std::uint64_t>(lo))) {
      outOfRange(at, rule, std::to_string(u));
    }
    return static_cast<std::int64_t>(u);
  }
  if (v.is_number_integer()) {
    const auto i = v.get<std::int64_t>();
    if (i < lo || i > hi) outOfRange(at, rule, std::to_string(i));
    return i;
  }
  if (v.is_number_float()) {
    const double d = v.get<double>();
    if (d != std::floor(d)) {
      fail(DecodeReason::WrongType, at.str() + ": expected an integer, got " + formatNumber(d));
    }
    if (d < static_cast<double>(lo) || d > static_cast<double>(hi)) {
      outOfRange(at, rule, formatNumber(d));
    }
    return static_cast<std::int64_t>(d);
  }
  wrongType(v, at, "an integer");
}

double readNumber(const Json& v, const Where& at, double lo, double hi) {
  if (!v.is_number()) wrongType(v, at, "a number");
  const double d = v.get<double>();
  if (!std::isfinite(d) || d < lo || d > hi) {
    outOfRange(at, "between " + formatNumber(lo) + " and " + formatNumber(hi), formatNumber(d));
  }
  return d;
}

bool readBool(const Json& v, const Where& at) {
  if (!v.is_boolean()) wrongType(v, at, "a boolean");
  return v.get<bool>();
}

std::string readText(const Json& v, const Where& at, std::size_t maxBytes) {
  if (!v.is_string()) wrongType(v, at, "a string");
  const auto& s = v.get_ref<const std::string&>();
  if (s.size() > maxBytes) {
    fail(DecodeReason::TooLong, at.str() + ": " + std::to_string(s.size()) +
                                    " bytes, more than the limit of " + std::to_string(maxBytes));
  }
  // Text ends up on terminals and in logs: no escape sequences, no NUL.
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n' && c != '\r' && c != '\t') || u == 0x7f) {
      fail(DecodeReason::BadValue, at.str() + ": contains control character " + std::to_string(u));
    }
  }
  return s;
}

std::string readToken(const Json& v, const Where& at, Token kind) {
  const TokenRule rule = ruleOf(kind);
  std::string s = readText(v, at, rule.maxBytes);
  bool valid = !s.empty();
  for (char c : s) valid = valid && tokenChar(c, kind);
  if (kind == Token::Endpoint) valid = valid && hasScheme(s);
  if (!valid) {
    fail(DecodeReason::BadValue,
         at.str() + ": \"" + printable(s) + "\" is not " + std::string(rule.what));
  }
  return s;
}

const Json& readArray(const Json& v, const Where& at, std::size_t maxItems) {
  if (!v.is_array()) wrongType(v, at, "an array");
  if (v.size() > maxItems) {
    fail(DecodeReason::TooLong, at.str() + ": " + std::to_string(v.size()) +
                                    " entries, more than the limit of " + std::to_string(maxItems));
  }
  return v;
}

ObjectIn::ObjectIn(const Json& v, std::string path) : object_(v), path_(std::move(path)) {
  if (!v.is_object()) wrongType(v, Where(path_), "an object");
}

const Json* ObjectIn::find(std::string_view key) const {
  const auto it = object_.find(key);
  return it == object_.end() ? nullptr : &*it;
}

const Json& ObjectIn::get(std::string_view key) const {
  if (const Json* v = find(key)) return *v;
  fail(DecodeReason::MissingField, path_ + ": missing required key \"" + std::string(key) + "\"");
}

std::uint64_t ObjectIn::count(std::string_view key) const {
  return readCount(get(key), where(key));
}

std::uint64_t ObjectIn::count(std::string_view key, std::uint64_t fallback) const {
  const Json* v = find(key);
  return v ? readCount(*v, where(key)) : fallback;
}

std::int64_t ObjectIn::integer(std::string_view key, std::int64_t lo, std::int64_t hi) const {
  return readInteger(get(key), where(key), lo, hi);
}

std::int64_t ObjectIn::integer(std::string_view key, std::int64_t lo, std::int64_t hi,
                               std::int64_t fallback) const {
  const Json* v = find(key);
  return v ? readInteger(*v, where(key), lo, hi) : fallback;
}

double ObjectIn::number(std::string_view key, double lo, double hi) const {
  return readNumber(get(key), where(key), lo, hi);
}

double ObjectIn::number(std::string_view key, double lo, double hi, double fallback) const {
  const Json* v = find(key);
  return v ? readNumber(*v, where(key), lo, hi) : fallback;
}

bool ObjectIn::boolean(std::string_view key) const { return readBool(get(key), where(key)); }

bool ObjectIn::boolean(std::string_view key, bool fallback) const {
  const Json* v = find(key);
  return v ? readBool(*v, where(key)) : fallback;
}

std::string ObjectIn::text(std::string_view key, std::size_t maxBytes) const {
  return readText(get(key), where(key), maxBytes);
}

std::string ObjectIn::textOr(std::string_view key, std::size_t maxBytes) const {
  const Json* v = find(key);
  return v ? readText(*v, where(key), maxBytes) : std::string();
}

std::string ObjectIn::token(std::string_view key, Token kind) const {
  return readToken(get(key), where(key), kind);
}

std::string ObjectIn::tokenOr(std::string_view key, Token kind) const {
  const Json* v = find(key);
  return v ? readToken(*v, where(key), kind) : std::string();
}

ObjectIn ObjectIn::object(std::string_view key) const { return ObjectIn(get(key), at(key)); }

std::optional<ObjectIn> ObjectIn::objectOr(std::string_view key) const {
  const Json* v = find(key);
  if (v == nullptr) return std::nullopt;
  return ObjectIn(*v, at(key));
}

const Json& ObjectIn::array(std::string_view key, std::size_t maxItems) const {
  return readArray(get(key), where(key), maxItems);
}

const Json* ObjectIn::arrayOr(std::string_view key, std::size_t maxItems) const {
  const Json* v = find(key);
  return v ? &readArray(*v, where(key), maxItems) : nullptr;
}

std::string dumpBody(const Json& body) {
  return body.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace clusterscope::agents::protocol::detail
