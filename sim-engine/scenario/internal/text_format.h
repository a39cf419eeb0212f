#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine_text.h"

// Internal to the scenario loader: how numbers and lists read in messages. The messages
// themselves are whole sentences in the user's language:
// text::format(text::translate("ScenarioLoader", "... %1 ..."), {...}) (engine_text.h).

namespace clusterscope::engine::loader {

// Shortest text that reads back as the same double: "1.5", "30", "0.000001", "1e-12",
// "1e+300".
std::string formatNumber(double value);

// A value or key from the file in quotes, cut after 64 characters: "\"replicass\"".
std::string quotedText(std::string_view text);

// "\"a\"", "\"a\" or \"b\"", "\"a\", \"b\" or \"c\"" (with `conjunction` "or").
std::string quotedList(const std::vector<std::string>& items, std::string_view conjunction);

}  // namespace clusterscope::engine::loader
