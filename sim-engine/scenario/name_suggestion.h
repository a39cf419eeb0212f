#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// "Did you mean" hints for misspelt keys, names, commands and options. Pure functions.

namespace clusterscope::engine {

// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), case-blind.
std::size_t editDistance(std::string_view a, std::string_view b);

// The candidate nearest to `name` when it is close enough to be a likely typo: at most one
// edit for names up to 4 characters, two up to 8, three beyond, and fewer edits than the
// longer name has characters. Ties go to the first listed; empty when none is close.
std::optional<std::string> nearestName(std::string_view name,
                                       const std::vector<std::string>& candidates);

// " (did you mean \"x\"?)" for the nearest candidate, or "" when none is close.
std::string didYouMean(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace clusterscope::engine
