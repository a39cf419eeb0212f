#include "internal/json_syntax_text.h"

#include <string_view>

#include "engine_text.h"

namespace clusterscope::engine::loader {

namespace {

// nlohmann_json's own words (parser.hpp, lexer.hpp), for the translators: translate() finds
// them at run time. The control characters other than tab, line feed and carriage return are
// rare enough in a scenario to stay in English.
[[maybe_unused]] constexpr const char* kJsonWords[] = {
    QT_TRANSLATE_NOOP("JsonSyntax", "value"),
    QT_TRANSLATE_NOOP("JsonSyntax", "object"),
    QT_TRANSLATE_NOOP("JsonSyntax", "object key"),
    QT_TRANSLATE_NOOP("JsonSyntax", "object separator"),
    QT_TRANSLATE_NOOP("JsonSyntax", "array"),
    QT_TRANSLATE_NOOP("JsonSyntax", "true literal"),
    QT_TRANSLATE_NOOP("JsonSyntax", "false literal"),
    QT_TRANSLATE_NOOP("JsonSyntax", "null literal"),
    QT_TRANSLATE_NOOP("JsonSyntax", "string literal"),
    QT_TRANSLATE_NOOP("JsonSyntax", "number literal"),
    QT_TRANSLATE_NOOP("JsonSyntax", "end of input"),
    QT_TRANSLATE_NOOP("JsonSyntax", "'[', '{', or a literal"),
    QT_TRANSLATE_NOOP("JsonSyntax", "unexpected true literal"),
    QT_TRANSLATE_NOOP("JsonSyntax", "unexpected false literal"),
    QT_TRANSLATE_NOOP("JsonSyntax", "unexpected null literal"),
    QT_TRANSLATE_NOOP("JsonSyntax", "unexpected string literal"),
    QT_TRANSLATE_NOOP("JsonSyntax", "unexpected number literal"),
    QT_TRANSLATE_NOOP("JsonSyntax", "unexpected '['"),
    QT_TRANSLATE_NOOP("JsonSyntax", "unexpected '{'"),
    QT_TRANSLATE_NOOP("JsonSyntax", "unexpected ']'"),
    QT_TRANSLATE_NOOP("JsonSyntax", "unexpected '}'"),
    QT_TRANSLATE_NOOP("JsonSyntax", "unexpected ':'"),
    QT_TRANSLATE_NOOP("JsonSyntax", "unexpected ','"),
    QT_TRANSLATE_NOOP("JsonSyntax", "unexpected end of input"),
    QT_TRANSLATE_NOOP("JsonSyntax", "invalid literal"),
    QT_TRANSLATE_NOOP("JsonSyntax", "invalid string: missing closing quote"),
    QT_TRANSLATE_NOOP("JsonSyntax", "invalid string: ill-formed UTF-8 byte"),
    QT_TRANSLATE_NOOP("JsonSyntax", "invalid string: forbidden character after backslash"),
    QT_TRANSLATE_NOOP("JsonSyntax", "invalid string: '\\u' must be followed by 4 hex digits"),
    QT_TRANSLATE_NOOP("JsonSyntax",
                      "invalid string: control character U+0009 (HT) must be escaped to \\u0009 "
                      "or \\t"),
    QT_TRANSLATE_NOOP("JsonSyntax",
                      "invalid string: control character U+000A (LF) must be escaped to \\u000A "
                      "or \\n"),
    QT_TRANSLATE_NOOP("JsonSyntax",
                      "invalid string: control character U+000D (CR) must be escaped to \\u000D "
                      "or \\r"),
    QT_TRANSLATE_NOOP("JsonSyntax", "invalid number; expected digit after '-'"),
    QT_TRANSLATE_NOOP("JsonSyntax", "invalid number; expected digit after '.'"),
    QT_TRANSLATE_NOOP("JsonSyntax", "invalid number; expected '+', '-', or digit after exponent"),
    QT_TRANSLATE_NOOP("JsonSyntax", "invalid number; expected digit after exponent sign"),
    QT_TRANSLATE_NOOP("JsonSyntax", "invalid comment; missing closing '*/'"),
    QT_TRANSLATE_NOOP("JsonSyntax", "invalid comment; expecting '/' or '*' after '/'"),
    QT_TRANSLATE_NOOP("JsonSyntax", "invalid BOM; must be 0xEF 0xBB 0xBF if given"),
};

// What nlohmann may say it expected; the longest first, so that a list is not cut short.
constexpr std::string_view kExpected[] = {
    "'[', '{', or a literal", "string literal", "end of input", "']'", "'}'", "':'",
};

std::string word(const std::string& english) {
  return text::translate("JsonSyntax", english.c_str());
}

}  // namespace

std::string jsonSyntaxText(const std::string& detail) {
  constexpr std::string_view kPrefix = "syntax error while parsing ";
  constexpr std::string_view kDash = " - ";
  constexpr std::string_view kExpectedPrefix = "; expected ";
  if (detail.rfind(kPrefix, 0) != 0) return word(detail);
  const std::size_t dash = detail.find(kDash, kPrefix.size());
  if (dash == std::string::npos) return detail;
  const std::string context = detail.substr(kPrefix.size(), dash - kPrefix.size());
  std::string problem = detail.substr(dash + kDash.size());
  // The parser adds "; expected X" last; a lexer's message may hold "; expected" of its own
  // ("invalid number; expected digit after '-'"), so only a known X at the very end counts.
  std::string expected;
  for (const std::string_view token : kExpected) {
    const std::string suffix = std::string(kExpectedPrefix) + std::string(token);
    if (problem.size() > suffix.size() && problem.ends_with(suffix)) {
      expected = token;
      problem.resize(problem.size() - suffix.size());
      break;
    }
  }
  if (expected.empty()) {
    return text::format(text::translate("JsonSyntax", "syntax error while parsing %1 - %2"),
                        {word(context), word(problem)});
  }
  return text::format(
      text::translate("JsonSyntax", "syntax error while parsing %1 - %2; expected %3"),
      {word(context), word(problem), word(expected)});
}

}  // namespace clusterscope::engine::loader
