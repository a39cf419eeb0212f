#pragma once

#include <string>

// Internal to the scenario loader: nlohmann_json's syntax errors in the user's language.

namespace clusterscope::engine::loader {

// `detail` is nlohmann's explanation without its position and without the text it last read
// ("syntax error while parsing object - unexpected end of input; expected string literal").
// Returns it with its words looked up through the translator hook (engine_text.h): the
// context, what was unexpected and what was expected, each a phrase nlohmann chooses from a
// fixed list. Unchanged without a hook, and any part not in the catalogue stays as it is.
std::string jsonSyntaxText(const std::string& detail);

}  // namespace clusterscope::engine::loader
