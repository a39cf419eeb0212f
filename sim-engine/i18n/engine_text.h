#pragma once

#include <functional>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

// What the engine writes for people (run reports, claims, questions, the scenario loader's
// diagnostics) in the user's language, without Qt: sim-engine is shared with the agents and has
// no Qt. Every such sentence is written whole, in English, as
//
//   text::format(text::translate("TextReport", "seed %1, %2 s simulated"), {seed, time})
//
// lupdate reads `translate("Context", "text")` in the sources, so the English literal stays
// where it is used and tools/update-translations.sh files it in
// app/translations/clusterscope-engine_fr.ts. At run time translate() asks the hook the
// application installed (app/translations/translations.cpp installs Qt's catalogue); without
// one, as in the agents and the tests, it returns the English text as it is.
//
// Numbers are formatted by the caller, with the C library's "C" locale (a decimal point), and
// passed as strings: only the words are translated.

// For texts known only at run time (the C library's error messages): marks each English text
// where lupdate finds it, as Qt's own macro does (the same definition, so either may come
// first); translate(context, text) then finds the translation of the text it is given.
#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(scope, x) x
#endif

namespace clusterscope::text {

// Returns `english` (UTF-8) in the language of the running program.
using Translator = std::function<std::string(const char* context, const char* english)>;

// Installs the hook for the whole process; an empty one means English. Call it at start-up,
// before any thread reads the engine's texts (it is not synchronised).
void setTranslator(Translator translator);

// `english` in the user's language (UTF-8). `context` groups the strings for the translators;
// both must be string literals so that lupdate finds them.
std::string translate(const char* context, const char* english);

// `pattern` with %1 ... %9 replaced by `args` in one pass (an argument that holds "%2" stays as
// it is), so that a translation may put them in another order. A % not followed by the number
// of an argument is kept.
std::string format(std::string_view pattern, std::initializer_list<std::string_view> args);
// The same, with arguments gathered at run time.
std::string format(std::string_view pattern, std::span<const std::string_view> args);

// The number of characters (UTF-8 code points) of `text`.
std::size_t width(std::string_view text);

// `text` padded with spaces to `columns` characters (UTF-8 code points, not bytes, so that
// accented words line up), on the right (`left` aligned) or on the left. Longer text is kept.
std::string pad(std::string_view text, std::size_t columns, bool left);

}  // namespace clusterscope::text
