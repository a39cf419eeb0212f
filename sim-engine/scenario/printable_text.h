#pragma once

#include <cstddef>
#include <string>
#include <string_view>

// Text from outside (a scenario file, a file name) made safe to print on one line of a
// terminal or a dialog. Pure functions.

namespace clusterscope::engine {

// Control characters (C0, DEL, C1) and the Unicode line and paragraph separators become
// escapes as in JSON ("\n", "\t", "\u001b"), bytes that are not UTF-8 become "\xff"; all
// other text, including any UTF-8, is kept. The result holds no line break and nothing a
// terminal would act on.
std::string printableText(std::string_view text);

// At most `maxChars` characters (UTF-8 code points) of `text`; a longer one is cut on a
// character boundary and followed by "...". Not escaped: see printableText.
std::string shortenedText(std::string_view text, std::size_t maxChars = 64);

}  // namespace clusterscope::engine
